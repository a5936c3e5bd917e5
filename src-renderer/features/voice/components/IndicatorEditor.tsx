import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyIndicator } from '../../../../src-shared/schemas/voice';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { notifySuccess } from '../../../shared/notify';
import { useSaveIndicator } from '../api';
import type { ClosedQuestion } from '../closed-questions';
import { emptySource, indicatorDraft, sourcesToSave, type IndicatorDraft } from '../indicator-draft';
import { SourceFields } from './SourceFields';

export interface IndicatorEditorProps {
  departmentId: string;
  /** Null: a new indicator. */
  indicator: SurveyIndicator | null;
  surveys: readonly { id: string; title: string }[];
  questions: ReadonlyMap<string, ClosedQuestion[]>;
  onClose: () => void;
}

/** Creates or edits an indicator: its name in French and English, and the closed questions that feed it. */
export function IndicatorEditor({ departmentId, indicator, surveys, questions, onClose }: IndicatorEditorProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const save = useSaveIndicator();
  const [draft, setDraft] = useState<IndicatorDraft>(() => indicatorDraft(indicator));
  const [incomplete, setIncomplete] = useState(false);
  const edit = (change: Partial<IndicatorDraft>) => setDraft((current) => ({ ...current, ...change }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const sources = sourcesToSave(draft);
    if (sources === null || draft.labelFr.trim() === '') {
      setIncomplete(true);
      return;
    }
    setIncomplete(false);
    save.mutate(
      { id: indicator?.id ?? null, departmentId, label: { fr: draft.labelFr.trim(), en: draft.labelEn.trim() }, sources },
      {
        onSuccess: () => {
          notifySuccess(t, t('voice.indicatorEditor.saved'));
          onClose();
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h3" id={headingId}>
            {indicator === null ? t('voice.indicatorEditor.createTitle') : t('voice.indicatorEditor.editTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={`${t('voice.indicatorEditor.label')} (${t('voice.french')})`}
              description={t('voice.indicatorEditor.labelHint')}
              required
              maxLength={200}
              value={draft.labelFr}
              error={incomplete && draft.labelFr.trim() === '' ? t('fieldErrors.required') : undefined}
              onChange={(event) => edit({ labelFr: event.currentTarget.value })}
            />
            <TextInput
              label={`${t('voice.indicatorEditor.label')} (${t('voice.english')})`}
              description={t('voice.englishHint')}
              maxLength={200}
              value={draft.labelEn}
              onChange={(event) => edit({ labelEn: event.currentTarget.value })}
            />
          </SimpleGrid>
          <Title order={3} size="h4">
            {t('voice.indicatorEditor.sources')}
          </Title>
          {surveys.length === 0 && <Text c="dimmed">{t('voice.indicatorEditor.noSurvey')}</Text>}
          {draft.sources.map((source, index) => (
            <SourceFields
              key={index}
              number={index + 1}
              source={source}
              surveys={surveys}
              questions={source.surveyId === null ? [] : (questions.get(source.surveyId) ?? [])}
              onChange={(changed) => edit({ sources: draft.sources.map((current, at) => (at === index ? changed : current)) })}
              onRemove={draft.sources.length > 1 ? () => edit({ sources: draft.sources.filter((_, at) => at !== index) }) : undefined}
            />
          ))}
          <Button variant="default" w="fit-content" onClick={() => edit({ sources: [...draft.sources, emptySource()] })}>
            {t('voice.indicatorEditor.addSource')}
          </Button>
          {incomplete && (
            <Alert color="orange" variant="light" role="alert">
              {t('voice.indicatorEditor.incomplete')}
            </Alert>
          )}
          {save.isError && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('voice.indicatorEditor.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
