import { afterEach, describe, expect, it } from 'vitest';
import type { Replica } from '../../src-main/db/open-replica';
import { builders } from '../support/builders';
import { failure } from '../support/failure';
import { callerFor, createTestDb } from '../support/test-db';

let replica: Replica;
afterEach(() => replica.close());

async function setup() {
  replica = createTestDb();
  const build = builders(replica.db);
  const city = build.buildCity();
  return { ...build, city, caller: await callerFor(replica, city.counter.id) };
}

describe('citizen.create', () => {
  it('normalises what the agent typed and stores it', async () => {
    const { caller } = await setup();
    const citizen = await caller.citizen.create({
      firstName: '  Élodie ',
      lastName: 'Hervé',
      email: ' Elodie.Herve@Exemple.FR ',
      phone: '+33 6 12 34 56 78',
      birthDate: '1985-02-14',
      address: { line1: '3 rue de la Paix', line2: '', postalCode: '45210', city: 'Rivebelle' },
    });
    expect(citizen).toMatchObject({
      firstName: 'Élodie',
      email: 'elodie.herve@exemple.fr',
      phone: '0612345678',
      address: { line1: '3 rue de la Paix', line2: '', postalCode: '45210', city: 'Rivebelle' },
      version: 1,
    });
  });

  it('refuses bad input with one coded error listing every field, and saves nothing', async () => {
    const { caller } = await setup();
    const result = await failure(
      caller.citizen.create({
        firstName: '',
        lastName: 'Martin',
        email: 'not-an-email',
        phone: '12 34',
        birthDate: '2999-01-01',
        address: { line1: '1 rue X', line2: null, postalCode: '4521', city: 'Rivebelle' },
      }),
    );
    expect(result.trpcCode).toBe('BAD_REQUEST');
    expect(result.code).toBe('VALIDATION_FAILED');
    const issues = (result.args as { issues: { path: string; code: string }[] }).issues;
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual(
      expect.arrayContaining([
        ['firstName', 'too_small'],
        ['email', 'email'],
        ['phone', 'phone'],
        ['birthDate', 'birth_date'],
        ['address.postalCode', 'postal_code'],
      ]),
    );
    expect(replica.db.$client.prepare('SELECT count(*) FROM citizens').pluck().get()).toBe(0);
    expect(replica.db.$client.prepare('SELECT count(*) FROM _pending').pluck().get()).toBe(0);
  });

  it('needs a chosen agent', async () => {
    replica = createTestDb();
    const caller = await callerFor(replica, null);
    expect((await failure(caller.citizen.create({ firstName: 'A', lastName: 'B' }))).code).toBe('NO_AGENT_SELECTED');
  });
});

describe('citizen.similar', () => {
  it.each([
    ['the same email', { email: 'JEAN.DUPONT@exemple.fr' }, ['email']],
    ['the same phone typed differently', { phone: '06.11.22.33.44' }, ['phone']],
    [
      'the same names without accents and the same birth date',
      { firstName: 'jean', lastName: 'dupont', birthDate: '1970-01-02' },
      ['name_birthdate'],
    ],
  ])('warns about %s', async (_label, probe, reasons) => {
    const { caller, buildCitizen } = await setup();
    const existing = buildCitizen({
      firstName: 'Jean',
      lastName: 'Dupont',
      email: 'jean.dupont@exemple.fr',
      phone: '0611223344',
      birthDate: '1970-01-02',
    });
    const matches = await caller.citizen.similar({ firstName: '', lastName: '', ...probe });
    expect(matches.map((match) => [match.citizen.id, match.reasons])).toEqual([[existing.id, reasons]]);
  });

  it('does not warn about the citizen being edited, nor about namesakes born another day', async () => {
    const { caller, buildCitizen } = await setup();
    const existing = buildCitizen({ firstName: 'Jean', lastName: 'Dupont', birthDate: '1970-01-02' });
    expect(await caller.citizen.similar({ firstName: 'Jean', lastName: 'Dupont', birthDate: '1980-01-02' })).toEqual([]);
    expect(
      await caller.citizen.similar({ excludeId: existing.id, firstName: 'Jean', lastName: 'Dupont', birthDate: '1970-01-02' }),
    ).toEqual([]);
  });
});

