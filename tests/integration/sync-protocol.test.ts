import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { pullRequestSchema, type PullRequest, type PullResponse, type PushRequest } from '../../src-shared/sync';
import { MemorySyncStore } from '../../src-central/stores/memory-store';
import { servePull } from '../../src-central/sync/pull';
import { applyPush } from '../../src-central/sync/push';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import { createRepositories } from '../../src-main/repositories/repositories';
import { createServices, type Services } from '../../src-main/services/services';
import { SyncEngine } from '../../src-main/sync/sync-engine';
import { readSyncState } from '../../src-main/sync/sync-state';
import { simCity } from '../sim/city';
import { migrationsFolder } from '../support/test-db';

const now = new Date('2026-03-02T09:00:00.000Z');
const opened: Replica[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()?.close();
});

function setup() {
  const city = simCity();
  const store = new MemorySyncStore();
  store.load({ departments: city.departments, categories: city.categories, agents: city.agents });
  const [counter, fieldVoirie] = city.agents as [(typeof city.agents)[0], (typeof city.agents)[0]];
  const pulls: PullRequest[] = [];
  const workspace = (
    agentId: string,
    options: { replicaFormat?: number; pageSize?: number; tamper?: (response: PullResponse) => PullResponse } = {},
  ) => {
    const replica = openReplica({ file: ':memory:', key: randomBytes(32), migrationsFolder });
    opened.push(replica);
    const transport = {
      push: async (request: PushRequest) => (await applyPush(store, agentId, request, () => now)).response,
      pull: async (request: PullRequest) => {
        pulls.push(request);
        const parsed = pullRequestSchema.parse({ ...request, replicaFormat: options.replicaFormat ?? request.replicaFormat });
        const response = await servePull(store, agentId, parsed);
        return options.tamper?.(response) ?? response;
      },
    };
    const engine = new SyncEngine(replica.db, createRepositories(replica.db), transport, {
      clock: { now: () => now },
      pageSize: options.pageSize ?? 5_000,
    });
    const services: Services = createServices(replica.db, { clock: { now: () => now } });
    const count = (table: string) => replica.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { replica, engine, services, count };
  };
  return { city, store, counter, fieldVoirie, workspace, pulls };
}

async function openCases(ws: { engine: SyncEngine; services: Services }, agentId: string, categoryId: string, n: number) {
  ws.services.session.choose(agentId);
  const agent = ws.services.session.currentAgent()!;
  const ids = [];
  for (let i = 0; i < n; i++) ids.push(ws.services.cases.open(agent, { categoryId, channel: 'phone', subject: `Demande ${i}` }).id);
  await ws.engine.sync();
  return ids;
}

describe('pull pages', () => {
  it('are resumable, never split a version, and bring everything in the end', async () => {
    const { city, counter, workspace, pulls } = setup();
    const desk = workspace(counter.id);
    await desk.engine.sync();
    await openCases(desk, counter.id, city.categories[0]!.id, 30);
    const small = workspace(counter.id, { pageSize: 7 });
    await small.engine.sync();
    expect(small.count('cases')).toBe(30);
    expect(small.count('case_events')).toBe(30);
    const cursors = pulls.filter((request) => request.pageSize === 7).map((request) => request.cursor ?? 0);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    // Each case.open is one version holding two rows (case + event): a page of 7 takes 3 whole versions.
    expect(pulls.filter((request) => request.pageSize === 7).length).toBeGreaterThanOrEqual(9);
  });
});

describe('scope changes', () => {
  it('bootstraps the departments an agent gains and drops those it loses', async () => {
    const { city, store, counter, fieldVoirie, workspace } = setup();
    const desk = workspace(counter.id);
    await desk.engine.sync();
    const [voirie, proprete] = [city.ids.voirie!, city.ids.proprete!];
    await openCases(desk, counter.id, city.categories.find((c) => c.departmentId === proprete)!.id, 12);
    await openCases(desk, counter.id, city.categories.find((c) => c.departmentId === voirie)!.id, 3);
    const field = workspace(fieldVoirie.id, { pageSize: 5 });
    await field.engine.sync();
    expect(field.count('cases')).toBe(3);

    await store.setAgentRoles(fieldVoirie.id, [
      { departmentId: voirie, role: 'field' },
      { departmentId: proprete, role: 'field' },
    ]);
    await field.engine.sync();
    expect(field.count('cases')).toBe(15);
    expect(readSyncState(field.replica.db)).toMatchObject({
      scope: { departments: [voirie, proprete].sort(), citizens: false },
      bootstrap: null,
    });

    await store.setAgentRoles(fieldVoirie.id, [{ departmentId: proprete, role: 'field' }]);
    await field.engine.sync();
    expect(field.count('cases')).toBe(12);
    expect(field.replica.db.$client.prepare('SELECT DISTINCT department_id FROM cases').pluck().all()).toEqual([proprete]);
  });

  it('deletes a case from the replicas of the department it left', async () => {
    const { city, counter, fieldVoirie, workspace } = setup();
    const desk = workspace(counter.id);
    await desk.engine.sync();
    const [caseId] = await openCases(desk, counter.id, city.categories[0]!.id, 1);
    const field = workspace(fieldVoirie.id);
    await field.engine.sync();
    expect(field.count('cases')).toBe(1);
    desk.services.cases.transfer(desk.services.session.currentAgent()!, {
      caseId: caseId!,
      expectedDepartmentId: city.ids.voirie!,
      categoryId: city.categories.find((c) => c.departmentId === city.ids.etatCivil)!.id,
      comment: 'Mauvais service',
    });
    await desk.engine.sync();
    await field.engine.sync();
    expect(field.count('cases')).toBe(0);
    expect(field.count('case_events')).toBe(0);
    expect(desk.replica.db.$client.prepare('SELECT count(*) FROM case_events WHERE case_id = ?').pluck().get(caseId)).toBe(2);
  });
});

