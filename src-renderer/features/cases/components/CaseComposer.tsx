import { Button, Group, Stack, Tabs, Textarea, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../../shared/notify';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useCommentCase } from '../api';

type Visibility = 'internal' | 'public';

/** Internal note or reply to the citizen, each in its own tab with its own draft. */
export function CaseComposer({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} id={headingId} mb="sm">
        {t('caseDetail.write')}
      </Title>
      <Tabs defaultValue="internal" keepMounted>
        <Tabs.List>
          <Tabs.Tab value="internal">{t('eventType.internal_note')}</Tabs.Tab>
          <Tabs.Tab value="public">{t('eventType.public_reply')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="internal" pt="sm">
          <Composer caseId={caseId} visibility="internal" />
        </Tabs.Panel>
        <Tabs.Panel value="public" pt="sm">
          <Composer caseId={caseId} visibility="public" />
        </Tabs.Panel>
      </Tabs>
    </section>
  );
}

function Composer({ caseId, visibility }: { caseId: string; visibility: Visibility }) {
  const { t } = useTranslation();
  const comment = useCommentCase();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (body.trim() === '') {
      setError(t('fieldErrors.required'));
      return;
    }
    setError(null);
    comment.mutate(
      { caseId, visibility, body },
      {
        onSuccess: () => {
          setBody('');
          notifySuccess(t, t(visibility === 'internal' ? 'caseDetail.noteAdded' : 'caseDetail.replyRecorded'));
        },
      },
    );
  };
  return (
    <Stack gap="sm">
      <Textarea
        label={t(visibility === 'internal' ? 'caseDetail.noteLabel' : 'caseDetail.replyLabel')}
        description={t(visibility === 'internal' ? 'caseDetail.noteHint' : 'caseDetail.replyHint')}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={10}
        error={error}
      />
      {comment.isError && <ErrorAlert error={comment.error} />}
      <Group justify="flex-end">
        <Button onClick={submit} loading={comment.isPending}>
          {t(visibility === 'internal' ? 'caseDetail.addNote' : 'caseDetail.recordReply')}
        </Button>
      </Group>
    </Stack>
  );
}
