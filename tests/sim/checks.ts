import { isLegalPath } from '../../src-shared/domain/case-status';
import type { CaseStatus } from '../../src-shared/schemas/common';
import { entityOfList, inScope, scopeOf, type Audience, type ListName, type SyncScope } from '../../src-shared/sync';
import { caseEvents, cases, caseTags, citizens, pendingMutations, syncInbox } from '../../src-main/db/schema';
import { readMeta } from '../../src-main/repositories/meta-repository';
import { createRepositories } from '../../src-main/repositories/repositories';
import { toCase, toCitizen } from '../../src-main/repositories/row-mappers';
import { readSyncState } from '../../src-main/sync/sync-state';
import { appReplicaRegistry, type ReplicaRegistry } from '../../src-main/sync/replica-tables';
import { extraEntities, isExtraList, type ServerSnapshot, type SimServer } from './sim-server';
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
const withSortedRoles = <T extends { roles: unknown[] }>(agent: T) => ({
  ...agent,
  roles: [...agent.roles].sort((a, b) => canonical(a).localeCompare(canonical(b))),
});

/** A replica and its agent: a simulated workspace, or one a test builds; `registry` when not the app's. */
export type HeldReplica = Pick<SimReplica, 'replica' | 'agent'> & { registry?: ReplicaRegistry };

type Row = { id: string } & Record<string, unknown>;

/** The entities an injected registry adds, read straight from their replica tables (their columns are their fields). */
function extraContents(replica: HeldReplica): Record<string, Row[]> {
  const entities = (replica.registry ?? appReplicaRegistry).inOrder.filter(({ declared }) => isExtraList(declared.list));
  return Object.fromEntries(
    entities.map(({ declared, bound }) => [declared.list, byId(replica.replica.db.select().from(bound.table).all() as Row[])]),
  );
}

export function replicaContents(replica: HeldReplica) {
  const db = replica.replica.db;
  const repos = createRepositories(db);
  return {
    departments: byId(repos.reference.departments()),
    categories: byId(repos.reference.categories()),
    agents: byId(repos.reference.agents()).map(withSortedRoles),
    citizens: byId(db.select().from(citizens).all().map(toCitizen)),
    cases: byId(db.select().from(cases).all().map(toCase)),
    caseEvents: byId(db.select().from(caseEvents).all()),
    caseTags: byId(db.select().from(caseTags).all()),
    ...extraContents(replica),
  };
}

/** Whether an injected entity's row (of `audience`, in `departmentId`) is in what a replica receives. */
const seesExtra = (scope: SyncScope, audience: Audience, departmentId: string | null) =>
  inScope({ scope, reference: true }, audience, departmentId);

/** The scope rule (src-shared/sync/scope.ts) for a row of `list` in `departmentId`, as pages serve it. */
export function sees(scope: SyncScope, list: ListName, departmentId: string | null): boolean {
  return inScope({ scope, reference: true }, entityOfList(list).audience, departmentId);
}

export function serverProjection(snapshot: ServerSnapshot, agentId: string, registry: ReplicaRegistry = appReplicaRegistry) {
  const agent = snapshot.agents.find((candidate) => candidate.id === agentId);
  if (agent === undefined) throw new Error(`no agent ${agentId}`);
  const scope = scopeOf(agent);
  const extra = Object.fromEntries(
    extraEntities(registry.sync.entities).map((declared) => [
      declared.list,
      byId(
        (snapshot.extra?.[declared.list] ?? [])
          .filter((stored) => seesExtra(scope, declared.audience, stored.departmentId))
          .map((stored) => stored.row),
      ),
    ]),
  );
  return {
    departments: byId(snapshot.departments.filter(() => sees(scope, 'departments', null))),
    categories: byId(snapshot.categories.filter(() => sees(scope, 'categories', null))),
    agents: byId(snapshot.agents.filter(() => sees(scope, 'agents', null))).map(withSortedRoles),
    citizens: byId(snapshot.citizens.filter(() => sees(scope, 'citizens', null))),
    cases: byId(snapshot.cases.filter((row) => sees(scope, 'cases', row.departmentId))),
    caseEvents: byId(
      snapshot.caseEvents.filter((row) => sees(scope, 'caseEvents', row.departmentId)).map(({ departmentId: _d, ...row }) => row),
    ),
    caseTags: byId(snapshot.caseTags.filter((row) => sees(scope, 'caseTags', row.departmentId)).map(({ departmentId: _d, ...row }) => row)),
    ...extra,
  };
}

