import { Button, Fieldset, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Survey, SurveyAnswers } from '../../../../src-shared/schemas/surveys';
import { importSurveyJson, isQuestion, textIn, type Question } from '../../../../src-shared/surveys';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { notifySuccess } from '../../../shared/notify';
import { useRecordResponse } from '../api';

type Closed = Extract<Question, { kind: 'singleChoice' | 'rating' | 'nps' | 'yesNo' }>;

/** The options of a closed question, as values a select gives back as text. */
function optionsOf(question: Closed, language: 'fr' | 'en'): { value: string; label: string }[] {
  switch (question.kind) {
    case 'singleChoice':
      return question.choices.map((choice) => ({
        value: String(choice.value),
        label: choice.text === null ? String(choice.value) : textIn(choice.text, language),
      }));
    case 'rating':
      return Array.from({ length: question.scale }, (_, index) => ({ value: String(index + 1), label: String(index + 1) }));
    case 'nps':
      return Array.from({ length: 11 }, (_, index) => ({ value: String(index), label: String(index) }));
    case 'yesNo':
      return [
        { value: 'true', label: language === 'en' ? 'Yes' : 'Oui' },
        { value: 'false', label: language === 'en' ? 'No' : 'Non' },
      ];
  }
}

function valueOf(question: Closed, text: string): string | number | boolean {
  if (question.kind === 'yesNo') return text === 'true';
  if (question.kind === 'singleChoice') return question.choices.find((choice) => String(choice.value) === text)?.value ?? text;
  return Number(text);
}

/** "Saisie rapide": an opinion voiced at a public meeting, noted as said, with any closed answers given. */
export function MeetingQuickEntry({ survey, collectorId }: { survey: Survey; collectorId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const closed = useMemo(
    () =>
      importSurveyJson(survey.definition)
        .pages.flatMap((page) => page.elements)
        .filter(isQuestion)
        .filter((question): question is Closed => ['singleChoice', 'rating', 'nps', 'yesNo'].includes(question.kind)),
    [survey.definition],
  );
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState<Record<string, string>>({});
  const record = useRecordResponse();
  const submit = () => {
    const answers: SurveyAnswers = {};
    for (const question of closed) {
      const text = picked[question.name];
      if (text !== undefined && text !== '') answers[question.name] = valueOf(question, text);
    }
    record.mutate(
      {
        surveyId: survey.id,
        channel: 'meeting',
        collectorId,
        citizenId: null,
        caseId: null,
        answers,
        note: note.trim() === '' ? null : note,
      },
      {
        onSuccess: () => {
          notifySuccess(t, t('surveys.entry.recorded'));
          setNote('');
          setPicked({});
        },
      },
    );
  };
  return (
    <Fieldset legend={t('surveys.collectors.quickEntry')}>
      <Stack gap="xs">
        <Text size="sm">{t('surveys.collectors.quickEntryHint')}</Text>
        <Textarea
          label={t('surveys.entry.note')}
          autosize
          minRows={2}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        {closed.map((question) => (
          <NativeSelect
            key={question.name}
            label={textIn(question.title, language) || question.name}
            data={[{ value: '', label: '—' }, ...optionsOf(question, language)]}
            value={picked[question.name] ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setPicked((current) => ({ ...current, [question.name]: value }));
            }}
          />
        ))}
        <Button onClick={submit} loading={record.isPending} w="fit-content">
          {t('surveys.entry.submit')}
        </Button>
        {record.isError && <ErrorAlert error={record.error} />}
      </Stack>
    </Fieldset>
  );
}
