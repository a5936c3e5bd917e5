import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Case, CaseEvent, Citizen } from '../../../src-shared/schemas/entities';
import { caseEvents, cases, citizens } from '../../db/schema';

/**
 * The big entities of a pull page as PostgreSQL serializes them: the same JSON as `toCitizen`, `toCase` and
 * `toCaseEvent` (pg-rows.ts) give, built by the database in one pass instead of rows parsed into objects,
 * mapped and stringified again by the service (most of a bootstrap page's cost on the service).
 * pg-json-rows.test.ts holds them equal to the mappers on every row of a generated city.
 */

type Entry<T> = readonly [keyof T & string, AnyPgColumn | SQL];

/** A nested object (an address, consents). */
function objectOf<T>(entries: readonly Entry<T>[]): SQL {
  // Keys are this file's own identifiers, never input: inlined, they keep the statement's parameters few.
  return sql`json_build_object(${sql.join(
    entries.map(([key, value]) => sql`${sql.raw(`'${key}'`)}, ${value}`),
    sql`, `,
  )})`;
}

/**
 * An entity as a select list, one output column a field: `json_agg` over such rows writes compact JSON
 * (`json_build_object` would put a space around every colon, a tenth of a page's bytes).
 */
function fieldsOf<T>(entries: readonly Entry<T>[]): SQL {
  return sql.join(
    entries.map(([key, value]) => sql`${value} as ${sql.identifier(key)}`),
    sql`, `,
  );
}

/** Every column but those omitted, under the property names drizzle gives them (the entity's field names). */
function columnsOf<T>(columns: Record<string, AnyPgColumn>, omit: readonly string[]): Entry<T>[] {
  return Object.entries(columns)
    .filter(([key]) => !omit.includes(key))
    .map(([key, column]) => [key as keyof T & string, column]);
}

const c = getTableColumns(citizens);

export const citizenFields: SQL = fieldsOf<Citizen>([
  ['id', c.id],
  ['firstName', c.firstName],
  ['lastName', c.lastName],
  ['birthDate', c.birthDate],
  ['email', c.email],
  ['phone', c.phone],
  [
    'address',
    sql`case when ${c.addressLine1} is not null and ${c.postalCode} is not null and ${c.city} is not null then ${objectOf<
      NonNullable<Citizen['address']>
    >([
      ['line1', c.addressLine1],
      ['line2', c.addressLine2],
      ['postalCode', c.postalCode],
      ['city', c.city],
    ])} end`,
  ],
  ['latitude', c.latitude],
  ['longitude', c.longitude],
  ['preferredChannel', c.preferredChannel],
  [
    'consents',
    objectOf<Citizen['consents']>([
      ['email', c.consentEmail],
      ['sms', c.consentSms],
      ['surveys', c.consentSurveys],
    ]),
  ],
  ['certification', c.certification],
  ['mergedInto', c.mergedInto],
  ['createdAt', c.createdAt],
  ['updatedAt', c.updatedAt],
  ['version', c.version],
]);

export const caseFields: SQL = fieldsOf<Case>(columnsOf<Case>(getTableColumns(cases), ['rowVersion']));

export const caseEventFields: SQL = fieldsOf<CaseEvent>(columnsOf<CaseEvent>(getTableColumns(caseEvents), ['rowVersion', 'departmentId']));
