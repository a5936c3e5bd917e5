import { randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPLICA_FORMAT } from '../../src-shared/sync';
import { applyPush } from '../../src-central/sync/push';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import { createRepositories } from '../../src-main/repositories/repositories';
import { OffThreadCheckpoint } from '../../src-main/sync/off-thread-checkpoint';
import { Pace, syncPageChannel, type SyncPageEvent } from '../../src-main/sync/rebase';
import { sourceReplicaWriterFile } from '../../src-main/sync/replica-writer';
import { SyncEngine } from '../../src-main/sync/sync-engine';
import { bulkCity, migrationsFolder, now, storeTransport } from './support/bulk-city';
import { probingEachTurn } from './support/loop-probe';

/**
 * A file replica's pages take one of two paths by the rows their transaction writes: a small one (a
 * poke-driven pull) commits as any transaction does; a large one (1,000 rows or more: a catch-up, a
 * reconnect's rebase) bounds the page cache while it is applied, so its dirty pages reach the log across
 * the slices rather than all in the COMMIT, and commits without the automatic checkpoint, which a thread
 * runs after the sync (bounded-cache.ts, off-thread-checkpoint.ts).
 */

let dir: string;
let replica: Replica | null = null;
let engine: SyncEngine | null = null;
/** Each page as committed, and whether the replica's main file had changed by then (only a checkpoint writes it). */
const pages: (SyncPageEvent & { checkpointedInCommit: boolean })[] = [];
let fileBefore: Buffer | null = null;
const collect = (event: unknown) => {
  const file = replica === null ? null : readFileSync(replica.db.$client.name);
  pages.push({ ...(event as SyncPageEvent), checkpointedInCommit: fileBefore !== null && file !== null && !file.equals(fileBefore) });
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-large-page-'));
  subscribe(syncPageChannel.name, collect);
});
afterEach(async () => {
  unsubscribe(syncPageChannel.name, collect);
  pages.length = 0;
  await engine?.stop();
  replica?.close();
  engine = null;
  replica = null;
  rmSync(dir, { recursive: true, force: true });
});

/** A counter agent's desk, synced, and another agent commenting on one of its cases. */
async function syncedDesk() {
  const { store, counterId, otherCounterId } = bulkCity();
  const key = randomBytes(32);
  replica = openReplica({ file: join(dir, 'replica.db'), key, migrationsFolder });
  engine = new SyncEngine(replica.db, createRepositories(replica.db), storeTransport(store, counterId), {
    clock: { now: () => now },
    bulk: { key, workerFile: sourceReplicaWriterFile },
    // A slice per unit of work: the loop gets a turn between any two (a slice of 8 ms may hold a whole page).
    pace: () => new Pace(0),
  });
  await engine.sync();
  const client = replica.db.$client;
  const caseId = client.prepare('SELECT id FROM cases ORDER BY id LIMIT 1').pluck().get() as string;
  const otherClient = uuidv7();
  let mutationId = 0;
  /** The other agent comments `count` times, 500 a push at most. */
  const comment = async (count: number) => {
    for (let sent = 0; sent < count; sent += 500) {
      const mutations = Array.from({ length: Math.min(500, count - sent) }, () => ({
        mutationId: ++mutationId,
        name: 'case.comment',
        args: { caseId, visibility: 'internal', body: `Rappel ${mutationId}`, eventId: uuidv7() },
        createdAt: now.toISOString(),
      }));
      await applyPush(store, otherCounterId, { clientId: otherClient, replicaFormat: REPLICA_FORMAT, mutations }, () => now);
    }
  };
  // Every commit checkpoints, unless it was told not to.
  client.pragma('wal_autocheckpoint = 1');
  client.pragma('wal_checkpoint(TRUNCATE)');
  /** Syncs, the main file read before. */
  const sync = async () => {
    fileBefore = readFileSync(client.name);
    await engine!.sync();
  };
  pages.length = 0;
  return { client, engine, comment, sync };
}

describe('a file replica’s pull page', () => {
  it('of a few rows commits as any transaction: its cache as it was, the checkpoint in its commit', async () => {
    const desk = await syncedDesk();
    const cacheBefore = desk.client.pragma('cache_size', { simple: true });
    await desk.comment(20);
    await desk.sync();
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ cacheBounded: false, checkpointDeferred: false, checkpointedInCommit: true });
    expect(pages[0]!.rows).toBeGreaterThanOrEqual(20);
    expect(pages[0]!.rows).toBeLessThan(1_000);
    expect(desk.client.pragma('cache_size', { simple: true })).toBe(cacheBefore);
  });

  it('of 1,000 rows or more runs with a bounded cache, then commits leaving the checkpoint to a thread', async () => {
    const desk = await syncedDesk();
    const cacheBefore = desk.client.pragma('cache_size', { simple: true }) as number;
    const autocheckpoint = desk.client.pragma('wal_autocheckpoint', { simple: true });
    await desk.comment(1_000);
    const seen = new Set<number>();
    await probingEachTurn(
      () => {
        if (desk.engine.applyingPage()) seen.add(desk.client.pragma('cache_size', { simple: true }) as number);
      },
      () => desk.sync(),
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ cacheBounded: true, checkpointDeferred: true, checkpointedInCommit: false });
    expect(pages[0]!.rows).toBeGreaterThanOrEqual(1_000);
    // Between its slices the cache was a fraction of the workspace's; after it, as it was, and so is the checkpoint.
    expect([...seen].every((size) => size < 0 && size > cacheBefore)).toBe(true);
    expect(seen.size).toBeGreaterThan(0);
    expect(desk.client.pragma('cache_size', { simple: true })).toBe(cacheBefore);
    expect(desk.client.pragma('wal_autocheckpoint', { simple: true })).toBe(autocheckpoint);
    expect(desk.client.prepare("SELECT count(*) FROM case_events WHERE data ->> 'body' LIKE ?").pluck().get('Rappel %')).toBe(1_000);
  });
});

describe('the checkpoint a large page leaves for later', () => {
  /** A file replica, and a large transaction committed through `checkpoint` (filler rows in _meta). */
  function largeCommits(logLimitBytes?: number) {
    const key = randomBytes(32);
    replica = openReplica({ file: join(dir, 'replica.db'), key, migrationsFolder });
    const client = replica.db.$client;
    const checkpoint = new OffThreadCheckpoint(replica.db, { key, workerFile: sourceReplicaWriterFile }, logLimitBytes);
    let written = 0;
    const commitLarge = () => {
      client.exec('BEGIN');
      client
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
           INSERT INTO _meta (key, value) SELECT 'filler-' || (i + ?), 'x' FROM n`,
        )
        .run(written);
      written += 1_000;
      return checkpoint.commit(() => client.exec('COMMIT'), 1_000);
    };
    return { client, checkpoint, commitLarge };
  }

  it('waits for the end of the sync while the log is short', async () => {
    const { checkpoint, commitLarge } = largeCommits();
    expect(commitLarge()).toBe(true);
    expect(checkpoint.underWay()).toBeNull();
    const started = checkpoint.start();
    expect(started).not.toBeNull();
    await started;
  });

  it('starts on the way once the log is past its limit, as the bulk bootstrap checkpoints every ~200 MB', async () => {
    const { client, checkpoint, commitLarge } = largeCommits(1);
    const file = readFileSync(client.name);
    expect(commitLarge()).toBe(true);
    const running = checkpoint.underWay();
    expect(running).not.toBeNull();
    await running;
    // The log was copied into the main file, by the thread.
    expect(readFileSync(client.name).equals(file)).toBe(false);
    expect(checkpoint.underWay()).toBeNull();
  });
});
