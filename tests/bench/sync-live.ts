/**
 * The live measurements of `npm run bench:sync`: cross-agent propagation and push throughput with many
 * connected workspaces (the others are in sync-scenarios.ts).
 */
import type Database from 'better-sqlite3';
import { clientId } from '../../src-main/repositories/outbox-repository';
import type { Prng } from '../../src-shared/demo/prng';
import { canCommentIn } from '../../src-shared/domain/permissions';
import { scopeOf } from '../../src-shared/sync';
import type { BenchCentral } from './sync-central';
import { percentile, sleep } from './sync-measure';
import { startPokeClients, type PokeClients } from './sync-poke-clients';
import { describeLoad, inBatches, phase, type PhaseLoad } from './sync-scenarios';
import {
  openWorkspace,
  Pusher,
  recordSyncRequests,
  signIn,
  whenReplica,
  type CaseTarget,
  type HttpExchange,
  type SignedIn,
} from './sync-workspace';
import { centralPaths } from '../../src-shared/http/endpoints';

const log = (line = '') => process.stdout.write(`${line}\n`);

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

// ---------------------------------------------------------------------------------------------------
// 2: cross-agent propagation with 50 connected workspaces

const MEASURED_WORKSPACES = 10;

export interface Propagation {
  clients: number;
  samples: number[];
  rawRoundTripMs: number;
  load: PhaseLoad;
  identities: SignedIn[];
}

export async function signInAll(central: BenchCentral): Promise<SignedIn[]> {
  const emails = (await central.query<{ email: string }>('SELECT email FROM agents ORDER BY email')).map((row) => row.email);
  return inBatches(emails, 3, (email) => signIn(central.url, email));
}

/** Median of `count` bare loopback round trips to the central service (a 404 route: no database). */
async function loopbackRoundTrip(url: string, count = 200): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(new URL('/bench-no-such-route', url));
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

/**
 * `clients` workspaces signed in as the city's agents (some agents on two machines), each syncing and
 * listening for pokes. Then `iterations` times: a random agent comments a case that another agent's
 * workspace holds; the time runs from just before the push (the sync the write triggers) to the moment
 * the comment is in the other replica (its change notification after the rebase).
 */
