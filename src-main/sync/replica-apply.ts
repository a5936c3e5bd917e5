import { getTableColumns, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import type { EntityName, PullPatch, RowSet, SyncScope } from '../../src-shared/sync';
import type { ReplicaDb } from '../db/open-replica';
import { agentRoles, agents, caseEvents, cases, categories, citizens, departments, type UndoImage } from '../db/schema';
import { citizenColumns } from '../repositories/row-mappers';

/**
 * One SQL statement and the parameter rows it runs with (`[[]]`: once, without parameters). A pull page
 * becomes a list of steps, run in order in one transaction either here, on the workspace's connection,
 * or by the bulk bootstrap's writer thread (worker/replica-writer.mjs): both apply the same plan.
 */
export interface Step {
  sql: string;
  rows: unknown[][];
}

const tables = { citizens, cases, case_events: caseEvents } as const;

/**
 * Puts rows back as undo images recorded them, in the order given (or removes a row a mutation had created):
 * as steps, so that undoing two thousand mutations after days offline runs a few prepared statements. Only
 * the columns an image holds are written, as its mutation saw the row.
 */
export function undoSteps(images: readonly UndoImage[]): Step[] {
  return images.map((image) => {
    const table = tables[image.table as keyof typeof tables];
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
export function upsertSteps(rows: Partial<RowSet>): Step[] {
  const list = rows.agents ?? [];
  const roles = list.flatMap(({ id, roles }) => roles.map((role) => ({ agentId: id, ...role })));
  return [
    ...upsertStep(departments, 'departments', rows.departments ?? []),
    ...upsertStep(categories, 'categories', rows.categories ?? []),
    ...upsertStep(agents, 'agents', list),
    // An agent's roles are replaced as a whole.
    ...(list.length === 0 ? [] : [{ sql: 'DELETE FROM agent_roles WHERE agent_id = ?', rows: list.map((agent) => [agent.id]) }]),
    ...upsertStep(agentRoles, 'agent_roles', roles, 'ignore'),
    ...upsertStep(
      citizens,
      'citizens',
      (rows.citizens ?? []).map((citizen) => citizenColumns(citizen)),
    ),
    ...upsertStep(cases, 'cases', rows.cases ?? []),
    ...upsertStep(caseEvents, 'case_events', rows.caseEvents ?? []),
  ];
}

/**
 * Rows that left the agent's scope (or the city's records) go, and the replica's audit rows about them with
 * them: the laptop keeps no trace of what its agent may no longer see (first, while the rows still say which).
 */
export function deleteSteps(deletes: readonly { entity: EntityName; id: string }[]): Step[] {
  const ids = (entity: EntityName) => deletes.filter((d) => d.entity === entity).map((d) => [d.id]);
  const step = (sql: string, rows: unknown[][]): Step[] => (rows.length === 0 ? [] : [{ sql, rows }]);
  const caseIds = ids('case');
  return [
    ...step("DELETE FROM audit_log WHERE entity = 'case_events' AND entity_id = ?", ids('caseEvent')),
    ...step("DELETE FROM audit_log WHERE entity = 'case_events' AND entity_id IN (SELECT id FROM case_events WHERE case_id = ?)", caseIds),
    ...step("DELETE FROM audit_log WHERE entity = 'cases' AND entity_id = ?", caseIds),
    ...step("DELETE FROM audit_log WHERE entity = 'citizens' AND entity_id = ?", ids('citizen')),
    ...step('DELETE FROM case_events WHERE id = ?', ids('caseEvent')),
    ...step('DELETE FROM case_events WHERE case_id = ?', caseIds),
    ...step('DELETE FROM cases WHERE id = ?', caseIds),
    ...step('DELETE FROM citizens WHERE id = ?', ids('citizen')),
  ];
}

/** The agent lost departments (or the citizen file): everything the replica held of them goes, audit rows included. */
export function dropScopeSteps(dropped: SyncScope): Step[] {
  const byDepartment = dropped.departments.map((id) => [id]);
  return [
    ...(byDepartment.length === 0
      ? []
      : [
          {
            sql: "DELETE FROM audit_log WHERE entity = 'case_events' AND entity_id IN (SELECT e.id FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.department_id = ?)",
            rows: byDepartment,
          },
          {
            sql: "DELETE FROM audit_log WHERE entity = 'cases' AND entity_id IN (SELECT id FROM cases WHERE department_id = ?)",
            rows: byDepartment,
          },
          { sql: 'DELETE FROM case_events WHERE case_id IN (SELECT id FROM cases WHERE department_id = ?)', rows: byDepartment },
          { sql: 'DELETE FROM cases WHERE department_id = ?', rows: byDepartment },
        ]),
    ...(dropped.citizens
      ? [
          { sql: "DELETE FROM audit_log WHERE entity = 'citizens'", rows: [[]] },
          { sql: 'DELETE FROM citizens', rows: [[]] },
        ]
      : []),
  ];
}

/** What a pull page changes in the replicated tables, in order. */
export function patchSteps(patch: PullPatch): Step[] {
  return [...dropScopeSteps(patch.dropped), ...deleteSteps(patch.deletes), ...upsertSteps(patch.upserts)];
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

/** Everything replicated goes (a reset); the outbox, inbox and local settings stay. */
export function clearReplicatedRows(db: ReplicaDb): void {
  for (const table of [caseEvents, cases, citizens, agentRoles, categories]) db.delete(table).run();
  db.delete(agents).run();
  db.delete(departments).run();
}
