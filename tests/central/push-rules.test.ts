import { and, asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationInput, MutationName } from '../../src-shared/mutations';
import { REPLICA_FORMAT } from '../../src-shared/sync';
import { auditLog, caseEvents, cases, mutationLog, syncClients } from '../../src-central/db/schema';
import { setAgentRoles } from '../../src-central/admin/agent-admin';
import { createPgSyncStore } from '../../src-central/stores/postgres/pg-store';
import { applyPush } from '../../src-central/sync/push';
import type { SyncStore } from '../../src-central/sync/store';
import { centralBuilders } from './support/builders';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity } from './support/sync-city';

const now = () => new Date('2026-03-02T09:00:00.000Z');

interface NamedMutation {
  name: MutationName;
  args: unknown;
}

/** A mutation as a replica queues it, its arguments typed by src-shared. */
const mutation = <N extends MutationName>(name: N, args: MutationInput<N>): NamedMutation => ({ name, args });

/** The conflict rules of docs/sync.md, each decided by the server on its own rows, whatever the replica believed. */
describe.each(dbKinds)('push rules on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  let store: SyncStore;

  beforeEach(async () => {
    city = await buildSyncCity(testDb().db);
    store = createPgSyncStore(testDb().db);
  });

  /** One replica of an agent: its pushes continue its own gap-free sequence of mutation ids. */
  const device = (agentId: string) => {
    const clientId = uuidv7();
    let last = 0;
    const push = (...list: NamedMutation[]) => {
      const mutations = list.map(({ name, args }) => ({ mutationId: ++last, name, createdAt: now().toISOString(), args }));
      return applyPush(store, agentId, { clientId, replicaFormat: REPLICA_FORMAT, mutations }, now);
    };
    return { clientId, push };
  };

  const openCase = async (options: { description?: string } = {}) => {
    const id = uuidv7();
    const opened = await device(city.counter.id).push(
      mutation('case.open', {
        id,
        trackingCode: id.slice(-12),
        eventId: uuidv7(),
        categoryId: city.potHole.id,
        channel: 'phone',
        subject: 'Nid-de-poule rue des Lilas',
        ...options,
      }),
    );
    expect(opened.response.results[0]?.outcome).toBe('applied');
    return id;
  };
  const comment = (caseId: string, body: string, visibility: 'internal' | 'public' = 'internal') =>
    mutation('case.comment', { caseId, visibility, body, eventId: uuidv7() });
  const transition = (
    caseId: string,
    action: MutationInput<'case.transition'>['action'],
    expectedStatus: MutationInput<'case.transition'>['expectedStatus'],
    assigneeId?: string,
  ) => mutation('case.transition', { caseId, action, expectedStatus, assigneeId, eventId: uuidv7() });
  const update = (caseId: string, fields: Omit<MutationInput<'case.update'>, 'caseId' | 'eventId'>) =>
    mutation('case.update', { caseId, ...fields, eventId: uuidv7() });

  const caseRow = async (id: string) => {
    const [row] = await testDb().db.select().from(cases).where(eq(cases.id, id));
    if (row === undefined) throw new Error(`no case ${id}`);
    return row;
  };
  const eventsOf = (caseId: string) =>
    testDb().db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.rowVersion), asc(caseEvents.id));
  const logOf = async (clientId: string) =>
    (await testDb().db.select().from(mutationLog).where(eq(mutationLog.clientId, clientId)).orderBy(asc(mutationLog.mutationId))).map(
      (row) => ({
        mutationId: row.mutationId,
        name: row.name,
        outcome: row.outcome,
        error: row.error,
      }),
    );
  const lastMutationIdOf = async (clientId: string) =>
    (await testDb().db.select().from(syncClients).where(eq(syncClients.clientId, clientId)))[0]?.lastMutationId;

  it('refuses a take by a field agent whose role the server took away as if the case did not exist, logs it and still moves the queue on', async () => {
    const caseId = await openCase();
    expect((await device(city.counter.id).push(transition(caseId, 'qualify', 'new'))).response.results[0]?.outcome).toBe('applied');
    const field = device(city.field.id);
    // While the agent holds the field role in Voirie the server takes its notes.
    expect((await field.push(comment(caseId, 'Je passe cet après-midi'))).response.results[0]?.outcome).toBe('applied');
    // An admin moves the agent to État civil (the `set-roles` command).
    await setAgentRoles(testDb().db, { now }, { email: city.field.email, roles: [{ departmentCode: city.etatCivil.code, role: 'field' }] });
    const before = await caseRow(caseId);

    // The replica still believes in the role and queues the take its screen offered.
    const refused = await field.push(transition(caseId, 'take', 'qualified'));

    // The case is outside the agent's departments now: answered as a missing case, nothing of it told.
    const reason = { code: 'CASE_NOT_FOUND', args: { caseId } };
    expect(refused.response).toEqual({ lastMutationId: 2, results: [{ mutationId: 2, outcome: 'rejected', error: reason }] });
    expect(refused.changed).toBeNull();
    expect(await logOf(field.clientId)).toEqual([
      { mutationId: 1, name: 'case.comment', outcome: 'applied', error: null },
      { mutationId: 2, name: 'case.transition', outcome: 'rejected', error: reason },
    ]);
    expect(await lastMutationIdOf(field.clientId)).toBe(2);
    const after = await caseRow(caseId);
    expect(after).toEqual(before);
    expect([after.status, after.assigneeId, after.version]).toEqual(['qualified', null, 2]);
  });

  it('refuses a note on a case moved to a department where the agent has no role, as if the case did not exist', async () => {
    const caseId = await openCase();
    const field = device(city.field.id);
    expect((await field.push(comment(caseId, 'Photo prise'))).response.results[0]?.outcome).toBe('applied');
    const moved = await device(city.counter.id).push(
      mutation('case.transfer', {
        caseId,
        expectedDepartmentId: city.voirie.id,
        categoryId: city.certificate.id,
        comment: 'Mal orienté',
        eventId: uuidv7(),
      }),
    );
    expect(moved.response.results[0]?.outcome).toBe('applied');
    const before = await caseRow(caseId);
    const eventsBefore = await eventsOf(caseId);

    const refused = await field.push(comment(caseId, 'Le trou est rebouché'));

    // Not the department it went to: the agent has no business knowing where the case is now.
    const reason = { code: 'CASE_NOT_FOUND', args: { caseId } };
    expect(refused.response).toEqual({ lastMutationId: 2, results: [{ mutationId: 2, outcome: 'rejected', error: reason }] });
    expect((await logOf(field.clientId)).map((row) => [row.mutationId, row.outcome, row.error])).toEqual([
      [1, 'applied', null],
      [2, 'rejected', reason],
    ]);
    expect(await lastMutationIdOf(field.clientId)).toBe(2);
    expect(await caseRow(caseId)).toEqual(before);
    expect(before.departmentId).toBe(city.etatCivil.id);
    expect(await eventsOf(caseId)).toEqual(eventsBefore);
    expect(eventsBefore.map((event) => event.type)).toEqual(['created', 'internal_note', 'transferred']);
  });

  it('applies the first of two subject edits made on the same version and refuses the second with VERSION_CONFLICT', async () => {
    const caseId = await openCase();
    const first = device(city.counter.id);
    const second = device(city.field.id);
    // Both replicas saw version 1.
    const won = await first.push(update(caseId, { expectedVersion: 1, subject: 'Nid-de-poule devant le n° 12' }));
    const lost = await second.push(update(caseId, { expectedVersion: 1, subject: 'Chaussée effondrée' }));

    expect(won.response.results).toEqual([{ mutationId: 1, outcome: 'applied', error: null }]);
    const reason = { code: 'VERSION_CONFLICT', args: { entity: 'case', expected: 1, actual: 2 } };
    expect(lost.response).toEqual({ lastMutationId: 1, results: [{ mutationId: 1, outcome: 'conflict', error: reason }] });
    expect(await logOf(second.clientId)).toEqual([{ mutationId: 1, name: 'case.update', outcome: 'conflict', error: reason }]);
    expect(await lastMutationIdOf(second.clientId)).toBe(1);
    const row = await caseRow(caseId);
    expect([row.subject, row.version]).toEqual(['Nid-de-poule devant le n° 12', 2]);
    const updated = (await eventsOf(caseId)).filter((event) => event.type === 'updated');
    expect(updated.map((event) => [event.agentId, event.data])).toEqual([
      [city.counter.id, { changes: { subject: { from: 'Nid-de-poule rue des Lilas', to: 'Nid-de-poule devant le n° 12' } } }],
    ]);
  });

  it('keeps a description written on a stale version as an internal note with the losing text', async () => {
    const caseId = await openCase({ description: 'Trou de 30 cm' });
    const first = device(city.counter.id);
    const second = device(city.field.id);
    await first.push(update(caseId, { expectedVersion: 1, description: 'Trou de 50 cm, dangereux pour les vélos' }));
    const noteId = uuidv7();
    const text = 'Le trou s’est agrandi depuis la pluie, deux pavés ont sauté';

    const kept = await second.push(mutation('case.update', { caseId, expectedVersion: 1, description: text, eventId: noteId }));

    // Not a refusal: the mutation applies as a note, so nothing reaches the agent's inbox.
    expect(kept.response.results).toEqual([{ mutationId: 1, outcome: 'applied', error: null }]);
    const row = await caseRow(caseId);
    expect([row.description, row.version]).toEqual(['Trou de 50 cm, dangereux pour les vélos', 2]);
    const notes = (await eventsOf(caseId)).filter((event) => event.type === 'internal_note');
    expect(notes.map((event) => [event.id, event.agentId, event.departmentId, event.data])).toEqual([
      [noteId, city.field.id, city.voirie.id, { body: text, kind: 'description_not_applied' }],
    ]);
    const [logged] = await testDb().db.select().from(mutationLog).where(eq(mutationLog.clientId, second.clientId));
    expect([logged?.outcome, logged?.rowVersion]).toEqual(['applied', notes[0]?.rowVersion]);
  });

  it('refuses a stale edit of a description with a scalar whole: no note, the text stays in the mutation log only', async () => {
    // docs/sync.md keeps "a conflicting long-text edit" as a comment; case-edit-mutators.ts does so only when
    // the description is the edit's sole change.
    const caseId = await openCase({ description: 'Trou de 30 cm' });
    await device(city.counter.id).push(update(caseId, { expectedVersion: 1, priority: 'high' }));
    const second = device(city.field.id);
    const text = 'Trou de 50 cm, signalé deux fois par l’école';

    const lost = await second.push(update(caseId, { expectedVersion: 1, subject: 'Trou devant l’école', description: text }));

    expect(lost.response.results).toEqual([
      { mutationId: 1, outcome: 'conflict', error: { code: 'VERSION_CONFLICT', args: { entity: 'case', expected: 1, actual: 2 } } },
    ]);
    expect((await eventsOf(caseId)).map((event) => event.type)).toEqual(['created', 'updated']);
    const row = await caseRow(caseId);
    expect([row.subject, row.description, row.priority]).toEqual(['Nid-de-poule rue des Lilas', 'Trou de 30 cm', 'high']);
    const [logged] = await testDb().db.select().from(mutationLog).where(eq(mutationLog.clientId, second.clientId));
    expect(logged?.args).toMatchObject({ description: text });
  });

  it('applies a supervisor’s reassignment over a change made meanwhile and audits the previous assignee', async () => {
    const { buildAgent } = centralBuilders(testDb().db);
    const supervisor = await buildAgent({ name: 'Sacha Chef', roles: [{ departmentId: city.voirie.id, role: 'supervisor' }] });
    const relief = await buildAgent({ name: 'Renfort Voirie', roles: [{ departmentId: city.voirie.id, role: 'field' }] });
    const caseId = await openCase();
    await device(city.counter.id).push(transition(caseId, 'qualify', 'new'));
    const field = device(city.field.id);
    await field.push(transition(caseId, 'take', 'qualified'));
    // The supervisor saw it assigned to the field agent, who then started it.
    expect((await field.push(transition(caseId, 'start', 'assigned'))).response.results[0]?.outcome).toBe('applied');
    const desk = device(supervisor.id);

    // The same move as a status change is a compare-and-set and loses; the reassignment overwrites.
    const outcome = await desk.push(
      transition(caseId, 'assign', 'assigned', relief.id),
      mutation('case.reassign', { caseId, assigneeId: relief.id, comment: 'Renfort', eventId: uuidv7() }),
    );

    expect(outcome.response).toEqual({
      lastMutationId: 2,
      results: [
        { mutationId: 1, outcome: 'conflict', error: { code: 'STATUS_CHANGED', args: { expected: 'assigned', actual: 'in_progress' } } },
        { mutationId: 2, outcome: 'applied', error: null },
      ],
    });
    const row = await caseRow(caseId);
    expect([row.assigneeId, row.status, row.version]).toEqual([relief.id, 'in_progress', 5]);
    const audit = await testDb()
      .db.select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, caseId), eq(auditLog.action, 'case.reassign')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ agentId: supervisor.id, entity: 'case', clientId: desk.clientId, mutationId: 2 });
    expect(audit[0]?.changes).toMatchObject({ assigneeId: { from: city.field.id, to: relief.id }, version: { from: 4, to: 5 } });
    expect(audit[0]?.changes).not.toHaveProperty('status');
    const assigned = (await eventsOf(caseId)).filter((event) => event.type === 'assigned');
    expect(assigned.map((event) => [event.agentId, event.data])).toEqual([
      [supervisor.id, { assigneeId: relief.id, previousAssigneeId: city.field.id, overwrite: true, comment: 'Renfort' }],
    ]);
  });

  it('applies notes pushed at once by two clients on a case edited meanwhile: append-only events never conflict', async () => {
    const caseId = await openCase();
    const editor = device(city.counter.id);
    const desk = device(city.counter.id);
    const field = device(city.field.id);

    const outcomes = await Promise.all([
      editor.push(update(caseId, { expectedVersion: 1, priority: 'urgent' })),
      desk.push(comment(caseId, 'Le riverain a rappelé', 'public')),
      field.push(comment(caseId, 'Barrière posée')),
    ]);

    expect(outcomes.map((outcome) => outcome.response.results)).toEqual(
      [1, 2, 3].map(() => [{ mutationId: 1, outcome: 'applied', error: null }]),
    );
    const notes = (await eventsOf(caseId)).filter((event) => event.type === 'internal_note' || event.type === 'public_reply');
    expect(notes.map((event) => [event.type, event.agentId, event.data]).sort(([a], [b]) => String(a).localeCompare(String(b)))).toEqual([
      ['internal_note', city.field.id, { body: 'Barrière posée' }],
      ['public_reply', city.counter.id, { body: 'Le riverain a rappelé', delivery: 'pending' }],
    ]);
    const logged = [...(await logOf(desk.clientId)), ...(await logOf(field.clientId))];
    expect(logged.map((row) => [row.name, row.outcome])).toEqual([
      ['case.comment', 'applied'],
      ['case.comment', 'applied'],
    ]);
    expect(new Set(notes.map((event) => event.rowVersion)).size).toBe(2);
    expect((await caseRow(caseId)).version).toBe(2);
  });
});
