import { afterEach, describe, expect, it } from 'vitest';
import { normalizeTrackingCode } from '../../src-shared/domain/tracking-code';
import type { Replica } from '../../src-main/db/open-replica';
import { builders } from '../support/builders';
import { failure } from '../support/failure';
import { ManualClock } from '../support/manual-clock';
import { callerFor, createTestDb } from '../support/test-db';

let replica: Replica;
afterEach(() => replica.close());

async function setup() {
  replica = createTestDb();
  const build = builders(replica.db);
  const city = build.buildCity();
  // Monday 2 March 2026, 10:00 in Paris.
  const clock = new ManualClock('2026-03-02T09:00:00.000Z');
  const as = (agentId: string) => callerFor(replica, agentId, clock);
  return { ...build, city, clock, as };
}

describe('case.open', () => {
  it('opens a case in another department, with a readable tracking code and a deadline in working days', async () => {
    const { city, as, buildCitizen } = await setup();
    const counter = await as(city.counter.id);
    const citizen = buildCitizen();
    const opened = await counter.case.open({
      citizenId: citizen.id,
      categoryId: city.potHole.id,
      channel: 'counter',
      subject: 'Nid-de-poule devant l’école',
      description: 'Profond, sur le passage piéton.',
      address: '12 rue Jules-Ferry',
    });
    expect(normalizeTrackingCode(opened.trackingCode)).toBe(opened.trackingCode);
    const detail = await counter.case.detail({ id: opened.id });
    expect(detail.case).toMatchObject({
      status: 'new',
      departmentId: city.voirie.id,
      priority: 'normal',
      // 10 working days after Monday 2 March 2026.
      deadline: '2026-03-16',
      citizenId: citizen.id,
    });
    expect(detail.events.map((event) => event.type)).toEqual(['created']);
    expect(detail.actions).toEqual(expect.arrayContaining(['qualify', 'cancel']));
    expect((await counter.case.byTrackingCode({ code: opened.trackingCode.toLowerCase().replace('-', ' ') })).id).toBe(opened.id);
  });

  it('refuses an unknown category and a field agent opening outside their department', async () => {
    const { city, as } = await setup();
    const counter = await as(city.counter.id);
    const unknown = await failure(
      counter.case.open({ categoryId: '01900000-0000-7000-8000-000000000001', channel: 'phone', subject: 'Acte' }),
    );
    expect(unknown).toMatchObject({ trpcCode: 'NOT_FOUND', code: 'CATEGORY_NOT_FOUND' });
    const field = await as(city.field.id);
    const outside = await failure(field.case.open({ categoryId: city.birthCertificate.id, channel: 'field', subject: 'Acte' }));
    expect(outside).toMatchObject({ trpcCode: 'FORBIDDEN', code: 'FORBIDDEN', args: { action: 'case.open' } });
  });

  it('refuses a too short subject with a field issue', async () => {
    const { city, as } = await setup();
    const counter = await as(city.counter.id);
    const result = await failure(counter.case.open({ categoryId: city.potHole.id, channel: 'phone', subject: 'x' }));
    expect(result.code).toBe('VALIDATION_FAILED');
    expect(result.args).toEqual({ issues: [expect.objectContaining({ path: 'subject', code: 'too_small' })] });
  });
});

