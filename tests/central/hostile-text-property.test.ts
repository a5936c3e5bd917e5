import { asc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents as centralEvents, cases as centralCases, citizens as centralCitizens } from '../../src-central/db/schema';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { caseEvents, cases, citizens, pendingMutations } from '../../src-main/db/schema';
import { readMeta } from '../../src-main/repositories/meta-repository';
import { nextMutationId } from '../../src-main/repositories/outbox-repository';
import type { MutationName } from '../../src-shared/mutations';
import type { Agent } from '../../src-shared/schemas/entities';
import { createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { buildSyncCity, signedInWorkspace, type TestWorkspace } from './support/sync-city';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

// Characters that broke or could break a store: NUL, lone surrogates, a C0 control, and those that must
// round-trip unchanged (BOM, right-to-left marks, emoji, accents, tabs).
const edgeChar = fc.constantFrom(
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\uDBFF',
  '\u0007',
  '\uFEFF',
  '\u200F',
  '\u202E',
  '😀',
  '👩🏽‍🚒',
  'é',
  '\t',
  '\n',
  ' ',
);
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(fc.oneof(edgeChar, fc.string({ unit: 'grapheme', maxLength: 4 })), { minLength: 1, maxLength: 16 })
    .map((parts) => `Texte ${parts.join('')}`),
  // The 5,000-character limit of descriptions and comments, met with an edge character at its end.
  fc.tuple(fc.constantFrom(4_999, 5_000, 5_001), edgeChar).map(([length, edge]) => 'x'.repeat(Math.max(0, length - edge.length)) + edge),
);

/** Every free text of every mutation, by path in its arguments. */
const textFields: Record<MutationName, string[]> = {
  'citizen.create': ['firstName', 'lastName', 'email', 'phone', 'address.line1', 'address.line2', 'address.postalCode', 'address.city'],
  'citizen.update': [
    'values.firstName',
    'values.lastName',
    'values.email',
    'values.phone',
    'values.address.line1',
    'values.address.line2',
    'values.address.postalCode',
    'values.address.city',
  ],
  'case.open': ['trackingCode', 'subject', 'description', 'address'],
  'case.transition': ['comment'],
  'case.transfer': ['comment'],
  'case.update': ['subject', 'description', 'address'],
  'case.reassign': ['comment'],
  'case.comment': ['body'],
  'indicator.save': ['label.fr', 'label.en', 'sources.0.question'],
  'answer.tag': ['question', 'theme'],
  'answer.untag': [],
  'case.tag': ['theme'],
  'case.untag': ['theme'],
  'outcome.save': ['title.fr', 'title.en', 'body.fr', 'body.en'],
  'outcome.publish': [],
  'survey.save': ['purpose.fr', 'purpose.en'],
  'survey.setStatus': [],
  'surveyCollector.save': ['label'],
  'surveyResponse.record': ['note'],
};
const textField = fc.constantFrom(
  ...Object.entries(textFields).flatMap(([name, paths]) => paths.map((path) => ({ name: name as MutationName, path }))),
);

function withText(args: Record<string, unknown>, path: string, text: string): Record<string, unknown> {
  const keys = path.split('.');
  let target = args;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1) as string] = text;
  return args;
}

// Arguments no client builds: nested past any limit, or too large, written as raw JSON text.
const hostileArgs = fc.oneof(
  fc.integer({ min: 33, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 33, max: 20_000 }).map((depth) => '{"caseId":'.repeat(depth) + 'null' + '}'.repeat(depth)),
  fc.integer({ min: 65, max: 300 }).map((kib) => JSON.stringify({ body: 'x'.repeat(kib * 1024) })),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.dictionary(hostileText, hostileText, { maxKeys: 4 }).map((value) => JSON.stringify(value)),
);

