import { eq, getTableColumns, getTableName, inArray, SQL, type Query } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { CentralDb } from '../../db/central-db-types';
import type { TextRun } from '../../db/planned';
import { auditLog, mutationLog, syncClients, tombstones } from '../../db/schema';
import { appCentralRegistry, departmentKey, type CentralRegistry } from './pg-entity-tables';
import type { LoggedMutation, SyncClient } from '../../sync/store';

/** An entity write of a push group (rows as their table's columns), kept in order until the group flushes. */
export type EntityWrite =
  | { op: 'insert'; table: string; row: Record<string, unknown> }
  | { op: 'update'; table: string; id: string; set: Record<string, unknown> }
  /** A row changing department: tombstones in the old one, its children follow (see `move`). */
  | { op: 'move'; table: string; id: string; from: string; to: string; rowVersion: number };

type InsertWrite = Extract<EntityWrite, { op: 'insert' }>;

/** Everything a push group writes, flushed in a handful of statements just before its commit. */
export interface GroupWrites {
  /** In effect order: a later write may depend on an earlier one (a comment on a case opened just before). */
  entities: EntityWrite[];
  /** The last state of each client saved in the group. */
  clients: Map<string, SyncClient>;
  log: LoggedMutation[];
  audit: (typeof auditLog.$inferInsert)[];
  /** The counter's value when the group took it, and the last version handed out since. */
  versions: { from: number; to: number };
}

// Well under PostgreSQL's 65,535 parameters a statement, for any of these tables.
const ROWS_PER_STATEMENT = 1_000;
// Past this many parameters, the group's final writes go as several statements instead of one.
const MAX_COMBINED_PARAMETERS = 30_000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) out.push(rows.slice(start, start + ROWS_PER_STATEMENT));
  return out;
}

/** Rows for one multi-row INSERT into `table`, then `tail` (an ON CONFLICT clause). */
interface Batch {
  table: PgTable;
  rows: readonly object[];
  tail?: string;
}

/** A value already in the driver's form (JSON text for a jsonb column that may hold a JSON null). */
class Encoded {
  constructor(readonly value: string) {}
}

/**
 * A statement as text and numbered parameters. drizzle's builder nests a fragment for every value and checks
 * the kind of each through its prototype chain: building a busy group's flush through it was the service's
 * largest CPU item under load (2.9 s of 23 s busy in a throughput profile). `execute` takes it as it is.
 */
class TextStatement extends SQL {
  private readonly params: unknown[] = [];
  private text = '';

  constructor() {
    super([]);
  }

