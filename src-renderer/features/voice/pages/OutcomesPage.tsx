import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayPerform } from '../../../../src-shared/domain/permissions';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useDepartmentMap } from '../../../shared/reference-api';
import { useCurrentAgent } from '../../session';
import { outcomeDepartments, synthesisDepartments } from '../access';
import { useOutcomes, useVoiceSurveys } from '../api';
import { OutcomeCard } from '../components/OutcomeCard';
import { FeedbackThemesSection } from '../components/FeedbackThemesSection';
import { OutcomeEditor } from '../components/OutcomeEditor';

/** "Vous avez dit, nous avons fait": the outcomes of the agent's departments, written and published by their supervisors. */
export function OutcomesPage() {
  const { t } = useTranslation();
  const agent = useCurrentAgent();
  const readable = useMemo(() => synthesisDepartments(agent), [agent]);
  const writable = useMemo(() => outcomeDepartments(agent), [agent]);
  const departmentMap = useDepartmentMap(readable.length > 0);
  const outcomes = useOutcomes();
  const surveys = useVoiceSurveys(writable.length > 0);
  // null: no editor open; 'new', or the id of the outcome being edited.
  const [editing, setEditing] = useState<string | null>(null);

  if (readable.length === 0) {
    return (
      <Alert color="orange" variant="light" role="alert">
        {t('voice.noDepartment')}
      </Alert>
    );
  }
  const departmentName = (id: string) => departmentMap.get(id)?.name ?? id;
  const edited = editing === null || editing === 'new' ? null : (outcomes.data?.find((outcome) => outcome.id === editing) ?? null);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('voice.outcomes.title')}</Title>
          <Text>{t('voice.outcomes.intro')}</Text>
        </div>
        {writable.length > 0 && editing === null && <Button onClick={() => setEditing('new')}>{t('voice.outcomes.create')}</Button>}
      </Group>
      {writable.length === 0 && (
        <Text fz="sm" c="dimmed">
          {t('voice.outcomes.readOnly')}
        </Text>
      )}
      {editing !== null && (editing === 'new' || edited !== null) && (
        <OutcomeEditor
          key={editing}
          outcome={edited}
          departments={writable.map((id) => ({ id, name: departmentName(id) }))}
          surveys={surveys.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
      {outcomes.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {outcomes.isError && <ErrorAlert error={outcomes.error} />}
      {outcomes.data?.length === 0 && <Text c="dimmed">{t('voice.outcomes.empty')}</Text>}
      {outcomes.data?.map((outcome) => (
        <OutcomeCard
          key={outcome.id}
          outcome={outcome}
          departmentName={departmentName(outcome.departmentId)}
          onEdit={editing === null && mayPerform(agent, 'outcome.publish', outcome.departmentId) ? () => setEditing(outcome.id) : undefined}
        />
      ))}
      <FeedbackThemesSection departments={readable.map((id) => ({ id, name: departmentName(id) }))} />
    </Stack>
  );
}
