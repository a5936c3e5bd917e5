import type { Case, Category, Citizen } from '../schemas/entities';
import type { EntityOfList, ListName, RowOf } from '../sync/entity-registry';
import type { Agent } from '../schemas/entities';

/**
 * What a mutator decides, as data: each side (the replica, the central service, the memory store) applies
 * the same effects with its own storage's interpreter, so a mutation means the same thing wherever it runs.
 * An insert or an update of any registered entity (src-shared/sync/entity-registry.ts).
 */
export type Effect = {
  [L in ListName]:
    | { op: 'insert'; entity: EntityOfList<L>['name']; row: RowOf<L> }
    | { op: 'update'; entity: EntityOfList<L>['name']; id: string; patch: Partial<RowOf<L>> };
}[ListName];

/**
 * What a mutator may read, synchronously. The replica answers from SQLite directly; the central service
 * answers from rows it loaded in its transaction (see `NeedsRow`).
 */
export interface MutationReader {
  case(id: string): Case | null;
  citizen(id: string): Citizen | null;
  category(id: string): Category | null;
  agent(id: string): Agent | null;
  /**
   * Any registered entity's row by id, as its entity: how a mutator of an injected registry reads its own
   * entities (tests/fixtures/notice-board), which have no named reader above.
   */
  row(entity: string, id: string): Record<string, unknown> | null;
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
