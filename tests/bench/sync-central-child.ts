/**
 * The central service of `npm run bench:sync`, in its own process: the workspace's event loop (the
 * bench process) then carries only the workspace's work, as on an agent's laptop.
 *
 * Started by sync-central.ts with fork(); its options come as one JSON argument. It opens the database
 * (PostgreSQL at `databaseUrl`, else PGlite in `pgliteDir`), migrates, loads the demo city at the asked
 * size, listens on a free loopback port, then answers the parent's IPC requests (see ChildRequest).
 */
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { parseCentralConfig } from '../../src-central/config';
import type { CentralDatabase } from '../../src-central/db/central-db-types';
import { applyCentralMigrations } from '../../src-central/db/migrations';
import { openCentralDb } from '../../src-central/db/open-central-db';
import { loadDemoCity, type DemoReport } from '../../src-central/demo';
import { buildCentralServer } from '../../src-central/service';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import type { ChildOptions, ChildReply, ChildRequest, ChildStats } from './sync-central';

const migrationsDir = join(import.meta.dirname, '..', '..', 'drizzle', 'central');
const logger = pino({ level: 'silent' });

const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;

function send(message: ChildReply): void {
  process.send?.(message);
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

/**
 * The physical bound of the push path on this database: transactions that queue on one counter row (as
 * pushes do on sync_counter), then insert `rowsPerTx` comment-sized rows and commit, `concurrency` at a
 * time, for `seconds`. Scratch tables only: the sync tables are left alone.
 */
async function rawCommits(database: CentralDatabase, request: { concurrency: number; seconds: number; rowsPerTx: number }) {
  const { db } = database;
  await db.execute(sql`CREATE TABLE IF NOT EXISTS bench_counter (id int PRIMARY KEY, n bigint NOT NULL)`);
  await db.execute(sql`INSERT INTO bench_counter VALUES (1, 0) ON CONFLICT DO NOTHING`);
  await db.execute(
    sql`CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload jsonb NOT NULL)`,
  );
  const payload = JSON.stringify({ body: 'Le citoyen a rappelé : le trou est toujours là, plus large qu’hier.', visibility: 'internal' });
  const values = sql.join(
    Array.from({ length: request.rowsPerTx }, () => sql`(${payload}::jsonb)`),
    sql`, `,
  );
  const deadline = performance.now() + request.seconds * 1000;
  let commits = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`SELECT n FROM bench_counter WHERE id = 1 FOR UPDATE`);
        await tx.execute(sql`UPDATE bench_counter SET n = n + 1 WHERE id = 1`);
        await tx.execute(sql`INSERT INTO bench_rows (payload) VALUES ${values}`);
      });
      commits++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: request.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await db.execute(sql`TRUNCATE bench_rows`);
  return { commitsPerSecond: commits / seconds, rowsPerSecond: (commits * request.rowsPerTx) / seconds };
}

async function main(): Promise<void> {
  const config = {
    // PUSH_RATE_PER_SECOND=0: the throughput phase's pushers are a dozen scripts sharing a few counter agents'
    // identities at hundreds of pushes a second each, which the per-agent limit exists to refuse.
    ...parseCentralConfig({
      env: { GUICHET_DATA_DIR: options.dataDir, PUSH_RATE_PER_SECOND: '0' },
      argv: [],
      defaultMigrationsDir: migrationsDir,
    }),
    databaseUrl: options.databaseUrl,
    pgliteDir: options.pgliteDir,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent' as const,
  };
  const database = await openCentralDb(config, logger);
  await applyCentralMigrations(database.db, migrationsDir);
  const demo: DemoReport = await loadDemoCity(database.db, { ...options.city, seed: options.seed, now: new Date(options.now) });
  // Planner statistics as autovacuum would have them shortly after the load (steady state).
  await database.db.execute(sql`ANALYZE`);
  const app: FastifyInstance = await buildCentralServer({ config, database, logger, plugins: [syncRoutes()] });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });

  let cpu = process.cpuUsage();
  let elu: EventLoopUtilization = performance.eventLoopUtilization();
  let delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const stats = (reset: boolean): ChildStats => {
    const used = process.cpuUsage(cpu);
    const utilization = performance.eventLoopUtilization(elu);
    const result: ChildStats = {
      cpuSeconds: (used.user + used.system) / 1e6,
      eventLoopUtilization: utilization.utilization,
      loopDelayMaxMs: delay.max / 1e6,
      sockets: app.websocketServer.clients.size,
      rssMb: process.memoryUsage().rss / 1_048_576,
    };
    if (reset) {
      cpu = process.cpuUsage();
      elu = performance.eventLoopUtilization();
      delay.disable();
      delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
    }
    return result;
  };

  process.on('message', (message: ChildRequest) => {
    const answer = async (): Promise<ChildReply> => {
      switch (message.type) {
        case 'stats':
          return { type: 'stats', id: message.id, stats: stats(message.reset) };
        case 'query':
          return { type: 'query', id: message.id, rows: rowsOf(await database.db.execute(sql.raw(message.text))) };
        case 'raw-commits':
          return { type: 'raw-commits', id: message.id, ...(await rawCommits(database, message)) };
        case 'stop':
          await app.close();
          await database.close();
          return { type: 'stopped', id: message.id };
      }
    };
    answer().then(
      (reply) => {
        send(reply);
        if (reply.type === 'stopped') process.exit(0);
      },
      (error: unknown) =>
        send({ type: 'error', id: message.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  send({ type: 'ready', url, kind: database.kind, demo });
}

main().catch((error: unknown) => {
  send({ type: 'error', id: 0, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
