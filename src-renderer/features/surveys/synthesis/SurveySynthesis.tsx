import '@mantine/charts/styles.css';
import { Alert, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { surveyChannelSchema, type SurveyAnonymity, type SurveyChannel } from '../../../../src-shared/schemas/surveys';
import { channelLabels, noFilter, type SynthesisFilter } from '../../../../src-shared/surveys/synthesis';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useSynthesis } from './api';
import { CollectorCounts } from './CollectorCounts';
import { CrosstabBuilder } from './CrosstabBuilder';
import { ExportButtons } from './ExportButtons';
import { formatCount } from './format';
import { OpenAnswers } from './OpenAnswers';
import { QuestionCard } from './QuestionCard';

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * The "Synthèse" tab of a survey: counts and charts per question, responses per channel and collector,
 * the cross-tab builder, open answers and the exports. Counted on the replica by the main core, which
 * checks `survey.synthesis.read` in the survey's department; small segments come hidden ("< 5").
 */
export function SurveySynthesis({ surveyId, anonymity }: { surveyId: string; anonymity?: SurveyAnonymity }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const [filter, setFilter] = useState<SynthesisFilter>(noFilter);
  const [openQuestion, setOpenQuestion] = useState<string | null>(null);
  const synthesis = useSynthesis(surveyId, filter);
  const overview = synthesis.data;
  const setDate = (key: 'from' | 'to', value: string) => setFilter((current) => ({ ...current, [key]: isDate(value) ? value : null }));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="end">
        <Title order={2}>{t('synthesis.title')}</Title>
        <ExportButtons surveyId={surveyId} departmentId={overview?.departmentId ?? null} />
      </Group>
      <Group align="end" role="search">
        <TextInput type="date" label={t('synthesis.filters.from')} onChange={(event) => setDate('from', event.currentTarget.value)} />
        <TextInput type="date" label={t('synthesis.filters.to')} onChange={(event) => setDate('to', event.currentTarget.value)} />
        <Select
          label={t('synthesis.filters.channel')}
          placeholder={t('synthesis.filters.all')}
          data={surveyChannelSchema.options.map((value) => ({ value, label: channelLabels[language][value] }))}
          value={filter.channel}
          onChange={(value) => setFilter((current) => ({ ...current, channel: value as SurveyChannel | null }))}
          clearable
        />
        <Select
          label={t('synthesis.filters.collector')}
          placeholder={t('synthesis.filters.all')}
          data={(overview?.collectors ?? []).map((collector) => ({ value: collector.id, label: collector.label }))}
          value={filter.collectorId}
          onChange={(value) => setFilter((current) => ({ ...current, collectorId: value }))}
          clearable
        />
        {synthesis.isFetching && <Loader size="sm" aria-label={t('synthesis.title')} />}
      </Group>
      {synthesis.error !== null && <ErrorAlert error={synthesis.error} />}
      {overview !== undefined && (
        <>
          <Text size="lg" fw={600} aria-live="polite">
            {overview.total === null ? formatCount(t, null, language) : t('synthesis.responses', { count: overview.total })}
          </Text>
          {overview.total === null ? (
            <Alert color="gray">{t('synthesis.tooFew')}</Alert>
          ) : (
            <>
              <CollectorCounts overview={overview} />
              <SimpleGrid cols={{ base: 1, lg: 2 }}>
                {overview.questions.map((result) => (
                  <QuestionCard key={result.name} result={result} onOpen={setOpenQuestion} />
                ))}
              </SimpleGrid>
              <CrosstabBuilder surveyId={surveyId} filter={filter} questions={overview.questions} anonymity={anonymity} />
              <OpenAnswers
                surveyId={surveyId}
                filter={filter}
                questions={overview.questions}
                question={openQuestion}
                onQuestion={setOpenQuestion}
              />
            </>
          )}
          <Text size="xs" c="dimmed">
            {t('synthesis.smallNote')}
          </Text>
        </>
      )}
    </Stack>
  );
}
