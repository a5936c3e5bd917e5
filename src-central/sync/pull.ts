import { fail } from '../../src-shared/errors';
import {
  isEmptyScope,
  REPLICA_FORMAT,
  scopeDifference,
  scopeOf,
  type PullPatch,
  type PullResponse,
  type SyncRegistry,
  type SyncScope,
} from '../../src-shared/sync';
import type { z } from 'zod';
import type { pullRequestSchema } from '../../src-shared/sync';
import { PullWindow } from './pull-window';
import { materializePull, type ServedPull, type ServedRowSet } from './served-rows';
import type { PullFeed, PullReader, SyncStore, VersionedRows } from './store';

type PullRequest = z.output<typeof pullRequestSchema>;

const noScope: SyncScope = { departments: [], citizens: false };

function intersect(a: SyncScope, b: SyncScope): SyncScope {
  return { departments: a.departments.filter((id) => b.departments.includes(id)), citizens: a.citizens && b.citizens };
}

/**
 * What the replica may hold rows of: the scope it was filled for, plus the part a bootstrap under way has
 * begun to fill (its scope is not the replica's yet, but its first pages landed).
 */
function filledScope(request: PullRequest): SyncScope | null {
  const partial = request.bootstrap?.scope;
  if (request.scope === null || partial === undefined) return request.scope;
  return {
    departments: [...new Set([...request.scope.departments, ...partial.departments])].sort(),
    citizens: request.scope.citizens || partial.citizens,
  };
}

/** What the agent lost since the replica's last page: the replica must drop it. */
function droppedScope(request: PullRequest, current: SyncScope): SyncScope {
  const filled = filledScope(request);
  return filled === null || request.cursor === null ? noScope : scopeDifference(filled, current).dropped;
}

function sameScope(a: SyncScope, b: SyncScope): boolean {
  return (
    a.citizens === b.citizens && a.departments.length === b.departments.length && a.departments.every((id) => b.departments.includes(id))
  );
}

/**
 * One page of what a replica lacks: first the rows of departments the agent gained (a partial bootstrap,
 * rows up to the replica's cursor), then every change since the cursor in the agent's current scope, with
 * deletes for rows that left it. Scope always comes from the agent as the server knows them now.
 */
export async function servePull(store: SyncStore, agentId: string, request: PullRequest): Promise<PullResponse> {
  return materializePull(await pullAnswer(store, agentId, request));
}

/** `servePull`'s answer with the lists the database serialized left as JSON (see `pullAnswerJson`). */
export async function pullAnswer(store: SyncStore, agentId: string, request: PullRequest): Promise<ServedPull> {
  if (request.replicaFormat < REPLICA_FORMAT) return { kind: 'upgrade-required', minimumFormat: REPLICA_FORMAT };
  if (store.feed !== undefined && request.cursor !== null && request.cursor > 0) {
    const answer = await fromWindow(pullWindow(store.feed, store.registry), agentId, { ...request, cursor: request.cursor });
    if (answer !== null) return answer;
  }
  return store.read(async (reader) => {
    const agent = await reader.agent(agentId);
    if (agent === null) throw fail('ACCESS_DENIED');
    const client = await reader.client(request.clientId);
    if (client !== null && client.agentId !== agentId) throw fail('ACCESS_DENIED');
    const lastMutationId = client?.lastMutationId ?? 0;
    const current = scopeOf(agent);
    if (request.cursor !== null && request.cursor < (await reader.horizon())) return { kind: 'reset', reason: 'horizon' };

    const cursor = request.cursor ?? 0;
    const held = request.cursor === null || request.scope === null ? current : intersect(request.scope, current);
    const dropped = droppedScope(request, current);
    const strays = await strayCases(reader, request, dropped);
    const added = scopeDifference(held, current).added;
    if (!isEmptyScope(added) && cursor > 0) {
      return bootstrapPage(reader, request, { held, added, dropped, strays, cursor, lastMutationId });
    }
    return changesPage(reader, request, { scope: current, dropped, strays, cursor, lastMutationId });
  });
}

/**
 * The replica drops a lost department's rows through the cases it holds (its events carry no department), so
 * the events it holds without their case would stay: those cases are deleted by id (with their events) too.
 */
