import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useSignOut } from '../api';

/** Signing out keeps the outbox on this desk; the agent is told how many changes are still waiting. */
export function SignOutDialog({ opened, onClose, pending }: { opened: boolean; onClose: () => void; pending: number }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('session.signOutTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        {pending > 0 && <Text>{t('session.signOutPending', { count: pending })}</Text>}
        {signOut.isError && <ErrorAlert error={signOut.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => signOut.mutate()} loading={signOut.isPending} data-autofocus>
            {t('session.signOut')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
