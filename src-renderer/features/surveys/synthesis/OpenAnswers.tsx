import { Card, Select, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { textIn, type SurveyLanguage } from '../../../../src-shared/surveys';
import type { QuestionResult, SynthesisFilter } from '../../../../src-shared/surveys/synthesis';
import { OpenAnswerThemes } from '../../voice';

/**
 * The open answers of a question (or a choice question's "other" texts) under the synthesis's filter: one
 * list, searched, paged and filed under themes (the voice's `OpenAnswerThemes`).
 */
export function OpenAnswers({
  surveyId,
  filter,
  questions,
  question,
  onQuestion,
}: {
  surveyId: string;
  filter: SynthesisFilter;
  questions: readonly QuestionResult[];
  question: string | null;
  onQuestion: (question: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const language: SurveyLanguage = i18n.language === 'en' ? 'en' : 'fr';
  const options = questions.flatMap((result) => {
    const title = textIn(result.title, language) || result.name;
    if (result.kind === 'open') return [{ value: result.name, label: title }];
    if (result.kind === 'choices' && result.other !== null)
      return [{ value: `${result.name}-Comment`, label: `${title} — ${t('synthesis.other')}` }];
    return [];
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="open-answers-title">
      <Title order={3} id="open-answers-title" mb="sm">
        {t('synthesis.openAnswers')}
      </Title>
      <Stack gap="sm">
        <Select label={t('synthesis.openQuestion')} data={options} value={question} onChange={onQuestion} w={360} />
        {question !== null && <OpenAnswerThemes surveyId={surveyId} question={question} filter={filter} headingOrder={4} />}
      </Stack>
    </Card>
  );
}
