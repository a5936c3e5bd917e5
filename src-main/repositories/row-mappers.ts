import { normalizeName } from '../../src-shared/domain/similarity';
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

type CitizenColumns = Omit<CitizenRow, 'seq'>;

/** A citizen (or part of one) as replica columns: the address and consents flattened, the name key derived. */
export function citizenColumns(citizen: Partial<Citizen>, current?: Pick<Citizen, 'firstName' | 'lastName'>): Partial<CitizenColumns> {
  const columns: Partial<CitizenColumns> = {};
  const { address, consents, ...plain } = citizen;
  Object.assign(columns, plain);
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
  const firstName = citizen.firstName ?? current?.firstName;
  const lastName = citizen.lastName ?? current?.lastName;
  if ((citizen.firstName !== undefined || citizen.lastName !== undefined) && firstName !== undefined && lastName !== undefined) {
    columns.nameKey = normalizeName(`${firstName} ${lastName}`);
  }
  return columns;
}
