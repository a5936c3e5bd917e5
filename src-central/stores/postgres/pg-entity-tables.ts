import { getTableColumns, inArray, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ListName, RowFilter, RowOf, SyncRegistry } from '../../../src-shared/sync';
import { appSyncRegistry } from '../../../src-shared/sync';
import type { ExtraMigration } from '../../db/migrations';
import type { CentralDb } from '../../db/central-db-types';
import {
  agents,
  answerTags,
  caseEvents,
  caseTags,
  cases,
  categories,
  citizens,
  departments,
  outcomes,
  surveyCollectors,
  surveyIndicators,
  surveyResponses,
  surveys,
} from '../../db/schema';
import { agentsWithRoles } from './pg-entities';
import { caseEventFields, caseFields, citizenFields } from './pg-json-rows';
import { citizenColumns, toCase, toCaseEvent, toCategory, toCitizen, toDepartment } from './pg-rows';

/**
 * How each registered entity is stored on PostgreSQL: its drizzle table and the mappings between its rows
 * and the entity. The pull, the feed and the push group loop over these (built once, at start-up), so
 * their statements name no entity.
 */
export interface PgEntityTable<L extends string = ListName> {
  list: L;
  table: PgTable & { rowVersion: AnyPgColumn; id: AnyPgColumn };
  /** The column a pull filters departments on: the row's own, or its parent's copied (a move rewrites it). */
  departmentColumn: AnyPgColumn | null;
  toEntity(row: Record<string, unknown>): RowFor<L>;
  /** The entity (or part of it) as columns of its table, `departmentId` the parent's for a child. */
  toColumns?(row: Partial<RowFor<L>>): Record<string, unknown>;
  /**
   * The entity as PostgreSQL serializes it (pg-json-rows.ts): a page's big lists are sent as the JSON the
   * database wrote, never parsed into objects (most of a bootstrap page's cost on the service).
   */
  jsonFields?: SQL;
  /** Entities assembled from more than their table (agents and their roles): read by id. */
  load?(db: CentralDb, ids: string[]): Promise<RowFor<L>[]>;
}

/** The app's row type for its lists; an injected entity's rows are plain records with an id. */
type RowFor<L extends string> = L extends ListName ? RowOf<L> : { id: string } & Record<string, unknown>;

type Tables = { [L in ListName]: PgEntityTable<L> };

const as = <T>(map: (row: never) => T) => map as (row: Record<string, unknown>) => T;

function withoutRowVersion<T>({ rowVersion: _version, ...row }: Record<string, unknown>): T {
  return row as T;
}

export const appPgTables: Tables = {
  departments: { list: 'departments', table: departments, departmentColumn: null, toEntity: as(toDepartment) },
  categories: { list: 'categories', table: categories, departmentColumn: null, toEntity: as(toCategory) },
  agents: {
    list: 'agents',
    table: agents,
    departmentColumn: null,
    toEntity: () => {
      throw new Error('agents are read with their roles (load)');
    },
    load: agentsWithRoles,
  },
  citizens: {
    list: 'citizens',
    table: citizens,
    departmentColumn: null,
    toEntity: as(toCitizen),
    toColumns: (row) => citizenColumns(row),
    jsonFields: citizenFields,
  },
  cases: { list: 'cases', table: cases, departmentColumn: cases.departmentId, toEntity: as(toCase), jsonFields: caseFields },
  caseEvents: {
    list: 'caseEvents',
    table: caseEvents,
    departmentColumn: caseEvents.departmentId,
    toEntity: as(toCaseEvent),
    jsonFields: caseEventFields,
  },
  // Their columns are their fields: the row minus its row version.
  surveys: { list: 'surveys', table: surveys, departmentColumn: surveys.departmentId, toEntity: withoutRowVersion },
  surveyCollectors: {
    list: 'surveyCollectors',
    table: surveyCollectors,
    departmentColumn: surveyCollectors.departmentId,
    toEntity: withoutRowVersion,
  },
  surveyResponses: {
    list: 'surveyResponses',
    table: surveyResponses,
    departmentColumn: surveyResponses.departmentId,
    toEntity: withoutRowVersion,
  },
  answerTags: { list: 'answerTags', table: answerTags, departmentColumn: answerTags.departmentId, toEntity: withoutRowVersion },
  // A child of its case: its department is a copy (the case's), not a field.
  caseTags: {
    list: 'caseTags',
    table: caseTags,
    departmentColumn: caseTags.departmentId,
    toEntity: ({ rowVersion: _version, departmentId: _department, ...row }) => row as RowOf<'caseTags'>,
  },
  surveyIndicators: {
    list: 'surveyIndicators',
    table: surveyIndicators,
    departmentColumn: surveyIndicators.departmentId,
    toEntity: withoutRowVersion,
  },
  outcomes: { list: 'outcomes', table: outcomes, departmentColumn: outcomes.departmentId, toEntity: withoutRowVersion },
};

/**
 * What the central service syncs and how PostgreSQL stores it: a sync registry, a binding an entity, and
 * the migrations its extra tables need (applied after the app's). Stores, pages, the feed and the push
 * group take it at construction and loop over `tables`; the app's is the default.
 */
export interface CentralRegistry {
  readonly sync: SyncRegistry;
  /** The bindings in registry order (parents before children). */
  readonly tables: readonly PgEntityTable[];
  table(list: string): PgEntityTable;
  readonly migrations: readonly ExtraMigration[];
  /**
   * Appended to the names of prepared statements that list every table (the feed's): '' for the app's
   * registry, a hash of the lists for another, so two registries never share a name with different SQL.
   */
  readonly statementSuffix: string;
}

export function centralRegistry(
  sync: SyncRegistry,
  bindings: Readonly<Record<string, PgEntityTable<string>>>,
  migrations: readonly ExtraMigration[] = [],
): CentralRegistry {
  const tables = sync.entities.map((declared) => {
    const bound = bindings[declared.list];
    if (bound === undefined) throw new Error(`No PostgreSQL binding for ${declared.list}`);
    return bound as PgEntityTable;
  });
  const byList = new Map(tables.map((bound) => [bound.list as string, bound]));
  return {
    sync,
    tables,
    table: (list) => {
      const bound = byList.get(list);
      if (bound === undefined) throw new Error(`No PostgreSQL binding for ${list}`);
      return bound;
    },
    migrations,
    statementSuffix: sync === appSyncRegistry ? '' : `_${listsHash(sync.lists)}`,
  };
}

function listsHash(lists: readonly string[]): string {
  let hash = 5381;
  for (const char of lists.join(',')) hash = ((hash * 33) ^ char.charCodeAt(0)) >>> 0;
  return hash.toString(36);
}

export const appCentralRegistry = centralRegistry(appSyncRegistry, appPgTables);

/** The scope rule's filter as a WHERE condition on `column`; null when the filter takes nothing. */
export function filterCondition(filter: RowFilter, column: AnyPgColumn | null): { where: SQL | undefined } | null {
  if (filter.kind === 'none') return null;
  if (filter.kind === 'all') return { where: undefined };
  if (column === null) return null;
  return { where: inArray(column, [...filter.ids]) };
}

/** The property of the row's department column in drizzle's rows of its table, or null. */
const departmentKeys = new WeakMap<PgEntityTable, string | null>();
export function departmentKey(bound: PgEntityTable): string | null {
  if (!departmentKeys.has(bound)) {
    const found = Object.entries(getTableColumns(bound.table)).find(([, column]) => column === bound.departmentColumn);
    departmentKeys.set(bound, found?.[0] ?? null);
  }
  return departmentKeys.get(bound) ?? null;
}
