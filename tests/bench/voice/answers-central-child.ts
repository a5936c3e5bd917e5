/**
 * The central service of the public-answers benchmark (answers.ts), in its own process so that the
 * respondents' HTTP clients do not share its event loop. Options come as one JSON argument: PostgreSQL at
 * `databaseUrl`, else PGlite in `pgliteDir`. It migrates, writes one open survey with a kiosk, listens on a
 * free loopback port believing X-Forwarded-For from loopback (each simulated respondent has its own
 * address, so the per-address limits apply as in production), then answers the parent's IPC requests.
 */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { parseCentralConfig } from '../../../src-central/config';
import type { CentralDb } from '../../../src-central/db/central-db-types';
import { applyCentralMigrations } from '../../../src-central/db/migrations';
import { openCentralDb } from '../../../src-central/db/open-central-db';
import { departments, surveyCollectors, surveys } from '../../../src-central/db/schema';
import { publicRoutes } from '../../../src-central/public/public-routes';
import { buildCentralServer } from '../../../src-central/service';
import { benchDefinition, type AnswersChildOptions, type AnswersChildReply, type AnswersChildRequest } from './answers-shared';

const migrationsDir = join(import.meta.dirname, '..', '..', '..', 'drizzle', 'central');
const logger = pino({ level: 'silent' });
const options = JSON.parse(process.argv[2] ?? '{}') as AnswersChildOptions;
const send = (message: AnswersChildReply) => process.send?.(message);
const rowsOf = (result: unknown) => ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];

async function seed(db: CentralDb) {
  const now = new Date().toISOString();
  const departmentId = uuidv7();
  await db.insert(departments).values({ id: departmentId, code: 'ACCUEIL', name: 'Accueil', rowVersion: 1 });
  const surveyId = uuidv7();
  await db.insert(surveys).values({
    id: surveyId,
    departmentId,
    status: 'open',
    opensOn: null,
    closesOn: null,
    anonymity: 'anonymous',
    purpose: { fr: 'Votre avis sur l’accueil.', en: 'Your opinion of the welcome.' },
    definition: benchDefinition,
    createdAt: now,
    updatedAt: now,
    version: 1,
    rowVersion: 1,
  });
  const kioskId = uuidv7();
  await db.insert(surveyCollectors).values({
    id: kioskId,
    surveyId,
    departmentId,
    label: 'Hall',
    settings: { kind: 'kiosk' },
    status: 'active',
    stats: { recipients: 0, sent: 0, failed: 0, reminded: 0, unsubscribed: 0, responded: 0, problem: null },
    createdAt: now,
    updatedAt: now,
    rowVersion: 1,
  });
  return { surveyId, kioskId, departmentId };
}

/**
 * The floor: the same rows written as plain SQL, one answer a transaction that queues on the version
 * counter (as the service's writes do), `concurrency` at a time, for `seconds`.
 */
async function rawInserts(db: CentralDb, ids: { surveyId: string; departmentId: string }, concurrency: number, seconds: number) {
  const deadline = performance.now() + seconds * 1000;
  let count = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await db.transaction(async (tx) => {
        const [counter] = rowsOf(await tx.execute(sql`SELECT version FROM sync_counter WHERE id = 1 FOR UPDATE`));
        const version = Number(counter?.['version'] ?? 0) + 1;
        await tx.execute(sql`UPDATE sync_counter SET version = ${version} WHERE id = 1`);
        const answers = JSON.stringify({ satisfaction: 1 + (count % 5), venue: 'mairie' });
        await tx.execute(
          sql`INSERT INTO survey_responses (id, survey_id, department_id, channel, answers, submitted_at, row_version)
              VALUES (${crypto.randomUUID()}, ${ids.surveyId}, ${ids.departmentId}, 'link', ${answers}::jsonb, ${new Date().toISOString()}, ${version})`,
        );
      });
      count++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / ((performance.now() - started) / 1000);
}

async function main() {
  const config = {
    ...parseCentralConfig({
      env: { GUICHET_DATA_DIR: options.dataDir, TRUST_PROXY: 'loopback' },
      argv: [],
      defaultMigrationsDir: migrationsDir,
    }),
    databaseUrl: options.databaseUrl,
    pgliteDir: options.pgliteDir,
    databasePoolSize: 20,
  };
  const database = await openCentralDb(config, logger);
  await applyCentralMigrations(database.db, migrationsDir);
  const ids = await seed(database.db);
  const app = await buildCentralServer({ config, database, logger, plugins: [publicRoutes()] });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  send({ type: 'ready', url, surveyId: ids.surveyId, kioskId: ids.kioskId });
  process.on('message', (message: AnswersChildRequest) => {
    void (async () => {
      try {
        if (message.type === 'count') {
          const [row] = rowsOf(await database.db.execute(sql`SELECT count(*)::int AS n FROM survey_responses`));
          send({ type: 'count', id: message.id, responses: Number(row?.['n'] ?? 0) });
        } else if (message.type === 'raw') {
          const perSecond = await rawInserts(database.db, ids, message.concurrency, message.seconds);
          send({ type: 'raw', id: message.id, perSecond });
        } else {
          await app.close();
          await database.close();
          send({ type: 'stopped', id: message.id });
          process.exit(0);
        }
      } catch (error) {
        send({ type: 'error', id: message.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    })();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`answers bench central: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
