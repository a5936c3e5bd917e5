import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface PublishOutcomeProps {
  /** Unsaved edits: publishing would publish the saved version, so the agent saves first. */
  unsaved: boolean;
  pending: boolean;
  onPublish: () => void;
}

/** "Publier", after a confirmation that says where the outcome goes: the public page and participants' mailboxes. */
export function PublishOutcome({ unsaved, pending, onPublish }: PublishOutcomeProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button
        onClick={() => setConfirming(true)}
        disabled={unsaved}
        loading={pending}
        title={unsaved ? t('voice.outcomeEditor.publishUnsaved') : undefined}
      >
        {t('voice.outcomeEditor.publish')}
      </Button>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('voice.outcomeEditor.publishTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text>{t('voice.outcomeEditor.publishBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              data-autofocus
              onClick={() => {
                setConfirming(false);
                onPublish();
              }}
            >
              {t('voice.outcomeEditor.publishConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