/**
 * A replica never holds a row outside its agent's scope: cases of its departments only, events only with
 * their case, citizens only for public-facing agents. Checked after every sync and, with `server`, after
 * every pull page. Between pages two things are not yet settled: the agent's own pending changes (a case
 * they sent to another department stays until its acknowledgement), and an event whose case a later page
 * brings (the case changed after the event, so of a newer version); it is checked against its department
 * on the server instead, unless it left one of the agent's departments after the replica's cursor (a later
 * page deletes it).
 */
export async function scopeViolations(replica: HeldReplica, scope: SyncScope, pages?: { server: SimServer }): Promise<string[]> {
  const own = pages === undefined ? new Set<string>() : pendingRowIds(replica);
  const held = replicaContents(replica);
  const violations: string[] = [];
  for (const row of held.cases) {
    if (!sees(scope, 'cases', row.departmentId) && !own.has(row.id))
      violations.push(`${replica.agent.name} holds case ${row.id} of department ${row.departmentId}`);
  }
  const caseIds = new Set(held.cases.map((row) => row.id));
  // A case's children (its timeline, its themes) held without it.
  const orphans = [
    ...held.caseEvents.map((row) => ({ ...row, entity: 'caseEvent' as const, list: 'caseEvents' as const, label: 'event' })),
    ...held.caseTags.map((row) => ({ ...row, entity: 'caseTag' as const, list: 'caseTags' as const, label: 'theme' })),
  ].filter((row) => !caseIds.has(row.caseId) && !own.has(row.id));
  const server = orphans.length === 0 || pages === undefined ? null : await pages.server.snapshot();
  const departmentOf = new Map([...(server?.caseEvents ?? []), ...(server?.caseTags ?? [])].map((row) => [row.id, row.departmentId]));
  const cursor = readSyncState(replica.replica.db).cursor ?? 0;
  const leaving = new Set(
    server?.departures
      .filter(
        (row) =>
          (row.entity === 'caseEvent' || row.entity === 'caseTag') && row.version > cursor && sees(scope, 'caseEvents', row.departmentId),
      )
      .map((row) => row.id),
  );
  for (const child of orphans) {
    if (server === null) violations.push(`${replica.agent.name} holds ${child.label} ${child.id} without its case`);
    else if (!sees(scope, child.list, departmentOf.get(child.id) ?? null) && !leaving.has(child.id))
      violations.push(`${replica.agent.name} holds ${child.label} ${child.id} of a case outside its departments`);
  }
  const citizensHeld = held.citizens.filter((row) => !own.has(row.id)).length;
  if (!sees(scope, 'citizens', null) && citizensHeld > 0)
    violations.push(`${replica.agent.name} holds ${citizensHeld} citizens without the citizen scope`);
  violations.push(...extraScopeViolations(replica, scope, own));
  return violations;
}

/** An injected entity's rows held outside the scope, judged by their own department (entities with one of their own). */
function extraScopeViolations(replica: HeldReplica, scope: SyncScope, own: ReadonlySet<string>): string[] {
  const violations: string[] = [];
  const contents = extraContents(replica);
  for (const declared of extraEntities((replica.registry ?? appReplicaRegistry).sync.entities)) {
    const source = declared.department;
    if (source.kind === 'parent') throw new Error(`the simulation's checks do not follow ${declared.name}'s parent`);
    for (const row of contents[declared.list] ?? []) {
      const departmentId = source.kind === 'own' ? (row[source.field] as string) : null;
      if (!own.has(row.id) && !seesExtra(scope, declared.audience, departmentId))
        violations.push(`${replica.agent.name} holds ${declared.name} ${row.id} of department ${departmentId}`);
    }
  }
  return violations;
}