describe.each(dbKinds)('hostile text and arguments, whatever the field, on %s', (kind) => {
  let testDb: CentralTestDb;
  let app: FastifyInstance;
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  let desk: TestWorkspace;
  let agent: Agent;
  let caseId: string;
  let citizenId: string;

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
    city = await buildSyncCity(testDb.db);
    app = await buildTestServer(testDb, { plugins: [syncRoutes()] });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    desk = await signedInWorkspace(url, 'camille@ville.example');
    agent = desk.services.session.currentAgent()!;
    caseId = desk.services.cases.open(agent, { categoryId: city.potHole.id, channel: 'phone', subject: 'Nid-de-poule' }).id;
    citizenId = desk.services.citizens.create(agent, { firstName: 'Léa', lastName: 'Martin' }).id;
    await desk.services.sync.engine.sync();
  });
  afterAll(async () => {
    desk?.close();
    await app?.close();
    await testDb?.close();
  });

  /** Valid arguments as the replica knows the rows now (their versions and status). */
  function argsOf(name: MutationName): Record<string, unknown> {
    const current = desk.replica.db.select().from(cases).where(eq(cases.id, caseId)).get()!;
    const person = desk.replica.db.select().from(citizens).where(eq(citizens.id, citizenId)).get()!;
    const address = { line1: '3 rue des Lilas', line2: null, postalCode: '75011', city: 'Rivebelle' };
    const values = { firstName: 'Léa', lastName: 'Martin', email: 'lea@exemple.fr', phone: '0612345678', address };
    const eventId = uuidv7();
    const other =
      current.departmentId === city.voirie.id
        ? { departmentId: city.voirie.id, categoryId: city.certificate.id }
        : { departmentId: city.etatCivil.id, categoryId: city.potHole.id };
    const table: Record<MutationName, Record<string, unknown>> = {
      'citizen.create': { id: uuidv7(), ...values },
      'citizen.update': { id: citizenId, expectedVersion: person.version, values },
      'case.open': {
        id: uuidv7(),
        trackingCode: uuidv7().slice(-9),
        eventId,
        categoryId: city.potHole.id,
        channel: 'phone',
        subject: 'Trou',
        description: '',
        address: 'Rue',
      },
      'case.transition': { caseId, action: 'cancel', expectedStatus: current.status, comment: 'Doublon', eventId },
      'case.transfer': { caseId, expectedDepartmentId: other.departmentId, categoryId: other.categoryId, comment: 'Pour vous', eventId },
      'case.update': { caseId, expectedVersion: current.version, subject: 'Trou', description: 'Profond', address: 'Rue', eventId },
      'case.reassign': { caseId, assigneeId: agent.id, comment: 'Congés', eventId },
      'case.comment': { caseId, visibility: 'internal', body: 'Rappeler', eventId },
      'indicator.save': {
        id: uuidv7(),
        departmentId: city.voirie.id,
        label: { fr: 'Satisfaction', en: '' },
        sources: [{ surveyId: uuidv7(), question: 'q1', favourable: [4, 5] }],
      },
      'answer.tag': { id: uuidv7(), responseId: uuidv7(), question: 'q1', theme: 'Horaires' },
      'answer.untag': { id: uuidv7() },
      // The desk's case is a report, not feedback: refused (CASE_NOT_FEEDBACK, RESOURCE_NOT_FOUND) without blocking the queue.
      'case.tag': { caseId, theme: 'Horaires' },
      'case.untag': { caseId, theme: 'Horaires' },
      'outcome.save': {
        id: uuidv7(),
        departmentId: city.voirie.id,
        title: { fr: 'Horaires élargis', en: '' },
        body: { fr: 'Ouvert le dimanche', en: '' },
        surveyIds: [],
        caseIds: [],
        expectedVersion: null,
      },
      'outcome.publish': { id: uuidv7(), expectedVersion: 1 },
      // The desk agent designs no survey and none is open: these are refused, and must not block the queue either.
      'survey.save': {
        id: uuidv7(),
        departmentId: city.voirie.id,
        anonymity: 'anonymous',
        purpose: { fr: 'Mieux vous servir', en: '' },
        definition: { pages: [] },
        opensOn: null,
        closesOn: null,
        expectedVersion: null,
      },
      'survey.setStatus': { id: uuidv7(), from: 'draft', to: 'open' },
      'surveyCollector.save': { id: uuidv7(), surveyId: uuidv7(), label: 'Mairie', settings: { kind: 'kiosk' }, status: 'active' },
      'surveyResponse.record': {
        id: uuidv7(),
        surveyId: uuidv7(),
        channel: 'counter',
        collectorId: null,
        citizenId: null,
        caseId: null,
        answers: {},
        note: 'Avis',
      },
    };
    return table[name];
  }

  /** What an old client left in its outbox: the mutation as it was typed, never checked by the shared schemas. */
  function queueUnchecked(name: MutationName, args: Record<string, unknown>): number {
    const mutationId = nextMutationId(desk.replica.db);
    desk.replica.db
      .insert(pendingMutations)
      .values({
        mutationId,
        clientId: readMeta(desk.replica.db, 'client_id')!,
        agentId: agent.id,
        name,
        args,
        createdAt: new Date().toISOString(),
        undo: [],
      })
      .run();
    return mutationId;
  }

  async function expectConverged(): Promise<void> {
    const pick = (row: { id: string; subject: string; description: string; address: string | null; status: string; version: number }) => [
      row.id,
      row.subject,
      row.description,
      row.address,
      row.status,
      row.version,
    ];
    const serverCases = await testDb.db.select().from(centralCases).orderBy(asc(centralCases.id));
    expect(desk.replica.db.select().from(cases).orderBy(asc(cases.id)).all().map(pick)).toEqual(serverCases.map(pick));
    const serverEvents = await testDb.db
      .select({ id: centralEvents.id, data: centralEvents.data })
      .from(centralEvents)
      .orderBy(asc(centralEvents.id));
    expect(desk.replica.db.select({ id: caseEvents.id, data: caseEvents.data }).from(caseEvents).orderBy(asc(caseEvents.id)).all()).toEqual(
      serverEvents,
    );
    const person = (row: {
      id: string;
      firstName: string;
      lastName: string;
      email: string | null;
      addressLine1: string | null;
      version: number;
    }) => [row.id, row.firstName, row.lastName, row.email, row.addressLine1, row.version];
    const serverCitizens = await testDb.db.select().from(centralCitizens).orderBy(asc(centralCitizens.id));
    expect(desk.replica.db.select().from(citizens).orderBy(asc(citizens.id)).all().map(person)).toEqual(serverCitizens.map(person));
  }

  it('never blocks the queue of a replica: the next change applies, and replica and server converge', async () => {
    await fc.assert(
      fc.asyncProperty(textField, hostileText, async ({ name, path }, text) => {
        queueUnchecked(name, withText(argsOf(name), path, text));
        const good = desk.services.cases.comment(agent, { caseId, visibility: 'internal', body: 'Toujours là' });
        await desk.services.sync.engine.sync();
        expect(desk.services.sync.status()).toMatchObject({ pending: 0, failure: null, online: true });
        const [stored] = await testDb.db.select({ data: centralEvents.data }).from(centralEvents).where(eq(centralEvents.id, good.id));
        expect(stored?.data).toMatchObject({ body: 'Toujours là' });
        await expectConverged();
      }),
      { numRuns: 40 },
    );
  });

  it('never answers a raw push with a 5xx, and applies the mutation after the hostile one', async () => {
    const token = readMeta(desk.replica.db, 'central_token')!;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(textFields) as MutationName[]), 'case.\u0000', '\uD800'),
        hostileArgs,
        async (name, rawArgs) => {
          const eventId = uuidv7();
          const good = JSON.stringify({
            mutationId: 2,
            name: 'case.comment',
            createdAt: new Date().toISOString(),
            args: { caseId, visibility: 'internal', body: 'Après', eventId },
          });
          const hostile = `{"mutationId":1,"name":${JSON.stringify(name)},"createdAt":"${new Date().toISOString()}","args":${rawArgs}}`;
          const payload = `{"clientId":"${uuidv7()}","replicaFormat":1,"mutations":[${hostile},${good}]}`;
          const response = await app.inject({
            method: 'POST',
            url: centralPaths.push,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            payload,
          });
          expect(response.statusCode).toBe(200);
          const { results } = response.json<{ results: { outcome: string }[] }>();
          expect(results.map((result) => result.outcome)).toEqual([expect.stringMatching(/^(applied|rejected|conflict)$/), 'applied']);
          expect(await testDb.db.select({ id: centralEvents.id }).from(centralEvents).where(eq(centralEvents.id, eventId))).toHaveLength(1);
        },
      ),
      { numRuns: 40 },
    );
    // The desk receives what the raw pushes applied, and still converges.
    await desk.services.sync.engine.sync();
    await expectConverged();
  });
});
