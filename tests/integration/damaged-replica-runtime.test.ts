import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorPayload } from '../../src-shared/errors';
import { en, fr } from '../../src-shared/i18n';
import { toErrorPayload } from '../../src-main/trpc/trpc';
import { callerOf, citizenInput, overwrite, SYNCED_CITIZENS, useDamagedWorkspace } from './support/damaged-workspace';

/**
 * Damage the start check cannot see: a replica too large to be read whole at start (here: the threshold
 * lowered below the test file's size) with every page of citizens overwritten. Met at runtime by a
 * procedure or by the sync, it is recorded beside the file and answered with a coded error; the next start
 * rebuilds the replica, keeping the unsent changes.
 */

const scene = useDamagedWorkspace();
const { openCore, closeCore, pagesOf, readMeta, replicaFiles, serverCitizens, startCentral, untilSynced, workspaceWithOutbox } = scene;
const OFFLINE = 3;
/** Below any replica file: the start check reads only the local tables, as for a file over 64 MiB. */
const asLargeFile = { replicaFullCheckMaxBytes: 0 };

const markerFile = () => `${scene.replicaFile()}.damaged`;

/** Every leaf page of the table overwritten in the middle: whatever row a query reads, it meets the damage. */
function damageTable(table: string): string {
  const { pageSize, pages } = pagesOf(table);
  expect(pages.length).toBeGreaterThan(1);
  const anyId = scene.readReplica((db) => String(db.prepare(`SELECT id FROM ${table} LIMIT 1`).pluck().get()));
  for (const page of pages) overwrite(scene.replicaFile(), (page - 1) * pageSize + 200, 256);
  return anyId;
}

async function refusal(call: Promise<unknown>): Promise<ErrorPayload | 'answered'> {
  try {
    await call;
    return 'answered';
  } catch (error) {
    return toErrorPayload((error as { cause?: unknown }).cause ?? error);
  }
}

/** The marker holds the SQLite code and the time, nothing of the rows. */
function expectMarker(): void {
  const marker = JSON.parse(readFileSync(markerFile(), 'utf8')) as Record<string, unknown>;
  expect(Object.keys(marker).sort()).toEqual(['at', 'code']);
  expect(marker.code).toMatch(/^SQLITE_CORRUPT/);
  expect(Number.isNaN(Date.parse(String(marker.at)))).toBe(false);
}

/** The next start sets the file aside with its marker and rebuilds, keeping the outbox. */
async function expectRebuiltWithOutbox(before: { clientId: string; lastMutationId: string }): Promise<void> {
  const { core, caller } = openCore(asLargeFile);
  const moved = replicaFiles().find((name) => /^replica\.damaged-.+\.db$/.test(name));
  expect(moved).toBeDefined();
  expect(existsSync(markerFile())).toBe(false);
  expect(existsSync(join(scene.dataDir, `${moved!}.damaged`))).toBe(true);
  expect(await caller.replica.notice()).toMatchObject({ code: 'REPLICA_DAMAGED', recoveredMutations: OFFLINE, lostMutations: 0 });
  await callerOf(core).sync.now();
  expect(await serverCitizens()).toBe(SYNCED_CITIZENS + OFFLINE);
  expect(readMeta()).toEqual(before);
  await untilSynced(core, SYNCED_CITIZENS + OFFLINE);
}

describe('damage met at runtime in a replica too large to be read whole at start', () => {
  it('a procedure reading it answers REPLICA_DAMAGED_RESTART, marks the file and takes no more writes; the next start rebuilds', async () => {
    const before = await workspaceWithOutbox(OFFLINE);
    const citizenId = damageTable('citizens');

    // The central service stays down: only the procedure meets the damage.
    const { core } = openCore(asLargeFile);
    expect(replicaFiles().some((name) => name.startsWith('replica.damaged-'))).toBe(false);
    const agent = callerOf(core);

    expect(await refusal(agent.citizen.card({ id: citizenId }))).toEqual({ code: 'REPLICA_DAMAGED_RESTART', args: {} });
    expectMarker();
    expect(await refusal(agent.citizen.create(citizenInput(999)))).toEqual({ code: 'REPLICA_DAMAGED_RESTART', args: {} });
    expect(await agent.replica.notice()).toEqual({ code: 'REPLICA_DAMAGED_RESTART', args: {} });
    expect(await agent.sync.status()).toMatchObject({ pending: OFFLINE });
    expect(fr.errors.REPLICA_DAMAGED_RESTART).toMatch(/^Copie locale endommagée : redémarrez/);
    expect(en.errors.REPLICA_DAMAGED_RESTART).toMatch(/^Local copy damaged: restart/);

    closeCore(core);
    await startCentral();
    await expectRebuiltWithOutbox(before);
  });

  it('the sync meeting it stops writing, marks the file and tells the screens, without failing the process; the next start rebuilds', async () => {
    const before = await workspaceWithOutbox(OFFLINE);
    damageTable('citizens');
    await startCentral();

    // The start's sync pushes the outbox, then its pull meets the damaged pages while taking the changes back.
    const { core } = openCore(asLargeFile);
    const { services } = core.createContext();
    await expect(services.sync.syncNow()).resolves.toBeUndefined();

    expectMarker();
    const agent = callerOf(core);
    expect(await agent.replica.notice()).toEqual({ code: 'REPLICA_DAMAGED_RESTART', args: {} });
    expect(await refusal(agent.sync.now())).toEqual({ code: 'REPLICA_DAMAGED_RESTART', args: {} });
    expect(await refusal(services.sync.engine.sync())).toEqual({ code: 'REPLICA_DAMAGED_RESTART', args: {} });

    closeCore(core);
    await expectRebuiltWithOutbox(before);
  });
});
