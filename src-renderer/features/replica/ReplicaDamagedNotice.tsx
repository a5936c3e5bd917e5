import { Alert, Box } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../app/trpc';
import { payloadMessage } from '../../shared/errors';

/**
 * Shown over every screen (sign-in included) after the main core found the replica file damaged, set it
 * aside and rebuilt it (src-main/db/damaged-replica.ts), until the agent closes it; and, without a close
 * button, when damage was met while working (src-main/db/damage-marker.ts): only a restart rebuilds it.
 */
export function ReplicaDamagedNotice() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notice = useQuery(trpc.replica.notice.queryOptions());
  const dismiss = useMutation(
    trpc.replica.dismissNotice.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.replica.notice.queryKey() }),
    }),
  );
  if (notice.data === undefined || notice.data === null) return null;
  return (
    <Box pos="fixed" top={8} left={8} right={8} style={{ zIndex: 400 }}>
      <Alert
        color="orange"
        variant="filled"
        role="alert"
        withCloseButton={notice.data.code === 'REPLICA_DAMAGED'}
        closeButtonLabel={t('common.close')}
        onClose={() => dismiss.mutate()}
      >
        {payloadMessage(t, notice.data)}
      </Alert>
    </Box>
  );
}
