import { errorStatus, type GuichetError, isGuichetError, fail } from '../../src-shared/errors';
import type { MutationReader } from '../../src-shared/mutations';
import type { Agent } from '../../src-shared/schemas/entities';
import { argsShapeIssue, type PushRequest, type PushResponse, type PushResult, type SyncRegistry } from '../../src-shared/sync';
import { idSchema } from '../../src-shared/schemas/common';
import { contentRefusal, storableArgs, storableError, storableName } from './push-content';
import type { PushPreload, PushTx, SyncStore } from './store';

/** Thrown by the caching reader when a mutator asks for a row not loaded yet: load it, decide again. */
class NeedsRow {
  constructor(
    readonly key: string,
    readonly load: () => Promise<unknown>,
  ) {}
}

/**
 * Runs a pure mutator against rows loaded asynchronously: each miss loads the row and decides again, so
 * the shared mutators stay synchronous on both sides.
 */
async function decideWithLoads(registry: SyncRegistry, tx: PushTx, agent: Agent, now: Date, mutation: { name: string; args: unknown }) {
  const cache = new Map<string, unknown>();
  const cached = <T>(key: string, load: () => Promise<T>): T => {
    if (!cache.has(key)) throw new NeedsRow(key, load);
    return cache.get(key) as T;
  };
  const reader: MutationReader = {
    case: (id) => cached(`case:${id}`, () => tx.case(id)),
    citizen: (id) => cached(`citizen:${id}`, () => tx.citizen(id)),
    category: (id) => cached(`category:${id}`, () => tx.category(id)),
    agent: (id) => cached(`agent:${id}`, () => tx.agent(id)),
    row: (entity, id) => cached(`row:${entity}:${id}`, () => tx.row(entity, id)),
  };
  for (;;) {
    try {
      return registry.decide({ agent, now, read: reader }, mutation.name, mutation.args);
    } catch (error) {
      if (!(error instanceof NeedsRow)) throw error;
      cache.set(error.key, await error.load());
    }
  }
}

export interface PushOutcome {
  response: PushResponse;
  /** Departments whose rows changed, with the last version: who to poke. */
  changed: { departments: string[]; version: number } | null;
}

/**
 * Applies a client's mutations in order, each with the shared mutator, checking permissions against the
 * agent as the server knows them now. A refusal is recorded with its coded reason and still advances the
 * client's last mutation id, so one bad write never blocks the queue; a resend is answered from the log.
 */
export async function applyPush(store: SyncStore, agentId: string, request: PushRequest, now: () => Date): Promise<PushOutcome> {
  try {
    return await applyMutations(store, agentId, request, now, null);
  } catch (error) {
    if (contentRefusal(error) === null) throw error;
    return applyOneByOne(store, agentId, request, now);
  }
}

/**
 * The database refused a write because of what a mutation holds (contentRefusal): an id that exists (a
 * client's bug, a restored backup, two offline agents drawing the same tracking code), or content it
 * cannot store. Each mutation then runs in a transaction of its own, and the one that fails is recorded as
 * refused with ID_TAKEN or CONTENT_REFUSED: the client's queue moves on instead of failing with a 5xx at
 * every retry.
 */
async function applyOneByOne(store: SyncStore, agentId: string, request: PushRequest, now: () => Date): Promise<PushOutcome> {
  const results: PushResult[] = [];
  const departments = new Set<string>();
  let version = 0;
  let lastMutationId = 0;
  for (const mutation of request.mutations) {
    const single = { ...request, mutations: [mutation] };
    let outcome: PushOutcome;
    try {
      outcome = await applyMutations(store, agentId, single, now, null);
    } catch (error) {
      const refusal = contentRefusal(error);
      if (refusal === null) throw error;
      outcome = await applyMutations(store, agentId, single, now, refusal);
    }
    results.push(...outcome.response.results);
    lastMutationId = outcome.response.lastMutationId;
    for (const department of outcome.changed?.departments ?? []) departments.add(department);
    version = Math.max(version, outcome.changed?.version ?? 0);
  }
  return { response: { results, lastMutationId }, changed: version > 0 ? { departments: [...departments], version } : null };
}

