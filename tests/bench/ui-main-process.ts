/**
 * The Node side of `npm run bench:ui`: the agent and cases the run uses, and the `raw` column, i.e. the same
 * procedures timed in the main process alone (the caller the transports call, without HTTP nor renderer),
 * on the replica the workspace used.
 */
import { openReplica } from '../../src-main/db/open-replica';
import { createServices } from '../../src-main/services/services';
import { createCaller } from '../../src-main/trpc/root';
import { percentile } from './measure';

/** The counter agent for every department: every case is in their list and their search. */
export const benchAgentEmail = 'camille.accueil@rivebelle.example';

export interface CaseRef {
  id: string;
  trackingCode: string;
}

export interface PreparedReplica {
  agentName: string;
  /** Cases still `new`, which the agent may qualify: one per "change status" action. */
  newCases: CaseRef[];
}

async function callerAs(file: string, key: Buffer, migrationsFolder: string) {
  const replica = openReplica({ file, key, migrationsFolder });
  const client = replica.db.$client;
  const agent = client.prepare('SELECT id, name FROM agents WHERE email = ?').get(benchAgentEmail) as
    { id: string; name: string } | undefined;
  if (agent === undefined) throw new Error(`The bench replica has no agent ${benchAgentEmail}`);
  const services = createServices(replica.db);
  // The standalone session: the workspace opens with this agent at work, as after a first choice.
  await createCaller({ services, agent: null }).session.choose({ agentId: agent.id });
  const caller = createCaller({ services, agent: services.session.currentAgent() });
  return { replica, client, agent, caller };
}

/** Chooses the bench agent in the workspace's copy and picks the cases the actions will qualify. */
export async function prepareReplica(file: string, key: Buffer, migrationsFolder: string, newCases: number): Promise<PreparedReplica> {
  const { replica, client, agent } = await callerAs(file, key, migrationsFolder);
  try {
    const cases = client
      .prepare(`SELECT id, tracking_code AS trackingCode FROM cases WHERE status = 'new' ORDER BY seq DESC LIMIT ?`)
      .all(newCases) as CaseRef[];
    if (cases.length < newCases) throw new Error(`The bench replica has ${cases.length} new cases, ${newCases} needed`);
    return { agentName: agent.name, newCases: cases };
  } finally {
    replica.close();
  }
}

export interface RawTimings {
  searchP95: number;
  searchP50: number;
  detailP95: number;
  detailP50: number;
}

async function timeEach<I>(inputs: readonly I[], rounds: number, call: (input: I) => Promise<unknown>): Promise<number[]> {
  for (const input of inputs) await call(input);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const input of inputs) {
      const started = performance.now();
      await call(input);
      times.push(performance.now() - started);
    }
  }
  return times;
}

/**
 * The searches typed and the cases opened in the page, through the same procedures in this process (the
 * search with the renderer's limit, 8 of each kind).
 */
export async function timeRaw(
  file: string,
  key: Buffer,
  migrationsFolder: string,
  inputs: { queries: readonly string[]; trackingCodes: readonly string[] },
): Promise<RawTimings> {
  const { replica, client, caller } = await callerAs(file, key, migrationsFolder);
  try {
    const idOf = client.prepare('SELECT id FROM cases WHERE tracking_code = ?').pluck();
    const caseIds = inputs.trackingCodes.map((code) => idOf.get(code) as string);
    const search = await timeEach(inputs.queries, 3, (q) => caller.search.global({ q: q.trim(), limit: 8 }));
    const detail = await timeEach(caseIds, 3, (id) => caller.case.detail({ id }));
    return {
      searchP95: percentile(search, 95),
      searchP50: percentile(search, 50),
      detailP95: percentile(detail, 95),
      detailP50: percentile(detail, 50),
    };
  } finally {
    replica.close();
  }
}
