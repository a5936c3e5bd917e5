import type { Agent, Case, CaseEvent, Category, Citizen, Department } from '../../src-shared/schemas/entities';
import type { caseEvents, cases, categories, citizens, departments } from '../db/schema';

/** Rows of the central schema as the domain's entities (what the shared mutators and the replicas see). */
type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

export function toDepartment({ rowVersion: _v, ...row }: Row<typeof departments>): Department {
  return row;
}

export function toCategory({ rowVersion: _v, ...row }: Row<typeof categories>): Category {
  return row;
}

export function toCase({ rowVersion: _v, ...row }: Row<typeof cases>): Case {
  return row;
}

export function toCaseEvent({ rowVersion: _v, departmentId: _d, ...row }: Row<typeof caseEvents>): CaseEvent {
  return row;
}

export function toCitizen(row: Row<typeof citizens>): Citizen {
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

/** A citizen (or part of one) as central columns: address and consents flattened. */
export function citizenColumns(citizen: Partial<Citizen>): Partial<Row<typeof citizens>> {
  const { address, consents, ...plain } = citizen;
  const columns: Partial<Row<typeof citizens>> = { ...plain };
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

export type AgentWithRoles = Agent;
