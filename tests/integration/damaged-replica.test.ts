import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GuichetError } from '../../src-shared/errors';
import { en, fr } from '../../src-shared/i18n';
import { moveAside } from '../../src-main/db/damaged-replica';
import { callerOf, overwrite, password, SYNCED_CITIZENS, useDamagedWorkspace } from './support/damaged-workspace';

/**
 * A replica file really damaged on disk (cut short, a page overwritten) against the real central service
 * (PGlite, real HTTP): told apart from a wrong key, moved aside, rebuilt, its outbox kept when readable.
 */

const scene = useDamagedWorkspace();
const { openCore, pagesOf, readMeta, replicaFiles, serverCitizens, startCentral, untilSynced, workspaceWithOutbox } = scene;

describe('a damaged replica file', () => {
  it('with a page of citizens overwritten: moved aside, rebuilt from the central service, the outbox pushed under the same client and ids', async () => {
    const before = await workspaceWithOutbox(3);
    const { pageSize, pages } = pagesOf('citizens');
    const middle = pages[Math.floor(pages.length / 2)]!;
    const damaged = readFileSync(join(scene.dataDir, 'replica.db'));
    overwrite(join(scene.dataDir, 'replica.db'), (middle - 1) * pageSize + 200, 256);
    await startCentral();

    const { core, caller } = openCore();

    const files = replicaFiles();
    const moved = files.find((name) => /^replica\.damaged-.+\.db$/.test(name));
    expect(moved).toBeDefined();
    expect(statSync(join(scene.dataDir, moved!)).size).toBe(damaged.length);
    expect(files).toContain('replica.db');
    const notice = await caller.replica.notice();
    expect(notice).toMatchObject({
      code: 'REPLICA_DAMAGED',
      args: { file: join(scene.dataDir, moved!) },
      recoveredMutations: 3,
      lostMutations: 0,
    });
    expect(fr.errors.REPLICA_DAMAGED).toMatch(/^Copie locale endommagée/);
    expect(en.errors.REPLICA_DAMAGED).toMatch(/^Local copy damaged/);

    // Still signed in (the session was read back), the same client identity, and everything on the server.
    await callerOf(core).sync.now();
    expect(await callerOf(core).sync.status()).toMatchObject({ signedIn: true, pending: 0, inbox: 0 });
    expect(await serverCitizens()).toBe(SYNCED_CITIZENS + 3);
    expect(readMeta()).toEqual(before);
    await untilSynced(core, SYNCED_CITIZENS + 3);

    await callerOf(core).replica.dismissNotice();
    expect(await callerOf(core).replica.notice()).toBeNull();
  });

  it('cut short: moved aside and rebuilt from the central service, the workspace working again', async () => {
    await workspaceWithOutbox(0);
    const file = join(scene.dataDir, 'replica.db');
    truncateSync(file, Math.floor(statSync(file).size * 0.6));
    const cutSize = statSync(file).size;
    await startCentral();

    const { core, caller } = openCore();

    const moved = replicaFiles().find((name) => /^replica\.damaged-.+\.db$/.test(name));
    expect(moved).toBeDefined();
    expect(statSync(join(scene.dataDir, moved!)).size).toBe(cutSize);
    expect(await caller.replica.notice()).toMatchObject({ code: 'REPLICA_DAMAGED' });
    // The session could not be read back from a cut file: the agent signs in again, and the replica fills.
    if (!(await callerOf(core).sync.status()).signedIn) await callerOf(core).sync.signIn({ email: scene.city.counter.email, password });
    await untilSynced(core, SYNCED_CITIZENS);
  });

  it('with its first page overwritten (the key is still the right one): told apart from a wrong key', async () => {
    await workspaceWithOutbox(0);
    overwrite(join(scene.dataDir, 'replica.db'), 100, 512);
    await startCentral();

    const { caller } = openCore();

    expect(replicaFiles().some((name) => /^replica\.damaged-.+\.db$/.test(name))).toBe(true);
    expect(await caller.replica.notice()).toMatchObject({ code: 'REPLICA_DAMAGED' });
  });
});

describe('moving a damaged file aside', () => {
  it('renames the file with its log, shared memory and damage marker under one timestamped name, deleting nothing', () => {
    const file = join(scene.root, 'replica.db');
    for (const [suffix, content] of [
      ['', 'main'],
      ['-wal', 'log'],
      ['-shm', 'shm'],
      ['.damaged', 'marker'],
    ])
      writeFileSync(file + suffix, content!);
    writeFileSync(join(scene.root, 'replica.damaged-2026-12-07T01-30-00-000Z.db'), 'an earlier one');

    const moved = moveAside(file, new Date('2026-12-07T01:30:00.000Z'));

    expect(moved).toBe(join(scene.root, 'replica.damaged-2026-12-07T01-30-00-000Z-2.db'));
    expect(['', '-wal', '-shm', '.damaged'].map((suffix) => readFileSync(moved + suffix, 'utf8'))).toEqual([
      'main',
      'log',
      'shm',
      'marker',
    ]);
    expect(readFileSync(join(scene.root, 'replica.damaged-2026-12-07T01-30-00-000Z.db'), 'utf8')).toBe('an earlier one');
    expect(['', '-wal', '-shm', '.damaged'].some((suffix) => existsSync(file + suffix))).toBe(false);
  });
});

describe('a wrong key', () => {
  it('reports the key error and leaves the replica file where it is', async () => {
    await workspaceWithOutbox(2);
    await startCentral();
    const before = replicaFiles();
    const content = readFileSync(join(scene.dataDir, 'replica.db'));
    const wrongKeyFile = join(scene.root, 'other.key');
    writeFileSync(wrongKeyFile, randomBytes(32).toString('hex'), { mode: 0o600 });

    let caught: unknown;
    try {
      openCore({ keyFile: wrongKeyFile });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(GuichetError);
    expect((caught as GuichetError).code).toBe('REPLICA_KEY_INVALID');
    expect(replicaFiles()).toEqual(before);
    expect(readFileSync(join(scene.dataDir, 'replica.db')).equals(content)).toBe(true);
    expect(existsSync(join(scene.dataDir, 'replica.db'))).toBe(true);
  });
});
