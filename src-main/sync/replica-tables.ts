import { getTableColumns, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { entityRegistry, type ListName, type RowOf } from '../../src-shared/sync';
import { agentRoles, agents, caseEvents, cases, categories, citizens, departments } from '../db/schema';
import { citizenColumns } from '../repositories/row-mappers';

/**
 * How each registered entity is stored in the replica: its drizzle table, and what its rows need beyond
 * their columns. Pull pages, scope drops, deletes and resets loop over these.
 */
export interface ReplicaTable<L extends ListName = ListName> {
  list: L;
  table: SQLiteTable;
  /**
   * The entity (or a patch of it) as the table's columns, when they differ from its fields (a citizen's
   * address); `current` is the row a patch changes, for columns derived from several fields.
   */
  toColumns?(row: Partial<RowOf<L>>, current?: RowOf<L> | null): object;
  /** Rows kept beside the entity's, replaced with it (an agent's roles): the table, and the rows of an entity. */
  companion?: { table: SQLiteTable; name: string; key: string; rows(row: RowOf<L>): object[] };
}

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
};

/** The SQL name of the column holding an entity's `field` in its replica table. */
export function columnName(bound: ReplicaTable, field: string): string {
  const column = (getTableColumns(bound.table) as Record<string, Column>)[field];
  if (column === undefined) throw new Error(`No column for ${bound.list}.${field}`);
  return column.name;
}

/** The registry's entities with their tables, parents before children. */
export function replicaTablesInOrder(tables: ReplicaTables = appReplicaTables) {
  return entityRegistry.map((declared) => ({ declared, bound: tables[declared.list] as ReplicaTable }));
}
