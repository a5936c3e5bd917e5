import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MutationInput, MutationName } from '../../src-shared/mutations';
import { REPLICA_FORMAT } from '../../src-shared/sync';
import { cases, citizens } from '../../src-central/db/schema';
import { createPgSyncStore } from '../../src-central/stores/postgres/pg-store';
import { applyPush } from '../../src-central/sync/push';
import type { SyncStore } from '../../src-central/sync/store';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity } from './support/sync-city';

const now = () => new Date('2026-03-02T09:00:00.000Z');

interface NamedMutation {
  name: MutationName;
  args: unknown;
}

const mutation = <N extends MutationName>(name: N, args: MutationInput<N>): NamedMutation => ({ name, args });

const jeanne = {
  firstName: 'Jeanne',
  lastName: 'Dupont',
  email: 'jeanne.dupont@example.fr',
  phone: '0612345678',
  address: { line1: '12 rue des Lilas', line2: null, postalCode: '75011', city: 'Paris' },
};

/**
 * Roles are checked where the data lives (docs/security/permissions.md): an agent without rights on a row is refused
 * with FORBIDDEN, or, for a case outside their departments, exactly as if the case did not exist; never with
 * a field of the row (its version, its status, the citizen it was merged into).
 */
describe.each(dbKinds)('permissions on push, on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  let store: SyncStore;

  beforeEach(async () => {
    city = await buildSyncCity(testDb().db);
    store = createPgSyncStore(testDb().db);
  });

  const device = (agentId: string) => {
    const clientId = uuidv7();
    let last = 0;
    return async (one: NamedMutation) => {
      const mutations = [{ mutationId: ++last, name: one.name, createdAt: now().toISOString(), args: one.args }];
      const { response } = await applyPush(store, agentId, { clientId, replicaFormat: REPLICA_FORMAT, mutations }, now);
      const [result] = response.results;
      if (result === undefined) throw new Error('no result');
      return result;
    };
  };

  const createCitizen = async () => {
    const id = uuidv7();
    expect((await device(city.counter.id)(mutation('citizen.create', { id, ...jeanne }))).outcome).toBe('applied');
    return id;
  };
  const citizenRow = async (id: string) => (await testDb().db.select().from(citizens).where(eq(citizens.id, id)))[0];
  const openCase = async (categoryId: string) => {
    const id = uuidv7();
    const opened = await device(city.counter.id)(
      mutation('case.open', { id, trackingCode: id.slice(-12), eventId: uuidv7(), categoryId, channel: 'phone', subject: 'Demande' }),
    );
    expect(opened.outcome).toBe('applied');
    return id;
  };
  const caseRow = async (id: string) => (await testDb().db.select().from(cases).where(eq(cases.id, id)))[0];

  it('refuses a field agent’s citizen.update with FORBIDDEN and leaves the citizen as it was', async () => {
    const id = await createCitizen();
    const before = await citizenRow(id);

    const result = await device(city.field.id)(
      mutation('citizen.update', { id, expectedVersion: 1, values: { firstName: 'X', lastName: 'Y' } }),
    );

    expect(result).toEqual({ mutationId: 1, outcome: 'rejected', error: { code: 'FORBIDDEN', args: { action: 'citizen.update' } } });
    expect(await citizenRow(id)).toEqual(before);
  });

  it('refuses a field agent’s stale citizen.update with FORBIDDEN, not the citizen’s real version', async () => {
    const id = await createCitizen();
    await device(city.counter.id)(mutation('citizen.update', { id, expectedVersion: 1, values: { ...jeanne, firstName: 'Jeanne-Marie' } }));

    const result = await device(city.field.id)(
      mutation('citizen.update', { id, expectedVersion: 1, values: { firstName: 'X', lastName: 'Y' } }),
    );

    expect(result.error).toEqual({ code: 'FORBIDDEN', args: { action: 'citizen.update' } });
  });

  it('answers a field agent’s citizen.update the same for a merged, a missing and a present citizen', async () => {
    const kept = await createCitizen();
    const merged = await createCitizen();
    await testDb().db.update(citizens).set({ mergedInto: kept }).where(eq(citizens.id, merged));
    const push = device(city.field.id);

    const answers = [merged, uuidv7(), kept].map((id) =>
      mutation('citizen.update', { id, expectedVersion: 1, values: { firstName: 'X', lastName: 'Y' } }),
    );

    for (const answer of answers) expect((await push(answer)).error).toEqual({ code: 'FORBIDDEN', args: { action: 'citizen.update' } });
  });

  it('refuses a field agent’s citizen.create with FORBIDDEN and creates nobody', async () => {
    const id = uuidv7();

    const result = await device(city.field.id)(mutation('citizen.create', { id, ...jeanne }));

    expect(result).toEqual({ mutationId: 1, outcome: 'rejected', error: { code: 'FORBIDDEN', args: { action: 'citizen.create' } } });
    expect(await citizenRow(id)).toBeUndefined();
  });

  it('refuses a field agent’s street report naming a citizen with FORBIDDEN, whatever the citizen', async () => {
    const kept = await createCitizen();
    const merged = await createCitizen();
    await testDb().db.update(citizens).set({ mergedInto: kept }).where(eq(citizens.id, merged));
    const push = device(city.field.id);

    for (const citizenId of [merged, uuidv7()]) {
      const id = uuidv7();
      const result = await push(
        mutation('case.open', {
          id,
          trackingCode: id.slice(-12),
          eventId: uuidv7(),
          categoryId: city.potHole.id,
          citizenId,
          channel: 'field',
          subject: 'Trou',
        }),
      );
      expect(result.error).toEqual({ code: 'FORBIDDEN', args: { action: 'case.open' } });
    }
  });

  it('refuses a transition the agent’s role does not allow with FORBIDDEN before comparing the status', async () => {
    const caseId = await openCase(city.potHole.id);
    await device(city.counter.id)(mutation('case.transition', { caseId, action: 'qualify', expectedStatus: 'new', eventId: uuidv7() }));

    // A field agent of Voirie may not reject (supervisors do); the case is no longer `new` either.
    const result = await device(city.field.id)(
      mutation('case.transition', { caseId, action: 'reject', expectedStatus: 'new', comment: 'Doublon', eventId: uuidv7() }),
    );

    expect(result).toEqual({ mutationId: 1, outcome: 'rejected', error: { code: 'FORBIDDEN', args: { action: 'case.transition' } } });
  });

  it('answers a transition on a case of another department exactly as on a case that does not exist', async () => {
    const caseId = await openCase(city.certificate.id);
    await device(city.counter.id)(mutation('case.transition', { caseId, action: 'qualify', expectedStatus: 'new', eventId: uuidv7() }));
    const before = await caseRow(caseId);
    const push = device(city.field.id);
    const missing = uuidv7();

    const outside = await push(mutation('case.transition', { caseId, action: 'take', expectedStatus: 'new', eventId: uuidv7() }));
    const nowhere = await push(mutation('case.transition', { caseId: missing, action: 'take', expectedStatus: 'new', eventId: uuidv7() }));

    expect(outside.error).toEqual({ code: 'CASE_NOT_FOUND', args: { caseId } });
    expect(nowhere.error).toEqual({ code: 'CASE_NOT_FOUND', args: { caseId: missing } });
    expect(outside.outcome).toBe(nowhere.outcome);
    expect(await caseRow(caseId)).toEqual(before);
  });
});
