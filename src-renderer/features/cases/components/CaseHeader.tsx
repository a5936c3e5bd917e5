import { Anchor, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouterOutputs } from '../../../app/trpc';
import { routeHref } from '../../../app/router';
import { PriorityBadge, StatusBadge } from '../../../shared/badges';
import { DeadlineText } from '../../../shared/DeadlineText';
import { formatDateTime, fullName } from '../../../shared/format';
import { useAgentMap } from '../../../shared/reference-api';

type CaseDetail = RouterOutputs['case']['detail'];

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={700}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const agents = useAgentMap();
  const { case: current, citizen, category, department } = detail;
  const assignee = current.assigneeId === null ? t('cases.unassigned') : (agents.get(current.assigneeId)?.name ?? '');
  return (
    <Stack gap="sm">
      <Group gap="md" align="center">
        <Title order={1} ff="monospace" lts="0.08em">
          {current.trackingCode}
        </Title>
        <StatusBadge status={current.status} />
        <PriorityBadge priority={current.priority} withWord />
      </Group>
      <Text size="lg" fw={600}>
        {current.subject}
      </Text>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 4 }} m={0}>
        <Fact label={t('case.department')}>{department?.name ?? ''}</Fact>
        <Fact label={t('case.category')}>{category?.label ?? ''}</Fact>
        <Fact label={t('case.deadline')}>
          <DeadlineText deadline={current.deadline} status={current.status} withDaysLeft />
        </Fact>
        <Fact label={t('case.citizen')}>
          {citizen === null ? (
            t('cases.noCitizen')
          ) : (
            <Anchor href={routeHref({ name: 'citizen', id: citizen.id })} size="sm">
              {fullName(citizen)}
            </Anchor>
          )}
        </Fact>
        <Fact label={t('case.channel')}>{t(`channel.${current.channel}`)}</Fact>
        <Fact label={t('case.assignee')}>{assignee}</Fact>
        <Fact label={t('case.createdAt')}>{formatDateTime(current.createdAt, i18n.language)}</Fact>
        <Fact label={t('case.address')}>{current.address ?? t('common.none')}</Fact>
      </SimpleGrid>
      {current.description !== '' && <Text style={{ whiteSpace: 'pre-wrap' }}>{current.description}</Text>}
    </Stack>
  );
}
