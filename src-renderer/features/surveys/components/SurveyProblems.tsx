import { Alert, List } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { toFieldIssues } from '../../../../src-shared/errors';
import { surveyDefinitionSchema } from '../../../../src-shared/schemas/surveys';
import { checkSurvey, exportSurveyJson, type SurveyModel } from '../../../../src-shared/surveys';
import { payloadMessage } from '../../../shared/errors';

/** What would be refused when the survey is stored: its rules (names, conditions) and its size limits. */
export function SurveyProblems({ model }: { model: SurveyModel }) {
  const { t } = useTranslation();
  const messages = useMemo(() => {
    const parsed = surveyDefinitionSchema.safeParse(exportSurveyJson(model));
    const limits = parsed.success ? [] : toFieldIssues(parsed.error);
    return [
      ...checkSurvey(model).map((problem) => payloadMessage(t, problem)),
      ...limits.map(
        (issue) => `${issue.path || '/'} : ${t(`fieldErrors.${issue.code}`, { ...issue.params, defaultValue: t('fieldErrors.custom') })}`,
      ),
    ];
  }, [model, t]);
  if (messages.length === 0) return null;
  return (
    <Alert color="orange" variant="light" title={t('surveys.problems')}>
      <List size="sm">
        {messages.map((message, index) => (
          <List.Item key={index}>{message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
