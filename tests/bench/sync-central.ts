/**
 * The bench's central service, seen from the bench process: a fresh database (a `guichet_bench_<random>`
 * database on the PostgreSQL server of DATABASE_URL, or a PGlite folder under the temp dir), a child
 * process running the real service on it (sync-central-child.ts), and a few IPC requests.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { CitySize } from '../../src-shared/demo/city-generator';
import type { DemoReport } from '../../src-central/demo';

export type DbKind = 'postgres' | 'pglite';

export interface ChildOptions {
  databaseUrl: string | null;
  pgliteDir: string | null;
  dataDir: string;
  city: CitySize;
  seed: number;
  now: string;
}

export interface ChildStats {
  cpuSeconds: number;
  eventLoopUtilization: number;
  loopDelayMaxMs: number;
  /** Open poke WebSockets. */
  sockets: number;
  rssMb: number;
}

type WithId<T> = T & { id: number };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type ChildRequest =
  | WithId<{ type: 'stats'; reset: boolean }>
  | WithId<{ type: 'query'; text: string }>
  | WithId<{ type: 'raw-commits'; concurrency: number; seconds: number; rowsPerTx: number }>
  | WithId<{ type: 'stop' }>;

export type ChildReply =
  | { type: 'ready'; url: string; kind: DbKind; demo: DemoReport }
  | WithId<{ type: 'stats'; stats: ChildStats }>
  | WithId<{ type: 'query'; rows: Record<string, unknown>[] }>
  | WithId<{ type: 'raw-commits'; commitsPerSecond: number; rowsPerSecond: number }>
  | WithId<{ type: 'stopped' }>
  | WithId<{ type: 'error'; message: string }>;

export interface BenchCentral {
  kind: DbKind;
  url: string;
  demo: DemoReport;
  /** The child's pid, to tell its CPU from the bench process's. */
  pid: number;
  stats(reset?: boolean): Promise<ChildStats>;
  query<T = Record<string, unknown>>(text: string): Promise<T[]>;
  rawCommits(request: {
    concurrency: number;
    seconds: number;
    rowsPerTx: number;
  }): Promise<{ commitsPerSecond: number; rowsPerSecond: number }>;
  stop(): Promise<void>;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Starts a central service on a database of its own holding the demo city at `city`'s size.
 * `adminUrl` (DATABASE_URL) selects PostgreSQL; null selects PGlite.
 */
export async function startBenchCentral(adminUrl: string | null, city: CitySize, seed: number, now: Date): Promise<BenchCentral> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-bench-central-'));
  let databaseUrl: string | null = null;
  let dropDatabase = async (): Promise<void> => undefined;
  if (adminUrl !== null) {
    const name = `guichet_bench_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    const target = new URL(adminUrl);
    target.pathname = `/${name}`;
    databaseUrl = target.toString();
    dropDatabase = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const options: ChildOptions = {
    databaseUrl,
    pgliteDir: adminUrl === null ? join(dataDir, 'pglite') : null,
    dataDir,
    city,
    seed,
    now: now.toISOString(),
  };
  const child: ChildProcess = fork(join(import.meta.dirname, 'sync-central-child.ts'), [JSON.stringify(options)], {
    // GUICHET_BENCH_CPU_PROF=<folder> profiles the central process (a .cpuprofile written when it stops).
    execArgv: [
      '--import',
      import.meta.resolve('tsx'),
      ...(process.env['GUICHET_BENCH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['GUICHET_BENCH_CPU_PROF']}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const cleanUp = async () => {
    await dropDatabase().catch((error: unknown) => process.stderr.write(`could not drop the bench database: ${String(error)}\n`));
    rmSync(dataDir, { recursive: true, force: true });
  };

  let nextId = 1;
  const waiting = new Map<number, { resolve: (reply: ChildReply) => void; reject: (error: Error) => void }>();
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      for (const { reject } of waiting.values()) reject(new Error('the central child process exited'));
      waiting.clear();
      resolve();
    }),
  );
  child.on('message', (reply: ChildReply) => {
    if (reply.type === 'ready') return;
    const entry = waiting.get(reply.id);
    if (entry === undefined) return;
    waiting.delete(reply.id);
    if (reply.type === 'error') entry.reject(new Error(`central child: ${reply.message}`));
    else entry.resolve(reply);
  });
  const request = <T extends ChildReply['type']>(message: WithoutId<ChildRequest>): Promise<Extract<ChildReply, { type: T }>> => {
    if (exited) return Promise.reject(new Error('the central child process has exited'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (reply: ChildReply) => void, reject });
      child.send({ ...message, id } as ChildRequest);
    });
  };

  let ready: Extract<ChildReply, { type: 'ready' }>;
  try {
    ready = await new Promise((resolve, reject) => {
      const onMessage = (reply: ChildReply) => {
        if (reply.type === 'ready') resolve(reply);
        else if (reply.type === 'error') reject(new Error(`central child: ${reply.message}`));
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the central child process exited with code ${String(code)} before it was ready`)));
    });
  } catch (error) {
    if (!exited && child.pid !== undefined) child.kill('SIGKILL');
    await exit;
    await cleanUp();
    throw error;
  }

  return {
    kind: ready.kind,
    url: ready.url,
    demo: ready.demo,
    pid: child.pid ?? -1,
    stats: async (reset = false) => (await request<'stats'>({ type: 'stats', reset })).stats,
    query: async <T>(text: string) => (await request<'query'>({ type: 'query', text })).rows as T[],
    rawCommits: async (options) => {
      const reply = await request<'raw-commits'>({ type: 'raw-commits', ...options });
      return { commitsPerSecond: reply.commitsPerSecond, rowsPerSecond: reply.rowsPerSecond };
    },
    async stop() {
      if (!exited) {
        const stopped = request<'stopped'>({ type: 'stop' }).catch(() => undefined);
        const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref());
        if ((await Promise.race([stopped.then(() => 'stopped' as const), timeout])) === 'timeout' && !exited) child.kill('SIGKILL');
        await exit;
      }
      await cleanUp();
    },
  };
}
