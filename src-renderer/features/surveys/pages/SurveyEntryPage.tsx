import { Alert, Button, Loader, NativeSelect, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyAnswers } from '../../../../src-shared/schemas/surveys';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { notifySuccess } from '../../../shared/notify';
import { CitizenPicker, type PickedCitizen } from '../../citizens';
import { useRecordResponse, useSurveyDetail, useSurveyList } from '../api';

/** survey-core and survey-react-ui: their own chunk, as in the designer's preview. */
const SurveyAnswerForm = lazy(() => import('../components/SurveyAnswerForm').then((module) => ({ default: module.SurveyAnswerForm })));

/**
 * "Saisir une réponse": what a citizen answers at the desk or on the phone, entered for them into an open
 * survey of a department the agent enters answers for; recorded like any change, offline too.
 */
export function SurveyEntryPage({ surveyId, citizenId }: { surveyId: string | null; citizenId: string | null }) {
  const { t, i18n } = useTranslation();
  const list = useSurveyList();
  const open = useMemo(() => (list.data ?? []).filter((survey) => survey.status === 'open' && survey.mayEnter), [list.data]);
  const [chosen, setChosen] = useState<string | null>(surveyId);
  const current = chosen ?? open[0]?.id ?? null;
  const language = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('surveys.entry.title')}</Title>
        <Text>{t('surveys.entry.intro')}</Text>
      </div>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.isError && <ErrorAlert error={list.error} />}
      {list.isSuccess && open.length === 0 && <Alert variant="light">{t('surveys.entry.noSurvey')}</Alert>}
      {open.length > 0 && (
        <NativeSelect
          label={t('surveys.entry.survey')}
          value={current ?? ''}
          data={open.map((survey) => ({
            value: survey.id,
            label: survey.title[language] || survey.title.fr || t('surveys.list.untitled'),
          }))}
          onChange={(event) => setChosen(event.currentTarget.value)}
        />
      )}
      {current !== null && open.some((survey) => survey.id === current) && (
        <EntryForm key={current} surveyId={current} citizenId={citizenId} />
      )}
    </Stack>
  );
}

function EntryForm({ surveyId, citizenId }: { surveyId: string; citizenId: string | null }) {
  const { t, i18n } = useTranslation();
  const detail = useSurveyDetail(surveyId);
  const record = useRecordResponse();
  const [channel, setChannel] = useState<'counter' | 'phone'>('counter');
  const [citizen, setCitizen] = useState<PickedCitizen | null>(citizenId === null ? null : { id: citizenId, label: citizenId });
  const [round, setRound] = useState(0);
  if (detail.isPending) return <Loader aria-label={t('common.loading')} />;
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  const { survey } = detail.data;
  const submit = (answers: SurveyAnswers) =>
    record.mutate(
      {
        surveyId,
        channel,
        collectorId: null,
        citizenId: survey.anonymity === 'anonymous' ? null : (citizen?.id ?? null),
        caseId: null,
        answers,
        note: null,
      },
      {
        onSuccess: () => {
          notifySuccess(t, t('surveys.entry.recorded'));
          setRound((value) => value + 1);
        },
      },
    );
  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label={t('surveys.entry.channel')}
        value={channel}
        onChange={(value) => setChannel(value === 'phone' ? 'phone' : 'counter')}
        data={[
          { value: 'counter', label: t('surveys.entry.channels.counter') },
          { value: 'phone', label: t('surveys.entry.channels.phone') },
        ]}
      />
      {survey.anonymity === 'anonymous' ? (
        <Text size="sm" c="dimmed">
          {t('surveys.entry.anonymous')}
        </Text>
      ) : (
        <div>
          <Text size="sm" fw={500}>
            {t('surveys.entry.citizen')}
          </Text>
          <CitizenPicker value={citizen} onChange={setCitizen} />
        </div>
      )}
      {record.isError && <ErrorAlert error={record.error} />}
      {record.isSuccess && (
        <Button variant="default" w="fit-content" onClick={() => record.reset()}>
          {t('surveys.entry.another')}
        </Button>
      )}
      <Paper withBorder>
        <Suspense fallback={<Loader size="sm" aria-label={t('common.loading')} />}>
          <SurveyAnswerForm
            key={round}
            definition={survey.definition}
            purpose={survey.purpose}
            language={i18n.language === 'en' ? 'en' : 'fr'}
            onComplete={submit}
          />
        </Suspense>
      </Paper>
    </Stack>
  );
}
