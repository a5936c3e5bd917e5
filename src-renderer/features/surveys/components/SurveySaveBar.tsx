import { Alert, Button, Group, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../../app/trpc';
import { navigate } from '../../../app/router';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { guichetErrorOf } from '../../../shared/errors';
import { notifySuccess } from '../../../shared/notify';
import { useCurrentAgent } from '../../session';
import { useSaveSurvey } from '../api';
import { draftOf, saveInputOf } from '../draft';
import { useStoredSurvey, useSurveyDesignerStore, useSurveyDraft } from '../store';
import { SurveyStatusActions } from './SurveyStatusActions';

/**
 * Saves the draft as the survey's next version, or refuses with the version found (VERSION_CONFLICT): the
 * agent then reloads the saved version; nothing is merged behind their back.
 */
export function SurveySaveBar({ departmentId }: { departmentId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const agent = useCurrentAgent();
  const draft = useSurveyDraft();
  const stored = useStoredSurvey();
  const { saved, load } = useSurveyDesignerStore.getState();
  const save = useSaveSurvey();
  const input = saveInputOf(draft, stored, departmentId);
  const dirty = stored === null || JSON.stringify(saveInputOf(draftOf(stored), stored, departmentId)) !== JSON.stringify(input);
  const conflict = guichetErrorOf(save.error);

  const submit = () =>
    save.mutate(input, {
      onSuccess: (result) => {
        notifySuccess(t, t('surveys.saved'));
        if (stored === null) return navigate({ name: 'survey', id: result.id });
        saved({
          ...stored,
          purpose: input.purpose,
          definition: input.definition,
          anonymity: input.anonymity,
          opensOn: input.opensOn,
          closesOn: input.closesOn,
          version: result.version,
        });
      },
    });
  const reload = async () => {
    if (stored === null) return;
    const fresh = await queryClient.fetchQuery({ ...trpc.survey.detail.queryOptions({ id: stored.id }), staleTime: 0 });
    load(draftOf(fresh.survey), agent.id, fresh.survey);
    save.reset();
  };

  return (
    <Stack gap="xs">
      <Group gap="xs" justify="space-between">
        <Button onClick={submit} loading={save.isPending} disabled={!dirty}>
          {t('surveys.save')}
        </Button>
        <SurveyStatusActions dirty={dirty} />
      </Group>
      {conflict?.code === 'VERSION_CONFLICT' ? (
        <Alert color="orange" variant="light" role="alert" title={t('common.errorTitle')}>
          <Stack gap="xs" align="flex-start">
            {t('surveys.conflict', conflict.args)}
            <Button variant="default" onClick={() => void reload()}>
              {t('surveys.reload')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        save.isError && <ErrorAlert error={save.error} />
      )}
    </Stack>
  );
}
