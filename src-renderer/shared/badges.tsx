import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, Priority } from '../../src-shared/schemas/common';

/**
 * The `dot` variant keeps the label in the body colour (contrast well above 4.5:1 for every status) and
 * carries the status colour in the dot, so no colour is needed to read it.
 */
const statusColors: Record<CaseStatus, MantineColor> = {
  new: 'blue',
  qualified: 'cyan',
  assigned: 'indigo',
  in_progress: 'violet',
  waiting_citizen: 'yellow',
  resolved: 'green',
  closed: 'gray',
  rejected: 'red',
  cancelled: 'gray',
  merged: 'gray',
};

const priorityColors: Record<Priority, MantineColor> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={statusColors[status]} tt="none">
      {t(`status.${status}`)}
    </Badge>
  );
}

/** `withWord` says "Priorité haute" where no column header says "Priorité". */
export function PriorityBadge({ priority, withWord = false }: { priority: Priority; withWord?: boolean }) {
  const { t } = useTranslation();
  const label = t(`priority.${priority}`);
  return (
    <Badge variant="dot" color={priorityColors[priority]} tt="none">
      {withWord ? t('common.priorityLabel', { priority: label.toLowerCase() }) : label}
    </Badge>
  );
}
