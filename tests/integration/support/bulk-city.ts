import { join } from 'node:path';
import { generateCityBatches } from '../../../src-shared/demo/city-generator';
import { pullRequestSchema, type PullRequest, type PushRequest } from '../../../src-shared/sync';
import { MemorySyncStore } from '../../../src-central/stores/memory-store';
import { servePull } from '../../../src-central/sync/pull';
import { applyPush } from '../../../src-central/sync/push';
import { openReplica, type Replica } from '../../../src-main/db/open-replica';
import { createRepositories } from '../../../src-main/repositories/repositories';
import type { BulkOptions } from '../../../src-main/sync/bulk-bootstrap';
import { sourceReplicaWriterFile } from '../../../src-main/sync/replica-writer';
import { SyncEngine, type SyncTransport } from '../../../src-main/sync/sync-engine';

/**
 * A central store holding a generated city, the same in every process for a seed (a child process that
 * is killed and the test that resumes its replica see the same versions), and workspaces on encrypted
 * file replicas syncing with it through the real pull code, each answer going through JSON as over HTTP.
 */

export const migrationsFolder = join(import.meta.dirname, '..', '..', '..', 'drizzle', 'local');
export const now = new Date('2026-03-02T09:00:00.000Z');
// Small pages: a bootstrap of this city takes a dozen of them, enough to stop one midway.
export const pageSize = 150;

export function bulkCity() {
  const store = new MemorySyncStore();
  let counterId = '';
  let otherCounterId = '';
  for (const batch of generateCityBatches({ citizens: 500, cases: 300, notesPerCase: 1, seed: 7, now, batchSize: 100 })) {
    if (batch.kind === 'cases') store.load({ cases: batch.rows, caseEvents: batch.events });
    else store.load({ [batch.kind]: batch.rows });
    if (batch.kind === 'agents') {
      counterId = batch.rows.find((agent) => agent.login === 'camille.accueil')?.id ?? '';
      otherCounterId = batch.rows.find((agent) => agent.login === 'samir.accueil')?.id ?? '';
    }
  }
  return { store, counterId, otherCounterId };
}

export function storeTransport(store: MemorySyncStore, agentId: string): SyncTransport {
  const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    push: async (request: PushRequest) => overTheWire((await applyPush(store, agentId, request, () => now)).response),
    pull: async (request: PullRequest) => overTheWire(await servePull(store, agentId, pullRequestSchema.parse(request))),
  };
}

export interface FileWorkspace {
  replica: Replica;
  engine: SyncEngine;
  /** Stops the engine's threads (a checkpoint after large pages, a bulk bootstrap) before closing the file. */
  close(): Promise<void>;
}

/** A workspace on the replica `file` (created if missing); `bulk` gives it the writer thread. */
export function fileWorkspace(
  file: string,
  key: Buffer,
  transport: SyncTransport,
  options: { bulk?: Omit<BulkOptions, 'key' | 'workerFile'>; onChange?: () => void } = {},
): FileWorkspace {
  const replica = openReplica({ file, key, migrationsFolder });
  const bulk = options.bulk === undefined ? {} : { bulk: { ...options.bulk, key, workerFile: sourceReplicaWriterFile } };
  const engine = new SyncEngine(replica.db, createRepositories(replica.db), transport, {
    clock: { now: () => now },
    pageSize,
    ...bulk,
    ...(options.onChange ? { onChange: options.onChange } : {}),
  });
  return {
    replica,
    engine,
    async close() {
      await engine.stop();
      replica.close();
    },
  };
}