describe('citizen.update', () => {
  it('applies an edit made on the version the agent saw, and refuses a stale one', async () => {
    const { caller, buildCitizen } = await setup();
    const existing = buildCitizen({ firstName: 'Jean', lastName: 'Dupont' });
    const values = { firstName: 'Jean', lastName: 'Dupont-Moreau', email: existing.email };
    const updated = await caller.citizen.update({ id: existing.id, expectedVersion: 1, values });
    expect(updated).toMatchObject({ lastName: 'Dupont-Moreau', version: 2 });
    const stale = await failure(caller.citizen.update({ id: existing.id, expectedVersion: 1, values: { ...values, lastName: 'Autre' } }));
    expect(stale).toMatchObject({ trpcCode: 'CONFLICT', code: 'VERSION_CONFLICT', args: { entity: 'citizen', expected: 1, actual: 2 } });
    expect((await caller.citizen.card({ id: existing.id })).citizen.lastName).toBe('Dupont-Moreau');
  });

  it('says which citizen does not exist', async () => {
    const { caller } = await setup();
    const id = '01900000-0000-7000-8000-000000000000';
    const result = await failure(caller.citizen.update({ id, expectedVersion: 1, values: { firstName: 'A', lastName: 'B' } }));
    expect(result).toMatchObject({ trpcCode: 'NOT_FOUND', code: 'CITIZEN_NOT_FOUND', args: { citizenId: id } });
  });

  it('refuses a field agent’s creation and edit on the replica already, with FORBIDDEN, queuing nothing', async () => {
    const { city, buildCitizen } = await setup();
    const existing = buildCitizen({ firstName: 'Jean', lastName: 'Dupont' });
    const field = await callerFor(replica, city.field.id);

    const created = await failure(field.citizen.create({ firstName: 'Léa', lastName: 'Martin' }));
    const edited = await failure(field.citizen.update({ id: existing.id, expectedVersion: 1, values: { firstName: 'X', lastName: 'Y' } }));

    expect(created).toMatchObject({ trpcCode: 'FORBIDDEN', code: 'FORBIDDEN', args: { action: 'citizen.create' } });
    expect(edited).toMatchObject({ trpcCode: 'FORBIDDEN', code: 'FORBIDDEN', args: { action: 'citizen.update' } });
    expect(replica.db.$client.prepare('SELECT count(*) FROM citizens').pluck().get()).toBe(1);
    expect(replica.db.$client.prepare('SELECT count(*) FROM _pending').pluck().get()).toBe(0);
  });
});

describe('citizen.card', () => {
  it('shows every case of the citizen, in every department, newest first', async () => {
    const { caller, buildCitizen, buildCase, city } = await setup();
    const citizen = buildCitizen();
    const other = buildCitizen({ firstName: 'Paul' });
    buildCase({ categoryId: city.potHole.id, departmentId: city.voirie.id, citizenId: citizen.id, createdAt: '2026-01-05T10:00:00.000Z' });
    buildCase({
      categoryId: city.birthCertificate.id,
      departmentId: city.etatCivil.id,
      citizenId: citizen.id,
      createdAt: '2026-02-05T10:00:00.000Z',
    });
    buildCase({ categoryId: city.potHole.id, departmentId: city.voirie.id, citizenId: other.id });
    const card = await caller.citizen.card({ id: citizen.id });
    expect(card.cases.map((row) => row.departmentId)).toEqual([city.etatCivil.id, city.voirie.id]);
    expect(card.cases[0]?.citizenName).toBe('Élodie Hervé');
  });
});
