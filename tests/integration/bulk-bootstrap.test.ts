import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src-shared/domain/clock';
import { GuichetError } from '../../src-shared/errors';
import type { Agent } from '../../src-shared/schemas/entities';
import type { PullRequest } from '../../src-shared/sync';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import { writeMeta } from '../../src-main/repositories/meta-repository';
import { createRepositories } from '../../src-main/repositories/repositories';
import { createServices } from '../../src-main/services/services';
import type { ReplicaWriter } from '../../src-main/sync/replica-writer';
import { sourceReplicaWriterFile } from '../../src-main/sync/replica-writer';
import { SyncEngine } from '../../src-main/sync/sync-engine';
import { bulkCity, fileWorkspace, type FileWorkspace, migrationsFolder, storeTransport } from './support/bulk-city';

/**
 * The bulk bootstrap (src-main/sync/bulk-bootstrap.ts) against the in-thread path it replaces for a first
 * sync: the same rows, the same schema once it is done, the same search answers; and a replica it leaves
 * midway (process killed, writer thread failed) comes back whole.
 */

const dir = mkdtempSync(join(tmpdir(), 'guichet-bulk-'));
const city = bulkCity();
const transport = storeTransport(city.store, city.counterId);
let referenceWorkspace: FileWorkspace;
let reference: Replica;
let fileCount = 0;
const nextFile = () => join(dir, `replica-${++fileCount}.db`);

beforeAll(async () => {
  // The in-thread path: what a first sync gave before the bulk path existed.
  const workspace = fileWorkspace(nextFile(), randomBytes(32), transport);
  await workspace.engine.sync();
  referenceWorkspace = workspace;
  reference = workspace.replica;
});
afterAll(async () => {
  await referenceWorkspace.close();
  rmSync(dir, { recursive: true, force: true });
});

const replicated = ['departments', 'categories', 'agents', 'agent_roles', 'citizens', 'cases', 'case_events'];
const syncKeys = ['sync_cursor', 'sync_scope', 'sync_bootstrap', 'sync_acknowledged'];

function contents(replica: Replica) {
  const client = replica.db.$client;
  const rows = Object.fromEntries(replicated.map((table) => [table, client.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all()]));
  const meta = client
    .prepare(`SELECT key, value FROM _meta WHERE key IN (${syncKeys.map(() => '?').join(', ')}) ORDER BY key`)
    .all(...syncKeys);
  return { rows, meta };
}

function schema(replica: Replica) {
  return replica.db.$client
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all();
}

/** What the desk's search field finds, by id, for names, streets, subjects and tracking codes of the city. */
function searches(replica: Replica) {
  const source = reference.db.$client;
  const words = [
    ...(source.prepare('SELECT last_name FROM citizens ORDER BY id LIMIT 8').pluck().all() as string[]),
    ...(source.prepare('SELECT address_line1 FROM citizens WHERE address_line1 IS NOT NULL ORDER BY id LIMIT 4').pluck().all() as string[]),
    ...(source.prepare('SELECT subject FROM cases ORDER BY id LIMIT 8').pluck().all() as string[]),
    ...(source.prepare('SELECT tracking_code FROM cases ORDER BY id LIMIT 4').pluck().all() as string[]),
  ];
  const repos = createRepositories(replica.db);
  return words.map((text) => ({
    text,
    citizens: repos.citizens
      .search(text, 50)
      .map((row) => row.id)
      .sort(),
    cases: repos.cases
      .search(text, 50)
      .map((row) => row.id)
      .sort(),
  }));
}

function expectSameAsReference(replica: Replica, against: Replica = reference): void {
  expect(contents(replica)).toEqual(contents(against));
  expect(schema(replica)).toEqual(schema(against));
  const found = searches(replica);
  expect(found).toEqual(searches(against));
  expect(found.every((search) => search.citizens.length + search.cases.length > 0)).toBe(true);
  const client = replica.db.$client;
  expect(client.prepare(`SELECT value FROM _meta WHERE key = 'sync_bulk_bootstrap'`).get()).toBeUndefined();
  expect(client.prepare(`SELECT value FROM _meta WHERE key = 'sync_last_at'`).pluck().get()).toEqual(expect.any(String));
  expect(client.pragma('integrity_check', { simple: true })).toBe('ok');
}

/** The central's pull over real HTTP (auth aside: every request acts as the counter agent). */
async function startPullServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      void transport.pull(JSON.parse(body) as PullRequest).then((answer) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, server };
}

