import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { openStatuses } from '../../src-shared/domain/case-status';
import { daysLeft, isOverdue } from '../../src-shared/domain/deadline';
import type { CaseStatus } from '../../src-shared/schemas/common';
import { formatDate } from './format';

export interface DeadlineTextProps {
  deadline: string | null;
  status: CaseStatus;
  /** Adds "in 3 days" / "overdue" after the date. */
  withDaysLeft?: boolean;
  size?: 'xs' | 'sm' | 'md';
  now?: Date;
}

/** A deadline as agents read it; overdue ones in red and bold, with words, never by colour alone. */
export function DeadlineText({ deadline, status, withDaysLeft = false, size = 'sm', now = new Date() }: DeadlineTextProps) {
  const { t, i18n } = useTranslation();
  if (deadline === null) return <Text size={size}>{t('deadline.none')}</Text>;
  const overdue = isOverdue(deadline, status, now);
  const date = formatDate(deadline, i18n.language);
  if (overdue) {
    return (
      <Text size={size} c="red.9" fw={700}>
        {withDaysLeft ? t('deadline.overdueSince', { date, count: -daysLeft(deadline, now) }) : t('deadline.overdueShort', { date })}
      </Text>
    );
  }
  if (status === 'waiting_citizen') return <Text size={size}>{t('deadline.paused', { date })}</Text>;
  if (!withDaysLeft || !openStatuses.includes(status)) return <Text size={size}>{date}</Text>;
  const left = daysLeft(deadline, now);
  return <Text size={size}>{left === 0 ? t('deadline.today', { date }) : t('deadline.inDays', { date, count: left })}</Text>;
}
