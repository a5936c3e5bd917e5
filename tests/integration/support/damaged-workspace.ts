import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { count } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect } from 'vitest';
import { citizens } from '../../../src-central/db/schema';
import { syncRoutes } from '../../../src-central/sync/sync-routes';
import { createCore, type Core, type CoreOptions } from '../../../src-main/core/create-core';
import { createFileKeyStore } from '../../../src-main/db/key-store';
import { createCaller } from '../../../src-main/trpc/root';
import { useCentralTestDb } from '../../central/support/central-test-db';
import { buildSyncCity, password } from '../../central/support/sync-city';
import { buildTestServer } from '../../central/support/test-server';

/**
 * A signed-in workspace on a replica file (real SQLite, encrypted) against the real central service (PGlite,
 * real HTTP), and the tools to damage that file: the scene of the damaged-replica tests.
 */

const migrationsFolder = join(import.meta.dirname, '..', '..', '..', 'drizzle', 'local');
export const SYNCED_CITIZENS = 120;

export type Caller = ReturnType<typeof createCaller>;

export function useDamagedWorkspace() {
  const testDb = useCentralTestDb('pglite', 60_000);
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  let central: FastifyInstance;
  let port = 0;
  let root: string;
  let dataDir: string;
  const cores: Core[] = [];

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

  async function startCentral(): Promise<void> {
    central = await buildTestServer(testDb(), { plugins: [syncRoutes()] });
    await central.listen({ port, host: '127.0.0.1' });
    port = (central.server.address() as { port: number }).port;
  }

  function openCore(options: { keyFile?: string } & Pick<CoreOptions, 'replicaFullCheckMaxBytes'> = {}): { core: Core; caller: Caller } {
    const core = createCore({
      dataDir,
      migrationsFolder,
      keyStore: createFileKeyStore(options.keyFile ?? join(dataDir, 'replica.key')),
      demo: 'never',
      centralUrl: `http://127.0.0.1:${port}`,
      ...(options.replicaFullCheckMaxBytes === undefined ? {} : { replicaFullCheckMaxBytes: options.replicaFullCheckMaxBytes }),
    });
    cores.push(core);
    return { core, caller: createCaller(core.createContext()) };
  }

  function closeCore(core: Core): void {
    core.close();
    cores.splice(cores.indexOf(core), 1);
  }

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
    closeCore(core);
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

  /** Synced, nothing waiting, and the replica holds every citizen of the server again. */
  async function untilSynced(core: Core, citizensExpected: number): Promise<void> {
    const caller = callerOf(core);
    await caller.sync.now();
    expect(await caller.sync.status()).toMatchObject({ signedIn: true, pending: 0 });
    expect(readReplica((db) => db.prepare('SELECT count(*) FROM citizens').pluck().get())).toBe(citizensExpected);
  }

  return {
    get city() {
      return city;
    },
    get root() {
      return root;
    },
    get dataDir() {
      return dataDir;
    },
    replicaFile: () => join(dataDir, 'replica.db'),
    replicaFiles: () =>
      readdirSync(dataDir)
        .filter((name) => name.startsWith('replica') && name !== 'replica.key')
        .sort(),
    startCentral,
    stopCentral: () => central.close(),
    openCore,
    closeCore,
    serverCitizens,
    workspaceWithOutbox,
    readReplica,
    readMeta,
    pagesOf,
    untilSynced,
  };
}

/** Calls carry the agent of the moment: a fresh caller once signed in. */
export const callerOf = (core: Core): Caller => createCaller(core.createContext());

export const citizenInput = (index: number) => ({
  firstName: `Prénom${index}`,
  lastName: `Nom${index} ${'x'.repeat(60)}`,
  email: `usager${index}@exemple.fr`,
});

export function overwrite(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, randomBytes(length), 0, length, offset);
  } finally {
    closeSync(fd);
  }
}

export { password };