describe('the bulk bootstrap', () => {
  it('ends with the rows, indexes and search of the in-thread path, over HTTP, refusing writes meanwhile', async () => {
    const { url, server } = await startPullServer();
    const key = randomBytes(32);
    const replica = openReplica({ file: nextFile(), key, migrationsFolder });
    try {
      const writers: ReplicaWriter[] = [];
      const services = createServices(replica.db, {
        centralUrl: url,
        clock: systemClock,
        bulk: { key, workerFile: sourceReplicaWriterFile, onWriter: (writer) => writers.push(writer) },
      });
      const agent = reference.db.$client.prepare('SELECT id, name, email FROM agents WHERE id = ?').get(city.counterId) as Omit<
        Agent,
        'roles'
      >;
      writeMeta(replica.db, 'central_token', 'token');
      const refusals: unknown[] = [];
      const watching = (async () => {
        for await (const _ of services.changes()) {
          if (!services.sync.engine.bootstrapping()) return;
          try {
            services.cases.comment({ ...agent, roles: [] }, { caseId: 'none', visibility: 'internal', body: 'pendant la synchronisation' });
          } catch (error) {
            refusals.push(error);
          }
        }
      })();
      await services.sync.engine.sync();
      await watching;
      expect(writers).toHaveLength(1);
      expect(refusals.length).toBeGreaterThan(0);
      expect(refusals.every((error) => error instanceof GuichetError && error.code === 'FIRST_SYNC_IN_PROGRESS')).toBe(true);
      expect(replica.db.$client.prepare('SELECT count(*) FROM _pending').pluck().get()).toBe(0);
      expectSameAsReference(replica);
      await services.sync.shutdown();
    } finally {
      replica.close();
      server.close();
    }
  });

  it('indexes the new words of a row the central service changes during the bootstrap', async () => {
    const changing = bulkCity();
    const [first] = [...changing.store.rows('cases').values()].sort((a, b) => a.version - b.version);
    if (first === undefined) throw new Error('the city has no case');
    let committed = 0;
    const workspace = fileWorkspace(nextFile(), randomBytes(32), storeTransport(changing.store, changing.counterId), {
      bulk: {},
      onChange: () => {
        // Its first version is in the replica by now: the change comes again in a later page, as an update.
        if (workspace.engine.bootstrapping() && ++committed === 2)
          changing.store.load({ cases: [{ ...first.row, subject: 'Lampadaire zygomatique', version: first.row.version + 1 }] });
      },
    });
    const afterwards = fileWorkspace(nextFile(), randomBytes(32), storeTransport(changing.store, changing.counterId));
    try {
      await workspace.engine.sync();
      await afterwards.engine.sync();
      expectSameAsReference(workspace.replica, afterwards.replica);
      const found = (text: string) =>
        createRepositories(workspace.replica.db)
          .cases.search(text, 5)
          .map((row) => row.id);
      expect(found('zygomatique')).toEqual([first.row.id]);
      expect(found(first.row.subject)).not.toContain(first.row.id);
    } finally {
      await workspace.close();
      await afterwards.close();
    }
  });

  it('asks for a small first page (parsed and checked by cold code), then big ones', async () => {
    const sizes: number[] = [];
    const counting = { ...transport, pull: (request: PullRequest) => (sizes.push(request.pageSize ?? 0), transport.pull(request)) };
    const key = randomBytes(32);
    const fresh = openReplica({ file: nextFile(), key, migrationsFolder });
    try {
      const engine = new SyncEngine(fresh.db, createRepositories(fresh.db), counting, {
        clock: { now: () => new Date('2026-03-02T09:00:00.000Z') },
        bulk: { key, workerFile: sourceReplicaWriterFile },
      });
      await engine.sync();
      expect(sizes.length).toBeGreaterThan(1);
      expect(sizes[0]).toBeLessThan(sizes[1] ?? 0);
      expect(new Set(sizes.slice(1))).toEqual(new Set([sizes[1]]));
      expectSameAsReference(fresh);
      await engine.stop();
    } finally {
      fresh.close();
    }
  });

  it('resumes after the process was killed midway, and ends as the in-thread path', async () => {
    const file = nextFile();
    const key = randomBytes(32);
    // The child stops answering at its fifth pull: killed then, its writer has pages committed and one maybe under way.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'support', 'bulk-child.ts'), file, key.toString('hex'), '5'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    for await (const line of createInterface({ input: child.stdout })) {
      if ((JSON.parse(line) as { waiting?: boolean }).waiting) break;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const killed = openReplica({ file, key, migrationsFolder });
    const left = killed.db.$client;
    // Midway: the record of what was dropped, the secondary indexes missing, a cursor for what was committed.
    expect(left.prepare(`SELECT value FROM _meta WHERE key = 'sync_bulk_bootstrap'`).get()).toBeDefined();
    expect(left.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'cases_deadline'`).get()).toBeUndefined();
    expect(left.prepare(`SELECT value FROM _meta WHERE key = 'sync_cursor'`).get()).toBeDefined();
    killed.close();

    const writers: ReplicaWriter[] = [];
    const resumed = fileWorkspace(file, key, transport, { bulk: { onWriter: (writer) => writers.push(writer) } });
    try {
      await resumed.engine.sync();
      expect(writers).toHaveLength(1);
      expectSameAsReference(resumed.replica);
    } finally {
      await resumed.close();
    }
  });

  it('restores the indexes when its writer thread fails, and the next sync converges in-thread', async () => {
    const file = nextFile();
    let writer: ReplicaWriter | null = null;
    let committed = 0;
    const workspace = fileWorkspace(file, randomBytes(32), transport, {
      bulk: { onWriter: (started) => (writer = started) },
      onChange: () => {
        if (workspace.engine.bootstrapping() && ++committed === 3) void writer?.worker.terminate();
      },
    });
    try {
      await expect(workspace.engine.sync()).rejects.toThrow(/replica writer/);
      const client = workspace.replica.db.$client;
      expect(client.prepare(`SELECT value FROM _meta WHERE key = 'sync_bulk_bootstrap'`).get()).toBeUndefined();
      expect(schema(workspace.replica)).toEqual(schema(reference));
      const held = client.prepare('SELECT count(*) FROM citizens').pluck().get() as number;
      expect(held).toBeGreaterThan(0);
      const someone = client.prepare('SELECT last_name FROM citizens ORDER BY seq LIMIT 1').pluck().get() as string;
      expect(createRepositories(workspace.replica.db).citizens.search(someone, 5).length).toBeGreaterThan(0);

      await workspace.engine.sync();
      expectSameAsReference(workspace.replica);
    } finally {
      await workspace.close();
    }
  });
});
