import { getTableColumns, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import {
  audienceFilter,
  type EntityName,
  type ListName,
  type PullPatch,
  type RowOf,
  type RowSet,
  type SyncScope,
} from '../../src-shared/sync';
import type { ReplicaDb } from '../db/open-replica';
import type { UndoImage } from '../db/schema';
import { appReplicaRegistry, columnName, type ReplicaRegistry, type ReplicaTable } from './replica-tables';

/**
 * One SQL statement and the parameter rows it runs with (`[[]]`: once, without parameters). A pull page
 * becomes a list of steps, run in order in one transaction either here, on the workspace's connection,
 * or by the bulk bootstrap's writer thread (worker/replica-writer.mjs): both apply the same plan.
 */
export interface Step {
  sql: string;
  rows: unknown[][];
}

/**
 * Puts rows back as undo images recorded them, in the order given (or removes a row a mutation had created):
 * as steps, so that undoing two thousand mutations after days offline runs a few prepared statements. Only
 * the columns an image holds are written, as its mutation saw the row.
 */
export function undoSteps(images: readonly UndoImage[], registry: ReplicaRegistry = appReplicaRegistry): Step[] {
  return images.map((image) => {
    const table = registry.tableNamed(image.table);
    if (table === undefined) throw new Error(`No undo for table ${image.table}`);
    if (image.before === null) return { sql: `DELETE FROM ${image.table} WHERE id = ?`, rows: [[image.id]] };
    const columns = getTableColumns(table) as Record<string, Column>;
    const held = Object.entries(image.before).flatMap(([key, value]) => {
      const column = columns[key];
      return column === undefined
        ? []
        : [{ name: `"${column.name}"`, value: value === null || value === undefined ? null : column.mapToDriverValue(value) }];
    });
    const names = held.map((column) => column.name);
    const updates = names.filter((name) => name !== '"id"').map((name) => `${name} = excluded.${name}`);
    return {
      sql: `INSERT INTO ${image.table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT(id) ${updates.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${updates.join(', ')}`}`,
      rows: [held.map((column) => column.value)],
    };
  });
}

interface UpsertShape {
  sql: string;
  columns: [string, Column][];
}

// The server's columns of a table: every column but the generated ones and the local row number (seq).
const shapes = new WeakMap<SQLiteTable, UpsertShape>();
function upsertShape(table: SQLiteTable, name: string, conflict: 'id' | 'ignore'): UpsertShape {
  let shape = shapes.get(table);
  if (shape === undefined) {
    const columns = Object.entries(getTableColumns(table)).filter(
      ([, column]) => column.generated === undefined && !(column.primary && column.name === 'seq'),
    );
    const names = columns.map(([, column]) => `"${column.name}"`);
    const onConflict =
      conflict === 'ignore'
        ? 'ON CONFLICT DO NOTHING'
        : `ON CONFLICT(id) DO UPDATE SET ${names
            .filter((column) => column !== '"id"')
            .map((column) => `${column} = excluded.${column}`)
            .join(', ')}`;
    shape = {
      sql: `INSERT INTO ${name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ${onConflict}`,
      columns: columns as [string, Column][],
    };
    shapes.set(table, shape);
  }
  return shape;
}

/** `INSERT … ON CONFLICT(id) DO UPDATE` of every server column: the server's row replaces the replica's. */
function upsertStep(table: SQLiteTable, name: string, rows: readonly object[], conflict: 'id' | 'ignore' = 'id'): Step[] {
  if (rows.length === 0) return [];
  const shape = upsertShape(table, name, conflict);
  return [
    {
      sql: shape.sql,
      rows: rows.map((row) =>
        shape.columns.map(([key, column]) => {
          const value = (row as Record<string, unknown>)[key];
          return value === undefined || value === null ? null : column.mapToDriverValue(value);
        }),
      ),
    },
  ];
}

/** Writes the server's rows: the server is the truth, so each row replaces whatever the replica held. */
export function upsertSteps(rows: Partial<RowSet>, registry: ReplicaRegistry = appReplicaRegistry): Step[] {
  const steps: Step[] = [];
  for (const { declared, bound } of registry.inOrder) {
    const list = ((rows as Record<string, unknown[] | undefined>)[declared.list] ?? []) as RowOf<ListName>[];
    if (list.length === 0) continue;
    const toColumns = bound.toColumns as ((row: RowOf<ListName>) => object) | undefined;
    steps.push(...upsertStep(bound.table, declared.table, toColumns === undefined ? list : list.map(toColumns)));
    const companion = bound.companion as ReplicaTable<ListName>['companion'];
    if (companion !== undefined) {
      steps.push({ sql: `DELETE FROM ${companion.name} WHERE ${companion.key} = ?`, rows: list.map((row) => [row.id]) });
      steps.push(...upsertStep(companion.table, companion.name, list.flatMap(companion.rows), 'ignore'));
    }
  }
  return steps;
}

const step = (sql: string, rows: unknown[][]): Step[] => (rows.length === 0 ? [] : [{ sql, rows }]);

/**
 * Rows that left the agent's scope (or the city's records) go, and the replica's audit rows about them with
 * them: the laptop keeps no trace of what its agent may no longer see (first, while the rows still say which).
 * A deleted parent takes its children (a case its timeline).
 */
export function deleteSteps(
  deletes: readonly { entity: EntityName; id: string }[],
  registry: ReplicaRegistry = appReplicaRegistry,
): Step[] {
  const ids = (entity: string) => deletes.filter((d) => d.entity === entity).map((d) => [d.id]);
  const audit: Step[] = [];
  const rows: Step[] = [];
  for (const { declared, bound } of registry.childrenFirst) {
    const table = declared.table;
    audit.push(...step(`DELETE FROM audit_log WHERE entity = '${table}' AND entity_id = ?`, ids(declared.name)));
    rows.push(...step(`DELETE FROM ${table} WHERE id = ?`, ids(declared.name)));
    if (declared.department.kind !== 'parent') continue;
    const key = columnName(bound, declared.department.field);
    const byParent = ids(declared.department.entity);
    audit.push(
      ...step(`DELETE FROM audit_log WHERE entity = '${table}' AND entity_id IN (SELECT id FROM ${table} WHERE ${key} = ?)`, byParent),
    );
    rows.push(...step(`DELETE FROM ${table} WHERE ${key} = ?`, byParent));
  }
  return [...audit, ...rows];
}

/** The condition on an entity's table that its row's department is `?`, through its parents as the registry declares. */
function inDepartment(registry: ReplicaRegistry, name: string): string {
  const { declared, bound } = registry.named(name);
  const source = declared.department;
  if (source.kind === 'none') throw new Error(`${name} has no department`);
  if (source.kind === 'own') return `${columnName(bound, source.field)} = ?`;
  const parent = registry.sync.entityNamed(source.entity).table;
  return `${columnName(bound, source.field)} IN (SELECT id FROM ${parent} WHERE ${inDepartment(registry, source.entity)})`;
}

/**
 * The agent lost departments (or the citizen file): everything the replica held of them goes, audit rows
 * included, children first. Which rows go is the scope rule's (src-shared/sync/scope.ts) applied to what was lost.
 */
export function dropScopeSteps(dropped: SyncScope, registry: ReplicaRegistry = appReplicaRegistry): Step[] {
  const audit: Step[] = [];
  const rows: Step[] = [];
  for (const { declared } of registry.childrenFirst) {
    const filter = audienceFilter({ scope: dropped, reference: false }, declared.audience);
    const table = declared.table;
    if (filter.kind === 'all') {
      audit.push({ sql: `DELETE FROM audit_log WHERE entity = '${table}'`, rows: [[]] });
      rows.push({ sql: `DELETE FROM ${table}`, rows: [[]] });
    } else if (filter.kind === 'departments') {
      const where = inDepartment(registry, declared.name);
      const byDepartment = [...filter.ids].map((id) => [id]);
      audit.push({
        sql: `DELETE FROM audit_log WHERE entity = '${table}' AND entity_id IN (SELECT id FROM ${table} WHERE ${where})`,
        rows: byDepartment,
      });
      rows.push({ sql: `DELETE FROM ${table} WHERE ${where}`, rows: byDepartment });
    }
  }
  return [...audit, ...rows];
}

/** What a pull page changes in the replicated tables, in order. */
export function patchSteps(patch: PullPatch, registry: ReplicaRegistry = appReplicaRegistry): Step[] {
  return [...dropScopeSteps(patch.dropped, registry), ...deleteSteps(patch.deletes, registry), ...upsertSteps(patch.upserts, registry)];
}

// Pull pages bring thousands of rows: statements are prepared once per replica connection.
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Runs the steps on this connection, inside the caller's transaction. */
export function runSteps(client: Database.Database, steps: readonly Step[]): void {
  let prepared = statements.get(client);
  if (prepared === undefined) {
    prepared = new Map();
    statements.set(client, prepared);
  }
  for (const step of steps) {
    let statement = prepared.get(step.sql);
    if (statement === undefined) {
      statement = client.prepare(step.sql);
      prepared.set(step.sql, statement);
    }
    for (const row of step.rows) statement.run(row);
  }
}

/** Everything replicated goes (a reset), children first; the outbox, inbox and local settings stay. */
export function clearReplicatedRows(db: ReplicaDb, registry: ReplicaRegistry = appReplicaRegistry): void {
  const tables = registry.childrenFirst;
  for (const { bound } of tables) if (bound.companion !== undefined) db.delete(bound.companion.table).run();
  for (const { bound } of tables) db.delete(bound.table).run();
}
