import { Alert, Button, Group, Loader, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayPerform } from '../../../../src-shared/domain/permissions';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useDepartmentMap } from '../../../shared/reference-api';
import { useCurrentAgent } from '../../session';
import { synthesisDepartments } from '../access';
import { useIndicators, useVoiceSurveys } from '../api';
import { IndicatorCard } from '../components/IndicatorCard';
import { IndicatorEditor } from '../components/IndicatorEditor';
import { useVoiceStore } from '../store';
import { useClosedQuestions } from '../use-closed-questions';

/** "Indicateurs": a department's steering indicators, followed across its successive surveys. */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const agent = useCurrentAgent();
  const departmentIds = useMemo(() => synthesisDepartments(agent), [agent]);
  const departmentMap = useDepartmentMap(departmentIds.length > 0);
  const chosen = useVoiceStore((state) => state.indicatorsDepartmentId);
  const showIndicatorsOf = useVoiceStore((state) => state.showIndicatorsOf);
  const departmentId = chosen !== null && departmentIds.includes(chosen) ? chosen : (departmentIds[0] ?? null);
  // null: no editor open; 'new', or the id of the indicator being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const indicators = useIndicators(departmentId);
  const surveys = useVoiceSurveys(departmentId !== null);
  const questions = useClosedQuestions(surveys.data);

  if (departmentId === null) {
    return (
      <Alert color="orange" variant="light" role="alert">
        {t('voice.noDepartment')}
      </Alert>
    );
  }
  const designs = mayPerform(agent, 'survey.design', departmentId);
  const departmentSurveys = (surveys.data ?? []).filter((survey) => survey.departmentId === departmentId);
  const questionTitle = (surveyId: string, question: string) =>
    questions.get(surveyId)?.find((candidate) => candidate.name === question)?.title ?? question;
  const edited = editing === null || editing === 'new' ? null : (indicators.data?.find((view) => view.indicator.id === editing) ?? null);

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('voice.indicators.title')}</Title>
        <Text>{t('voice.indicators.intro')}</Text>
      </div>
      <Group align="flex-end" justify="space-between">
        <NativeSelect
          label={t('voice.department')}
          value={departmentId}
          data={departmentIds.map((id) => ({ value: id, label: departmentMap.get(id)?.name ?? id }))}
          onChange={(event) => {
            setEditing(null);
            showIndicatorsOf(event.currentTarget.value);
          }}
        />
        {designs && editing === null && <Button onClick={() => setEditing('new')}>{t('voice.indicators.create')}</Button>}
      </Group>
      <Text fz="sm" c="dimmed">
        {t('voice.indicators.shareMeaning')}
      </Text>
      {designs && editing !== null && (editing === 'new' || edited !== null) && (
        <IndicatorEditor
          key={`${departmentId}/${editing}`}
          departmentId={departmentId}
          indicator={edited?.indicator ?? null}
          surveys={departmentSurveys}
          questions={questions}
          onClose={() => setEditing(null)}
        />
      )}
      {indicators.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {indicators.isError && <ErrorAlert error={indicators.error} />}
      {indicators.data?.length === 0 && <Text c="dimmed">{t('voice.indicators.empty')}</Text>}
      {indicators.data?.map((view) => (
        <IndicatorCard
          key={view.indicator.id}
          view={view}
          questionTitle={questionTitle}
          onEdit={designs && editing === null ? () => setEditing(view.indicator.id) : undefined}
        />
      ))}
    </Stack>
  );
}
