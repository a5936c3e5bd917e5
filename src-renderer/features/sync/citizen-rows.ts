import type { TFunction } from 'i18next';
import { formatFrenchPhone } from '../../../src-shared/domain/phone';
import type { Citizen } from '../../../src-shared/schemas/entities';
import { formatDate } from '../../shared/format';

/** The fields a citizen record and a citizen mutation's values share. */
export type CitizenFields = Pick<
  Citizen,
  'firstName' | 'lastName' | 'birthDate' | 'email' | 'phone' | 'address' | 'preferredChannel' | 'consents' | 'certification'
>;

export interface CitizenRow {
  field: keyof CitizenFields;
  label: string;
  value: string;
}

/** A citizen's fields as agents read them, one line each: shown, compared and copied the same way. */
export function citizenRows(values: CitizenFields, t: TFunction, language: string): CitizenRow[] {
  const none = t('common.none');
  const address = values.address;
  const consents = (['email', 'sms', 'surveys'] as const)
    .filter((key) => values.consents[key])
    .map((key) => t(`citizen.consentShort.${key}`));
  const rows: [keyof CitizenFields, string, string][] = [
    ['firstName', t('citizen.firstName'), values.firstName],
    ['lastName', t('citizen.lastName'), values.lastName],
    ['birthDate', t('citizen.birthDate'), values.birthDate === null ? none : formatDate(values.birthDate, language)],
    ['email', t('citizen.email'), values.email ?? none],
    ['phone', t('citizen.phone'), values.phone === null ? none : formatFrenchPhone(values.phone)],
    [
      'address',
      t('citizen.address'),
      address === null ? none : [address.line1, address.line2, `${address.postalCode} ${address.city}`].filter(Boolean).join(', '),
    ],
    ['preferredChannel', t('citizen.preferredChannel'), t(`channel.${values.preferredChannel}`)],
    ['consents', t('citizen.consents'), consents.length === 0 ? none : consents.join(', ')],
    ['certification', t('citizen.certification'), t(`certification.${values.certification}`)],
  ];
  return rows.map(([field, label, value]) => ({ field, label, value }));
}

export interface CitizenDifference {
  label: string;
  entered: string;
  current: string;
}

/** Only the fields where what the agent entered and the record now differ. */
export function citizenDifferences(entered: CitizenFields, current: CitizenFields, t: TFunction, language: string): CitizenDifference[] {
  const now = new Map(citizenRows(current, t, language).map((row) => [row.field, row.value]));
  return citizenRows(entered, t, language)
    .filter((row) => now.get(row.field) !== row.value)
    .map((row) => ({ label: row.label, entered: row.value, current: now.get(row.field) ?? '' }));
}
