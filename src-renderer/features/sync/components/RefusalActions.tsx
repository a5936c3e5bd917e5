import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { notifySuccess } from '../../../shared/notify';
import { useDiscardRefusal, useReapplyRefusal } from '../api';
import { CopyTextButton } from './CopyTextButton';

export interface RefusalActionsProps {
  mutationId: number;
  copyText: string;
  /** The entry is about to leave the list: the page takes the focus back. */
  onResolved: () => void;
}

/** Re-apply on the current state, copy the text, or discard after a confirmation: the agent decides. */
export function RefusalActions({ mutationId, copyText, onResolved }: RefusalActionsProps) {
  const { t } = useTranslation();
  const reapply = useReapplyRefusal();
  const discard = useDiscardRefusal();
  const [confirmOpened, confirm] = useDisclosure(false);
  const onReapply = () =>
    reapply.mutate(
      { mutationId },
      {
        onSuccess: () => {
          notifySuccess(t, t('inbox.reapplied'));
          onResolved();
        },
      },
    );
  const onDiscard = () =>
    discard.mutate(
      { mutationId },
      {
        onSuccess: () => {
          confirm.close();
          notifySuccess(t, t('inbox.discarded'));
          onResolved();
        },
      },
    );
  return (
    <Stack gap="xs">
      {reapply.isError && <ErrorAlert error={reapply.error} />}
      <Group gap="sm">
        <Button onClick={onReapply} loading={reapply.isPending}>
          {t('inbox.reapply')}
        </Button>
        {copyText !== '' && <CopyTextButton text={copyText} />}
        <Button variant="default" onClick={confirm.open}>
          {t('inbox.discard')}
        </Button>
      </Group>
      <Modal
        opened={confirmOpened}
        onClose={confirm.close}
        title={t('inbox.discardTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text>{t('inbox.discardBody')}</Text>
          {discard.isError && <ErrorAlert error={discard.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={onDiscard} loading={discard.isPending}>
              {t('inbox.discardConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
