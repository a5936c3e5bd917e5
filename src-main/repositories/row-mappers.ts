import type { Case, Citizen } from '../../src-shared/schemas/entities';
import type { cases, citizens } from '../db/schema';

type CitizenRow = typeof citizens.$inferSelect;
type CaseRow = typeof cases.$inferSelect;

export function toCitizen(row: CitizenRow): Citizen {
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

export function toCase(row: CaseRow): Case {
  const { seq: _seq, priorityRank: _priorityRank, ...rest } = row;
  return rest;
}
