import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { expect } from 'vitest';
import { servePull } from '../../src-central/sync/pull';
import { applyPush } from '../../src-central/sync/push';
import type { Agent } from '../../src-shared/schemas/entities';
import { pullRequestSchema, type PullRequest, type PushRequest } from '../../src-shared/sync';
import { openReplica } from '../../src-main/db/open-replica';
import { createRepositories } from '../../src-main/repositories/repositories';
import { createServices } from '../../src-main/services/services';
import { SyncEngine } from '../../src-main/sync/sync-engine';
import { canonical, replicaContents, sees, serverProjection } from './checks';
import type { SimServer } from './sim-server';

const migrationsFolder = join(import.meta.dirname, '..', '..', 'drizzle', 'local');
const now = new Date('2026-03-02T09:00:00.000Z');

/**
 * One agent's workspace against a simulation server, for tests that build a situation step by step: the
 * network can be cut after a number of pull pages, to leave the replica between two pages.
 */
export function cutWorkspace(server: SimServer, agent: Agent, pageSize = 40) {
  const replica = openReplica({ file: ':memory:', key: randomBytes(32), migrationsFolder });
  let pages = Number.POSITIVE_INFINITY;
  const transport = {
    push: async (request: PushRequest) => (await applyPush(server.store, agent.id, request, () => now)).response,
    pull: async (request: PullRequest) => {
      if (pages-- <= 0) throw new Error('network down');
      return servePull(server.store, agent.id, pullRequestSchema.parse(request));
    },
  };
  const engine = new SyncEngine(replica.db, createRepositories(replica.db), transport, { clock: { now: () => now }, pageSize });
  const services = createServices(replica.db, { clock: { now: () => now } });
  const held = { replica, agent };
  return {
    ...held,
    services,
    /** The agent, signed in (once the replica holds the city's agents). */
    signedIn: () => services.session.currentAgent() ?? (services.session.choose(agent.id), services.session.currentAgent() as Agent),
    sync: () => engine.sync(),
    /** Syncs until the network goes down after `n` pull pages. */
    async syncCutAfter(n: number) {
      pages = n;
      await expect(engine.sync()).rejects.toThrow('network down');
      pages = Number.POSITIVE_INFINITY;
    },
    count: (sql: string) => replica.db.$client.prepare(sql).pluck().get() as number,
    eventsWithoutCase: () =>
      replica.db.$client.prepare('SELECT count(*) FROM case_events WHERE case_id NOT IN (SELECT id FROM cases)').pluck().get() as number,
    /** The rows the replica holds outside its agent's scope, judged by the server's rows as they are now. */
    async outsideScope() {
      const [snapshot, scope] = [await server.snapshot(), await server.agentScope(agent.id)];
      const departmentOf = new Map(snapshot.caseEvents.map((event) => [event.id, event.departmentId]));
      const contents = replicaContents(held);
      return [
        ...contents.cases.filter((row) => !sees(scope, 'cases', row.departmentId)).map((row) => `case ${row.id}`),
        ...contents.caseEvents
          .filter((row) => !sees(scope, 'caseEvents', departmentOf.get(row.id) ?? null))
          .map((row) => `event ${row.id}`),
      ];
    },
    /** Whether the replica equals the server's projection for its agent. */
    converged: async () => canonical(replicaContents(held)) === canonical(serverProjection(await server.snapshot(), agent.id)),
    close: () => replica.close(),
  };
}
