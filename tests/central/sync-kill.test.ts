import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import type { CentralPlugin } from '../../src-central/service';
import { createFileKeyStore } from '../../src-main/db/key-store';
import { openReplica } from '../../src-main/db/open-replica';
import { createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { buildSyncCity, password } from './support/sync-city';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

const childScript = join(import.meta.dirname, 'support', 'workspace-child.ts');
const replicaMigrations = join(import.meta.dirname, '..', '..', 'drizzle', 'local');

/** Holds matching requests until released: the test kills the workspace while its request is in flight. */
function gate(path: string) {
  let arrived: () => void = () => undefined;
  let release: () => void = () => undefined;
  const arrivedPromise = new Promise<void>((resolve) => (arrived = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let armed = false;
  const plugin: CentralPlugin = async (app) => {
    app.addHook('preHandler', async (request) => {
      if (!armed || request.url !== path) return;
      armed = false;
      arrived();
      await released;
    });
  };
  // Like fastify-plugin: the hook must see the sync routes, registered beside it.
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return { plugin, arm: () => (armed = true), arrived: arrivedPromise, release: () => release() };
}

function startChild(args: string[]): { child: ChildProcess; lines: AsyncIterator<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

async function nextStep(lines: AsyncIterator<string>): Promise<Record<string, unknown>> {
  const { value, done } = await lines.next();
  if (done) throw new Error('the workspace ended without a word');
  return JSON.parse(value) as Record<string, unknown>;
}

describe.each(dbKinds)('killing the workspace process, central service on %s', (kind) => {
  let testDb: CentralTestDb;
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
  });
  afterAll(async () => {
    await testDb.close();
  });
  beforeEach(async () => {
    await testDb.resetTables();
    city = await buildSyncCity(testDb.db);
  });

  const pendingIn = (dataDir: string) => {
    const replica = openReplica({
      file: join(dataDir, 'replica.db'),
      key: createFileKeyStore(join(dataDir, 'replica.key')).loadOrCreate(),
      migrationsFolder: replicaMigrations,
    });
    try {
      return replica.db.$client.prepare('SELECT count(*) FROM _pending').pluck().get() as number;
    } finally {
      replica.close();
    }
  };
  /** The session token the workspace keeps (in its replica), and whether the files on disk show it in clear. */
  const tokenAtRest = (dataDir: string) => {
    const replica = openReplica({
      file: join(dataDir, 'replica.db'),
      key: createFileKeyStore(join(dataDir, 'replica.key')).loadOrCreate(),
      migrationsFolder: replicaMigrations,
    });
    const token = replica.db.$client.prepare("SELECT value FROM _meta WHERE key = 'central_token'").pluck().get() as string;
    const files = readdirSync(dataDir).filter((name) => name.startsWith('replica.db'));
    const inClear = files.some((name) => readFileSync(join(dataDir, name)).includes(Buffer.from(token)));
    replica.close();
    return { token, inClear, files };
  };
  const serverCount = async (table: string) => {
    const result = (await testDb.database.db.execute(`SELECT count(*)::int AS n FROM ${table}`)) as unknown as { rows: { n: number }[] };
    return Number(result.rows[0]?.n);
  };

  it.each([centralPaths.push, centralPaths.pull])(
    'during %s: it reopens with its outbox intact and converges',
    async (path) => {
      const held = gate(path);
      const app: FastifyInstance = await buildTestServer(testDb, { plugins: [held.plugin, syncRoutes()] });
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const dataDir = mkdtempSync(join(tmpdir(), 'guichet-kill-'));
      const args = (mutations: number) => [dataDir, url, 'camille@ville.example', password, String(mutations), city.potHole.id];
      try {
        // The first run signs in and bootstraps; the gate holds the sync that follows its mutations.
        const first = startChild(args(5));
        expect(await nextStep(first.lines)).toMatchObject({ step: 'mutated', pending: 5 });
        held.arm();
        first.child.stdin!.write('go\n');
        await held.arrived;
        first.child.kill('SIGKILL');
        await first.exited;
        held.release();

        expect(pendingIn(dataDir)).toBe(5);
        // What the killed process left on disk: the token is there, encrypted with the rest of the replica.
        const kept = tokenAtRest(dataDir);
        expect(kept.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(kept.files).toContain('replica.db');
        expect(kept.inClear).toBe(false);
        const second = startChild(args(0));
        const steps = [await nextStep(second.lines), await nextStep(second.lines)];
        expect(await second.exited).toBe(0);
        expect(steps[1]).toMatchObject({ step: 'synced', status: { pending: 0, inbox: 0 } });
        expect(pendingIn(dataDir)).toBe(0);
        expect(await serverCount('cases')).toBe(5);
        expect(await serverCount('mutation_log')).toBe(5);
      } finally {
        await app.close();
      }
    },
    60_000,
  );
});
