import { eq, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable, SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core';
import type { UndoImage } from '../db/schema';
import type { ReplicaDb } from '../db/open-replica';

// Any replicated table with a text `id` column.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EntityTable = SQLiteTableWithColumns<any> & { id: SQLiteColumn };

export interface Change {
  table: string;
  id: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/**
 * The one way a mutator writes: every insert and update keeps the row's before-image (to undo the
 * optimistic effect during a rebase) and the field-level diff (for the audit journal).
 */
export class TrackedWriter {
  readonly undo: UndoImage[] = [];
  readonly changes: Change[] = [];

  constructor(private readonly db: ReplicaDb) {}

  insert<T extends EntityTable>(table: T, row: T['$inferInsert'] & { id: string }): void {
    this.db.insert(table).values(row).run();
    const name = getTableName(table);
    this.undo.push({ table: name, id: row.id, before: null });
    this.changes.push({ table: name, id: row.id, changes: diff({}, withoutLocalColumns(row)) });
  }

  update<T extends EntityTable>(table: T, id: string, patch: Partial<T['$inferInsert']>): void {
    const before = this.db.select().from(table).where(eq(table.id, id)).get() as Record<string, unknown> | undefined;
    if (before === undefined) throw new Error(`TrackedWriter.update: no ${getTableName(table)} row ${id}`);
    this.db.update(table).set(patch).where(eq(table.id, id)).run();
    const name = getTableName(table);
    this.undo.push({ table: name, id, before: withoutLocalColumns(before) });
    this.changes.push({ table: name, id, changes: diff(before, patch as Record<string, unknown>) });
  }

  /** The row as the table holds it now (after this writer's changes). */
  current<T extends EntityTable>(table: T, id: string): Record<string, unknown> | null {
    return (this.db.select().from(table).where(eq(table.id, id)).get() as Record<string, unknown> | undefined) ?? null;
  }

  /**
   * Rows kept beside an entity's (a response's answer values, counted by the synthesis), replaced with it. They
   * are in no undo image: undoing the entity's own insert deletes them with it (the replica's triggers, migration
   * 0007), as a pulled page replaces them with their entity (replica-apply.ts).
   */
  replaceCompanion(companion: { table: SQLiteTable; name: string; key: string }, id: string, rows: object[]): void {
    this.db.$client.prepare(`DELETE FROM ${companion.name} WHERE ${companion.key} = ?`).run(id);
    if (rows.length > 0) this.db.insert(companion.table).values(rows).onConflictDoNothing().run();
  }
}

/** `seq` and generated columns belong to this replica only, never to an image that travels. */
function withoutLocalColumns(row: Record<string, unknown>): Record<string, unknown> {
  const { seq: _seq, priorityRank: _priorityRank, ...rest } = row;
  return rest;
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): Change['changes'] {
  const result: Change['changes'] = {};
  for (const [key, to] of Object.entries(after)) {
    const from = before[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to ?? null)) result[key] = { from, to: to ?? null };
  }
  return result;
}