/** Applies the push in one store transaction; `refuse` records every new mutation as that refusal instead. */
async function applyMutations(
  store: SyncStore,
  agentId: string,
  request: PushRequest,
  now: () => Date,
  refuse: GuichetError | null,
): Promise<PushOutcome> {
  return store.push(
    async (tx) => {
      const agent = await tx.agent(agentId);
      if (agent === null) throw fail('ACCESS_DENIED');
      const client = (await tx.client(request.clientId)) ?? { clientId: request.clientId, agentId, lastMutationId: 0 };
      if (client.agentId !== agentId) throw fail('ACCESS_DENIED');
      const results: PushResult[] = [];
      const departments = new Set<string>();
      let version = 0;
      for (const mutation of request.mutations) {
        if (mutation.mutationId <= client.lastMutationId) {
          const logged = await tx.loggedMutation(client.clientId, mutation.mutationId);
          results.push(logged?.result ?? { mutationId: mutation.mutationId, outcome: 'applied', error: null });
          continue;
        }
        if (mutation.mutationId !== client.lastMutationId + 1) {
          throw fail('MUTATION_GAP', { expected: client.lastMutationId + 1, received: mutation.mutationId });
        }
        // Arguments too deep or too large are refused before anything walks them recursively.
        const shape = argsShapeIssue(mutation.args);
        const name = storableName(mutation.name);
        const applied =
          refuse !== null
            ? refused(refuse)
            : shape !== null
              ? refused(fail('VALIDATION_FAILED', { issues: [shape] }))
              : await applyOne(
                  store.registry,
                  tx,
                  agent,
                  { clientId: client.clientId, mutationId: mutation.mutationId, name, args: mutation.args },
                  now(),
                );
        for (const department of applied.departments) departments.add(department);
        if (applied.version !== null) version = applied.version;
        const result: PushResult = { mutationId: mutation.mutationId, outcome: applied.outcome, error: storableError(applied.error) };
        await tx.logMutation({
          clientId: client.clientId,
          mutationId: mutation.mutationId,
          agentId,
          name,
          args: storableArgs(mutation.args, shape, refuse?.code === 'CONTENT_REFUSED'),
          result,
          version: applied.version,
        });
        results.push(result);
        client.lastMutationId = mutation.mutationId;
      }
      await tx.saveClient(client);
      return {
        response: { results, lastMutationId: client.lastMutationId },
        changed: version > 0 ? { departments: [...departments], version } : null,
      };
    },
    preloadOf(agentId, request),
  );
}

const isId = (value: unknown): value is string => typeof value === 'string' && idSchema.safeParse(value).success;

/** The rows the mutators will likely read, named by their arguments (only well-formed ids: a hint is never an error). */
function preloadOf(agentId: string, request: PushRequest): PushPreload {
  const preload: PushPreload = { agents: [agentId], clients: [request.clientId], cases: [], citizens: [], categories: [] };
  for (const { name, args } of request.mutations) {
    if (typeof args !== 'object' || args === null) continue;
    const named = args as Record<string, unknown>;
    if (isId(named['caseId'])) preload.cases.push(named['caseId']);
    if (isId(named['citizenId'])) preload.citizens.push(named['citizenId']);
    if (isId(named['categoryId'])) preload.categories.push(named['categoryId']);
    if (isId(named['assigneeId'])) preload.agents.push(named['assigneeId']);
    if (name === 'citizen.update' && isId(named['id'])) preload.citizens.push(named['id']);
  }
  return preload;
}

/** A coded refusal as a recorded outcome: `conflict` for a conflict, `rejected` for the rest. */
function refused(error: GuichetError) {
  const outcome = errorStatus[error.code] === 'conflict' ? ('conflict' as const) : ('rejected' as const);
  return { outcome, error: error.toPayload(), version: null, departments: [] as string[] };
}

async function applyOne(
  registry: SyncRegistry,
  tx: PushTx,
  agent: Agent,
  mutation: { clientId: string; mutationId: number; name: string; args: unknown },
  now: Date,
) {
  let decision;
  try {
    decision = await decideWithLoads(registry, tx, agent, now, mutation);
  } catch (error) {
    if (!isGuichetError(error) || errorStatus[error.code] === 'internal') throw error;
    return refused(error);
  }
  const version = await tx.nextVersion();
  const { clientId, mutationId, name: action } = mutation;
  const { departments } = await tx.apply(decision.effects, {
    version,
    agentId: agent.id,
    at: now.toISOString(),
    action,
    clientId,
    mutationId,
  });
  return { outcome: 'applied' as const, error: null, version, departments };
}
