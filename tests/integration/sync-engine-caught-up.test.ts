import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPLICA_FORMAT, type PullRequest, type PullResponse } from '../../src-shared/sync';
import type { Replica } from '../../src-main/db/open-replica';
import type { SyncTransport } from '../../src-main/sync/sync-engine';
import { v7 as uuidv7 } from 'uuid';
import { bulkCity, fileWorkspace, now, storeTransport } from './support/bulk-city';

/**
 * A workspace pulls on every poke: once its replica caught up, those pulls skip the bulk bootstrap's checks
 * (a first sync of an empty replica), until a reset empties the replica again.
 */

const dir = mkdtempSync(join(tmpdir(), 'guichet-caught-up-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How many times the bulk bootstrap looked at the outbox to decide whether it applies. */
function bulkProbes(replica: Replica): { count: number } {
  const client = replica.db.$client;
  const prepare = client.prepare.bind(client);
  const probes = { count: 0 };
  client.prepare = ((source: string) => {
    // The outbox repository's isEmpty(), as drizzle writes it.
    if (/^select "mutation_id" from "_pending" limit \?$/.test(source)) probes.count++;
    return prepare(source);
  }) as typeof client.prepare;
  return probes;
}

describe('a replica that caught up', () => {
  it('does not look for a bulk bootstrap at each sync', async () => {
    const city = bulkCity();
    const workspace = fileWorkspace(join(dir, 'caught-up.db'), randomBytes(32), storeTransport(city.store, city.counterId), { bulk: {} });
    try {
      const probes = bulkProbes(workspace.replica);
      await workspace.engine.sync();
      await workspace.engine.sync();
      const afterFirstSyncs = probes.count;
      expect(afterFirstSyncs).toBeGreaterThan(0);
      for (let i = 0; i < 3; i++) await workspace.engine.sync();
      expect(probes.count).toBe(afterFirstSyncs);
    } finally {
      await workspace.close();
    }
  });

  it('looks again once a reset emptied it, should the sync stop right after the reset', async () => {
    const city = bulkCity();
    const inner = storeTransport(city.store, city.counterId);
    let failAfterReset = false;
    let reset = false;
    const transport: SyncTransport = {
      push: (request) => inner.push(request),
      pull: async (request: PullRequest): Promise<PullResponse> => {
        if (reset && failAfterReset) throw new Error('connection lost');
        const response = await inner.pull(request);
        if (response.kind === 'reset') reset = true;
        return response;
      },
    };
    const workspace = fileWorkspace(join(dir, 'reset.db'), randomBytes(32), transport, { bulk: {} });
    try {
      await workspace.engine.sync();
      await workspace.engine.sync();
      const probes = bulkProbes(workspace.replica);
      // The replica's cursor is now older than what the central service still remembers: it must rebuild.
      city.store.horizonVersion = Number.MAX_SAFE_INTEGER;
      failAfterReset = true;
      await expect(workspace.engine.sync()).rejects.toThrow('connection lost');
      expect(reset).toBe(true);
      failAfterReset = false;
      city.store.horizonVersion = 0;
      await workspace.engine.sync();
      expect(probes.count).toBeGreaterThan(0);
      expect(workspace.replica.db.$client.prepare('SELECT count(*) FROM cases').pluck().get()).toBeGreaterThan(0);
    } finally {
      await workspace.close();
    }
  });
});

describe('the syncs that pokes cause', () => {
  it('prepare no statement once the first ones ran: the outbox, the rebase and the sync state reuse theirs', async () => {
    const city = bulkCity();
    const workspace = fileWorkspace(join(dir, 'poked.db'), randomBytes(32), storeTransport(city.store, city.counterId));
    const other = storeTransport(city.store, city.counterId);
    const otherClient = uuidv7();
    let target = '';
    const commentFromElsewhere = (mutationId: number) =>
      other.push({
        clientId: otherClient,
        replicaFormat: REPLICA_FORMAT,
        mutations: [
          {
            mutationId,
            name: 'case.comment',
            args: { caseId: target, visibility: 'internal', body: `Note ${mutationId}`, eventId: uuidv7() },
            createdAt: now.toISOString(),
          },
        ],
      });
    try {
      await workspace.engine.sync();
      target = workspace.replica.db.$client.prepare('SELECT id FROM cases LIMIT 1').pluck().get() as string;
      await commentFromElsewhere(1);
      await workspace.engine.sync();
      const client = workspace.replica.db.$client;
      const prepare = client.prepare.bind(client);
      const prepared: string[] = [];
      client.prepare = ((source: string) => {
        prepared.push(source);
        return prepare(source);
      }) as typeof client.prepare;
      const events = () => prepare('SELECT count(*) FROM case_events').pluck().get() as number;
      const before = events();
      for (let mutationId = 2; mutationId <= 4; mutationId++) {
        await commentFromElsewhere(mutationId);
        await workspace.engine.sync();
      }
      expect(events()).toBe(before + 3);
      expect(prepared).toEqual([]);
    } finally {
      await workspace.close();
    }
  });
});
