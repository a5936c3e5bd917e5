/**
 * The citizens' voice benchmark piece: answers accepted per second by the central service's public pages
 * (POST /api/public/surveys/:id/responses), `respondents` (200) answering at once, each answer from an
 * address of its own (the per-address limits apply, at their defaults). Target: 1,000 answers/s on
 * PostgreSQL (docs/performance.md).
 *
 * On PostgreSQL when `adminUrl` (DATABASE_URL) is set — a `guichet_bench_<random>` database is created and
 * dropped there — on PGlite otherwise. The central service runs in a child process; the respondents are
 * this process's HTTP clients. `raw`: the same rows as plain SQL, one answer a transaction queuing on the
 * version counter, at the pool's concurrency. Every accepted answer is counted in the database afterwards:
 * a bench that stored a different number than it was told fails.
 *
 * `npx tsx tests/bench/voice/answers.ts [--seconds 10] [--respondents 200]` prints the lines as JSON;
 * `npm run bench:voice` (tests/bench/voice) runs it with the other pieces.
 */
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { publicPaths } from '../../../src-shared/http/public-paths';
import type { AnswersChildOptions, AnswersChildReply, AnswersChildRequest } from './answers-shared';

export interface AnswersOptions {
  /** PostgreSQL admin URL (DATABASE_URL); null or absent: PGlite. */
  adminUrl?: string | null;
  respondents?: number;
  seconds?: number;
  warmupSeconds?: number;
}

export interface AnswersLine {
  name: string;
  value: number;
  unit: string;
  /** The plain-SQL floor of the same measure, when there is one. */
  raw: number | null;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

// Addresses in 10.0.0.0/8, none twice in a run (16 million of them).
let addresses = 0;
const nextAddress = () => {
  const n = ++addresses % 0x1000000;
  return `10.${n >> 16}.${(n >> 8) & 0xff}.${n & 0xff}`;
};
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function startChild(adminUrl: string | null) {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-bench-answers-'));
  let databaseUrl: string | null = null;
  let drop = async (): Promise<void> => undefined;
  if (adminUrl !== null) {
    const name = `guichet_bench_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    const target = new URL(adminUrl);
    target.pathname = `/${name}`;
    databaseUrl = target.toString();
    drop = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const options: AnswersChildOptions = { databaseUrl, pgliteDir: adminUrl === null ? join(dataDir, 'pglite') : null, dataDir };
  const child = fork(join(import.meta.dirname, 'answers-central-child.ts'), [JSON.stringify(options)], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, (reply: AnswersChildReply) => void>();
  const ready = new Promise<Extract<AnswersChildReply, { type: 'ready' }>>((resolveReady, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench's central process exited (${code})`)));
    child.on('message', (reply: AnswersChildReply) => {
      if (reply.type === 'ready') return resolveReady(reply);
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    });
  });
  const ask = async (message: WithoutId<AnswersChildRequest>): Promise<AnswersChildReply> => {
    const id = nextId++;
    const reply = await new Promise<AnswersChildReply>((resolveReply) => {
      waiting.set(id, resolveReply);
      child.send({ ...message, id });
    });
    if (reply.type === 'error') throw new Error(`bench central: ${reply.message}`);
    return reply;
  };
  const cleanUp = async () => {
    if (child.exitCode === null) await ask({ type: 'stop' }).catch(() => child.kill());
    await drop().catch((error: unknown) => process.stderr.write(`could not drop the bench database: ${String(error)}\n`));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    return { ...(await ready), ask, cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * One POST over a kept-alive connection of `agent`. node:http rather than fetch: the respondents share the
 * machine's cores with the service, and fetch's streams cost the client about as much CPU as the service
 * spends on an answer (profiled), which the service's figure would pay for.
 */
function post(agent: Agent, url: URL, body: string, address: string): Promise<{ status: number; text: string }> {
  return new Promise((resolvePost, reject) => {
    const request = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': address },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolvePost({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Respondents answering in a loop until `deadline`; each answer a fresh id and a fresh address. */
async function respond(url: string, surveyId: string, kioskId: string, respondents: number, seconds: number) {
  const deadline = performance.now() + seconds * 1000;
  const target = new URL(`${url}${publicPaths.responses(surveyId)}`);
  const agent = new Agent({ keepAlive: true, maxSockets: respondents });
  const latencies: number[] = [];
  const refusals = new Map<string, number>();
  let accepted = 0;
  const respondent = async (index: number) => {
    while (performance.now() < deadline) {
      const kiosk = index % 4 === 0;
      const body = {
        id: randomUUID(),
        channel: kiosk ? 'kiosk' : 'link',
        ...(kiosk ? { collectorId: kioskId } : {}),
        answers: {
          satisfaction: 1 + (index % 5),
          venue: index % 2 === 0 ? 'mairie' : 'annexe',
          ...(index % 3 === 0 ? { remarks: 'Accueil rapide et aimable.' } : {}),
        },
      };
      const started = performance.now();
      const response = await post(agent, target, JSON.stringify(body), nextAddress());
      latencies.push(performance.now() - started);
      if (response.status === 201) accepted++;
      else {
        const code = `${response.status} ${response.text.slice(0, 60)}`;
        refusals.set(code, (refusals.get(code) ?? 0) + 1);
      }
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: respondents }, (_, index) => respondent(index)));
  } finally {
    agent.destroy();
  }
  return { accepted, elapsedSeconds: (performance.now() - started) / 1000, latencies, refusals };
}

export async function measureAnswers(options: AnswersOptions = {}): Promise<AnswersLine[]> {
  const adminUrl = options.adminUrl ?? null;
  const respondents = options.respondents ?? 200;
  const seconds = options.seconds ?? 10;
  const central = await startChild(adminUrl);
  try {
    const warm = await respond(central.url, central.surveyId, central.kioskId, respondents, options.warmupSeconds ?? 2);
    const run = await respond(central.url, central.surveyId, central.kioskId, respondents, seconds);
    const counted = await central.ask({ type: 'count' });
    const stored = counted.type === 'count' ? counted.responses : -1;
    if (stored !== warm.accepted + run.accepted) {
      throw new Error(`the service said it stored ${warm.accepted + run.accepted} answers, the database holds ${stored}`);
    }
    if (run.refusals.size > 0) throw new Error(`answers refused during the run: ${JSON.stringify(Object.fromEntries(run.refusals))}`);
    const raw = await central.ask({ type: 'raw', concurrency: 20, seconds });
    const rawPerSecond = raw.type === 'raw' ? raw.perSecond : Number.NaN;
    const database = adminUrl === null ? 'PGlite' : 'PostgreSQL';
    return [
      {
        name: `public answers accepted, ${respondents} respondents (${database})`,
        value: round(run.accepted / run.elapsedSeconds),
        unit: 'answers/s',
        raw: round(rawPerSecond),
      },
      { name: `public answer round trip p50 (${database})`, value: round(percentile(run.latencies, 50)), unit: 'ms', raw: null },
      { name: `public answer round trip p95 (${database})`, value: round(percentile(run.latencies, 95)), unit: 'ms', raw: null },
      { name: `public answers stored and counted once (${database})`, value: stored, unit: 'answers', raw: null },
    ];
  } finally {
    await central.cleanUp();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { seconds: { type: 'string' }, respondents: { type: 'string' } } });
  measureAnswers({
    adminUrl: process.env['DATABASE_URL'] || null,
    ...(values.seconds === undefined ? {} : { seconds: Number(values.seconds) }),
    ...(values.respondents === undefined ? {} : { respondents: Number(values.respondents) }),
  }).then(
    (lines) => process.stdout.write(`${JSON.stringify(lines, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
