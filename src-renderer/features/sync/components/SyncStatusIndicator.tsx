import { Badge, Button, Group, Progress, Stack, Text, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/errors';
import { notifyError } from '../../../shared/notify';
import { useNow } from '../../../shared/use-now';
import { useSyncNow, type SyncStatus } from '../api';
import { failureText, lastSyncText, pendingText, percentOf, syncState, type SyncState } from '../status-text';

const stateColors: Record<SyncState, MantineColor> = {
  standalone: 'gray',
  online: 'green',
  offline: 'red',
  upgradeRequired: 'orange',
  failing: 'orange',
};

/**
 * Always in the header: online or not (in words, the dot only repeats it), what is waiting to be sent,
 * when the last sync succeeded, a bar while a long sync runs, and a way to sync at once.
 */
export function SyncStatusIndicator({ status, withProgress = true }: { status: SyncStatus; withProgress?: boolean }) {
  const { t } = useTranslation();
  const state = syncState(status);
  const label = t(`sync.${state}`);
  return (
    <Group gap="xs" wrap="nowrap" role="group" aria-label={t('sync.label')} style={{ flexShrink: 0 }}>
      <Badge
        role="status"
        aria-label={t('sync.state', { state: label })}
        variant="dot"
        color={stateColors[state]}
        tt="none"
        size="lg"
        style={{ flexShrink: 0 }}
      >
        {label}
      </Badge>
      {status.configured && <SyncDetails status={status} withProgress={withProgress} />}
    </Group>
  );
}

/** `withProgress` false where the page shows its own bar (first sync). */
function SyncDetails({ status, withProgress }: { status: SyncStatus; withProgress: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow(20_000);
  const syncNow = useSyncNow();
  const percent = percentOf(status.progress);
  const failure = failureText(t, status);
  const onSyncNow = () => syncNow.mutate(undefined, { onError: (error) => notifyError(t, errorMessage(t, error)) });
  return (
    <>
      <Stack gap={2} style={{ whiteSpace: 'nowrap' }}>
        <Text size="xs" fw={600} lh={1.2}>
          {pendingText(t, status.pending)}
        </Text>
        {failure !== null && (
          <Text size="xs" lh={1.2} c="dimmed">
            {failure}
          </Text>
        )}
        {status.progress === null || !withProgress ? (
          <Text size="xs" lh={1.2}>
            <time dateTime={status.lastSyncAt ?? undefined}>{lastSyncText(t, status.lastSyncAt, now, i18n.language)}</time>
          </Text>
        ) : (
          <>
            <Text size="xs" lh={1.2}>
              {t('sync.progress', { percent })}
            </Text>
            <Progress size="xs" value={percent} aria-label={t('sync.progress', { percent })} w={150} />
          </>
        )}
      </Stack>
      <Button
        size="compact-sm"
        variant="default"
        onClick={onSyncNow}
        loading={syncNow.isPending}
        disabled={!status.signedIn}
        style={{ flexShrink: 0 }}
      >
        {t('sync.now')}
      </Button>
    </>
  );
}
