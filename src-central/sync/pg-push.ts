import { and, eq, sql } from 'drizzle-orm';
import type { Effect } from '../../src-shared/mutations';
import type { CentralDb } from '../db/central-db-types';
import { auditLog, caseEvents, cases, citizens, mutationLog, syncClients, tombstones } from '../db/schema';
import { nextVersion } from '../db/versions';
import { entityReader } from './pg-entities';
import { citizenColumns } from './pg-rows';
import type { LoggedMutation, PushTx } from './store';

/** A push's reads and writes inside its transaction (the counter row already locked). */
export function pushTx(tx: CentralDb): PushTx {
  const reader = entityReader(tx);
  // Clients whose row exists in this transaction: logging their mutations needs no insert first.
  const knownClients = new Set<string>();
  return {
    ...reader,
    client: async (id) => {
      const found = await reader.client(id);
      if (found !== null) knownClients.add(id);
      return found;
    },
    saveClient: async (client) => {
      const now = new Date();
      await tx
        .insert(syncClients)
        .values({ ...client, createdAt: now, lastSeenAt: now })
        .onConflictDoUpdate({ target: syncClients.clientId, set: { lastMutationId: client.lastMutationId, lastSeenAt: now } });
    },
    loggedMutation: async (clientId, mutationId) => {
      const [row] = await tx.select().from(mutationLog).where(and(eq(mutationLog.clientId, clientId), eq(mutationLog.mutationId, mutationId)));
      if (row === undefined) return null;
      return {
        clientId,
        mutationId,
        agentId: row.agentId,
        name: row.name,
        args: row.args,
        result: { mutationId, outcome: row.outcome, error: row.error ?? null },
        version: row.rowVersion,
      } satisfies LoggedMutation;
    },
    logMutation: async (entry) => {
      // The client row must exist before its log (foreign key); saveClient at the end updates its last id.
      const now = new Date();
      if (!knownClients.has(entry.clientId)) {
        await tx.insert(syncClients).values({ clientId: entry.clientId, agentId: entry.agentId, lastMutationId: 0, createdAt: now, lastSeenAt: now }).onConflictDoNothing();
        knownClients.add(entry.clientId);
      }
      await tx.insert(mutationLog).values({
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
      });
    },
    nextVersion: () => nextVersion(tx),
    apply: (effects, stamp) => applyEffects(tx, effects, stamp),
  };
}

async function applyEffects(tx: CentralDb, effects: readonly Effect[], stamp: { version: number; agentId: string; at: string; action: string }) {
  const rowVersion = stamp.version;
  const touched = new Set<string>();
  for (const effect of effects) {
    const entityId = effect.op === 'insert' ? effect.row.id : effect.id;
    const changes = effect.op === 'insert' ? effect.row : effect.patch;
    await tx.insert(auditLog).values({
      at: new Date(stamp.at),
      agentId: stamp.agentId,
      action: stamp.action,
      entity: effect.entity,
      entityId,
      changes: Object.fromEntries(Object.entries(changes).map(([key, to]) => [key, { from: null, to: to ?? null }])),
    });
    if (effect.entity === 'citizen') {
      if (effect.op === 'insert') await tx.insert(citizens).values({ ...(citizenColumns(effect.row) as typeof citizens.$inferInsert), rowVersion });
      else await tx.update(citizens).set({ ...citizenColumns(effect.patch), rowVersion }).where(eq(citizens.id, effect.id));
    } else if (effect.entity === 'case') {
      if (effect.op === 'insert') {
        await tx.insert(cases).values({ ...effect.row, rowVersion });
        touched.add(effect.row.departmentId);
        continue;
      }
      const [before] = await tx.select({ departmentId: cases.departmentId }).from(cases).where(eq(cases.id, effect.id));
      await tx.update(cases).set({ ...effect.patch, rowVersion }).where(eq(cases.id, effect.id));
      if (before !== undefined) touched.add(before.departmentId);
      if (before !== undefined && effect.patch.departmentId !== undefined && effect.patch.departmentId !== before.departmentId) {
        touched.add(effect.patch.departmentId);
        await moveCase(tx, effect.id, before.departmentId, effect.patch.departmentId, rowVersion);
      }
    } else {
      // The event takes its case's department in the same statement (an unknown case fails its NOT NULL).
      const [owner] = await tx
        .insert(caseEvents)
        .values({ ...effect.row, departmentId: sql`(select ${cases.departmentId} from ${cases} where ${cases.id} = ${effect.row.caseId})`, rowVersion })
        .returning({ departmentId: caseEvents.departmentId });
      if (owner === undefined) throw new Error(`event ${effect.row.id} of unknown case ${effect.row.caseId}`);
      touched.add(owner.departmentId);
    }
  }
  return { departments: [...touched] };
}

/** A case changing department takes its timeline along; replicas of the old department get deletes. */
async function moveCase(tx: CentralDb, caseId: string, from: string, to: string, rowVersion: number): Promise<void> {
  const eventIds = (await tx.select({ id: caseEvents.id }).from(caseEvents).where(eq(caseEvents.caseId, caseId))).map((row) => row.id);
  const deletedAt = new Date();
  const departed = [{ entity: 'case', entityId: caseId }, ...eventIds.map((id) => ({ entity: 'caseEvent', entityId: id }))];
  await tx
    .insert(tombstones)
    .values(departed.map((row) => ({ ...row, departmentId: from, rowVersion, deletedAt })))
    .onConflictDoUpdate({ target: [tombstones.entity, tombstones.entityId, tombstones.departmentId], set: { rowVersion, deletedAt } });
  await tx.update(caseEvents).set({ departmentId: to, rowVersion }).where(eq(caseEvents.caseId, caseId));
}

