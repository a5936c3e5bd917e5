import type { Case, CaseEvent, Category, Citizen } from '../schemas/entities';
import type { Agent } from '../schemas/entities';

/**
 * What a mutator decides, as data: each side (the replica, the central service) applies the same effects
 * with its own storage, so a mutation means the same thing wherever it runs.
 */
export type Effect =
  | { op: 'insert'; entity: 'citizen'; row: Citizen }
  | { op: 'update'; entity: 'citizen'; id: string; patch: Partial<Citizen> }
  | { op: 'insert'; entity: 'case'; row: Case }
  | { op: 'update'; entity: 'case'; id: string; patch: Partial<Case> }
  | { op: 'insert'; entity: 'caseEvent'; row: CaseEvent };

/**
 * What a mutator may read, synchronously. The replica answers from SQLite directly; the central service
 * answers from rows it loaded in its transaction (see `NeedsRow`).
 */
export interface MutationReader {
  case(id: string): Case | null;
  citizen(id: string): Citizen | null;
  category(id: string): Category | null;
  agent(id: string): Agent | null;
}

export interface MutatorContext {
  /** The acting agent, as the side running the mutation knows them (never the client's claim on the server). */
  agent: Agent;
  now: Date;
  read: MutationReader;
}

export interface Decision<R> {
  effects: Effect[];
  result: R;
}