export async function propagation(
  central: BenchCentral,
  dir: string,
  clients: number,
  iterations: number,
  prng: Prng,
): Promise<Propagation> {
  const identities = await signInAll(central);
  // Readers and writers are full workspaces in this process; the other connected clients pull on every poke
  // from a process of their own (sync-poke-clients.ts), as the other machines of the city would: 50
  // workspaces rebasing on this one loop would queue the measured reader behind them.
  const measured = Math.min(clients, MEASURED_WORKSPACES);
  const workspaces =
    identities.length === 0
      ? []
      : Array.from({ length: measured }, (_, i) =>
          openWorkspace(dir, `agent-${i}`, central.url, identities[i % identities.length] as SignedIn),
        );
  let others: PokeClients | null = null;
  try {
    const bootStarted = performance.now();
    await inBatches(workspaces, 2, (workspace) => workspace.services.sync.engine.sync());
    for (const workspace of workspaces) workspace.services.sync.start();
    const [{ version: head } = { version: 0 }] = await central.query<{ version: number }>(
      'SELECT version::int AS version FROM sync_counter WHERE id = 1',
    );
    others = await startPokeClients({ centralUrl: central.url, identities: identities.slice(measured), head, count: clients - measured });
    await waitFor(`${clients} poke sockets`, async () => (await central.stats()).sockets >= clients);
    await inBatches(workspaces, clients, (workspace) => workspace.services.sync.engine.sync());
    log(
      `  ${clients} clients connected: ${measured} workspaces (readers and writers) signed in, bootstrapped and listening in ${((performance.now() - bootStarted) / 1000).toFixed(1)} s, ` +
        `${clients - measured} more pulling on every poke from another process`,
    );
    const cases = (
      await central.query<{ id: string; department_id: string }>('SELECT id::text AS id, department_id::text AS department_id FROM cases')
    ).map((row) => ({ id: row.id, departmentId: row.department_id }));
    const byDepartment = new Map<string, CaseTarget[]>();
    for (const row of cases) byDepartment.set(row.departmentId, [...(byDepartment.get(row.departmentId) ?? []), row]);
    const seen = workspaces.map((workspace) => workspace.replica.db.$client.prepare('SELECT 1 FROM case_events WHERE id = ?'));

    const clientIds = workspaces.map((workspace) => clientId(workspace.replica.db));
    const recorder = recordSyncRequests();
    const legs: Legs[] = [];
    const { result: samples, load } = await phase(central, async () => {
      const samples: number[] = [];
      // Who can write a comment that a reader's replica receives, for each reader that has such a writer.
      const pairs = workspaces
        .map((reader, readerIndex) => ({
          reader,
          readerIndex,
          writers: workspaces.filter(
            (candidate) =>
              candidate.agent.id !== reader.agent.id && scopeOf(reader.agent).departments.some((id) => canCommentIn(candidate.agent, id)),
          ),
        }))
        .filter((pair) => pair.writers.length > 0);
      if (pairs.length === 0) throw new Error('no two measured workspaces share a department');
      for (let i = 0; i < iterations; i++) {
        const { reader, readerIndex, writers } = prng.pick(pairs);
        const departments = scopeOf(reader.agent).departments;
        const writer = prng.pick(writers);
        const department = prng.pick(departments.filter((id) => canCommentIn(writer.agent, id)));
        const target = prng.pick(byDepartment.get(department) ?? []);
        const { id: eventId } = writer.services.cases.comment(writer.agent, {
          caseId: target.id,
          visibility: 'internal',
          body: `Note de propagation ${i}`,
        });
        const statement = seen[readerIndex] as Database.Statement;
        const visible = whenReplica(reader, () => statement.get(eventId) !== undefined, 10_000);
        const started = performance.now();
        // What the tRPC layer does after a write: a sync, which pushes first.
        const pushing = writer.services.sync.syncNow();
        const seenAt = await visible;
        samples.push(seenAt - started);
        await pushing;
        const legsOf = splitLegs(recorder.exchanges, {
          started,
          seenAt,
          writer: clientIds[workspaces.indexOf(writer)] as string,
          reader: clientIds[readerIndex] as string,
        });
        if (legsOf !== null) legs.push(legsOf);
        recorder.exchanges.length = 0;
        // Changes arrive one by one, spaced as agents' writes are (20–60 ms apart here, a busy city).
        await sleep(20 + prng.int(40));
      }
      return samples;
    });
    recorder.uninstall();
    log(
      `  ${iterations} changes: p50 ${percentile(samples, 50).toFixed(1)} ms, p90 ${percentile(samples, 90).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms`,
    );
    const median = (pick: (legs: Legs) => number) => percentile(legs.map(pick), 50).toFixed(1);
    log(
      `  legs (medians of ${legs.length}): the reader's pull starts ${median((l) => l.pullStarts)} ms after the push is sent (push request alone ${median((l) => l.push)} ms), ` +
        `pull request ${median((l) => l.pull)} ms, then parse + rebase + change event ${median((l) => l.apply)} ms; ` +
        `the reader needed more than one pull in ${legs.filter((l) => l.extraPulls > 0).length} of ${legs.length}`,
    );
    log(`  ${describeLoad(load)}`);
    const rawRoundTripMs = await loopbackRoundTrip(central.url);
    log(
      `  raw: one bare loopback HTTP round trip to the central service ${rawRoundTripMs.toFixed(2)} ms (the path makes three: push, poke, pull)`,
    );
    return { clients, samples, rawRoundTripMs, load, identities };
  } finally {
    for (const workspace of workspaces) workspace.close();
    await others?.close();
    await waitFor('the workspaces to disconnect', async () => (await central.stats()).sockets === 0, 10_000).catch(() => undefined);
  }
}

interface Legs {
  /** The writer's push request, sent → answered. */
  push: number;
  /** From the push being sent to the reader's pull starting: the push's work, the notice, the poke. */
  pullStarts: number;
  pull: number;
  apply: number;
  extraPulls: number;
}

/** The writer's push, then the reader's pull that brought the row (the last one ending before it was seen). */
function splitLegs(
  exchanges: readonly HttpExchange[],
  at: { started: number; seenAt: number; writer: string; reader: string },
): Legs | null {
  const push = exchanges.find(
    (exchange) => exchange.path === centralPaths.push && exchange.clientId === at.writer && exchange.start >= at.started,
  );
  if (push === undefined) return null;
  const pulls = exchanges.filter(
    (exchange) =>
      exchange.path === centralPaths.pull && exchange.clientId === at.reader && exchange.end <= at.seenAt && exchange.start >= push.start,
  );
  const pull = pulls.at(-1);
  if (pull === undefined) return null;
  return {
    push: push.end - push.start,
    pullStarts: pull.start - push.start,
    pull: pull.end - pull.start,
    apply: at.seenAt - pull.end,
    extraPulls: pulls.length - 1,
  };
}

// ---------------------------------------------------------------------------------------------------
// 3: push throughput with 200 connected clients

export interface ThroughputRun {
  pullOnPoke: boolean;
  batch: number;
  pushes: number;
  mutations: number;
  seconds: number;
  pushMs: number[];
  pulls: number;
  pokes: number;
  load: PhaseLoad;
}

export interface Throughput {
  clients: number;
  pushers: number;
  runs: ThroughputRun[];
  raw: { single: number; batched: number; batchedRows: number };
}

