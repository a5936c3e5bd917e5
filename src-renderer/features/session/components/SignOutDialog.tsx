import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useSignOut } from '../api';

/**
 * Signing out sends the agent's changes first, under their name; those it cannot send (offline) are only
 * kept on this desk, for the agent's next session here, once the agent says so.
 */
export function SignOutDialog({ opened, onClose, pending }: { opened: boolean; onClose: () => void; pending: number }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  // The sign-out tried to send the changes first: those it could not send wait for the agent's decision.
  const unsent = signOut.data?.signedOut === false ? signOut.data.pending : null;
  return (
    <Modal opened={opened} onClose={onClose} title={t('session.signOutTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        {unsent === null && pending > 0 && <Text>{t('session.signOutPending', { count: pending })}</Text>}
        {unsent !== null && <Text role="alert">{t('session.signOutUnsent', { count: unsent })}</Text>}
        {signOut.isError && <ErrorAlert error={signOut.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {unsent === null ? (
            <Button onClick={() => signOut.mutate({})} loading={signOut.isPending} data-autofocus>
              {t('session.signOut')}
            </Button>
          ) : (
            <Button onClick={() => signOut.mutate({ keep: true })} loading={signOut.isPending} data-autofocus>
              {t('session.signOutKeep')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
