import { Button, Group, MultiSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channelSchema } from '../../../../src-shared/schemas/common';
import type { CollectorKind, CollectorStatus, SurveyCollector } from '../../../../src-shared/schemas/surveys';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { notifySuccess } from '../../../shared/notify';
import { useCategories, useDepartments } from '../../../shared/reference-api';
import { useSaveCollector } from '../api';
import { collectorFormValues, collectorSettingsOf, type CollectorFormValues } from './collector-values';

const initialStatus: Record<CollectorKind, CollectorStatus> = { email: 'draft', kiosk: 'active', meeting: 'active', afterCase: 'active' };

/** Creates or edits one collector of a survey: its name and the settings of its kind. */
export function CollectorForm({
  kind,
  surveyId,
  departmentId,
  collector,
  onDone,
}: {
  kind: CollectorKind;
  surveyId: string;
  departmentId: string;
  collector: SurveyCollector | null;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<CollectorFormValues>(() => collectorFormValues(collector));
  const set = (patch: Partial<CollectorFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const save = useSaveCollector();
  const departments = useDepartments();
  const categories = useCategories();
  const ownCategories = (categories.data ?? []).filter((category) => category.departmentId === departmentId);
  // A started campaign keeps its audience (the mutation refuses a change: SURVEY_COLLECTOR_LOCKED).
  const audienceLocked = collector !== null && collector.status !== 'draft';
  const submit = () =>
    save.mutate(
      {
        id: collector?.id ?? null,
        surveyId,
        label: values.label,
        settings: collectorSettingsOf(kind, values),
        status: collector?.status ?? initialStatus[kind],
      },
      {
        onSuccess: () => {
          notifySuccess(t, t('surveys.collectors.saved'));
          if (collector === null) setValues(collectorFormValues(null));
          onDone?.();
        },
      },
    );
  return (
    <Stack gap="xs">
      <TextInput
        label={t('surveys.collectors.label')}
        required
        value={values.label}
        onChange={(event) => set({ label: event.currentTarget.value })}
      />
      {kind === 'meeting' && (
        <TextInput
          type="date"
          label={t('surveys.collectors.meetingDate')}
          required
          value={values.date}
          onChange={(event) => set({ date: event.currentTarget.value })}
        />
      )}
      {kind === 'afterCase' && (
        <MultiSelect
          label={t('surveys.collectors.categories')}
          data={ownCategories.map((category) => ({ value: category.id, label: category.label }))}
          value={values.categoryIds}
          onChange={(categoryIds) => set({ categoryIds })}
          searchable
        />
      )}
      {kind === 'email' && (
        <>
          <MultiSelect
            label={t('surveys.collectors.departments')}
            description={t(audienceLocked ? 'surveys.collectors.segmentLocked' : 'surveys.collectors.segmentHint')}
            disabled={audienceLocked}
            data={(departments.data ?? []).map((department) => ({ value: department.id, label: department.name }))}
            value={values.departmentIds}
            onChange={(departmentIds) => set({ departmentIds })}
            searchable
          />
          <MultiSelect
            label={t('surveys.collectors.segmentCategories')}
            disabled={audienceLocked}
            data={(categories.data ?? []).map((category) => ({ value: category.id, label: category.label }))}
            value={values.segmentCategoryIds}
            onChange={(segmentCategoryIds) => set({ segmentCategoryIds })}
            searchable
          />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
            <NumberInput
              label={t('surveys.collectors.sinceMonths')}
              disabled={audienceLocked}
              min={1}
              max={120}
              value={values.sinceMonths}
              onChange={(value) => set({ sinceMonths: String(value) })}
            />
            <TextInput
              label={t('surveys.collectors.postalCodes')}
              disabled={audienceLocked}
              value={values.postalCodes}
              onChange={(event) => set({ postalCodes: event.currentTarget.value })}
            />
            <MultiSelect
              label={t('surveys.collectors.channels')}
              disabled={audienceLocked}
              data={channelSchema.options.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
              value={values.channels}
              onChange={(channels) => set({ channels })}
            />
            <NumberInput
              label={t('surveys.collectors.ratePerMinute')}
              min={1}
              max={60_000}
              value={values.ratePerMinute}
              onChange={(value) => set({ ratePerMinute: String(value) })}
            />
            <NumberInput
              label={t('surveys.collectors.reminderAfterDays')}
              min={1}
              max={60}
              value={values.reminderAfterDays}
              onChange={(value) => set({ reminderAfterDays: String(value) })}
            />
          </SimpleGrid>
        </>
      )}
      <Group>
        <Button variant="default" onClick={submit} loading={save.isPending}>
          {collector === null ? t(`surveys.collectors.add.${kind}`) : t('surveys.collectors.save')}
        </Button>
      </Group>
      {save.isError && <ErrorAlert error={save.error} />}
    </Stack>
  );
}
