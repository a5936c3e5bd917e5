import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { count } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { citizens } from '../../src-central/db/schema';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { GuichetError } from '../../src-shared/errors';
import { en, fr } from '../../src-shared/i18n';
import { createCore, type Core } from '../../src-main/core/create-core';
import { moveAside } from '../../src-main/db/damaged-replica';
import { createFileKeyStore } from '../../src-main/db/key-store';
import { createCaller } from '../../src-main/trpc/root';
import { useCentralTestDb } from '../central/support/central-test-db';
import { buildSyncCity, password } from '../central/support/sync-city';
import { buildTestServer } from '../central/support/test-server';

/**
 * A replica file really damaged on disk (cut short, a page overwritten) against the real central service
 * (PGlite, real HTTP): told apart from a wrong key, moved aside, rebuilt, its outbox kept when readable.
 */

const migrationsFolder = join(import.meta.dirname, '..', '..', 'drizzle', 'local');
const SYNCED_CITIZENS = 120;

const testDb = useCentralTestDb('pglite', 60_000);
let city: Awaited<ReturnType<typeof buildSyncCity>>;
let central: FastifyInstance;
let port = 0;
let root: string;
let dataDir: string;
const cores: Core[] = [];

const startCentral = async (): Promise<void> => {
  central = await buildTestServer(testDb(), { plugins: [syncRoutes()] });
  await central.listen({ port, host: '127.0.0.1' });
  port = (central.server.address() as { port: number }).port;
};

function openCore(keyFile = join(dataDir, 'replica.key')): { core: Core; caller: ReturnType<typeof createCaller> } {
  const core = createCore({
    dataDir,
    migrationsFolder,
    keyStore: createFileKeyStore(keyFile),
    demo: 'never',
    centralUrl: `http://127.0.0.1:${port}`,
  });
  cores.push(core);
  return { core, caller: createCaller(core.createContext()) };
}

/** Calls carry the agent of the moment: a fresh caller once signed in. */
const callerOf = (core: Core) => createCaller(core.createContext());

const citizenInput = (index: number) => ({
  firstName: `Prénom${index}`,
  lastName: `Nom${index} ${'x'.repeat(60)}`,
  email: `usager${index}@exemple.fr`,
});

async function serverCitizens(): Promise<number> {
  const [row] = await testDb().db.select({ n: count() }).from(citizens);
  return row?.n ?? 0;
}

/** A signed-in workspace holding SYNCED_CITIZENS citizens on the server, then `offline` more written offline. */
async function workspaceWithOutbox(offline: number): Promise<{ clientId: string; lastMutationId: string }> {
  const { core, caller } = openCore();
  await caller.sync.signIn({ email: city.counter.email, password });
  const agent = callerOf(core);
  await agent.sync.now();
  for (let index = 0; index < SYNCED_CITIZENS; index++) await agent.citizen.create(citizenInput(index));
  await agent.sync.now();
  expect(await agent.sync.status()).toMatchObject({ pending: 0 });
  expect(await serverCitizens()).toBe(SYNCED_CITIZENS);
  await central.close();
  for (let index = 0; index < offline; index++) await agent.citizen.create(citizenInput(SYNCED_CITIZENS + index));
  expect(await agent.sync.status()).toMatchObject({ pending: offline });
  const meta = readMeta();
  core.close();
  cores.splice(cores.indexOf(core), 1);
  return meta;
}

/** Reads the replica file beside the workspace, with its key. */
function readReplica<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'replica.db'), { readonly: true });
  try {
    db.pragma(`hexkey='${readFileSync(join(dataDir, 'replica.key'), 'utf8').trim()}'`);
    return read(db);
  } finally {
    db.close();
  }
}

function readMeta(): { clientId: string; lastMutationId: string } {
  return readReplica((db) => {
    const value = (name: string) => String(db.prepare('SELECT value FROM _meta WHERE key = ?').pluck().get(name));
    return { clientId: value('client_id'), lastMutationId: value('last_mutation_id') };
  });
}

/** The file's pages that hold `table`'s rows, through SQLite's own page map (with the key). */
function pagesOf(table: string): { pageSize: number; pages: number[] } {
  return readReplica((db) => {
    const pages = db
      .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno")
      .pluck()
      .all(table) as number[];
    return { pageSize: Number(db.pragma('page_size', { simple: true })), pages };
  });
}

