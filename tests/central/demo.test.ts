import { count, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCitySize, demoPassword, demoSeed, loadDemoCity, type DemoReport } from '../../src-central/demo';
import { agentRoles, agents, caseEvents, cases, categories, citizens, departments } from '../../src-central/db/schema';
import { currentVersion } from '../../src-central/db/versions';
import { generateCityBatches } from '../../src-shared/demo/city-generator';
import { featuredDemoEmails } from '../../src-shared/demo/demo-accounts';
import { demoAccountsSchema } from '../../src-shared/schemas/auth';
import { createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

const now = new Date('2026-03-02T09:00:00.000Z');

/** What the generator yields for the demo seed and size: the counts the database must end up with. */
function expectedRows(): DemoReport['rows'] {
  const rows = { departments: 0, categories: 0, agents: 0, agentRoles: 0, citizens: 0, cases: 0, caseEvents: 0 };
  for (const batch of generateCityBatches({ ...demoCitySize, seed: demoSeed, now })) {
    if (batch.kind === 'agents') rows.agentRoles += batch.rows.reduce((sum, agent) => sum + agent.roles.length, 0);
    if (batch.kind === 'cases') rows.caseEvents += batch.events.length;
    rows[batch.kind] += batch.rows.length;
  }
  return rows;
}

describe.each(dbKinds)('demo city on %s', (kind) => {
  let testDb: CentralTestDb;
  let app: FastifyInstance;
  let report: DemoReport;

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
    report = await loadDemoCity(testDb.db, { now });
    console.info(`demo city loaded on ${kind} in ${report.milliseconds} ms`);
    app = await buildTestServer(testDb);
  });
  afterAll(async () => {
    await app.close();
    await testDb.close();
  });

  it('loads the whole city into an empty database', async () => {
    const expected = expectedRows();
    expect(report.loaded).toBe(true);
    expect(report.rows).toEqual(expected);
    expect(expected).toMatchObject({ departments: 12, agents: 39, citizens: 2_000, cases: 10_000 });
    const tables = { departments, categories, agents, agentRoles, citizens, cases, caseEvents };
    for (const [name, table] of Object.entries(tables)) {
      const [row] = await testDb.db.select({ n: count() }).from(table);
      expect(row?.n, name).toBe(expected[name as keyof typeof expected]);
    }
  });

  it('stamps every row with a version from the counter, one per batch of 500', async () => {
    const head = await currentVersion(testDb.db);
    // departments, categories, agents, 4 citizen batches, 20 case batches
    expect(head).toBe(3 + demoCitySize.citizens / 500 + demoCitySize.cases / 500);
    const [range] = await testDb.db
      .select({ low: sql<number>`min(row_version)::int`, high: sql<number>`max(row_version)::int` })
      .from(cases);
    expect(range).toEqual({ low: 8, high: head });
    const [outOfRange] = await testDb.db
      .select({ n: count() })
      .from(citizens)
      .where(sql`row_version < 1 or row_version > ${head}`);
    expect(outOfRange?.n).toBe(0);
  });

  it('stores rows exactly as generated (text timestamps, JSON data, flattened address)', async () => {
    const generated = [...generateCityBatches({ ...demoCitySize, seed: demoSeed, now, batchSize: 500 })];
    const citizen = generated.find((batch) => batch.kind === 'citizens')?.rows[0];
    const caseBatch = generated.find((batch) => batch.kind === 'cases');
    const event = caseBatch?.kind === 'cases' ? caseBatch.events.find((row) => row.type === 'status_changed') : undefined;
    if (citizen === undefined || caseBatch === undefined || event === undefined) throw new Error('the generator yields no rows');
    const [storedCitizen] = await testDb.db
      .select()
      .from(citizens)
      .where(sql`${citizens.id} = ${citizen.id}`);
    expect(storedCitizen).toMatchObject({
      firstName: citizen.firstName,
      createdAt: citizen.createdAt,
      addressLine1: citizen.address?.line1,
      postalCode: citizen.address?.postalCode,
      latitude: citizen.latitude,
      consentEmail: citizen.consents.email,
    });
    const [storedCase] = await testDb.db
      .select()
      .from(cases)
      .where(sql`${cases.id} = ${caseBatch.rows[0]?.id}`);
    const { rowVersion: _caseVersion, ...caseColumns } = storedCase ?? { rowVersion: 0 };
    expect(caseColumns).toEqual(caseBatch.rows[0]);
    const [storedEvent] = await testDb.db
      .select()
      .from(caseEvents)
      .where(sql`${caseEvents.id} = ${event.id}`);
    expect(storedEvent).toMatchObject({ at: event.at, type: event.type, agentId: event.agentId, data: event.data });
  });

  it('copies each case department onto its events', async () => {
    const [mismatched] = await testDb.db
      .select({ n: count() })
      .from(caseEvents)
      .innerJoin(cases, sql`${cases.id} = ${caseEvents.caseId}`)
      .where(sql`${cases.departmentId} <> ${caseEvents.departmentId}`);
    expect(mismatched?.n).toBe(0);
  });

  it('leaves a database that already holds data alone', async () => {
    const again = await loadDemoCity(testDb.db, { now });
    expect(again.loaded).toBe(false);
    const [row] = await testDb.db.select({ n: count() }).from(cases);
    expect(row?.n).toBe(10_000);
  });

  it('lets every demo agent sign in with the demo password', async () => {
    const emails = (await testDb.db.select({ email: agents.email }).from(agents)).map((row) => row.email);
    expect(emails).toContain('camille.accueil@rivebelle.example');
    for (const email of emails.slice(0, 3)) {
      const answer = await app.inject({ method: 'POST', url: centralPaths.signIn, payload: { email, password: demoPassword } });
      expect(answer.statusCode, email).toBe(200);
    }
    const wrong = await app.inject({ method: 'POST', url: centralPaths.signIn, payload: { email: emails[0], password: 'Demo' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('names no demo account without --demo, even over the demo city: 404 like any unknown path', async () => {
    const answer = await app.inject({ method: 'GET', url: centralPaths.demoAccounts });
    expect(answer.statusCode).toBe(404);
    expect(answer.json()).toEqual({ code: 'RESOURCE_NOT_FOUND', args: {} });
    expect(answer.body).not.toContain('rivebelle.example');
    expect(answer.body).not.toContain(JSON.stringify(demoPassword));
  });

  it('names the featured demo accounts and their password with --demo, and they sign in with it', async () => {
    const demoApp = await buildTestServer(testDb, { config: { demo: true } });
    try {
      const answer = await demoApp.inject({ method: 'GET', url: centralPaths.demoAccounts });
      expect(answer.statusCode).toBe(200);
      const demo = demoAccountsSchema.parse(answer.json());
      expect(demo.password).toBe(demoPassword);
      expect(demo.accounts.map((account) => account.email)).toEqual(featuredDemoEmails);
      expect(demo.accounts.map((account) => account.name)).toContain('Camille Accueil');
      for (const { email } of demo.accounts) {
        const signIn = await demoApp.inject({ method: 'POST', url: centralPaths.signIn, payload: { email, password: demo.password } });
        expect(signIn.statusCode, email).toBe(200);
      }
    } finally {
      await demoApp.close();
    }
  });
});