/**
 * `clients` poke clients connected (each an agent's workspace as the central service sees it), then
 * `pushers` concurrent pushers send comments for `seconds`: one mutation a push, then `batch` a push.
 * Run first with clients that pull on every poke (as workspaces do), then with clients that only
 * receive pokes, to tell the cost of the pulls from the cost of the pushes.
 */
export async function throughput(
  central: BenchCentral,
  identities: readonly SignedIn[],
  options: { clients: number; pushers: number; seconds: number; batch: number },
): Promise<Throughput> {
  const [{ version: head } = { version: 0 }] = await central.query<{ version: number }>(
    'SELECT version::int AS version FROM sync_counter WHERE id = 1',
  );
  // In a process of their own (sync-poke-clients.ts): the pushers' loop must not queue behind 200 clients' pulls.
  const clients = await startPokeClients({ centralUrl: central.url, identities: [...identities], head, count: options.clients });
  await waitFor(`${options.clients} poke sockets`, async () => (await central.stats()).sockets >= options.clients);
  const counterIdentities = identities.filter((identity) => identity.agent.roles.some((role) => role.role === 'counter'));
  const cases = (
    await central.query<{ id: string; department_id: string }>(
      'SELECT id::text AS id, department_id::text AS department_id FROM cases ORDER BY id',
    )
  ).map((row) => ({ id: row.id, departmentId: row.department_id }));
  log(
    `  ${options.clients} poke clients connected (${identities.length} agents); ${options.pushers} pushers as ${counterIdentities.length} counter agents, comments on ${cases.length.toLocaleString('en')} cases`,
  );

  const runs: ThroughputRun[] = [];
  try {
    for (const pullOnPoke of [true, false]) {
      await clients.setPullOnPoke(pullOnPoke);
      for (const batch of [1, options.batch]) {
        const pushers = Array.from(
          { length: options.pushers },
          (_, i) => new Pusher(central.url, counterIdentities[i % counterIdentities.length] as SignedIn, cases, i * 97),
        );
        const before = await clients.stats();
        const pushMs: number[] = [];
        let pushes = 0;
        const seconds = options.seconds;
        const { load } = await phase(central, async () => {
          // One second of warm-up (connections, JIT), then pushes completed in the timed window count.
          const windowStart = performance.now() + 1_000;
          const windowEnd = windowStart + seconds * 1000;
          const worker = async (pusher: Pusher) => {
            while (performance.now() < windowEnd) {
              const request = pusher.build(batch);
              const started = performance.now();
              await pusher.send(request);
              const done = performance.now();
              if (done >= windowStart && done <= windowEnd) {
                pushes++;
                pushMs.push(done - started);
              }
            }
          };
          await Promise.all(pushers.map(worker));
        });
        await clients.idle();
        const after = await clients.stats();
        const run: ThroughputRun = {
          pullOnPoke,
          batch,
          pushes,
          mutations: pushes * batch,
          seconds,
          pushMs,
          pulls: after.pulls - before.pulls,
          pokes: after.pokes - before.pokes,
          load,
        };
        runs.push(run);
        log(
          `  ${pullOnPoke ? 'clients pull on poke' : 'clients only poked  '}, ${String(batch).padStart(2)} mutation(s) a push: ` +
            `${Math.round(pushes / seconds).toLocaleString('en')} pushes/s = ${Math.round(run.mutations / seconds).toLocaleString('en')} mutations/s; ` +
            `push p50 ${percentile(pushMs, 50).toFixed(1)} ms, p99 ${percentile(pushMs, 99).toFixed(1)} ms; ` +
            `${Math.round(run.pokes / load.seconds).toLocaleString('en')} pokes/s, ${Math.round(run.pulls / load.seconds).toLocaleString('en')} pulls/s served`,
        );
        log(`    ${describeLoad(load)}`);
      }
    }
    const { errors } = await clients.stats();
    if (errors > 0) log(`  ${errors} pulls failed`);
  } finally {
    await clients.close();
  }

  const single = await central.rawCommits({ concurrency: options.pushers, seconds: 3, rowsPerTx: 1 });
  const batched = await central.rawCommits({ concurrency: options.pushers, seconds: 3, rowsPerTx: options.batch });
  log(
    `  raw ${central.kind}: ${Math.round(single.commitsPerSecond).toLocaleString('en')} serialised commits/s of 1 row; ` +
      `${Math.round(batched.commitsPerSecond).toLocaleString('en')} commits/s of ${options.batch} rows = ${Math.round(batched.rowsPerSecond).toLocaleString('en')} rows/s ` +
      `(transactions queued on one counter row, ${options.pushers} at a time, as pushes)`,
  );
  return {
    clients: options.clients,
    pushers: options.pushers,
    runs,
    raw: { single: single.commitsPerSecond, batched: batched.commitsPerSecond, batchedRows: batched.rowsPerSecond },
  };
}
