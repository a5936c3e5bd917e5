import { citizenFromColumns, citizenToColumns } from '../../../src-shared/schemas/citizen-columns';
import type { Case, CaseEvent, Category, Citizen, Department } from '../../../src-shared/schemas/entities';
import type { caseEvents, cases, categories, citizens, departments } from '../../db/schema';

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

export const toCitizen: (row: Row<typeof citizens>) => Citizen = citizenFromColumns;

/** A citizen (or part of one) as central columns. */
export const citizenColumns: (citizen: Partial<Citizen>) => Partial<Row<typeof citizens>> = citizenToColumns;
