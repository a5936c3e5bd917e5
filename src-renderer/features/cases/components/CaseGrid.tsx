import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../../app/router';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useAgentMap, useDepartmentMap } from '../../../shared/reference-api';
import { useCaseListPages } from '../api';
import { pageOf, pagesForRange } from '../list-pages';
import type { CaseListView } from '../store';
import { caseGridColumns, gridTemplateColumns, HEADER_HEIGHT, MIN_WIDTH, ROW_HEIGHT } from './case-grid-columns';
import { CaseGridRow, type CaseRow } from './CaseGridRow';
import { useGridKeyboard } from './use-grid-keyboard';

/**
 * The case list as an ARIA grid, virtualised: only the rows on screen exist in the DOM, and only their
 * pages (100 rows each) are fetched, so 100,000 matching cases scroll like 100.
 */
export function CaseGrid({ view }: { view: CaseListView }) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState({ first: 0, last: 30 });
  const pages = pagesForRange(range.first, range.last);
  const results = useCaseListPages(view, pages);
  const total = results[0]?.data?.total;
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The sticky header row sits above the rows inside the same scroll container.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    onChange: (instance) => {
      const items = instance.getVirtualItems();
      const first = items[0]?.index ?? 0;
      const last = items[items.length - 1]?.index ?? 0;
      setRange((current) => (current.first === first && current.last === last ? current : { first, last }));
    },
  });
  const keyboard = useGridKeyboard(total ?? 0, scrollRef, (index) => virtualizer.scrollToIndex(index, { align: 'auto' }));
  const departments = useDepartmentMap();
  const agents = useAgentMap();

  const rowAt = (index: number): CaseRow | undefined => {
    const { page, offset } = pageOf(index);
    return results[pages.indexOf(page)]?.data?.rows[offset];
  };
  const open = (row: CaseRow) => navigate({ name: 'case', id: row.id });

  const now = new Date();

  const failed = results.find((result) => result.isError);
  if (failed !== undefined) return <ErrorAlert error={failed.error} />;
  return (
    <div
      role="grid"
      aria-label={t('cases.gridLabel')}
      aria-rowcount={total === undefined ? -1 : total + 1}
      aria-colcount={caseGridColumns.length}
      aria-busy={total === undefined}
    >
      <div
        ref={scrollRef}
        onKeyDown={keyboard.onKeyDown}
        style={{ height: 'max(320px, calc(100dvh - 350px))', overflow: 'auto', position: 'relative' }}
      >
        <GridHeader view={view} />
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: MIN_WIDTH }}>
          {total === 0 && (
            <div role="row">
              <Text role="gridcell" p="md">
                {t('cases.empty')}
              </Text>
            </div>
          )}
          {virtualizer.getVirtualItems().map((item) => (
            <CaseGridRow
              key={item.key}
              index={item.index}
              start={item.start - HEADER_HEIGHT}
              row={rowAt(item.index)}
              focusable={item.index === keyboard.focusedIndex}
              departmentName={(id) => departments.get(id)?.name ?? ''}
              assigneeName={(id) => (id === null ? t('cases.unassigned') : (agents.get(id)?.name ?? ''))}
              onOpen={open}
              onFocusRow={keyboard.setFocusedIndex}
              now={now}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

function GridHeader({ view }: { view: CaseListView }) {
  const { t } = useTranslation();
  return (
    <div role="rowgroup" style={{ position: 'sticky', top: 0, zIndex: 1, minWidth: MIN_WIDTH }}>
      <div
        role="row"
        aria-rowindex={1}
        style={{
          display: 'grid',
          gridTemplateColumns,
          alignItems: 'center',
          columnGap: 12,
          padding: '0 12px',
          height: HEADER_HEIGHT,
          borderBottom: '2px solid var(--mantine-color-gray-4)',
          background: 'var(--mantine-color-gray-0)',
        }}
      >
        {caseGridColumns.map((column) => (
          <div
            key={column.key}
            role="columnheader"
            aria-sort={column.sort === view.sort.field ? (view.sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
          >
            <Text size="sm" fw={700}>
              {t(column.label)}
            </Text>
          </div>
        ))}
      </div>
    </div>
  );
}
