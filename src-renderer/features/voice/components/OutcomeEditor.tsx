import { Alert, Button, Group, MultiSelect, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outcome } from '../../../../src-shared/schemas/voice';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { errorMessage, guichetErrorOf } from '../../../shared/errors';
import { notifySuccess } from '../../../shared/notify';
import { useOutcomes, usePublishOutcome, useSaveOutcome, type VoiceSurvey } from '../api';
import { missingFields, outcomeDraft, outcomeFields, type OutcomeDraft } from '../outcome-draft';
import { LinkedCasesField } from './LinkedCasesField';
import { PublishOutcome } from './PublishOutcome';

export interface OutcomeEditorProps {
  /** Null: a new outcome, for one of `departments`. */
  outcome: Outcome | null;
  departments: readonly { id: string; name: string }[];
  surveys: readonly VoiceSurvey[];
  onClose: () => void;
}

/**
 * Writes an outcome (title and text in French and English, linked surveys and cases) and publishes it. Saving
 * is a compare-and-set on the version the agent edited: on VERSION_CONFLICT the agent reloads the current one.
 */
export function OutcomeEditor({ outcome, departments, surveys, onClose }: OutcomeEditorProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const outcomes = useOutcomes();
  const save = useSaveOutcome();
  const publish = usePublishOutcome();
  const [draft, setDraft] = useState<OutcomeDraft>(() => outcomeDraft(outcome, departments[0]?.id ?? ''));
  // The saved outcome the draft was read from or written to (null until a new one is first saved).
  const [base, setBase] = useState(() => (outcome === null ? null : { id: outcome.id, version: outcome.version, status: outcome.status }));
  const [dirty, setDirty] = useState(false);
  const [checked, setChecked] = useState(false);
  const edit = (change: Partial<OutcomeDraft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setDirty(true);
  };
  const failure = save.error ?? publish.error;
  const conflict = guichetErrorOf(failure)?.code === 'VERSION_CONFLICT';
  const missing = checked ? missingFields(draft) : [];

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (missingFields(draft).length > 0) return;
    publish.reset();
    save.mutate(
      { id: base?.id ?? null, expectedVersion: base?.version ?? null, ...outcomeFields(draft) },
      {
        onSuccess: (saved) => {
          setBase({ id: saved.id, version: saved.version, status: base?.status ?? 'draft' });
          setDirty(false);
          notifySuccess(t, t('voice.outcomeEditor.saved'));
        },
      },
    );
  };

  const publishSaved = () => {
    if (base === null) return;
    save.reset();
    publish.mutate(
      { id: base.id, expectedVersion: base.version },
      {
        onSuccess: (published) => {
          setBase({ id: published.id, version: published.version, status: 'published' });
          notifySuccess(t, t('voice.outcomeEditor.publishedNotice'));
        },
      },
    );
  };

  const reload = async () => {
    const fresh = await outcomes.refetch();
    const current = fresh.data?.find((candidate) => candidate.id === base?.id);
    if (current === undefined) return;
    setDraft(outcomeDraft(current, current.departmentId));
    setBase({ id: current.id, version: current.version, status: current.status });
    setDirty(false);
    save.reset();
    publish.reset();
  };

  const surveyData = surveys.map((survey) => ({ value: survey.id, label: survey.title || survey.id }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h3" id={headingId}>
            {base === null ? t('voice.outcomeEditor.createTitle') : t('voice.outcomeEditor.editTitle')}
          </Title>
          {departments.length > 1 && (
            <NativeSelect
              label={t('voice.department')}
              disabled={base !== null}
              value={draft.departmentId}
              data={departments.map((department) => ({ value: department.id, label: department.name }))}
              onChange={(event) => edit({ departmentId: event.currentTarget.value })}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={`${t('voice.outcomeEditor.titleField')} (${t('voice.french')})`}
              required
              maxLength={200}
              value={draft.titleFr}
              error={missing.includes('titleFr') ? t('fieldErrors.required') : undefined}
              onChange={(event) => edit({ titleFr: event.currentTarget.value })}
            />
            <TextInput
              label={`${t('voice.outcomeEditor.titleField')} (${t('voice.english')})`}
              description={t('voice.englishHint')}
              maxLength={200}
              value={draft.titleEn}
              onChange={(event) => edit({ titleEn: event.currentTarget.value })}
            />
            <Textarea
              label={`${t('voice.outcomeEditor.body')} (${t('voice.french')})`}
              description={t('voice.outcomeEditor.bodyHint')}
              required
              autosize
              minRows={4}
              maxRows={14}
              maxLength={5000}
              value={draft.bodyFr}
              error={missing.includes('bodyFr') ? t('fieldErrors.required') : undefined}
              onChange={(event) => edit({ bodyFr: event.currentTarget.value })}
            />
            <Textarea
              label={`${t('voice.outcomeEditor.body')} (${t('voice.english')})`}
              description={t('voice.englishHint')}
              autosize
              minRows={4}
              maxRows={14}
              maxLength={5000}
              value={draft.bodyEn}
              onChange={(event) => edit({ bodyEn: event.currentTarget.value })}
            />
          </SimpleGrid>
          <MultiSelect
            label={t('voice.outcomeEditor.surveys')}
            description={t('voice.outcomeEditor.surveysHint')}
            searchable
            nothingFoundMessage={t('voice.outcomeEditor.noSurveyFound')}
            data={surveyData}
            value={draft.surveyIds}
            onChange={(surveyIds) => edit({ surveyIds })}
          />
          <LinkedCasesField
            caseIds={draft.caseIds}
            departmentId={draft.departmentId === '' ? null : draft.departmentId}
            onChange={(caseIds) => edit({ caseIds })}
          />
          {conflict ? (
            <Alert color="orange" variant="light" role="alert" title={t('voice.outcomeEditor.conflictTitle')}>
              <Stack gap="xs">
                <Text fz="sm">{errorMessage(t, failure)}</Text>
                <Text fz="sm">{t('voice.outcomeEditor.reloadHint')}</Text>
                <Button variant="default" w="fit-content" onClick={() => void reload()}>
                  {t('voice.outcomeEditor.reload')}
                </Button>
              </Stack>
            </Alert>
          ) : (
            failure !== null && <ErrorAlert error={failure} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('voice.outcomeEditor.close')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={conflict}>
              {t('voice.outcomeEditor.save')}
            </Button>
            {base !== null && base.status === 'draft' && (
              <PublishOutcome unsaved={dirty || conflict} pending={publish.isPending} onPublish={publishSaved} />
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