describe('case.transition', () => {
  it('moves a case along the state machine and keeps the timeline', async () => {
    const { city, as, buildCase } = await setup();
    const created = buildCase({ categoryId: city.potHole.id, departmentId: city.voirie.id });
    const counter = await as(city.counter.id);
    await counter.case.transition({ caseId: created.id, action: 'qualify', expectedStatus: 'new' });
    const field = await as(city.field.id);
    await field.case.transition({ caseId: created.id, action: 'take', expectedStatus: 'qualified' });
    await field.case.transition({ caseId: created.id, action: 'start', expectedStatus: 'assigned' });
    const detail = await field.case.detail({ id: created.id });
    expect(detail.case).toMatchObject({ status: 'in_progress', assigneeId: city.field.id, version: 4 });
    expect(detail.events.filter((event) => event.type === 'status_changed').map((event) => event.data.to)).toEqual([
      'qualified',
      'assigned',
      'in_progress',
    ]);
    expect(detail.actions).toEqual(expect.arrayContaining(['resolve', 'wait_citizen']));
  });

  it('is a compare-and-set: a second agent acting on the status they saw is refused', async () => {
    const { city, as, buildCase } = await setup();
    const created = buildCase({ categoryId: city.potHole.id, departmentId: city.voirie.id });
    const counter = await as(city.counter.id);
    await counter.case.transition({ caseId: created.id, action: 'qualify', expectedStatus: 'new' });
    const supervisor = await as(city.supervisor.id);
    const late = await failure(
      supervisor.case.transition({ caseId: created.id, action: 'reject', expectedStatus: 'new', comment: 'Doublon' }),
    );
    expect(late).toMatchObject({ trpcCode: 'CONFLICT', code: 'STATUS_CHANGED', args: { expected: 'new', actual: 'qualified' } });
  });

  it.each([
    ['a counter agent may not start work', 'counter', 'start', 'assigned', 'FORBIDDEN'],
    ['resolving a new case skips the state machine', 'supervisor', 'resolve', 'new', 'TRANSITION_NOT_ALLOWED'],
  ] as const)('refuses: %s', async (_label, who, action, status, code) => {
    const { city, as, buildCase } = await setup();
    const created = buildCase({ categoryId: city.potHole.id, departmentId: city.voirie.id, status, assigneeId: city.field.id });
    const caller = await as(who === 'counter' ? city.counter.id : city.supervisor.id);
    expect((await failure(caller.case.transition({ caseId: created.id, action, expectedStatus: status }))).code).toBe(code);
  });

  it('asks for a comment and an assignee when the rule needs them', async () => {
    const { city, as, buildCase, buildAgent, buildDepartment } = await setup();
    const created = buildCase({ categoryId: city.potHole.id, departmentId: city.voirie.id, status: 'qualified' });
    const supervisor = await as(city.supervisor.id);
    expect((await failure(supervisor.case.transition({ caseId: created.id, action: 'assign', expectedStatus: 'qualified' }))).code).toBe(
      'ASSIGNEE_REQUIRED',
    );
    const elsewhere = buildAgent({ name: 'Ailleurs', roles: [{ departmentId: buildDepartment({ name: 'Sports' }).id, role: 'field' }] });
    const wrong = await failure(
      supervisor.case.transition({ caseId: created.id, action: 'assign', expectedStatus: 'qualified', assigneeId: elsewhere.id }),
    );
    expect(wrong.code).toBe('ASSIGNEE_NOT_IN_DEPARTMENT');
    await supervisor.case.transition({ caseId: created.id, action: 'assign', expectedStatus: 'qualified', assigneeId: city.field.id });
    await supervisor.case.transition({ caseId: created.id, action: 'start', expectedStatus: 'assigned' });
    const noComment = await failure(
      supervisor.case.transition({ caseId: created.id, action: 'wait_citizen', expectedStatus: 'in_progress' }),
    );
    expect(noComment).toMatchObject({ code: 'VALIDATION_FAILED', args: { issues: [{ path: 'comment', code: 'required' }] } });
  });

  it('pauses the deadline while waiting for the citizen and extends it on resume', async () => {
    const { city, as, buildCase, clock } = await setup();
    const created = buildCase({
      categoryId: city.potHole.id,
      departmentId: city.voirie.id,
      status: 'in_progress',
      assigneeId: city.field.id,
      deadline: '2026-03-16',
    });
    const field = await as(city.field.id);
    await field.case.transition({ caseId: created.id, action: 'wait_citizen', expectedStatus: 'in_progress', comment: 'Photo manquante' });
    expect((await field.case.detail({ id: created.id })).case.deadlinePausedAt).toBe('2026-03-02T09:00:00.000Z');
    clock.set('2026-03-05T09:00:00.000Z'); // three working days later
    await field.case.transition({ caseId: created.id, action: 'resume', expectedStatus: 'waiting_citizen' });
    const resumed = (await field.case.detail({ id: created.id })).case;
    expect(resumed).toMatchObject({ deadline: '2026-03-19', deadlinePausedAt: null });
  });
});

describe('case.comment', () => {
  it('records internal notes and public replies on the timeline', async () => {
    const { city, as, buildCase } = await setup();
    const created = buildCase({ categoryId: city.potHole.id, departmentId: city.voirie.id });
    const counter = await as(city.counter.id);
    await counter.case.comment({ caseId: created.id, visibility: 'internal', body: 'Appel de l’usager' });
    await counter.case.comment({ caseId: created.id, visibility: 'public', body: 'Votre demande est prise en compte.' });
    const events = (await counter.case.detail({ id: created.id })).events;
    expect(events.map((event) => [event.type, event.data.body])).toEqual([
      ['created', undefined],
      ['internal_note', 'Appel de l’usager'],
      ['public_reply', 'Votre demande est prise en compte.'],
    ]);
    expect(events[2]?.data.delivery).toBe('pending');
  });
});

