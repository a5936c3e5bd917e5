import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyLanguage } from '../../../src-shared/surveys';
import type { VoiceSurvey } from './api';
import { closedQuestions, type ClosedQuestion } from './closed-questions';

/** Each survey's closed questions, in the agent's language, read once per list of surveys. */
export function useClosedQuestions(surveys: readonly VoiceSurvey[] | undefined): ReadonlyMap<string, ClosedQuestion[]> {
  const { t, i18n } = useTranslation();
  const language: SurveyLanguage = i18n.language === 'en' ? 'en' : 'fr';
  const yes = t('voice.indicatorEditor.yes');
  const no = t('voice.indicatorEditor.no');
  const other = t('voice.indicatorEditor.other');
  return useMemo(
    () => new Map((surveys ?? []).map((survey) => [survey.id, closedQuestions(survey.definition, language, { yes, no, other })])),
    [surveys, language, yes, no, other],
  );
}
