import { Container, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SignOutButton } from '../features/session';
import { percentOf, SyncStatusIndicator, syncState, type SyncStatus } from '../features/sync';
import { PublicHeader } from '../shared/PublicHeader';

/** Signed in, nothing on this desk yet: the workspace opens once the first sync has brought the data. */
export function InitialSyncPage({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const percent = percentOf(status.progress);
  const state = syncState(status);
  return (
    <>
      <PublicHeader />
      <main>
        <Container size="sm" py="xl">
          <Stack gap="lg">
            <Title order={1}>{t('sync.initialTitle')}</Title>
            <Text>{t('sync.initialHint')}</Text>
            <Paper withBorder p="md">
              <Stack gap="sm">
                <Text fw={700}>{t('sync.initialProgress', { percent })}</Text>
                <Progress
                  value={percent}
                  size="lg"
                  striped
                  animated={status.progress === null}
                  aria-label={t('sync.initialProgress', { percent })}
                />
                {state === 'offline' && <Text>{t('sync.initialOffline')}</Text>}
                {state === 'upgradeRequired' && <Text>{t('sync.upgradeHint')}</Text>}
              </Stack>
            </Paper>
            <Group justify="space-between">
              <SyncStatusIndicator status={status} withProgress={false} />
              <SignOutButton pending={status.pending} />
            </Group>
          </Stack>
        </Container>
      </main>
    </>
  );
}
