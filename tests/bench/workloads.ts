import type Database from 'better-sqlite3';
import { createPrng, type Prng } from '../../src-shared/demo/prng';
import type { ReplicaDb } from '../../src-main/db/open-replica';
import { createServices } from '../../src-main/services/services';
import { createCaller } from '../../src-main/trpc/root';
import type { CaseStatus } from '../../src-shared/schemas/common';
import type { Workload } from './measure';
import { createRawStatements } from './raw-sql';

export interface ListInput {
  departmentId: string;
  status: CaseStatus;
}

/** The statuses an agent's work list filters on. */
const listStatuses: CaseStatus[] = ['new', 'qualified', 'assigned', 'in_progress', 'waiting_citizen', 'resolved'];

/**
 * What agents type in the search field (sent while typing, from the first letter): surname prefixes, names,
 * streets, subject words, phones, postal codes, emails.
 */
export const typedQueries = [
  'd',
  'du',
  'dup',
  'dupont',
  'm',
  'ma',
  'mart',
  'martin',
  'lefe',
  'lefèvre',
  'ngu',
  'da sil',
  'le gall',
  'garn',
  'rous',
  'fontai',
  'bern',
  'chevalier',
  'haddad',
  'traoré',
  'camille dur',
  'hugo mor',
  'hervé',
  'élodie blan',
  'karim ben',
  'rue v',
  'rue victor',
  'victor h',
  'victor hugo',
  'ave',
  'jean jaurès',
  'avenue de la rép',
  'lilas',
  'gambetta',
  'place du marché',
  'allée des roses',
  'quai du port',
  '12 rue pasteur',
  'impasse des tilleuls',
  'simone veil',
  'lampadaire',
  'nid poule',
  'trottoir',
  'tag façade',
  'piscine',
  'cantine',
  'encombrants',
  'acte naissance',
  'branche',
  'corbeille',
  'bac non collecté',
  'feu tricolore',
  'élagage',
  'mariage',
  'passage piéton',
  'demande',
  '06 12',
  '0745',
  '07 81 2',
  '01 23 45',
  '0698',
  '45211',
  'camille.dur',
  'nicolas.mar',
];

function shuffled<T>(prng: Prng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = prng.int(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export interface BenchContext {
  caller: ReturnType<typeof createCaller>;
  raw: ReturnType<typeof createRawStatements>;
  departmentIds: string[];
  client: Database.Database;
}

/**
 * A caller with the context `{ services, agent }`, acting as a department supervisor chosen through the
 * session service. (The app's createContext also re-reads the chosen agent on every request; that lookup
 * belongs to the transport and is left out, as IPC and HTTP are.)
 */
export async function createBenchContext(db: ReplicaDb, now: Date): Promise<BenchContext> {
  const client = db.$client;
  const services = createServices(db, { clock: { now: () => new Date(now) } });
  const supervisor = client
    .prepare(`SELECT agent_id FROM agent_roles WHERE role = 'supervisor' ORDER BY agent_id LIMIT 1`)
    .pluck()
    .get() as string | undefined;
  if (supervisor === undefined) throw new Error('The bench replica has no supervisor');
  const agent = await createCaller({ services, agent: null }).session.choose({ agentId: supervisor });
  const caller = createCaller({ services, agent });
  const departmentIds = client.prepare('SELECT id FROM departments ORDER BY code').pluck().all() as string[];
  return { caller, raw: createRawStatements(client), departmentIds, client };
}

export function listWorkload(context: BenchContext, count: number, prng: Prng): Workload<ListInput> {
  const combos = context.departmentIds.flatMap((departmentId) => listStatuses.map((status) => ({ departmentId, status })));
  const inputs = Array.from({ length: count }, () => prng.pick(combos));
  return {
    name: 'case.list (50 rows, department + status, by deadline)',
    inputs,
    trpc: (input) =>
      context.caller.case.list({
        filters: { departmentIds: [input.departmentId], statuses: [input.status] },
        sort: { field: 'deadline', direction: 'asc' },
        limit: 50,
      }),
    raw: (input) => context.raw.list(input.departmentId, input.status, 50),
  };
}

export function searchWorkload(context: BenchContext, count: number, prng: Prng): Workload<string> {
  // About one search in ten is a tracking code read out by a citizen, as typed (lower case, with a space).
  const seqMax = context.client.prepare('SELECT max(seq) FROM cases').pluck().get() as number;
  const codeAt = context.client.prepare('SELECT tracking_code FROM cases WHERE seq = ?').pluck();
  const codes = Array.from({ length: 60 }, () => {
    const code = codeAt.get(1 + prng.int(seqMax)) as string | undefined;
    return (code ?? 'ABCD-EFGH').toLowerCase().replace('-', prng.chance(0.5) ? ' ' : '');
  });
  const pool = [...typedQueries, ...codes.slice(0, Math.ceil(typedQueries.length / 9))];
  const inputs: string[] = [];
  while (inputs.length < count) inputs.push(...shuffled(prng, pool));
  return {
    name: 'search.global (8 citizens + 8 cases)',
    inputs: inputs.slice(0, count),
    trpc: (q) => context.caller.search.global({ q, limit: 8 }),
    raw: (q) => context.raw.search(q, 8),
  };
}

export function detailWorkload(context: BenchContext, count: number, prng: Prng): Workload<string> {
  const seqMax = context.client.prepare('SELECT max(seq) FROM cases').pluck().get() as number;
  const idAt = context.client.prepare('SELECT id FROM cases WHERE seq = ?').pluck();
  const inputs = Array.from({ length: count }, () => idAt.get(1 + prng.int(seqMax)) as string);
  return {
    name: 'case.detail (case + timeline)',
    inputs,
    trpc: (id) => context.caller.case.detail({ id }),
    raw: (id) => context.raw.detail(id),
  };
}

export function createWorkloads(context: BenchContext, count: number) {
  const prng = createPrng(7);
  return {
    list: listWorkload(context, count, prng),
    search: searchWorkload(context, count, prng),
    detail: detailWorkload(context, count, prng),
  };
}

/** Ids of the rows a result carries (tRPC or raw), to check both return the same thing. */
function ids(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((row) => String((row as { id: unknown }).id));
  const record = value as Record<string, unknown>;
  if ('rows' in record) return [...ids(record.rows), `total=${String(record.total)}`];
  if ('citizens' in record) return [...ids(record.citizens), '|', ...ids(record.cases)];
  return [String((record.case as { id: string }).id), ...ids(record.events)];
}

/** Before timing: the raw statements must return exactly what the procedure returns. */
export async function checkEquivalence<I>(workload: Workload<I>, samples: number): Promise<void> {
  for (const input of workload.inputs.slice(0, samples)) {
    const viaTrpc = ids(await workload.trpc(input)).join(',');
    const viaRaw = ids(workload.raw(input)).join(',');
    if (viaTrpc !== viaRaw) {
      throw new Error(
        `${workload.name}: raw SQL differs from the procedure for ${JSON.stringify(input)}\n` + `  tRPC: ${viaTrpc}\n  raw:  ${viaRaw}`,
      );
    }
  }
}
