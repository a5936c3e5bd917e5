import { Skeleton, Text } from '@mantine/core';
import type { CSSProperties, KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isOverdue } from '../../../../src-shared/domain/deadline';
import type { RouterOutputs } from '../../../app/trpc';
import { PriorityBadge, StatusBadge } from '../../../shared/badges';
import { DeadlineText } from '../../../shared/DeadlineText';
import { caseGridColumns, gridTemplateColumns, ROW_HEIGHT } from './case-grid-columns';

export type CaseRow = RouterOutputs['case']['list']['rows'][number];

export interface CaseGridRowProps {
  index: number;
  start: number;
  row: CaseRow | undefined;
  focusable: boolean;
  departmentName: (id: string) => string;
  assigneeName: (id: string | null) => string;
  onOpen: (row: CaseRow) => void;
  onFocusRow: (index: number) => void;
  now: Date;
}

function rowStyle(start: number, overdue: boolean): CSSProperties {
  return {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    height: ROW_HEIGHT,
    transform: `translateY(${start}px)`,
    display: 'grid',
    gridTemplateColumns,
    alignItems: 'center',
    columnGap: 12,
    padding: '0 12px',
    borderBottom: '1px solid var(--mantine-color-gray-3)',
    background: overdue ? 'var(--mantine-color-red-0)' : undefined,
    cursor: 'pointer',
  };
}

export function CaseGridRow({ index, start, row, focusable, departmentName, assigneeName, onOpen, onFocusRow, now }: CaseGridRowProps) {
  const { t } = useTranslation();
  // Row 1 of the grid is the header: data rows start at 2.
  const common = {
    role: 'row',
    'aria-rowindex': index + 2,
    'data-row-index': index,
    tabIndex: focusable ? 0 : -1,
  } as const;
  if (row === undefined) {
    return (
      <div {...common} aria-busy="true" style={rowStyle(start, false)} onFocus={() => onFocusRow(index)}>
        <div role="gridcell" style={{ gridColumn: '1 / -1' }}>
          <Skeleton height={14} width="60%" aria-label={t('common.loading')} />
        </div>
      </div>
    );
  }
  const overdue = isOverdue(row.deadline, row.status, now);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(row);
    }
  };
  const cells = rowCells(row, t('cases.noCitizen'), departmentName, assigneeName, now);
  return (
    <div
      {...common}
      className="case-grid-row"
      style={rowStyle(start, overdue)}
      onClick={() => onOpen(row)}
      onKeyDown={onKeyDown}
      onFocus={() => onFocusRow(index)}
    >
      {caseGridColumns.map((column) => (
        <div key={column.key} role="gridcell" style={{ minWidth: 0, overflow: 'hidden' }}>
          {cells[column.key]}
        </div>
      ))}
    </div>
  );
}

type ColumnKey = (typeof caseGridColumns)[number]['key'];

function rowCells(
  row: CaseRow,
  noCitizen: string,
  departmentName: (id: string) => string,
  assigneeName: (id: string | null) => string,
  now: Date,
): Record<ColumnKey, ReactNode> {
  return {
    trackingCode: (
      <Text ff="monospace" fw={700} size="sm">
        {row.trackingCode}
      </Text>
    ),
    subject: (
      <div style={{ minWidth: 0 }}>
        <Text size="sm" truncate="end">
          {row.subject}
        </Text>
        <Text size="xs" c="dimmed" truncate="end">
          {row.citizenName ?? noCitizen}
        </Text>
      </div>
    ),
    department: (
      <Text size="sm" truncate="end">
        {departmentName(row.departmentId)}
      </Text>
    ),
    status: <StatusBadge status={row.status} />,
    priority: <PriorityBadge priority={row.priority} />,
    deadline: <DeadlineText deadline={row.deadline} status={row.status} size="sm" withDaysLeft now={now} />,
    assignee: (
      <Text size="sm" truncate="end">
        {assigneeName(row.assigneeId)}
      </Text>
    ),
  };
}
