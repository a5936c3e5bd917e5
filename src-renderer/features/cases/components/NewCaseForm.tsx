import { Button, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { channelSchema, prioritySchema, type Priority } from '../../../../src-shared/schemas/common';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { fieldErrorsFromIssues, fieldIssuesOf } from '../../../shared/errors';
import { useCategoryMap } from '../../../shared/reference-api';
import { CitizenPicker } from '../../citizens';
import { useMayPerform } from '../../session';
import { useOpenCase } from '../api';
import { emptyNewCaseValues, toCaseOpenInput, validateNewCase, type NewCaseValues } from '../new-case-values';
import { CategorySelect } from './CategorySelect';

export interface NewCaseFormProps {
  citizen: NewCaseValues['citizen'];
  onCreated: (created: { id: string; trackingCode: string }) => void;
  onCancel: () => void;
}

export function NewCaseForm({ citizen, onCreated, onCancel }: NewCaseFormProps) {
  const { t } = useTranslation();
  const open = useOpenCase();
  const categories = useCategoryMap();
  // Naming a citizen needs the citizen file; a field agent files street reports without one.
  const holdsCitizenFile = useMayPerform('citizen.read', null);
  const form = useForm<NewCaseValues>({
    mode: 'controlled',
    initialValues: emptyNewCaseValues(citizen),
    validate: (values) => validateNewCase(values, t),
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit((values) =>
    open.mutate(toCaseOpenInput(values), {
      onSuccess: onCreated,
      onError: (error) => form.setErrors(fieldErrorsFromIssues(fieldIssuesOf(error), t)),
    }),
  );

  return (
    <form onSubmit={submit} noValidate aria-label={t('newCase.title')}>
      <Stack gap="md">
        {holdsCitizenFile && (
          <CitizenPicker
            value={form.values.citizen}
            onChange={(picked) => form.setFieldValue('citizen', picked)}
            error={form.errors.citizenId as string | undefined}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <CategorySelect
            value={form.values.categoryId}
            onChange={(id) => form.setFieldValue('categoryId', id)}
            error={form.errors.categoryId as string | undefined}
          />
          <NativeSelect
            label={t('case.channel')}
            data={channelSchema.options.map((value) => ({ value, label: t(`channel.${value}`) }))}
            {...form.getInputProps('channel')}
          />
        </SimpleGrid>
        <TextInput label={t('case.subject')} required autoComplete="off" {...form.getInputProps('subject')} />
        <Textarea label={t('case.description')} autosize minRows={4} maxRows={12} {...form.getInputProps('description')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('case.address')}
            description={t('newCase.addressHint')}
            autoComplete="off"
            {...form.getInputProps('address')}
          />
          <PrioritySelect
            chosen={form.values.priority}
            categoryDefault={categories.get(form.values.categoryId)?.defaultPriority ?? 'normal'}
            onChange={(priority) => form.setFieldValue('priority', priority)}
          />
        </SimpleGrid>
        {open.isError && <ErrorAlert error={open.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={open.isPending}>
            {t('newCase.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface PrioritySelectProps {
  chosen: NewCaseValues['priority'];
  categoryDefault: Priority;
  onChange: (priority: Priority) => void;
}

/** Until the agent picks one, the priority shown is the category's default (and follows a new category). */
function PrioritySelect({ chosen, categoryDefault, onChange }: PrioritySelectProps) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('case.priority')}
      description={chosen === '' ? t('newCase.priorityDefault') : undefined}
      data={prioritySchema.options.map((value) => ({ value, label: t(`priority.${value}`) }))}
      value={chosen === '' ? categoryDefault : chosen}
      onChange={(event) => onChange(prioritySchema.parse(event.currentTarget.value))}
    />
  );
}