/** The ids of the rows the replica's pending mutations wrote (their undo images name them). */
function pendingRowIds(replica: HeldReplica): Set<string> {
  const ids = new Set<string>();
  for (const { undo } of replica.replica.db.select({ undo: pendingMutations.undo }).from(pendingMutations).all())
    for (const image of undo) ids.add(image.id);
  return ids;
}

export function cursorViolation(replica: SimReplica): string | null {
  const cursor = readSyncState(replica.replica.db).cursor;
  if (cursor === null) return null;
  const previous = replica.cursors.at(-1);
  replica.cursors.push(cursor);
  return previous !== undefined && cursor < previous ? `${replica.agent.name}'s cursor went back from ${previous} to ${cursor}` : null;
}

/** After quiescence: convergence, every mutation logged once, empty outboxes, legal histories, refusals in inboxes. */
export function finalViolations(replicas: SimReplica[], snapshot: ServerSnapshot, created: Map<string, number[]>): string[] {
  const violations: string[] = [];
  for (const replica of replicas) {
    const expected: Record<string, unknown[]> = serverProjection(snapshot, replica.agent.id, replica.registry);
    const held: Record<string, unknown[]> = replicaContents(replica);
    for (const key of Object.keys(expected)) {
      if (canonical(expected[key]) !== canonical(held[key])) {
        violations.push(
          `${replica.agent.name}'s ${key} differ from the server's projection (${held[key]?.length} held, ${expected[key]?.length} expected)`,
        );
      }
    }
    const pending = replica.replica.db.select().from(pendingMutations).all().length;
    if (pending > 0) violations.push(`${replica.agent.name} still has ${pending} pending mutations`);
  }
  const logged = new Map(snapshot.mutationLog.map((entry) => [`${entry.clientId}:${entry.mutationId}`, entry]));
  let createdCount = 0;
  for (const [clientId, ids] of created) {
    createdCount += ids.length;
    for (const mutationId of ids)
      if (!logged.has(`${clientId}:${mutationId}`)) violations.push(`mutation ${clientId}:${mutationId} was never logged`);
  }
  if (snapshot.mutationLog.length !== createdCount)
    violations.push(`${snapshot.mutationLog.length} mutations logged for ${createdCount} created`);
  for (const replica of replicas) {
    const inbox = new Set(
      replica.replica.db
        .select({ id: syncInbox.mutationId })
        .from(syncInbox)
        .all()
        .map((row) => row.id),
    );
    const clientId = readMeta(replica.replica.db, 'client_id');
    for (const entry of snapshot.mutationLog) {
      if (entry.clientId === clientId && entry.result.outcome !== 'applied' && !inbox.has(entry.mutationId)) {
        violations.push(
          `${replica.agent.name}'s refused mutation ${entry.mutationId} (${entry.result.error?.code}) is not in its sync inbox`,
        );
      }
    }
  }
  violations.push(...historyViolations(snapshot));
  return violations;
}

/** Every case's status history, in the order the server applied the transitions, is a path of the state machine. */
function historyViolations(snapshot: ServerSnapshot): string[] {
  const appliedAt = new Map<string, number>();
  for (const entry of snapshot.mutationLog) {
    const eventId = (entry.args as { eventId?: unknown } | null)?.eventId;
    if (entry.result.outcome === 'applied' && typeof eventId === 'string') appliedAt.set(eventId, entry.version ?? 0);
  }
  const violations: string[] = [];
  for (const row of snapshot.cases) {
    const transitions = snapshot.caseEvents
      .filter((event) => event.caseId === row.id && event.type === 'status_changed')
      .sort((a, b) => (appliedAt.get(a.id) ?? 0) - (appliedAt.get(b.id) ?? 0));
    const path: CaseStatus[] = ['new', ...transitions.map((event) => event.data.to as CaseStatus)];
    if (!isLegalPath(path) || path.at(-1) !== row.status)
      violations.push(`case ${row.id} has an illegal status history ${path.join(' → ')}`);
  }
  return violations;
}
