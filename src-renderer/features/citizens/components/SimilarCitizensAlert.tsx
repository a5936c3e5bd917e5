import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatFrenchPhone } from '../../../../src-shared/domain/phone';
import { routeHref } from '../../../app/router';
import { formatDate, fullName } from '../../../shared/format';
import { useSimilarCitizens } from '../api';
import type { CitizenFormValues } from '../form-values';

/** Warns, while the agent types, that this person may already have a record, and offers to open it. */
export function SimilarCitizensAlert({ values, excludeId }: { values: CitizenFormValues; excludeId: string | null }) {
  const { t, i18n } = useTranslation();
  const similar = useSimilarCitizens(values, excludeId);
  const matches = similar.data ?? [];
  if (matches.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      title={t('citizen.similarTitle', { count: matches.length })}
      styles={{ title: { color: 'var(--mantine-color-dark-9)' }, message: { color: 'var(--mantine-color-dark-9)' } }}
      role="status"
    >
      <Stack gap="sm">
        <Text size="sm">{t('citizen.similarHint')}</Text>
        {matches.map(({ citizen, reasons }) => {
          const details = [
            citizen.birthDate === null ? null : formatDate(citizen.birthDate, i18n.language),
            citizen.email,
            citizen.phone === null ? null : formatFrenchPhone(citizen.phone),
            citizen.address === null ? null : `${citizen.address.line1}, ${citizen.address.postalCode} ${citizen.address.city}`,
          ].filter((part): part is string => part !== null);
          return (
            <Group key={citizen.id} justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2}>
                <Text fw={700}>{fullName(citizen)}</Text>
                <Text size="sm">{details.join(' · ')}</Text>
                <Group gap={4}>
                  {reasons.map((reason) => (
                    <Badge key={reason} variant="outline" color="dark" tt="none">
                      {t(`similarityReason.${reason}`)}
                    </Badge>
                  ))}
                </Group>
              </Stack>
              <Button component="a" href={routeHref({ name: 'citizen', id: citizen.id })} variant="default" size="xs">
                {t('citizen.openExisting', { name: fullName(citizen) })}
              </Button>
            </Group>
          );
        })}
      </Stack>
    </Alert>
  );
}
