import { eq, sql, type SQLWrapper } from 'drizzle-orm';
import type { CentralDb } from '../db/central-db-types';
import { auditLog, caseEvents, cases, citizens, mutationLog, syncClients, syncCounter, tombstones } from '../db/schema';
import type { LoggedMutation, SyncClient } from './store';

/** An entity write of a push group, kept in order until the group flushes. */
export type EntityWrite =
  | { op: 'insert'; table: 'citizens'; row: typeof citizens.$inferInsert }
  | { op: 'insert'; table: 'cases'; row: typeof cases.$inferInsert }
  | { op: 'insert'; table: 'caseEvents'; row: typeof caseEvents.$inferInsert }
  | { op: 'update'; table: 'citizens'; id: string; set: Partial<typeof citizens.$inferInsert> }
  | { op: 'update'; table: 'cases'; id: string; set: Partial<typeof cases.$inferInsert> }
  | { op: 'move'; caseId: string; from: string; to: string; rowVersion: number };

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

const tables = { citizens, cases, caseEvents } as const;
// Well under PostgreSQL's 65,535 parameters a statement, for any of these tables.
const ROWS_PER_STATEMENT = 1_000;
// Past this many parameters, the group's final writes go as several statements instead of one.
const MAX_COMBINED_PARAMETERS = 30_000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) out.push(rows.slice(start, start + ROWS_PER_STATEMENT));
  return out;
}

/** Rows for one multi-row statement, and how to build it for any slice of them. */
interface Batch {
  rows: readonly object[];
  build(rows: readonly object[]): SQLWrapper & PromiseLike<unknown>;
}

/**
 * Writes the group in as few round trips as it can: the entity writes in order when some depend on others
 * (updates, department moves), then every insert, the clients and the counter as one statement (foreign keys
 * are checked at its end, so a comment may reference a case inserted beside it).
 */
export async function flushGroup(tx: CentralDb, writes: GroupWrites): Promise<void> {
  const now = new Date();
  const batches: Batch[] = [];
  if (writes.entities.every((write) => write.op === 'insert')) {
    for (const table of ['citizens', 'cases', 'caseEvents'] as const) {
      const rows = writes.entities.filter((write): write is InsertWrite => write.op === 'insert' && write.table === table).map((write) => write.row);
      batches.push({ rows, build: (slice) => tx.insert(tables[table]).values(slice as never[]) });
    }
  } else {
    await flushEntities(tx, writes.entities);
  }
  batches.push({
    rows: [...writes.clients.values()].map((client) => ({ ...client, createdAt: now, lastSeenAt: now })),
    build: (slice) =>
      tx
        .insert(syncClients)
        .values(slice as (typeof syncClients.$inferInsert)[])
        .onConflictDoUpdate({ target: syncClients.clientId, set: { lastMutationId: sql`excluded.last_mutation_id`, lastSeenAt: sql`excluded.last_seen_at` } }),
  });
  batches.push({
    rows: writes.log.map((entry) => ({
      clientId: entry.clientId,
      mutationId: entry.mutationId,
      agentId: entry.agentId,
      name: entry.name,
      // Whatever the client sent is kept, a JSON null included (drizzle would write SQL NULL for it).
      args: sql`${JSON.stringify(entry.args ?? null)}::jsonb`,
      outcome: entry.result.outcome,
      error: entry.result.error,
      rowVersion: entry.version,
      createdAt: now,
    })),
    build: (slice) => tx.insert(mutationLog).values(slice as (typeof mutationLog.$inferInsert)[]),
  });
  batches.push({ rows: writes.audit, build: (slice) => tx.insert(auditLog).values(slice as (typeof auditLog.$inferInsert)[]) });
  const counter = writes.versions.to === writes.versions.from ? null : tx.update(syncCounter).set({ version: writes.versions.to }).where(eq(syncCounter.id, 1));
  const filled = batches.filter((batch) => batch.rows.length > 0);
  const parameters = filled.reduce((sum, batch) => sum + batch.rows.length * Object.keys(batch.rows[0] as object).length, 0);
  if (parameters > MAX_COMBINED_PARAMETERS) {
    for (const batch of filled) for (const rows of chunks(batch.rows)) await batch.build(rows);
    if (counter !== null) await counter;
    return;
  }
  const ctes = filled.map((batch, index) => sql`${sql.raw(`w${index}`)} as (${batch.build(batch.rows).getSQL()})`);
  const last = counter?.getSQL() ?? sql`select 1`;
  if (ctes.length === 0) {
    if (counter !== null) await counter;
    return;
  }
  await tx.execute(sql`with ${sql.join(ctes, sql`, `)} ${last}`);
}

/** Runs the writes in order, consecutive inserts into one table as one statement. */
async function flushEntities(tx: CentralDb, writes: readonly EntityWrite[]): Promise<void> {
  let run: InsertWrite[] = [];
  const flushRun = async () => {
    const first = run[0];
    if (first === undefined) return;
    for (const rows of chunks(run)) await tx.insert(tables[first.table]).values(rows.map((write) => write.row) as never[]);
    run = [];
  };
  for (const write of writes) {
    if (write.op === 'insert') {
      if (run[0] !== undefined && run[0].table !== write.table) await flushRun();
      run.push(write);
      continue;
    }
    await flushRun();
    if (write.op === 'move') await moveCase(tx, write);
    else if (write.table === 'citizens') await tx.update(citizens).set(write.set).where(eq(citizens.id, write.id));
    else await tx.update(cases).set(write.set).where(eq(cases.id, write.id));
  }
  await flushRun();
}

/** A case changing department takes its timeline along; replicas of the old department get deletes. */
async function moveCase(tx: CentralDb, move: Extract<EntityWrite, { op: 'move' }>): Promise<void> {
  const { caseId, from, to, rowVersion } = move;
  const eventIds = (await tx.select({ id: caseEvents.id }).from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((row) => row.id);
  const deletedAt = new Date();
  const departed = [{ entity: 'case', entityId: caseId }, ...eventIds.map((id) => ({ entity: 'caseEvent', entityId: id }))];
  await tx
    .insert(tombstones)
    .values(departed.map((row) => ({ ...row, departmentId: from, rowVersion, deletedAt })))
    .onConflictDoUpdate({ target: [tombstones.entity, tombstones.entityId, tombstones.departmentId], set: { rowVersion, deletedAt } });
  await tx.update(caseEvents).set({ departmentId: to, rowVersion }).where(eq(caseEvents.caseId, caseId));
}
