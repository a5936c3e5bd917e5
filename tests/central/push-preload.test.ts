import { inArray, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import { REPLICA_FORMAT, type PushRequest } from '../../src-shared/sync';
import { cases, surveyResponses } from '../../src-central/db/schema';
import { entityLoaders, preloadStatement, rowsByIds } from '../../src-central/stores/postgres/pg-entities';
import { appCentralRegistry } from '../../src-central/stores/postgres/pg-entity-tables';
import { createPgSyncStore } from '../../src-central/stores/postgres/pg-store';
import { applyPush } from '../../src-central/sync/push';
import type { SyncStore } from '../../src-central/sync/store';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity } from './support/sync-city';
import { surveyBuilders } from './support/survey-builders';

const now = () => new Date('2026-03-02T09:00:00.000Z');

/** A push group's preload must read exactly what the one-by-one reads of its members would. */
describe.each(dbKinds)('push preloads on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  let store: SyncStore;

  beforeEach(async () => {
    city = await buildSyncCity(testDb().db);
    store = createPgSyncStore(testDb().db);
  });

  const push = (request: PushRequest) => applyPush(store, city.counter.id, request, now);
  const pushClient = () => {
    const clientId = uuidv7();
    let last = 0;
    return {
      clientId,
      request: (list: { name: string; args: unknown }[]): PushRequest => ({
        clientId,
        replicaFormat: REPLICA_FORMAT,
        mutations: list.map(({ name, args }) => ({ mutationId: ++last, name, createdAt: now().toISOString(), args })),
      }),
    };
  };
  const openCase = (categoryId: string, id: string) => ({
    name: 'case.open',
    args: { id, trackingCode: id.slice(-12), eventId: uuidv7(), categoryId, channel: 'phone', subject: 'Nid-de-poule rue des Lilas' },
  });

  it('preloads in one query exactly the rows the one-by-one reads return', async () => {
    const client = pushClient();
    const citizenId = uuidv7();
    const caseId = uuidv7();
    const citizen = {
      id: citizenId,
      firstName: 'Aïcha',
      lastName: 'Benali',
      birthDate: '1984-05-12',
      email: 'aicha@example.org',
      phone: '0612345678',
      address: { line1: '3 rue des Lilas', line2: 'Bât. B', postalCode: '69003', city: 'Lyon' },
      preferredChannel: 'phone',
      certification: 'declared',
    };
    const opened = openCase(city.potHole.id, caseId);
    const created = await push(
      client.request([
        { name: 'citizen.create', args: citizen },
        { ...opened, args: { ...opened.args, citizenId, address: '3 rue des Lilas' } },
      ]),
    );
    expect(created.response.results.map((result) => result.outcome)).toEqual(['applied', 'applied']);
    await testDb().db.update(cases).set({ latitude: 45.7578137, longitude: 4.8320114 }).where(eq(cases.id, caseId));
    const ids = {
      agents: [city.counter.id, city.field.id, uuidv7()],
      cases: [caseId, uuidv7()],
      citizens: [citizenId],
      categories: [city.potHole.id, city.certificate.id],
      clients: [client.clientId],
    };
    const loaders = entityLoaders(testDb().db);
    const sorted = <T extends object>(rows: T[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const all = await preloadStatement(testDb().db).load(ids);
    expect(all.cases).toHaveLength(1);
    expect(all.citizens[0]?.address?.line2).toBe('Bât. B');
    for (const entity of Object.keys(ids) as (keyof typeof ids)[]) {
      expect(sorted(all[entity] as object[])).toEqual(sorted((await loaders[entity](ids[entity])) as object[]));
    }
  });

  it('reads rows of several plain tables in one statement exactly as their selects do', async () => {
    const build = surveyBuilders(testDb().db);
    const survey = await build.buildSurvey({ closesOn: '2026-12-31' });
    const kiosk = await build.buildCollector(survey, { kind: 'kiosk' });
    const responses: (typeof surveyResponses.$inferInsert)[] = [
      {
        id: uuidv7(),
        surveyId: survey.id,
        departmentId: survey.departmentId,
        channel: 'email' as const,
        collectorId: kiosk.id,
        caseId: null,
        citizenId: null,
        agentId: null,
        // Values a JSON round trip could bend: a string that reads as a number, accents, a matrix, a long decimal.
        answers: { remarks: '42', venue: 'Hôtel de ville « annexe »', grid: { a: 'Oui' }, amount: 0.1 + 0.2 },
        note: null,
        profile: { departmentsWithCase: [survey.departmentId], area: '69003' },
        submittedAt: '2026-03-02T09:00:00.000Z',
        rowVersion: 7,
      },
    ];
    responses.push({
      ...responses[0]!,
      id: uuidv7(),
      channel: 'link',
      collectorId: null,
      answers: { remarks: 'Rien à signaler' },
      profile: null,
    });
    await testDb().db.insert(surveyResponses).values(responses);
    const tables = appCentralRegistry;
    const wanted = new Map([
      [tables.table('surveys'), [survey.id, uuidv7()]],
      [tables.table('surveyCollectors'), [kiosk.id]],
      [tables.table('surveyResponses'), [...responses.map((row) => row.id), uuidv7()]],
      [tables.table('departments'), [survey.departmentId, city.voirie.id]],
      [tables.table('caseEvents'), []],
    ]);
    const found = await rowsByIds(testDb().db, wanted);
    expect(found.get(tables.table('surveyResponses'))).toHaveLength(2);
    expect(found.has(tables.table('caseEvents'))).toBe(false);
    for (const [bound, ids] of wanted) {
      if (ids.length === 0) continue;
      const selected = (await testDb().db.select().from(bound.table).where(inArray(bound.table.id, ids))).map((row) => bound.toEntity(row));
      const sorted = (rows: unknown[]) => [...(rows as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id));
      expect(sorted(found.get(bound) ?? [])).toEqual(sorted(selected));
    }
  });
});
