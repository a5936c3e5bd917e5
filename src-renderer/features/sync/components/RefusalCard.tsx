import { Box, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format';
import type { RefusedChange } from '../api';
import { describeRefusal, type Lookups } from '../refusal-view';
import { CurrentState } from './CurrentState';
import { RefusalActions } from './RefusalActions';
import { ValueList } from './ValueList';

function Side({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** One refused change: what, when, why, what the agent entered beside what is there now, and the choices. */
export function RefusalCard({ entry, lookups, onResolved }: { entry: RefusedChange; lookups: Lookups; onResolved: () => void }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const view = describeRefusal(entry, t, i18n.language, lookups);
  return (
    <Paper component="article" aria-labelledby={titleId} withBorder p="md">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id={titleId}>
            {view.title}
          </Title>
          <Text size="sm">
            {t('inbox.enteredOn', {
              date: formatDateTime(entry.createdAt, i18n.language),
              refused: formatDateTime(entry.refusedAt, i18n.language),
            })}
          </Text>
        </div>
        <Box p="sm" bg="orange.0" bdrs="sm" style={{ borderLeft: '4px solid var(--mantine-color-orange-8)' }}>
          <Text size="sm" fw={700}>
            {t('inbox.reason')}
          </Text>
          <Text size="sm">{view.reason}</Text>
        </Box>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <Side title={t('inbox.entered')}>
            {view.rows === null ? <Text size="sm">{t('inbox.unreadable')}</Text> : <ValueList items={view.rows} />}
          </Side>
          <Side title={t('inbox.current')}>
            <CurrentState target={view.target} />
          </Side>
        </SimpleGrid>
        <RefusalActions mutationId={entry.mutationId} copyText={view.copyText} onResolved={onResolved} />
      </Stack>
    </Paper>
  );
}