describe('reset and upgrade', () => {
  it('rebuilds a replica whose cursor is older than the tombstone horizon, keeping its pending mutations', async () => {
    const { city, store, counter, workspace } = setup();
    const desk = workspace(counter.id);
    await desk.engine.sync();
    await openCases(desk, counter.id, city.categories[0]!.id, 2);
    const agent = desk.services.session.currentAgent()!;
    const pending = desk.services.citizens.create(agent, { firstName: 'Léa', lastName: 'Hors-ligne' });
    store.horizonVersion = store.version + 1;
    store.version += 1;
    await desk.engine.sync();
    expect(desk.count('cases')).toBe(2);
    expect(desk.count('_pending')).toBe(0);
    expect([...store.rows('citizens').keys()]).toContain(pending.id);
  });

  it('says when the replica format is too old, and changes nothing', async () => {
    const { counter, workspace } = setup();
    const old = workspace(counter.id, { replicaFormat: 0 });
    await old.engine.sync();
    expect(old.engine.status().upgradeRequired).toBe(true);
    expect(old.count('departments')).toBe(0);
  });
});

describe('rebase', () => {
  /** `desk` bootstraps and opens a case; another workspace of the same agent then comments it (and edits its subject). */
  async function caseChangedElsewhere(
    context: ReturnType<typeof setup>,
    desk: ReturnType<ReturnType<typeof setup>['workspace']>,
    edit: { subject?: string } = {},
  ) {
    const { city, counter, workspace } = context;
    await desk.engine.sync();
    const [caseId] = await openCases(desk, counter.id, city.categories[0]!.id, 1);
    const other = workspace(counter.id);
    await other.engine.sync();
    other.services.session.choose(counter.id);
    const agent = other.services.session.currentAgent()!;
    other.services.cases.comment(agent, { caseId: caseId!, visibility: 'internal', body: 'Note de l’autre poste' });
    if (edit.subject !== undefined) other.services.cases.update(agent, { caseId: caseId!, expectedVersion: 1, subject: edit.subject });
    await other.engine.sync();
    return caseId!;
  }

  it('keeps the optimistic effect of a mutation the server has not seen, on top of the server rows', async () => {
    const context = setup();
    const desk = context.workspace(context.counter.id);
    const caseId = await caseChangedElsewhere(context, desk);

    const agent = desk.services.session.currentAgent()!;
    desk.services.cases.transition(agent, { caseId, action: 'qualify', expectedStatus: 'new' });
    // Pull only: the local transition stays pending and is replayed over the server's rows.
    const engine = desk.engine as unknown as { pullAll(): Promise<void> };
    await engine.pullAll();
    expect(desk.count('_pending')).toBe(1);
    expect(desk.replica.db.$client.prepare('SELECT status FROM cases').pluck().get()).toBe('qualified');
    expect(desk.count('case_events')).toBe(3);
  });

  it('is one transaction: a page that fails midway leaves the replica as it was, pending effects included', async () => {
    const context = setup();
    let broken = false;
    const desk = context.workspace(context.counter.id, {
      // A page whose last row cannot be written (its tracking code is another case's): it fails after the
      // pending effects were undone and the page's first rows written.
      tamper: (response) => {
        if (!broken || response.kind !== 'patch') return response;
        const [first] = response.upserts.cases;
        return {
          ...response,
          upserts: { ...response.upserts, cases: [...response.upserts.cases, { ...first!, id: '0190f000-0000-7000-8000-00000000dead' }] },
        };
      },
    });
    const caseId = await caseChangedElsewhere(context, desk, { subject: 'Sujet corrigé ailleurs' });

    desk.services.cases.transition(desk.services.session.currentAgent()!, { caseId, action: 'qualify', expectedStatus: 'new' });
    const state = () => ({
      cursor: readSyncState(desk.replica.db).cursor,
      pending: desk.count('_pending'),
      cases: desk.replica.db.$client.prepare('SELECT id, status, subject FROM cases ORDER BY id').all(),
      events: desk.count('case_events'),
    });
    const before = state();
    expect(before).toMatchObject({ pending: 1, cases: [{ id: caseId, status: 'qualified', subject: 'Demande 0' }] });

    broken = true;
    const engine = desk.engine as unknown as { pullAll(): Promise<void> };
    await expect(engine.pullAll()).rejects.toThrow(/UNIQUE/);
    expect(state()).toEqual(before);

    broken = false;
    await engine.pullAll();
    expect(state()).toMatchObject({
      pending: 1,
      cases: [{ id: caseId, status: 'qualified', subject: 'Sujet corrigé ailleurs' }],
      events: before.events + 2,
    });
  });
});