async function strayCases(reader: PullReader, request: PullRequest, dropped: SyncScope): Promise<PullPatch['deletes']> {
  if (dropped.departments.length === 0 || request.cursor === null) return [];
  // A bootstrap under way has sent its part only up to `after`.
  const after = Math.min(request.cursor, request.bootstrap?.after ?? request.cursor);
  return (await reader.strays({ departments: dropped.departments, after })).map((id) => ({ entity: 'case' as const, id }));
}

const windows = new WeakMap<PullFeed, PullWindow>();

/** The in-memory window of recent changes over `feed` (one per store, so one per central instance). */
export function pullWindow(feed: PullFeed, registry?: SyncRegistry): PullWindow {
  let window = windows.get(feed);
  if (window === undefined) {
    window = new PullWindow(feed, registry === undefined ? {} : { registry });
    windows.set(feed, window);
  }
  return window;
}

/**
 * A pull answered from the window: one glance (head, horizon, client, agent in one snapshot), then memory.
 * Null when the database must answer: a partial bootstrap, a lost department (see `strayCases`), or a cursor
 * older than the window.
 */
async function fromWindow(window: PullWindow, agentId: string, request: PullRequest & { cursor: number }): Promise<ServedPull | null> {
  const glance = await window.glance({ clientId: request.clientId, agentId });
  if (glance.agent === null) throw fail('ACCESS_DENIED');
  if (glance.client !== null && glance.client.agentId !== agentId) throw fail('ACCESS_DENIED');
  if (request.cursor < glance.horizon) return { kind: 'reset', reason: 'horizon' };
  const current = scopeOf(glance.agent);
  const held = request.scope === null ? current : intersect(request.scope, current);
  if (!isEmptyScope(scopeDifference(held, current).added)) return null;
  const dropped = droppedScope(request, current);
  if (dropped.departments.length > 0) return null;
  if (!(await window.reach(glance.head)) || !window.covers(request.cursor)) return null;
  // The window may be past the glance's head: the last mutation id read there still has its effects below.
  const { head, page, deletes } = window.answer({ scope: current, after: request.cursor, limit: request.pageSize });
  return changesPatch(
    { scope: current, dropped, cursor: request.cursor, lastMutationId: glance.client?.lastMutationId ?? 0 },
    head,
    page,
    deletes,
  );
}

async function bootstrapPage(
  reader: PullReader,
  request: PullRequest,
  state: { held: SyncScope; added: SyncScope; dropped: SyncScope; strays: PullPatch['deletes']; cursor: number; lastMutationId: number },
): Promise<ServedPull> {
  const resumed = request.bootstrap !== null && sameScope(request.bootstrap.scope, state.added) ? request.bootstrap.after : 0;
  const page = await reader.changes({ scope: state.added, reference: false, after: resumed, upTo: state.cursor, limit: request.pageSize });
  const done = !page.more;
  return {
    kind: 'patch',
    cursor: state.cursor,
    more: true,
    head: state.cursor,
    scope: done
      ? {
          departments: [...state.held.departments, ...state.added.departments].sort(),
          citizens: state.held.citizens || state.added.citizens,
        }
      : state.held,
    bootstrap: done ? null : { scope: state.added, after: page.maxVersion },
    lastMutationId: state.lastMutationId,
    upserts: page.rows,
    deletes: state.strays,
    dropped: state.dropped,
  };
}

async function changesPage(
  reader: PullReader,
  request: PullRequest,
  state: { scope: SyncScope; dropped: SyncScope; strays: PullPatch['deletes']; cursor: number; lastMutationId: number },
): Promise<ServedPull> {
  const head = await reader.head();
  const page = await reader.changes({ scope: state.scope, reference: true, after: state.cursor, upTo: head, limit: request.pageSize });
  const upTo = page.more ? page.maxVersion : head;
  const departures = state.cursor === 0 ? [] : await reader.departures({ scope: state.scope, after: state.cursor, upTo });
  return changesPatch(state, head, page, [...state.strays, ...departures]);
}

function changesPatch(
  state: { scope: SyncScope; dropped: SyncScope; cursor: number; lastMutationId: number },
  head: number,
  page: VersionedRows<ServedRowSet>,
  deletes: PullPatch['deletes'],
): ServedPull {
  return {
    kind: 'patch',
    cursor: Math.max(page.more ? page.maxVersion : head, state.cursor),
    more: page.more,
    head,
    scope: state.scope,
    bootstrap: null,
    lastMutationId: state.lastMutationId,
    upserts: page.rows,
    deletes,
    dropped: state.dropped,
  };
}
