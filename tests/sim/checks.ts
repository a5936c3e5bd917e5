import { isLegalPath } from '../../src-shared/domain/case-status';
import type { CaseStatus } from '../../src-shared/schemas/common';
import { scopeOf } from '../../src-shared/sync';
import type { MemorySyncStore } from '../../src-central/sync/memory-store';
import { readSyncState } from '../../src-main/sync/sync-state';
import { toCase, toCitizen } from '../../src-main/repositories/row-mappers';
import { createRepositories } from '../../src-main/repositories/repositories';
import { caseEvents, cases, citizens, pendingMutations, syncInbox } from '../../src-main/db/schema';
import type { SimReplica } from './world';

/** JSON with sorted keys: two rows are equal whatever order their fields were written in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

export function replicaContents(replica: SimReplica) {
  const db = replica.replica.db;
  const repos = createRepositories(db);
  return {
    departments: byId(repos.reference.departments()),
    categories: byId(repos.reference.categories()),
    agents: byId(repos.reference.agents()).map((agent) => ({ ...agent, roles: [...agent.roles].sort((a, b) => canonical(a).localeCompare(canonical(b))) })),
    citizens: byId(db.select().from(citizens).all().map(toCitizen)),
    cases: byId(db.select().from(cases).all().map(toCase)),
    caseEvents: byId(db.select().from(caseEvents).all()),
  };
}

export function serverProjection(store: MemorySyncStore, agentId: string) {
  const agent = store.agents.get(agentId)?.row;
  if (agent === undefined) throw new Error(`no agent ${agentId}`);
  const scope = scopeOf(agent);
  const rows = <T>(map: Map<string, { row: T }>) => [...map.values()].map((entry) => entry.row);
  return {
    departments: byId(rows(store.departments)),
    categories: byId(rows(store.categories)),
    agents: byId(rows(store.agents)).map((a) => ({ ...a, roles: [...a.roles].sort((x, y) => canonical(x).localeCompare(canonical(y))) })),
    citizens: scope.citizens ? byId(rows(store.citizens)) : [],
    cases: byId(rows(store.cases).filter((row) => scope.departments.includes(row.departmentId))),
    caseEvents: byId(
      rows(store.caseEvents)
        .filter((row) => scope.departments.includes(row.departmentId))
        .map(({ departmentId: _departmentId, ...row }) => row),
    ),
  };
}

/** Checked after every pull: a replica never holds a row outside its agent's current scope. */
export function scopeViolations(replica: SimReplica, store: MemorySyncStore): string[] {
  const agent = store.agents.get(replica.agent.id)?.row;
  if (agent === undefined) return [`agent ${replica.agent.id} vanished`];
  const scope = scopeOf(agent);
  const held = replicaContents(replica);
  const violations: string[] = [];
  for (const row of held.cases) {
    if (!scope.departments.includes(row.departmentId)) violations.push(`${replica.agent.name} holds case ${row.id} of department ${row.departmentId}`);
  }
  const caseIds = new Set(held.cases.map((row) => row.id));
  for (const event of held.caseEvents) {
    const serverCase = store.cases.get(event.caseId)?.row;
    if (!caseIds.has(event.caseId) && (serverCase === undefined || !scope.departments.includes(serverCase.departmentId))) {
      violations.push(`${replica.agent.name} holds event ${event.id} of a case outside its departments`);
    }
  }
  if (!scope.citizens && held.citizens.length > 0) violations.push(`${replica.agent.name} holds ${held.citizens.length} citizens without the citizen scope`);
  return violations;
}

export function cursorViolation(replica: SimReplica): string | null {
  const cursor = readSyncState(replica.replica.db).cursor;
  if (cursor === null) return null;
  const previous = replica.cursors.at(-1);
  replica.cursors.push(cursor);
  return previous !== undefined && cursor < previous ? `${replica.agent.name}'s cursor went back from ${previous} to ${cursor}` : null;
}

/** After quiescence: convergence, every mutation logged once, empty outboxes, legal histories, refusals in inboxes. */
export function finalViolations(replicas: SimReplica[], store: MemorySyncStore, created: Map<string, number[]>): string[] {
  const violations: string[] = [];
  for (const replica of replicas) {
    const expected = serverProjection(store, replica.agent.id);
    const held = replicaContents(replica);
    for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
      if (canonical(expected[key]) !== canonical(held[key])) {
        violations.push(`${replica.agent.name}'s ${key} differ from the server's projection (${held[key].length} held, ${expected[key].length} expected)`);
      }
    }
    const pending = replica.replica.db.select().from(pendingMutations).all().length;
    if (pending > 0) violations.push(`${replica.agent.name} still has ${pending} pending mutations`);
  }
  const logged = [...store.mutationLog.values()];
  let createdCount = 0;
  for (const [clientId, ids] of created) {
    createdCount += ids.length;
    for (const mutationId of ids) {
      const entry = store.mutationLog.get(`${clientId}:${mutationId}`);
      if (entry === undefined) violations.push(`mutation ${clientId}:${mutationId} was never logged`);
    }
  }
  if (logged.length !== createdCount) violations.push(`${logged.length} mutations logged for ${createdCount} created`);
  for (const replica of replicas) {
    const inbox = new Set(replica.replica.db.select({ id: syncInbox.mutationId }).from(syncInbox).all().map((row) => row.id));
    const clientId = replica.replica.db.$client.prepare(`SELECT value FROM _meta WHERE key = 'client_id'`).pluck().get() as string | undefined;
    for (const entry of logged) {
      if (entry.clientId === clientId && entry.result.outcome !== 'applied' && !inbox.has(entry.mutationId)) {
        violations.push(`${replica.agent.name}'s refused mutation ${entry.mutationId} (${entry.result.error?.code}) is not in its sync inbox`);
      }
    }
  }
  for (const { row } of store.cases.values()) {
    const path: CaseStatus[] = ['new'];
    for (const { row: event } of store.caseEvents.values()) {
      if (event.caseId === row.id && event.type === 'status_changed') path.push(event.data.to as CaseStatus);
    }
    if (!isLegalPath(path) || path.at(-1) !== row.status) violations.push(`case ${row.id} has an illegal status history ${path.join(' → ')}`);
  }
  return violations;
}
