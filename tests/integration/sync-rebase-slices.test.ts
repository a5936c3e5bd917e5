import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { pullRequestSchema, type PullRequest, type PullResponse, type PushRequest } from '../../src-shared/sync';
import { MemorySyncStore } from '../../src-central/stores/memory-store';
import { servePull } from '../../src-central/sync/pull';
import { applyPush } from '../../src-central/sync/push';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import { createRepositories } from '../../src-main/repositories/repositories';
import { createServices } from '../../src-main/services/services';
import { createCaller } from '../../src-main/trpc/root';
import { Pace } from '../../src-main/sync/rebase';
import { SyncEngine } from '../../src-main/sync/sync-engine';
import { readSyncState } from '../../src-main/sync/sync-state';
import { simCity } from '../sim/city';
import { migrationsFolder } from '../support/test-db';
import { probingEachTurn } from './support/loop-probe';

/**
 * A pull page is applied in slices with the main loop free between them (rebase.ts), in one transaction:
 * the work of N pending mutations is split in at least N slices, the loop runs while the page is applied,
 * `settled()` answers once it is committed, and a failure in a late slice rolls the whole page back.
 */

const now = new Date('2026-03-02T09:00:00.000Z');
const opened: Replica[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()?.close();
});

/** A counter agent's workspace holding one synced case and `pending` comments on it not pushed yet. */
async function deskWithPending(pending: number, tamper: (response: PullResponse) => PullResponse = (response) => response) {
  const city = simCity();
  const store = new MemorySyncStore();
  store.load({ departments: city.departments, categories: city.categories, agents: city.agents });
  const counter = city.agents[0]!;
  const replica = openReplica({ file: ':memory:', key: randomBytes(32), migrationsFolder });
  opened.push(replica);
  const transport = {
    push: async (request: PushRequest) => (await applyPush(store, counter.id, request, () => now)).response,
    pull: async (request: PullRequest) => tamper(await servePull(store, counter.id, pullRequestSchema.parse(request))),
  };
  const paces: Pace[] = [];
  const engine = new SyncEngine(replica.db, createRepositories(replica.db), transport, {
    clock: { now: () => now },
    // A budget of 0: a slice is one unit of work (a mutation undone or replayed, a few rows written).
    pace: () => {
      const pace = new Pace(0);
      paces.push(pace);
      return pace;
    },
  });
  const services = createServices(replica.db, { clock: { now: () => now } });
  await engine.sync();
  services.session.choose(counter.id);
  const agent = services.session.currentAgent()!;
  const { id: caseId } = services.cases.open(agent, { categoryId: city.categories[0]!.id, channel: 'phone', subject: 'Banc cassé' });
  await engine.sync();
  for (let i = 0; i < pending; i++) services.cases.comment(agent, { caseId, visibility: 'internal', body: `Appel ${i}` });
  paces.length = 0;
  const count = (table: string) => replica.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  // Pull only: the comments stay pending, undone and replayed over the server's rows.
  const pullOnly = () => (engine as unknown as { pullAll(): Promise<void> }).pullAll();
  return { replica, engine, services, agent, paces, count, pullOnly, caseId };
}

describe('a pull page over pending mutations', () => {
  it('is applied in at least one slice per mutation undone and one per mutation replayed', async () => {
    const desk = await deskWithPending(40);
    await desk.pullOnly();
    expect(desk.paces).toHaveLength(1);
    expect(desk.paces[0]!.slices).toBeGreaterThanOrEqual(2 * 40);
    expect(desk.count('_pending')).toBe(40);
    expect(desk.count('case_events')).toBe(1 + 40);
  });

  it('lets the loop run while it is applied, and settled() answers once it is committed', async () => {
    const desk = await deskWithPending(20);
    const client = desk.replica.db.$client;
    let turnsWhileApplying = 0;
    let settled: Promise<{ applying: boolean; inTransaction: boolean }> | null = null;
    await probingEachTurn(
      () => {
        if (desk.engine.applyingPage()) {
          if (turnsWhileApplying++ === 0)
            settled = desk.engine.settled().then(() => ({ applying: desk.engine.applyingPage(), inTransaction: client.inTransaction }));
        }
      },
      () => desk.pullOnly(),
    );
    expect(turnsWhileApplying).toBeGreaterThan(1);
    expect(await settled).toEqual({ applying: false, inTransaction: false });
    expect(readSyncState(desk.replica.db).lastSyncAt).not.toBeNull();
  });

  it('holds a tRPC procedure called between its slices until it is committed', async () => {
    const desk = await deskWithPending(30);
    // The procedures' context as the workspace builds it, with this desk's engine applying the page.
    const services = { ...desk.services, sync: { ...desk.services.sync, engine: desk.engine } };
    const caller = createCaller(() => ({ services, agent: desk.agent }));
    let answered: Promise<{ events: number; applyingWhenAnswered: boolean }> | null = null;
    await probingEachTurn(
      () => {
        // A few slices in: part of the pending comments undone, none replayed yet.
        if (answered === null && desk.engine.applyingPage() && desk.paces[0] !== undefined && desk.paces[0].slices > 10) {
          answered = caller.case
            .detail({ id: desk.caseId })
            .then((detail) => ({ events: detail.events.length, applyingWhenAnswered: desk.engine.applyingPage() }));
        }
      },
      () => desk.pullOnly(),
    );
    expect(answered).not.toBeNull();
    // The case's opening event and every pending comment: the replica as committed, not half undone.
    expect(await answered).toEqual({ events: 1 + 30, applyingWhenAnswered: false });
  });

  it('is rolled back whole when a late slice fails, pending effects included', async () => {
    let broken = false;
    let seen: Extract<PullResponse, { kind: 'patch' }>['upserts']['cases'][number] | null = null;
    const desk = await deskWithPending(25, (response) => {
      if (response.kind !== 'patch') return response;
      seen = response.upserts.cases[0] ?? seen;
      if (!broken || seen === null) return response;
      // A last row that cannot be written (its tracking code is another case's): the page fails after the
      // pending effects were undone and its first rows written, many slices in.
      return {
        ...response,
        upserts: { ...response.upserts, cases: [...response.upserts.cases, { ...seen, id: '0190f000-0000-7000-8000-00000000dead' }] },
      };
    });
    const client = desk.replica.db.$client;
    const state = () => ({
      sync: readSyncState(desk.replica.db),
      pending: client.prepare('SELECT mutation_id, undo FROM _pending ORDER BY mutation_id').all(),
      events: client.prepare('SELECT * FROM case_events ORDER BY id').all(),
      cases: client.prepare('SELECT * FROM cases ORDER BY id').all(),
    });
    const before = state();
    expect(before.events).toHaveLength(1 + 25);

    broken = true;
    await expect(desk.pullOnly()).rejects.toThrow();
    expect(desk.paces[0]!.slices).toBeGreaterThan(25);
    expect(client.inTransaction).toBe(false);
    expect(state()).toEqual(before);
  });
});
