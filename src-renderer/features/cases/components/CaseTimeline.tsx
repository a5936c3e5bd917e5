import { Text, Timeline, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '../../../../src-shared/schemas/entities';
import { formatDateTime } from '../../../shared/format';
import { useAgentMap } from '../../../shared/reference-api';
import { caseStatusSchema, channelSchema } from '../../../../src-shared/schemas/common';

function text(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** What a public reply's `data.delivery` says of its email (the central service's voice mail job writes it). */
const deliveryLabels: Record<string, 'replyPending' | 'replySent' | 'replyFailed' | 'replyNotEmailed'> = {
  pending: 'replyPending',
  sent: 'replySent',
  failed: 'replyFailed',
  none: 'replyNotEmailed',
};

/** What happened to the case, oldest first: who, when, the status move, the words written. */
export function CaseTimeline({ events }: { events: readonly CaseEvent[] }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const agents = useAgentMap();
  const statusLabel = (value: string | null) => {
    const parsed = caseStatusSchema.safeParse(value);
    return parsed.success ? t(`status.${parsed.data}`) : '';
  };
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} id={headingId} mb="sm">
        {t('caseDetail.timeline')}
      </Title>
      <Timeline active={events.length - 1} bulletSize={14} lineWidth={2}>
        {events.map((event) => {
          const who = event.agentId === null ? t('caseDetail.system') : (agents.get(event.agentId)?.name ?? t('caseDetail.unknownAgent'));
          const from = text(event.data, 'from');
          const to = text(event.data, 'to');
          const assigneeId = text(event.data, 'assigneeId');
          const body = text(event.data, 'body') ?? text(event.data, 'comment');
          const channel = event.type === 'created' ? channelSchema.safeParse(event.data.channel) : null;
          const delivery = event.type === 'public_reply' ? (deliveryLabels[text(event.data, 'delivery') ?? ''] ?? null) : null;
          return (
            <Timeline.Item key={event.id} title={<Text fw={700}>{t(`eventType.${event.type}`)}</Text>}>
              <Text size="sm">{t('caseDetail.byAt', { who, at: formatDateTime(event.at, i18n.language) })}</Text>
              {channel?.success === true && <Text size="sm">{t('caseDetail.channel', { channel: t(`channel.${channel.data}`) })}</Text>}
              {from !== null && to !== null && (
                <Text size="sm">{t('caseDetail.statusMove', { from: statusLabel(from), to: statusLabel(to) })}</Text>
              )}
              {assigneeId !== null && (
                <Text size="sm">{t('caseDetail.assignedTo', { name: agents.get(assigneeId)?.name ?? t('caseDetail.unknownAgent') })}</Text>
              )}
              {delivery !== null && (
                <Text size="sm" fs="italic">
                  {t(`caseDetail.${delivery}`)}
                </Text>
              )}
              {body !== null && (
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  {body}
                </Text>
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </section>
  );
}
