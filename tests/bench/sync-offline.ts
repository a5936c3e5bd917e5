/**
 * The offline measurements of `npm run bench:sync` (docs/performance.md): 2,000 mutations made offline, the
 * bookkeeping they leave, and the reconnect. The other scenarios are in sync-scenarios.ts.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Prng } from '../../src-shared/demo/prng';
import { centralPaths } from '../../src-shared/http/endpoints';
import { measureLoop, type LoopBlocks } from './main-loop-probe';
import type { BenchCentral } from './sync-central';
import { replicaBytes, type ReplicaBytes } from './sync-measure';
import { Pusher, recordSyncRequests, signIn, type BenchWorkspace, type HttpExchange } from './sync-workspace';
import { describeLoad, phase, type PhaseLoad } from './sync-scenarios';

const log = (line = '') => process.stdout.write(`${line}\n`);
const otherCounterEmail = 'samir.accueil@rivebelle.example';

export interface Reconnect {
  mutations: number;
  localWritesPerSecond: number;
  conflictsExpected: number;
  othersMutations: number;
  bytesPending: ReplicaBytes;
  bytesAfter: ReplicaBytes;
  seconds: number;
  /** As bench:main-loop measures it (1 ms resolution, the CPU within the stalls): comparable with it. */
  blocking: LoopBlocks;
  inbox: number;
  load: PhaseLoad;
}

interface CaseRow {
  id: string;
  department_id: string;
  status: string;
  category_id: string;
}

/**
 * The synced workspace goes offline (no sync, no pokes) and its agent works: comments, status changes,
 * new cases and new citizens, `count` in all. Meanwhile another counter agent pushes from elsewhere,
 * qualifying some of the same new cases first (those changes come back refused into the sync inbox).
 * Then the workspace reconnects: one sync pushes everything and rebases on the server's answer.
 */
export async function offlineReconnect(central: BenchCentral, workspace: BenchWorkspace, count: number, prng: Prng): Promise<Reconnect> {
  const db = workspace.replica.db.$client;
  const offline = await workOffline(central, workspace, count, prng);
  const { pending, localSeconds, conflicting, othersComments } = offline;
  const bytesPending = replicaBytes(db);

  const recorder = recordSyncRequests();
  const { result: blocking, load } = await phase(
    central,
    async () => (await measureLoop(() => workspace.services.sync.engine.sync())).blocks,
  ).finally(() => recorder.uninstall());
  const leg = (path: string) => recorder.exchanges.filter((exchange) => exchange.path === path);
  const spent = (list: HttpExchange[]) => list.reduce((sum, exchange) => sum + exchange.end - exchange.start, 0) / 1000;
  const [pushes, pulls] = [leg(centralPaths.push), leg(centralPaths.pull)];
  const status = workspace.services.sync.engine.status();
  if (status.pending !== 0) throw new Error(`${status.pending} mutations still pending after the reconnect`);
  const bytesAfter = replicaBytes(db);
  log(
    `  reconnect: pushed and rebased in ${load.seconds.toFixed(2)} s; ${status.inbox} refusals in the sync inbox; main loop blocked up to ${blocking.maxMs.toFixed(0)} ms ` +
      `(${blocking.maxStallCpuMs.toFixed(0)} ms of CPU within the longest-working stall)`,
  );
  log(
    `  of which ${pushes.length} push requests ${spent(pushes).toFixed(2)} s, ${pulls.length} pull requests ${spent(pulls).toFixed(2)} s, ` +
      `the workspace's own work (outbox reads, inbox, parse, rebase with undo and replay) ${(load.seconds - spent(pushes) - spent(pulls)).toFixed(2)} s`,
  );
  log(`  ${describeLoad(load)}`);
  return {
    mutations: pending,
    localWritesPerSecond: pending / localSeconds,
    conflictsExpected: conflicting,
    othersMutations: othersComments + conflicting,
    bytesPending,
    bytesAfter,
    seconds: load.seconds,
    blocking,
    inbox: status.inbox,
    load,
  };
}

export interface OfflineWork {
  pending: number;
  localSeconds: number;
  conflicting: number;
  othersComments: number;
}

/**
 * The synced workspace goes offline (no sync, no pokes) and its agent makes `count` mutations, while
 * another counter agent pushes from elsewhere (see offlineReconnect). The reconnect is left to the caller.
 */
