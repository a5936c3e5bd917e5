import { Checkbox, Fieldset, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { certificationSchema } from '../../../../src-shared/schemas/common';
import { contactChannels, type CitizenFormValues } from '../form-values';

type CitizenForm = UseFormReturnType<CitizenFormValues>;

export function IdentityFields({ form }: { form: CitizenForm }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('citizen.identity')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('citizen.firstName')} required autoComplete="off" {...form.getInputProps('firstName')} />
        <TextInput label={t('citizen.lastName')} required autoComplete="off" {...form.getInputProps('lastName')} />
        <TextInput label={t('citizen.birthDate')} type="date" {...form.getInputProps('birthDate')} />
        <NativeSelect
          label={t('citizen.certification')}
          data={certificationSchema.options.map((value) => ({ value, label: t(`certification.${value}`) }))}
          {...form.getInputProps('certification')}
        />
      </SimpleGrid>
    </Fieldset>
  );
}

export function ContactFields({ form }: { form: CitizenForm }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('citizen.contact')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('citizen.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
        <TextInput
          label={t('citizen.phone')}
          type="tel"
          description={t('citizen.phoneHint')}
          autoComplete="off"
          {...form.getInputProps('phone')}
        />
      </SimpleGrid>
    </Fieldset>
  );
}

export function AddressFields({ form }: { form: CitizenForm }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('citizen.address')}>
      <Stack gap="sm">
        <TextInput label={t('citizen.line1')} autoComplete="off" {...form.getInputProps('address.line1')} />
        <TextInput label={t('citizen.line2')} autoComplete="off" {...form.getInputProps('address.line2')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('citizen.postalCode')} inputMode="numeric" autoComplete="off" {...form.getInputProps('address.postalCode')} />
          <TextInput label={t('citizen.city')} autoComplete="off" {...form.getInputProps('address.city')} />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

export function PreferenceFields({ form }: { form: CitizenForm }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('citizen.preferences')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('citizen.preferredChannel')}
          data={contactChannels.map((value) => ({ value, label: t(`channel.${value}`) }))}
          {...form.getInputProps('preferredChannel')}
        />
        <Checkbox label={t('citizen.consentEmail')} {...form.getInputProps('consents.email', { type: 'checkbox' })} />
        <Checkbox label={t('citizen.consentSms')} {...form.getInputProps('consents.sms', { type: 'checkbox' })} />
        <Checkbox label={t('citizen.consentSurveys')} {...form.getInputProps('consents.surveys', { type: 'checkbox' })} />
      </Stack>
    </Fieldset>
  );
}
