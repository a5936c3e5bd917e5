import { describe, expect, it } from 'vitest';
import { purgeTombstones } from '../../src-central/stores/postgres/horizon';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { useSyncServer } from './support/sync-server';
import { centralPaths } from '../../src-shared/http/endpoints';

describe.each(dbKinds)('sync over HTTP on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  const server = useSyncServer(testDb);
  const { workspace } = server;

  it('bootstraps each replica with its own scope only', async () => {
    const counter = await workspace('camille@ville.example');
    const opened = counter.services.cases.open(counter.services.session.currentAgent()!, {
      categoryId: server.city.certificate.id,
      channel: 'counter',
      subject: 'Copie d’acte',
    });
    counter.services.citizens.create(counter.services.session.currentAgent()!, { firstName: 'Léa', lastName: 'Martin' });
    await counter.services.sync.engine.sync();
    expect(counter.services.sync.status()).toMatchObject({ pending: 0, inbox: 0, online: true });

    const field = await workspace('terrain@ville.example');
    const sql = field.replica.db.$client;
    expect(sql.prepare('SELECT count(*) FROM departments').pluck().get()).toBe(2);
    expect(sql.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
    expect(sql.prepare('SELECT count(*) FROM citizens').pluck().get()).toBe(0);
    expect(counter.replica.db.$client.prepare('SELECT tracking_code FROM cases').pluck().all()).toEqual([opened.trackingCode]);
  });

  it('pokes the other workspace, which pulls the change without being asked', async () => {
    const counter = await workspace('camille@ville.example');
    const field = await workspace('terrain@ville.example');
    field.services.sync.start();
    const agent = counter.services.session.currentAgent()!;
    const changed = (async () => {
      for await (const _ of field.services.changes(AbortSignal.timeout(20_000))) {
        if (field.replica.db.$client.prepare('SELECT count(*) FROM cases').pluck().get() === 1) return;
      }
    })();
    const opened = counter.services.cases.open(agent, {
      categoryId: server.city.potHole.id,
      channel: 'phone',
      subject: 'Trou devant l’école',
    });
    await counter.services.sync.engine.sync();
    await changed;
    expect(field.replica.db.$client.prepare('SELECT id FROM cases').pluck().get()).toBe(opened.id);
  });

  it('refuses the second of two conflicting status changes and puts it in that agent’s inbox', async () => {
    const first = await workspace('camille@ville.example');
    const opened = first.services.cases.open(first.services.session.currentAgent()!, {
      categoryId: server.city.potHole.id,
      channel: 'phone',
      subject: 'Trou',
    });
    await first.services.sync.engine.sync();
    const second = await workspace('camille@ville.example');
    const agent = first.services.session.currentAgent()!;
    first.services.cases.transition(agent, { caseId: opened.id, action: 'qualify', expectedStatus: 'new' });
    second.services.cases.transition(agent, { caseId: opened.id, action: 'cancel', expectedStatus: 'new', comment: 'Doublon' });
    await first.services.sync.engine.sync();
    await second.services.sync.engine.sync();

    const inbox = second.services.syncInbox.inbox();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      name: 'case.transition',
      outcome: 'conflict',
      error: { code: 'STATUS_CHANGED', args: { expected: 'new', actual: 'qualified' } },
    });
    expect(inbox[0]?.args).toMatchObject({ comment: 'Doublon' });
    for (const replica of [first, second]) {
      expect(replica.replica.db.$client.prepare('SELECT status FROM cases WHERE id = ?').pluck().get(opened.id)).toBe('qualified');
    }
    second.services.syncInbox.discard(inbox[0]!.mutationId);
    expect(second.services.syncInbox.inbox()).toEqual([]);
  });

  it('answers a resent push from its log, applying nothing twice', async () => {
    const counter = await workspace('camille@ville.example');
    const token = counter.replica.db.$client.prepare(`SELECT value FROM _meta WHERE key = 'central_token'`).pluck().get() as string;
    const clientId = '01900000-0000-7000-8000-00000000c11e';
    const body = {
      clientId,
      replicaFormat: 1,
      mutations: [
        {
          mutationId: 1,
          name: 'case.open',
          createdAt: '2026-03-02T09:00:00.000Z',
          args: {
            id: '01900000-0000-7000-8000-0000000000a1',
            trackingCode: 'K7QM-3XPA',
            eventId: '01900000-0000-7000-8000-0000000000a2',
            categoryId: server.city.potHole.id,
            channel: 'phone',
            subject: 'Trou',
          },
        },
        { mutationId: 2, name: 'case.explode', createdAt: '2026-03-02T09:00:00.000Z', args: {} },
      ],
    };
    const push = () =>
      server.app.inject({ method: 'POST', url: centralPaths.push, headers: { authorization: `Bearer ${token}` }, payload: body });
    const first = await push();
    const again = await push();
    expect(first.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(first.json()).toMatchObject({
      lastMutationId: 2,
      results: [{ outcome: 'applied' }, { outcome: 'rejected', error: { code: 'UNKNOWN_MUTATION' } }],
    });
    const gap = await server.app.inject({
      method: 'POST',
      url: centralPaths.push,
      headers: { authorization: `Bearer ${token}` },
      payload: { ...body, mutations: [{ ...body.mutations[1], mutationId: 5 }] },
    });
    expect(gap.statusCode).toBe(400);
    expect(gap.json()).toMatchObject({ code: 'MUTATION_GAP', args: { expected: 3, received: 5 } });
  });

  it('forgets old tombstones behind a horizon: a replica older than it rebuilds and converges', async () => {
    const counter = await workspace('camille@ville.example');
    const agent = counter.services.session.currentAgent()!;
    const opened = counter.services.cases.open(agent, { categoryId: server.city.potHole.id, channel: 'phone', subject: 'Mal orienté' });
    await counter.services.sync.engine.sync();
    const field = await workspace('terrain@ville.example');
    expect(field.replica.db.$client.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(1);
    counter.services.cases.transfer(agent, {
      caseId: opened.id,
      expectedDepartmentId: server.city.voirie.id,
      categoryId: server.city.certificate.id,
      comment: null,
    });
    await counter.services.sync.engine.sync();

    const purged = await purgeTombstones(testDb().db, new Date(Date.now() + 86_400_000));
    expect(purged.purged).toBe(2);
    const token = field.replica.db.$client.prepare(`SELECT value FROM _meta WHERE key = 'central_token'`).pluck().get() as string;
    const stale = await server.app.inject({
      method: 'POST',
      url: centralPaths.pull,
      headers: { authorization: `Bearer ${token}` },
      payload: { clientId: '01900000-0000-7000-8000-00000000c11e', replicaFormat: 1, cursor: purged.horizon - 1, scope: null },
    });
    expect(stale.json()).toEqual({ kind: 'reset', reason: 'horizon' });
    await field.services.sync.engine.sync();
    expect(field.replica.db.$client.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
    expect(field.services.sync.status()).toMatchObject({ pending: 0, online: true });
  });

  it('refuses sync calls without a valid token and malformed bodies with coded 4xx', async () => {
    const anonymous = await server.app.inject({ method: 'POST', url: centralPaths.pull, payload: { clientId: 'x' } });
    expect(anonymous.statusCode).toBe(401);
    const counter = await workspace('camille@ville.example');
    const token = counter.replica.db.$client.prepare(`SELECT value FROM _meta WHERE key = 'central_token'`).pluck().get() as string;
    for (const payload of [
      {},
      { clientId: 'not-a-uuid', replicaFormat: 1, cursor: null, scope: null },
      { clientId: '01900000-0000-7000-8000-00000000c11e', replicaFormat: 1, cursor: -4, scope: null },
    ]) {
      const response = await server.app.inject({
        method: 'POST',
        url: centralPaths.pull,
        headers: { authorization: `Bearer ${token}` },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toHaveProperty('code');
    }
  });
});
