import { getTableColumns, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { appSyncRegistry, type EntityDeclaration, type ListName, type RowOf, type SyncRegistry } from '../../src-shared/sync';
import type { ExtraMigration } from '../db/migrations';
import {
  agentRoles,
  agents,
  answerTags,
  caseTags,
  caseEvents,
  cases,
  categories,
  citizens,
  departments,
  outcomes,
  surveyAnswerValues,
  surveyCollectors,
  surveyIndicators,
  surveyResponses,
  surveys,
} from '../db/schema';
import { answerValueRows } from '../../src-shared/surveys/synthesis/answer-values';
import { citizenColumns } from '../repositories/row-mappers';

/**
 * How each registered entity is stored in the replica: its drizzle table, and what its rows need beyond
 * their columns. Pull pages, scope drops, deletes and resets loop over these.
 */
export interface ReplicaTable<L extends string = ListName> {
  list: L;
  table: SQLiteTable;
  /**
   * The entity (or a patch of it) as the table's columns, when they differ from its fields (a citizen's
   * address); `current` is the row a patch changes, for columns derived from several fields.
   */
  toColumns?(row: Partial<RowFor<L>>, current?: RowFor<L> | null): object;
  /** Rows kept beside the entity's, replaced with it (an agent's roles): the table, and the rows of an entity. */
  companion?: { table: SQLiteTable; name: string; key: string; rows(row: RowFor<L>): object[] };
}

/** The app's row type for its lists; an injected entity's rows are plain records with an id. */
type RowFor<L extends string> = L extends ListName ? RowOf<L> : { id: string } & Record<string, unknown>;

export type ReplicaTables = { [L in ListName]: ReplicaTable<L> };

export const appReplicaTables: ReplicaTables = {
  departments: { list: 'departments', table: departments },
  categories: { list: 'categories', table: categories },
  agents: {
    list: 'agents',
    table: agents,
    // An agent's roles are replaced as a whole.
    companion: {
      table: agentRoles,
      name: 'agent_roles',
      key: 'agent_id',
      rows: (agent) => agent.roles.map((role) => ({ agentId: agent.id, ...role })),
    },
  },
  citizens: { list: 'citizens', table: citizens, toColumns: (citizen, current) => citizenColumns(citizen, current ?? undefined) },
  cases: { list: 'cases', table: cases },
  caseEvents: { list: 'caseEvents', table: caseEvents },
  surveys: { list: 'surveys', table: surveys },
  surveyCollectors: { list: 'surveyCollectors', table: surveyCollectors },
  surveyResponses: {
    list: 'surveyResponses',
    table: surveyResponses,
    // Its answers as value rows, counted by the synthesis (docs/surveys.md, "Synthesis").
    companion: { table: surveyAnswerValues, name: 'survey_answer_values', key: 'response_id', rows: answerValueRows },
  },
  answerTags: { list: 'answerTags', table: answerTags },
  caseTags: { list: 'caseTags', table: caseTags },
  surveyIndicators: { list: 'surveyIndicators', table: surveyIndicators },
  outcomes: { list: 'outcomes', table: outcomes },
};

/** The SQL name of the column holding an entity's `field` in its replica table. */
export function columnName(bound: ReplicaTable, field: string): string {
  const column = (getTableColumns(bound.table) as Record<string, Column>)[field];
  if (column === undefined) throw new Error(`No column for ${bound.list}.${field}`);
  return column.name;
}

/** An entity with its replica table. */
export interface BoundEntity {
  declared: EntityDeclaration;
  bound: ReplicaTable;
}

/**
 * What the workspace syncs and how its replica stores it: a sync registry, a table an entity, and the
 * migrations its extra tables need (applied after the app's). Pages, scope drops, resets, the bulk bootstrap
 * and the mutations take it (the app's by default); what they derive from it is built once per registry.
 */
export interface ReplicaRegistry {
  readonly sync: SyncRegistry;
  /** Parents before children. */
  readonly inOrder: readonly BoundEntity[];
  /** Children before parents (deletes). */
  readonly childrenFirst: readonly BoundEntity[];
  named(name: string): BoundEntity;
  /** The table of an SQL table name (undo images name their table so). */
  tableNamed(table: string): SQLiteTable | undefined;
  readonly migrations: readonly ExtraMigration[];
}

export function replicaRegistry(
  sync: SyncRegistry,
  tables: Readonly<Record<string, ReplicaTable<string>>>,
  migrations: readonly ExtraMigration[] = [],
): ReplicaRegistry {
  const inOrder = sync.entities.map((declared) => {
    const bound = tables[declared.list];
    if (bound === undefined) throw new Error(`No replica table for ${declared.list}`);
    return { declared, bound: bound as ReplicaTable };
  });
  const byName = new Map(inOrder.map((entry) => [entry.declared.name, entry]));
  const bySqlName = new Map(inOrder.map(({ declared, bound }) => [declared.table, bound.table]));
  return {
    sync,
    inOrder,
    childrenFirst: [...inOrder].reverse(),
    named: (name) => {
      const entry = byName.get(name);
      if (entry === undefined) throw new Error(`No entity named ${name}`);
      return entry;
    },
    tableNamed: (table) => bySqlName.get(table),
    migrations,
  };
}

export const appReplicaRegistry = replicaRegistry(appSyncRegistry, appReplicaTables);