  /** `insert into … values …` of `rows`, each value through its column's driver mapping as drizzle's; a missing one is `default`. */
  insert({ table, rows, tail = '' }: Batch): this {
    const columns = Object.entries(getTableColumns(table));
    const values = rows.map(
      (row) =>
        `(${columns
          .map(([key, column]) => {
            const value = (row as Record<string, unknown>)[key];
            if (value === undefined) return 'default';
            return this.param(value instanceof Encoded ? value.value : value === null ? null : column.mapToDriverValue(value));
          })
          .join(', ')})`,
    );
    return this.add(
      `insert into "${getTableName(table)}" (${columns.map(([, column]) => `"${column.name}"`).join(', ')}) values ${values.join(', ')}${tail}`,
    );
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(text: string): this {
    this.text += text;
    return this;
  }

  override toQuery(): Query {
    return { sql: this.text, params: this.params };
  }
}

/**
 * Writes the group in as few round trips as it can: the entity writes in order when some depend on others
 * (updates, department moves), then every insert, the clients and the counter as one statement (foreign keys
 * are checked at its end, so a comment may reference a case inserted beside it).
 */
export async function flushGroup(
  tx: CentralDb,
  writes: GroupWrites,
  run: TextRun = runAsIs,
  registry: CentralRegistry = appCentralRegistry,
): Promise<void> {
  const execute = (statement: TextStatement) => run(statement.toQuery(), tx, () => tx.execute(statement));
  const now = new Date();
  const batches: Batch[] = [];
  if (writes.entities.every((write) => write.op === 'insert')) {
    // Parents before children, in registry order.
    for (const bound of registry.tables) {
      const rows = writes.entities
        .filter((write): write is InsertWrite => write.op === 'insert' && write.table === bound.list)
        .map((write) => write.row);
      batches.push({ table: bound.table, rows });
    }
  } else {
    await flushEntities(tx, registry, writes.entities);
  }
  batches.push({
    table: syncClients,
    rows: [...writes.clients.values()].map((client) => ({ ...client, createdAt: now, lastSeenAt: now })),
    tail: ' on conflict ("client_id") do update set "last_mutation_id" = excluded."last_mutation_id", "last_seen_at" = excluded."last_seen_at"',
  });
  batches.push({
    table: mutationLog,
    rows: writes.log.map((entry) => ({
      clientId: entry.clientId,
      mutationId: entry.mutationId,
      agentId: entry.agentId,
      name: entry.name,
      // Whatever the client sent is kept, a JSON null included (the column's mapping would write SQL NULL for it).
      args: new Encoded(JSON.stringify(entry.args ?? null)),
      outcome: entry.result.outcome,
      error: entry.result.error,
      rowVersion: entry.version,
      createdAt: now,
    })),
  });
  batches.push({ table: auditLog, rows: writes.audit });
  const filled = batches.filter((batch) => batch.rows.length > 0);
  const counter =
    writes.versions.to === writes.versions.from
      ? null
      : (statement: TextStatement) =>
          statement.add(`update "sync_counter" set "version" = ${statement.param(writes.versions.to)} where "id" = 1`);
  const parameters = filled.reduce((sum, batch) => sum + batch.rows.length * Object.keys(batch.rows[0] as object).length, 0);
  if (parameters > MAX_COMBINED_PARAMETERS) {
    for (const batch of filled) for (const rows of chunks(batch.rows)) await execute(new TextStatement().insert({ ...batch, rows }));
    if (counter !== null) await execute(counter(new TextStatement()));
    return;
  }
  if (filled.length === 0) {
    if (counter !== null) await execute(counter(new TextStatement()));
    return;
  }
  const statement = new TextStatement().add('with ');
  filled.forEach((batch, index) =>
    statement
      .add(`${index === 0 ? '' : ', '}w${index} as (`)
      .insert(batch)
      .add(')'),
  );
  await execute(counter === null ? statement.add(' select 1') : counter(statement.add(' ')));
}

const runAsIs: TextRun = async (_query, _executor, asIs) => void (await asIs());

/** Runs the writes in order, consecutive inserts into one table as one statement. */
async function flushEntities(tx: CentralDb, registry: CentralRegistry, writes: readonly EntityWrite[]): Promise<void> {
  let run: InsertWrite[] = [];
  const flushRun = async () => {
    const first = run[0];
    if (first === undefined) return;
    for (const rows of chunks(run)) await tx.insert(registry.table(first.table).table).values(rows.map((write) => write.row) as never[]);
    run = [];
  };
  for (const write of writes) {
    if (write.op === 'insert') {
      if (run[0] !== undefined && run[0].table !== write.table) await flushRun();
      run.push(write);
      continue;
    }
    await flushRun();
    if (write.op === 'move') await move(tx, registry, write.table, write);
    else {
      const { table } = registry.table(write.table);
      await tx.update(table).set(write.set).where(eq(table.id, write.id));
    }
  }
  await flushRun();
}

/**
 * A row changing department takes its children along (a transferred case its timeline), as the registry
 * declares them; replicas of the old department get deletes. As many statements as the old hand-written
 * move: the children's ids, the tombstones at once, one update a child table.
 */
async function move(
  tx: CentralDb,
  registry: CentralRegistry,
  list: string,
  change: { id: string; from: string; to: string; rowVersion: number },
): Promise<void> {
  const { from, to, rowVersion } = change;
  const departed: { entity: string; entityId: string }[] = [];
  const follow: (() => Promise<unknown>)[] = [];
  const collect = async (parent: string, ids: string[]) => {
    const name = registry.sync.entityOfList(parent).name;
    for (const id of ids) departed.push({ entity: name, entityId: id });
    for (const child of registry.sync.childrenOf(name)) {
      const bound = registry.table(child.list);
      const key = getTableColumns(bound.table)[child.department.field];
      const departmentField = departmentKey(bound);
      if (key === undefined || departmentField === null) throw new Error(`${child.name} cannot follow its parent's department`);
      const childIds = (await tx.select({ id: bound.table.id }).from(bound.table).where(inArray(key, ids))).map((row) => row.id as string);
      if (childIds.length === 0) continue;
      follow.push(() =>
        tx
          .update(bound.table)
          .set({ [departmentField]: to, rowVersion })
          .where(inArray(key, ids)),
      );
      await collect(child.list, childIds);
    }
  };
  await collect(list, [change.id]);
  const deletedAt = new Date();
  await tx
    .insert(tombstones)
    .values(departed.map((row) => ({ ...row, departmentId: from, rowVersion, deletedAt })))
    .onConflictDoUpdate({ target: [tombstones.entity, tombstones.entityId, tombstones.departmentId], set: { rowVersion, deletedAt } });
  for (const update of follow) await update();
}
