import { normalizeName } from '../../src-shared/domain/similarity';
import { citizenFromColumns, citizenToColumns } from '../../src-shared/schemas/citizen-columns';
import type { Case, Citizen } from '../../src-shared/schemas/entities';
import type { cases, citizens } from '../db/schema';

type CitizenRow = typeof citizens.$inferSelect;
type CaseRow = typeof cases.$inferSelect;

export const toCitizen: (row: CitizenRow) => Citizen = citizenFromColumns;

export function toCase(row: CaseRow): Case {
  const { seq: _seq, priorityRank: _priorityRank, ...rest } = row;
  return rest;
}

/** A citizen (or part of one) as replica columns, with the name key the duplicate check looks up. */
export function citizenColumns(
  citizen: Partial<Citizen>,
  current?: Pick<Citizen, 'firstName' | 'lastName'>,
): Partial<Omit<CitizenRow, 'seq'>> {
  const columns: Partial<Omit<CitizenRow, 'seq'>> = citizenToColumns(citizen);
  const firstName = citizen.firstName ?? current?.firstName;
  const lastName = citizen.lastName ?? current?.lastName;
  if ((citizen.firstName !== undefined || citizen.lastName !== undefined) && firstName !== undefined && lastName !== undefined) {
    columns.nameKey = normalizeName(`${firstName} ${lastName}`);
  }
  return columns;
}
