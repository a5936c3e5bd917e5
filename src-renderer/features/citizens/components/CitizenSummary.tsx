import { Box, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFrenchPhone } from '../../../../src-shared/domain/phone';
import type { Citizen } from '../../../../src-shared/schemas/entities';
import { routeHref } from '../../../app/router';
import { useMayPerform } from '../../session';
import { formatDate, formatDateTime, fullName } from '../../../shared/format';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={700}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

export function CitizenSummary({ citizen }: { citizen: Citizen }) {
  const { t, i18n } = useTranslation();
  const none = t('common.none');
  const consents = (['email', 'sms', 'surveys'] as const)
    .filter((key) => citizen.consents[key])
    .map((key) => t(`citizen.consentShort.${key}`));
  const address = citizen.address;
  const mayEdit = useMayPerform('citizen.update', null);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{fullName(citizen)}</Title>
          <Text size="sm">{t('citizen.updatedAt', { date: formatDateTime(citizen.updatedAt, i18n.language) })}</Text>
        </div>
        <Group>
          {mayEdit && (
            <Button component="a" href={routeHref({ name: 'editCitizen', id: citizen.id })} variant="default">
              {t('citizen.edit')}
            </Button>
          )}
          <Button component="a" href={routeHref({ name: 'newCase', citizenId: citizen.id })}>
            {t('desk.newCase')}
          </Button>
        </Group>
      </Group>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} m={0}>
        <Field label={t('citizen.birthDate')}>{citizen.birthDate === null ? none : formatDate(citizen.birthDate, i18n.language)}</Field>
        <Field label={t('citizen.email')}>{citizen.email ?? none}</Field>
        <Field label={t('citizen.phone')}>{citizen.phone === null ? none : formatFrenchPhone(citizen.phone)}</Field>
        <Field label={t('citizen.address')}>
          {address === null ? (
            none
          ) : (
            <Box component="span" style={{ whiteSpace: 'pre-line' }}>
              {[address.line1, address.line2, `${address.postalCode} ${address.city}`].filter(Boolean).join('\n')}
            </Box>
          )}
        </Field>
        <Field label={t('citizen.preferredChannel')}>{t(`channel.${citizen.preferredChannel}`)}</Field>
        <Field label={t('citizen.consents')}>{consents.length === 0 ? none : consents.join(', ')}</Field>
        <Field label={t('citizen.certification')}>{t(`certification.${citizen.certification}`)}</Field>
      </SimpleGrid>
    </Stack>
  );
}
