import { afterEach, describe, expect, it } from 'vitest';
import { mutationArgsSchemas } from '../../src-shared/mutations';
import type { Replica } from '../../src-main/db/open-replica';
import { builders } from '../support/builders';
import { failure } from '../support/failure';
import { ManualClock } from '../support/manual-clock';
import { callerFor, createTestDb } from '../support/test-db';

let replica: Replica;
afterEach(() => replica.close());

const outbox = () =>
  replica.db.$client.prepare('SELECT mutation_id, client_id, agent_id, name, args, undo FROM _pending ORDER BY mutation_id').all() as {
    mutation_id: number;
    client_id: string;
    agent_id: string;
    name: string;
    args: string;
    undo: string;
  }[];
const audit = () =>
  replica.db.$client.prepare('SELECT agent_id, action, entity, entity_id, mutation_id, changes FROM audit_log ORDER BY id').all() as {
    agent_id: string;
    action: string;
    entity: string;
    entity_id: string;
    mutation_id: number;
    changes: string;
  }[];

describe('every write is a named mutation', () => {
  it('appends each to the outbox with a gap-free id, replayable arguments and undo images, and audits it', async () => {
    replica = createTestDb();
    const city = builders(replica.db).buildCity();
    const caller = await callerFor(replica, city.counter.id, new ManualClock());
    const citizen = await caller.citizen.create({ firstName: 'Jean', lastName: 'Dupont', phone: '06 11 22 33 44' });
    const opened = await caller.case.open({ citizenId: citizen.id, categoryId: city.potHole.id, channel: 'phone', subject: 'Trou' });
    await caller.case.transition({ caseId: opened.id, action: 'qualify', expectedStatus: 'new' });
    await caller.case.comment({ caseId: opened.id, visibility: 'internal', body: 'Rappeler demain' });

    const rows = outbox();
    expect(rows.map((row) => [row.mutation_id, row.name])).toEqual([
      [1, 'citizen.create'],
      [2, 'case.open'],
      [3, 'case.transition'],
      [4, 'case.comment'],
    ]);
    expect(new Set(rows.map((row) => row.client_id)).size).toBe(1);
    expect(rows.every((row) => row.agent_id === city.counter.id)).toBe(true);
    // Arguments carry every generated value, so the central service can replay them as they are.
    for (const row of rows) {
      const schema = mutationArgsSchemas[row.name as keyof typeof mutationArgsSchemas];
      expect(schema.safeParse(JSON.parse(row.args)).success).toBe(true);
    }
    expect(JSON.parse(rows[1]!.args)).toMatchObject({ id: opened.id, trackingCode: opened.trackingCode });
    expect(JSON.parse(rows[0]!.args)).toMatchObject({ id: citizen.id, phone: '0611223344' });

    const transitionUndo = JSON.parse(rows[2]!.undo) as { table: string; id: string; before: Record<string, unknown> | null }[];
    expect(transitionUndo).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'cases', id: opened.id, before: expect.objectContaining({ status: 'new', version: 1 }) }),
        expect.objectContaining({ table: 'case_events', before: null }),
      ]),
    );

    const statusAudit = audit().find((row) => row.action === 'case.transition' && row.entity === 'cases');
    expect(statusAudit).toMatchObject({ agent_id: city.counter.id, entity_id: opened.id, mutation_id: 3 });
    expect(JSON.parse(statusAudit!.changes)).toMatchObject({ status: { from: 'new', to: 'qualified' }, version: { from: 1, to: 2 } });
  });

  it('leaves no trace of a refused write: no outbox row, no audit row, no mutation id used', async () => {
    replica = createTestDb();
    const { buildCity, buildCase } = builders(replica.db);
    const city = buildCity();
    const created = buildCase({ categoryId: city.potHole.id, departmentId: city.voirie.id });
    const caller = await callerFor(replica, city.counter.id);
    await caller.case.comment({ caseId: created.id, visibility: 'internal', body: 'Premier' });
    await failure(caller.case.transition({ caseId: created.id, action: 'resolve', expectedStatus: 'new' }));
    await failure(caller.case.transition({ caseId: created.id, action: 'qualify', expectedStatus: 'assigned' }));
    await caller.case.comment({ caseId: created.id, visibility: 'internal', body: 'Second' });
    expect(outbox().map((row) => row.mutation_id)).toEqual([1, 2]);
    expect(audit().every((row) => row.action === 'case.comment')).toBe(true);
    expect((await caller.case.detail({ id: created.id })).case.status).toBe('new');
  });
});