function overwrite(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, randomBytes(length), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

const replicaFiles = () =>
  readdirSync(dataDir)
    .filter((name) => name.startsWith('replica') && name !== 'replica.key')
    .sort();

/** Synced, nothing waiting, and the replica holds every citizen of the server again. */
async function untilSynced(core: Core, citizensExpected: number): Promise<void> {
  const caller = callerOf(core);
  await caller.sync.now();
  expect(await caller.sync.status()).toMatchObject({ signedIn: true, pending: 0 });
  expect(readReplica((db) => db.prepare('SELECT count(*) FROM citizens').pluck().get())).toBe(citizensExpected);
}

beforeEach(async () => {
  city = await buildSyncCity(testDb().db);
  port = 0;
  await startCentral();
  root = mkdtempSync(join(tmpdir(), 'guichet-damaged-'));
  dataDir = join(root, 'data');
});
afterEach(async () => {
  for (const core of cores.splice(0)) core.close();
  await central.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a damaged replica file', () => {
  it('with a page of citizens overwritten: moved aside, rebuilt from the central service, the outbox pushed under the same client and ids', async () => {
    const before = await workspaceWithOutbox(3);
    const { pageSize, pages } = pagesOf('citizens');
    const middle = pages[Math.floor(pages.length / 2)]!;
    const damaged = readFileSync(join(dataDir, 'replica.db'));
    overwrite(join(dataDir, 'replica.db'), (middle - 1) * pageSize + 200, 256);
    await startCentral();

    const { core, caller } = openCore();

    const files = replicaFiles();
    const moved = files.find((name) => /^replica\.damaged-.+\.db$/.test(name));
    expect(moved).toBeDefined();
    expect(statSync(join(dataDir, moved!)).size).toBe(damaged.length);
    expect(files).toContain('replica.db');
    const notice = await caller.replica.notice();
    expect(notice).toMatchObject({
      code: 'REPLICA_DAMAGED',
      args: { file: join(dataDir, moved!) },
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
    const file = join(dataDir, 'replica.db');
    truncateSync(file, Math.floor(statSync(file).size * 0.6));
    const cutSize = statSync(file).size;
    await startCentral();

    const { core, caller } = openCore();

    const moved = replicaFiles().find((name) => /^replica\.damaged-.+\.db$/.test(name));
    expect(moved).toBeDefined();
    expect(statSync(join(dataDir, moved!)).size).toBe(cutSize);
    expect(await caller.replica.notice()).toMatchObject({ code: 'REPLICA_DAMAGED' });
    // The session could not be read back from a cut file: the agent signs in again, and the replica fills.
    if (!(await callerOf(core).sync.status()).signedIn) await callerOf(core).sync.signIn({ email: city.counter.email, password });
    await untilSynced(core, SYNCED_CITIZENS);
  });

  it('with its first page overwritten (the key is still the right one): told apart from a wrong key', async () => {
    await workspaceWithOutbox(0);
    overwrite(join(dataDir, 'replica.db'), 100, 512);
    await startCentral();

    const { caller } = openCore();

    expect(replicaFiles().some((name) => /^replica\.damaged-.+\.db$/.test(name))).toBe(true);
    expect(await caller.replica.notice()).toMatchObject({ code: 'REPLICA_DAMAGED' });
  });
});

describe('moving a damaged file aside', () => {
  it('renames the file with its log and shared memory under one timestamped name, deleting nothing', () => {
    const file = join(root, 'replica.db');
    for (const [suffix, content] of [
      ['', 'main'],
      ['-wal', 'log'],
      ['-shm', 'shm'],
    ])
      writeFileSync(file + suffix, content!);
    writeFileSync(join(root, 'replica.damaged-2026-12-07T01-30-00-000Z.db'), 'an earlier one');

    const moved = moveAside(file, new Date('2026-12-07T01:30:00.000Z'));

    expect(moved).toBe(join(root, 'replica.damaged-2026-12-07T01-30-00-000Z-2.db'));
    expect([readFileSync(moved, 'utf8'), readFileSync(`${moved}-wal`, 'utf8'), readFileSync(`${moved}-shm`, 'utf8')]).toEqual([
      'main',
      'log',
      'shm',
    ]);
    expect(readFileSync(join(root, 'replica.damaged-2026-12-07T01-30-00-000Z.db'), 'utf8')).toBe('an earlier one');
    expect(['', '-wal', '-shm'].some((suffix) => existsSync(file + suffix))).toBe(false);
  });
});

describe('a wrong key', () => {
  it('reports the key error and leaves the replica file where it is', async () => {
    await workspaceWithOutbox(2);
    await startCentral();
    const before = replicaFiles();
    const content = readFileSync(join(dataDir, 'replica.db'));
    const wrongKeyFile = join(root, 'other.key');
    writeFileSync(wrongKeyFile, randomBytes(32).toString('hex'), { mode: 0o600 });

    let caught: unknown;
    try {
      openCore(wrongKeyFile);
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(GuichetError);
    expect((caught as GuichetError).code).toBe('REPLICA_KEY_INVALID');
    expect(replicaFiles()).toEqual(before);
    expect(readFileSync(join(dataDir, 'replica.db')).equals(content)).toBe(true);
    expect(existsSync(join(dataDir, 'replica.db'))).toBe(true);
  });
});
