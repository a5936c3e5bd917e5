import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Citizen } from '../../../../src-shared/schemas/entities';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { fieldErrorsFromIssues, fieldIssuesOf, guichetErrorOf } from '../../../shared/errors';
import { useCreateCitizen, useUpdateCitizen } from '../api';
import { toCitizenInput, validateCitizen, type CitizenFormValues } from '../form-values';
import { AddressFields, ContactFields, IdentityFields, PreferenceFields } from './CitizenFields';
import { SimilarCitizensAlert } from './SimilarCitizensAlert';

export type CitizenFormMode = { kind: 'create' } | { kind: 'edit'; id: string; version: number };

export interface CitizenFormProps {
  mode: CitizenFormMode;
  initialValues: CitizenFormValues;
  onSaved: (citizen: Citizen) => void;
  onCancel: () => void;
  /** Offered when someone else saved the record first (VERSION_CONFLICT). */
  onReload?: () => void;
}

/**
 * Create or edit a citizen. Values stay in the form whatever happens: a refused save shows the server's
 * issues next to each field (same messages as the client-side check) and keeps everything typed.
 */
export function CitizenForm({ mode, initialValues, onSaved, onCancel, onReload }: CitizenFormProps) {
  const { t } = useTranslation();
  const create = useCreateCitizen();
  const update = useUpdateCitizen();
  const mutation = mode.kind === 'create' ? create : update;
  const form = useForm<CitizenFormValues>({
    mode: 'controlled',
    initialValues,
    validate: (values) => validateCitizen(values, t),
    validateInputOnBlur: true,
  });

  const submit = form.onSubmit((values) => {
    const input = toCitizenInput(values);
    const prefix = mode.kind === 'edit' ? 'values.' : '';
    const handlers = {
      onSuccess: onSaved,
      onError: (error: unknown) => form.setErrors(fieldErrorsFromIssues(fieldIssuesOf(error), t, prefix)),
    };
    if (mode.kind === 'edit') update.mutate({ id: mode.id, expectedVersion: mode.version, values: input }, handlers);
    else create.mutate(input, handlers);
  });

  const conflict = guichetErrorOf(mutation.error)?.code === 'VERSION_CONFLICT';
  return (
    <form onSubmit={submit} noValidate aria-label={t(mode.kind === 'create' ? 'citizen.newTitle' : 'citizen.editTitle')}>
      <Stack gap="md">
        {mode.kind === 'create' && <SimilarCitizensAlert values={form.values} excludeId={null} />}
        <IdentityFields form={form} />
        <ContactFields form={form} />
        {mode.kind === 'edit' && <SimilarCitizensAlert values={form.values} excludeId={mode.id} />}
        <AddressFields form={form} />
        <PreferenceFields form={form} />
        {mutation.isError && <ErrorAlert error={mutation.error} />}
        <FormActions conflict={conflict} onReload={onReload} onCancel={onCancel} saving={mutation.isPending}>
          {t(mode.kind === 'create' ? 'citizen.create' : 'citizen.save')}
        </FormActions>
      </Stack>
    </form>
  );
}

interface FormActionsProps {
  conflict: boolean;
  saving: boolean;
  onReload: (() => void) | undefined;
  onCancel: () => void;
  children: ReactNode;
}

function FormActions({ conflict, saving, onReload, onCancel, children }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      {conflict && onReload !== undefined && (
        <Button variant="default" onClick={onReload}>
          {t('citizen.reloadCurrent')}
        </Button>
      )}
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={saving}>
        {children}
      </Button>
    </Group>
  );
}