describe('case.list', () => {
  it('filters by department, status, assignee and overdue, sorted by deadline, with the total', async () => {
    const { city, as, buildCase } = await setup();
    const voirie = { categoryId: city.potHole.id, departmentId: city.voirie.id };
    const late = buildCase({ ...voirie, deadline: '2026-02-20' });
    const soon = buildCase({ ...voirie, deadline: '2026-03-05' });
    const mine = buildCase({ ...voirie, status: 'assigned', assigneeId: city.field.id, deadline: '2026-02-10' });
    buildCase({ ...voirie, status: 'closed', deadline: '2026-01-10' });
    buildCase({ categoryId: city.birthCertificate.id, departmentId: city.etatCivil.id, deadline: '2026-01-01' });
    const field = await as(city.field.id);

    const newInVoirie = await field.case.list({ filters: { departmentIds: [city.voirie.id], statuses: ['new'] } });
    expect(newInVoirie.rows.map((row) => row.id)).toEqual([late.id, soon.id]);
    expect(newInVoirie.total).toBe(2);
    expect((await field.case.list({ filters: { assignee: 'me' } })).rows.map((row) => row.id)).toEqual([mine.id]);
    const overdue = await field.case.list({ filters: { departmentIds: [city.voirie.id], overdue: true } });
    expect(overdue.rows.map((row) => row.id)).toEqual([mine.id, late.id]);
    const page = await field.case.list({ sort: { field: 'deadline', direction: 'desc' }, offset: 1, limit: 2 });
    expect(page.total).toBe(5);
    expect(page.rows.map((row) => row.id)).toEqual([late.id, mine.id]);
  });
});

describe('search.global', () => {
  it('finds citizens and cases as the agent types, without accents, and a case by its code', async () => {
    const { city, as, buildCitizen, buildCase } = await setup();
    const citizen = buildCitizen({ firstName: 'Hélène', lastName: 'Lefèvre', phone: '0612345678' });
    const created = buildCase({
      categoryId: city.potHole.id,
      departmentId: city.voirie.id,
      subject: 'Lampadaire éteint',
      citizenId: citizen.id,
    });
    const counter = await as(city.counter.id);
    expect((await counter.search.global({ q: 'lefev' })).citizens.map((found) => found.id)).toEqual([citizen.id]);
    expect((await counter.search.global({ q: '06 12 34' })).citizens.map((found) => found.id)).toEqual([citizen.id]);
    expect((await counter.search.global({ q: 'lampa etei' })).cases.map((found) => found.id)).toEqual([created.id]);
    const byCode = await counter.search.global({ q: created.trackingCode.toLowerCase() });
    expect(byCode.cases.map((found) => found.id)).toEqual([created.id]);
    expect(await counter.search.global({ q: '"*' })).toEqual({ citizens: [], cases: [] });
  });
});

describe('case.update', () => {
  it('edits on the version the agent saw and keeps the change in the timeline', async () => {
    const { city, as, buildCase } = await setup();
    const created = buildCase({ categoryId: city.potHole.id, departmentId: city.voirie.id });
    const counter = await as(city.counter.id);
    expect(
      await counter.case.update({ caseId: created.id, expectedVersion: 1, priority: 'urgent', description: 'Trou profond' }),
    ).toMatchObject({ applied: 'edit' });
    const detail = await counter.case.detail({ id: created.id });
    expect(detail.case).toMatchObject({ priority: 'urgent', description: 'Trou profond', version: 2 });
    expect(detail.events.at(-1)).toMatchObject({ type: 'updated', data: { changes: { priority: { from: 'normal', to: 'urgent' } } } });
  });

  it('refuses stale scalars, but keeps a stale description as an internal note', async () => {
    const { city, as, buildCase } = await setup();
    const created = buildCase({ categoryId: city.potHole.id, departmentId: city.voirie.id, version: 3 });
    const counter = await as(city.counter.id);
    const stale = await failure(counter.case.update({ caseId: created.id, expectedVersion: 2, subject: 'Autre objet' }));
    expect(stale).toMatchObject({ trpcCode: 'CONFLICT', code: 'VERSION_CONFLICT', args: { expected: 2, actual: 3 } });
    expect(await counter.case.update({ caseId: created.id, expectedVersion: 2, description: 'Long texte tapé hors ligne' })).toMatchObject({
      applied: 'note',
    });
    const detail = await counter.case.detail({ id: created.id });
    expect(detail.case).toMatchObject({ version: 3, description: '' });
    expect(detail.events.at(-1)).toMatchObject({ type: 'internal_note', data: { body: 'Long texte tapé hors ligne' } });
  });
});

describe('case.reassign', () => {
  it('lets a supervisor overwrite the assignee whatever happened meanwhile, and logs who held it', async () => {
    const { city, as, buildCase, buildAgent } = await setup();
    const other = buildAgent({ name: 'Autre terrain', roles: [{ departmentId: city.voirie.id, role: 'field' }] });
    const created = buildCase({
      categoryId: city.potHole.id,
      departmentId: city.voirie.id,
      status: 'in_progress',
      assigneeId: city.field.id,
    });
    const supervisor = await as(city.supervisor.id);
    await supervisor.case.reassign({ caseId: created.id, assigneeId: other.id });
    const detail = await supervisor.case.detail({ id: created.id });
    expect(detail.case).toMatchObject({ assigneeId: other.id, status: 'in_progress' });
    expect(detail.events.at(-1)).toMatchObject({ type: 'assigned', data: { previousAssigneeId: city.field.id, overwrite: true } });
    const field = await as(city.field.id);
    expect((await failure(field.case.reassign({ caseId: created.id, assigneeId: city.field.id }))).code).toBe('FORBIDDEN');
  });
});
