import { Alert, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { Model } from 'survey-core';
import 'survey-core/i18n/french';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import './survey-preview.css';
import type { SurveyAnswers } from '../../../../src-shared/schemas/surveys';

/**
 * A stored survey run by survey-core as citizens see it, for an agent entering what a citizen answers: its
 * "Terminer" hands the answers over (SurveyJS's `data`) instead of showing the end page's thanks.
 */
export function SurveyAnswerForm({
  definition,
  purpose,
  language,
  onComplete,
}: {
  definition: unknown;
  purpose: { fr: string; en: string };
  language: 'fr' | 'en';
  onComplete: (answers: SurveyAnswers) => void;
}) {
  const model = useMemo(() => {
    const survey = new Model(definition);
    survey.locale = language;
    survey.showCompletedPage = false;
    return survey;
  }, [definition, language]);
  useEffect(() => {
    const complete = (sender: Model) => onComplete(sender.data as SurveyAnswers);
    model.onComplete.add(complete);
    return () => model.onComplete.remove(complete);
  }, [model, onComplete]);
  const statement = purpose[language] || purpose.fr;
  return (
    <>
      {statement !== '' && (
        <Alert variant="light" radius={0} lang={language}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {statement}
          </Text>
        </Alert>
      )}
      <div lang={language} className="guichet-survey-preview">
        <Survey model={model} />
      </div>
    </>
  );
}