export async function workOffline(central: BenchCentral, workspace: BenchWorkspace, count: number, prng: Prng): Promise<OfflineWork> {
  const db = workspace.replica.db.$client;
  const agent = workspace.services.session.currentAgent();
  if (agent === null) throw new Error('the workspace has no agent');
  workspace.services.sync.stop();
  const cases = db.prepare('SELECT id, department_id, status, category_id FROM cases ORDER BY id').all() as CaseRow[];
  const citizenIds = db.prepare('SELECT id FROM citizens ORDER BY id').pluck().all() as string[];
  const shuffled = shuffle(cases, prng);
  const byStatus = (status: string) => shuffled.filter((row) => row.status === status);
  const counts = { transitions: Math.round(count * 0.15), opens: Math.round(count * 0.1), citizens: Math.round(count * 0.1) };
  const comments = count - counts.transitions - counts.opens - counts.citizens;
  // Status changes a counter agent may make: qualify a new case, close a resolved one, resume a waiting one.
  const third = Math.round(counts.transitions / 3);
  const qualified = byStatus('new').slice(0, counts.transitions - 2 * third);
  const transitions = [
    ...qualified.map((row) => ({ row, action: 'qualify' as const })),
    ...byStatus('resolved')
      .slice(0, third)
      .map((row) => ({ row, action: 'close' as const })),
    ...byStatus('waiting_citizen')
      .slice(0, third)
      .map((row) => ({ row, action: 'resume' as const })),
  ];

  // Elsewhere, meanwhile: another agent comments, and qualifies first the cases this agent will qualify.
  const other = await signIn(central.url, otherCounterEmail);
  const othersPusher = new Pusher(
    central.url,
    other,
    shuffled.slice(-500).map((row) => ({ id: row.id, departmentId: row.department_id })),
    0,
  );
  const othersComments = 400;
  for (let sent = 0; sent < othersComments; sent += 200) await othersPusher.send(othersPusher.build(200));
  await othersPusher.send(
    othersPusher.buildMutations(
      qualified.map((row) => ({
        name: 'case.transition',
        args: { caseId: row.id, action: 'qualify', expectedStatus: 'new', assigneeId: null, comment: null, eventId: uuidv7() },
      })),
    ),
  );
  const conflicting = qualified.length;

  // The offline agent's work, in a shuffled order as a day goes.
  type Work = () => void;
  const work: Work[] = [];
  for (let i = 0; i < comments; i++) {
    const row = prng.pick(shuffled);
    work.push(() =>
      workspace.services.cases.comment(agent, {
        caseId: row.id,
        visibility: i % 5 === 0 ? 'public' : 'internal',
        body: `Appel du citoyen n° ${i} : il attend une réponse depuis trois jours, merci de le rappeler.`,
      }),
    );
  }
  for (const { row, action } of transitions) {
    work.push(() => workspace.services.cases.transition(agent, { caseId: row.id, action, expectedStatus: row.status as 'new' }));
  }
  const categories = [...new Set(cases.map((row) => row.category_id))];
  for (let i = 0; i < counts.opens; i++) {
    work.push(() =>
      workspace.services.cases.open(agent, {
        categoryId: prng.pick(categories),
        channel: 'counter',
        subject: `Demande au guichet n° ${i}`,
        description: 'Déposée au guichet pendant la panne du réseau.',
        citizenId: prng.pick(citizenIds),
      }),
    );
  }
  for (let i = 0; i < counts.citizens; i++) {
    work.push(() =>
      workspace.services.citizens.create(agent, {
        firstName: 'Hors-Ligne',
        lastName: `Citoyen ${i}`,
        email: `hors.ligne.${i}@exemple.fr`,
        phone: null,
        birthDate: null,
      }),
    );
  }
  const order = work.map((fn) => ({ fn, key: prng.float() })).sort((a, b) => a.key - b.key);
  const started = performance.now();
  for (const { fn } of order) fn();
  const localSeconds = (performance.now() - started) / 1000;
  const pending = workspace.services.sync.engine.status().pending;
  log(
    `  ${pending.toLocaleString('en')} mutations made offline (${comments} comments, ${transitions.length} status changes, ${counts.opens} new cases, ${counts.citizens} new citizens) ` +
      `in ${localSeconds.toFixed(2)} s; meanwhile another agent pushed ${othersComments + conflicting} (${conflicting} of them qualify cases this agent also changes)`,
  );
  return { pending, localSeconds, conflicting, othersComments };
}

function shuffle<T>(items: readonly T[], prng: Prng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = prng.int(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
