import type { Channel, Certification } from './common';
import type { Citizen } from './entities';

/** A citizen as flat columns, the way both databases (replica and central) store one. */
export interface CitizenColumns {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  preferredChannel: Channel;
  consentEmail: boolean;
  consentSms: boolean;
  consentSurveys: boolean;
  certification: Certification;
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function citizenFromColumns(row: CitizenColumns): Citizen {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    birthDate: row.birthDate,
    email: row.email,
    phone: row.phone,
    address:
      row.addressLine1 !== null && row.postalCode !== null && row.city !== null
        ? { line1: row.addressLine1, line2: row.addressLine2, postalCode: row.postalCode, city: row.city }
        : null,
    latitude: row.latitude,
    longitude: row.longitude,
    preferredChannel: row.preferredChannel,
    consents: { email: row.consentEmail, sms: row.consentSms, surveys: row.consentSurveys },
    certification: row.certification,
    mergedInto: row.mergedInto,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** A citizen, or part of one, as columns: the address and consents flattened. */
export function citizenToColumns(citizen: Partial<Citizen>): Partial<CitizenColumns> {
  const { address, consents, ...plain } = citizen;
  const columns: Partial<CitizenColumns> = { ...plain };
  if (address !== undefined) {
    columns.addressLine1 = address?.line1 ?? null;
    columns.addressLine2 = address?.line2 ?? null;
    columns.postalCode = address?.postalCode ?? null;
    columns.city = address?.city ?? null;
  }
  if (consents !== undefined) {
    columns.consentEmail = consents.email;
    columns.consentSms = consents.sms;
    columns.consentSurveys = consents.surveys;
  }
  return columns;
}
