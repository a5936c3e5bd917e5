import { Alert, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Model } from 'survey-core';
import 'survey-core/i18n/french';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import './survey-preview.css';
import type { SurveyLanguage } from '../../../../src-shared/surveys';
import { exportSurveyJson } from '../../../../src-shared/surveys';
import { useSurveyDraft } from '../store';

/**
 * What citizens will see: the purpose statement, then the exported SurveyJS JSON run by survey-core and
 * survey-react-ui, as the public pages will. The fontless stylesheet: no font fetched from a third party.
 */
export function SurveyPreview() {
  const { t, i18n } = useTranslation();
  const draft = useSurveyDraft();
  const [language, setLanguage] = useState<SurveyLanguage>(i18n.language === 'en' ? 'en' : 'fr');
  // Typing in the designer stays immediate; the preview (a new survey-core model) follows when React has time.
  const definition = useDeferredValue(draft.model);
  const json = useMemo(() => JSON.stringify(exportSurveyJson(definition)), [definition]);
  const model = useMemo(() => {
    const survey = new Model(JSON.parse(json));
    survey.locale = language;
    return survey;
  }, [json, language]);
  const purpose = draft.purpose[language] || draft.purpose.fr;
  return (
    <Stack gap="sm" component="section" aria-label={t('surveys.preview')}>
      <Title order={2} size="h3">
        {t('surveys.preview')}
      </Title>
      <SegmentedControl
        aria-label={t('surveys.previewLanguage')}
        value={language}
        onChange={(value) => setLanguage(value === 'en' ? 'en' : 'fr')}
        data={[
          { value: 'fr', label: t('surveys.french') },
          { value: 'en', label: t('surveys.english') },
        ]}
      />
      <Paper withBorder>
        {purpose !== '' && (
          <Alert variant="light" radius={0} lang={language}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {purpose}
            </Text>
          </Alert>
        )}
        <div lang={language} className="guichet-survey-preview">
          <Survey model={model} />
        </div>
      </Paper>
    </Stack>
  );
}
