import { asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseEvents, mutationLog } from '../../src-central/db/schema';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildSyncCity, password } from './support/sync-city';
import { buildTestServer } from './support/test-server';
import { centralPaths } from '../../src-shared/http/endpoints';

const createdAt = '2026-03-02T09:00:00.000Z';

// An old or hostile client skips the shared schemas: whatever one mutation holds, the central service
// refuses that mutation with a code and applies the next one (docs/security/hostile-text.md: one bad write never blocks the queue).
describe.each(dbKinds)('a pushed mutation holding hostile content on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  let app: FastifyInstance;
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  let token: string;
  let caseId: string;

  beforeEach(async () => {
    city = await buildSyncCity(testDb().db);
    app = await buildTestServer(testDb(), { plugins: [syncRoutes()] });
    const signIn = await app.inject({ method: 'POST', url: centralPaths.signIn, payload: { email: 'camille@ville.example', password } });
    token = signIn.json<{ token: string }>().token;
    caseId = uuidv7();
    const opened = await push(uuidv7(), [
      {
        name: 'case.open',
        args: {
          id: caseId,
          trackingCode: caseId.slice(-9),
          eventId: uuidv7(),
          categoryId: city.potHole.id,
          channel: 'phone',
          subject: 'Nid-de-poule',
        },
      },
    ]);
    expect(opened.json()).toMatchObject({ results: [{ outcome: 'applied' }] });
  });
  afterEach(async () => {
    await app.close();
  });

  /** A push whose arguments are written as raw JSON text, so that no encoder of the test's own limits is in the way. */
  function push(clientId: string, mutations: { name: string; args?: unknown; rawArgs?: string }[]) {
    const listed = mutations.map(
      ({ name, args, rawArgs }, index) =>
        `{"mutationId":${index + 1},"name":${JSON.stringify(name)},"createdAt":"${createdAt}","args":${rawArgs ?? JSON.stringify(args)}}`,
    );
    const payload = `{"clientId":"${clientId}","replicaFormat":1,"mutations":[${listed.join(',')}]}`;
    return app.inject({
      method: 'POST',
      url: centralPaths.push,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload,
    });
  }
  const comment = (body: string) => ({ name: 'case.comment', args: { caseId, visibility: 'internal', body, eventId: uuidv7() } });
  const outcomes = (response: Awaited<ReturnType<typeof push>>) =>
    response
      .json<{ results: { outcome: string; error: { code: string; args: { issues?: { code: string }[] } } | null }[] }>()
      .results.map((result) => [result.outcome, result.error?.code ?? null, result.error?.args.issues?.[0]?.code ?? null]);

  it.each([
    ['NUL in a comment', () => comment('Rappel\u0000demain'), 'invalid_text'],
    ['a lone surrogate in a comment', () => comment('Rappel \uD800'), 'invalid_text'],
    [
      'a lone low surrogate in a subject',
      () => ({
        name: 'case.open',
        args: {
          id: uuidv7(),
          trackingCode: 'K7QM-3XPA',
          eventId: uuidv7(),
          categoryId: city.potHole.id,
          channel: 'phone',
          subject: 'Trou \uDFFF',
        },
      }),
      'invalid_text',
    ],
    ['arguments 10,000 arrays deep', () => ({ name: 'case.comment', rawArgs: '['.repeat(10_000) + ']'.repeat(10_000) }), 'too_deep'],
    [
      'arguments 1,000,000 objects deep',
      () => ({ name: 'case.comment', rawArgs: '{"a":'.repeat(1_000_000) + '1' + '}'.repeat(1_000_000) }),
      'too_deep',
    ],
    [
      'arguments of 100 KiB',
      () => ({ name: 'case.comment', args: { ...comment('Rappel').args, padding: 'x'.repeat(100 * 1024) } }),
      'too_big',
    ],
  ])('%s is refused with a code, and the next mutation applies', async (_label, build, issue) => {
    const hostile = build();
    const clientId = uuidv7();
    const response = await push(clientId, [hostile, comment('Toujours là')]);
    expect(response.statusCode).toBe(200);
    expect(outcomes(response)).toEqual([
      ['rejected', 'VALIDATION_FAILED', issue],
      ['applied', null, null],
    ]);
    const log = await testDb().db.select().from(mutationLog).where(eq(mutationLog.clientId, clientId)).orderBy(asc(mutationLog.mutationId));
    expect(log.map((row) => row.outcome)).toEqual(['rejected', 'applied']);
    // A resend is answered from the log, as refused.
    expect(outcomes(await push(clientId, [hostile, comment('Toujours là')]))).toEqual(outcomes(response));
  });

  // Found by the property test (its counterexample): a key that could poison a prototype refused the whole push.
  it.each([
    ['__proto__', '{"__proto__":""}'],
    ['constructor.prototype', '{"constructor":{"prototype":{"admin":true}}}'],
  ])('refuses arguments holding a %s key as that mutation only, and goes on', async (_label, rawArgs) => {
    const response = await push(uuidv7(), [{ name: 'citizen.create', rawArgs }, comment('Toujours là')]);
    expect(response.statusCode).toBe(200);
    expect(outcomes(response)).toEqual([
      ['rejected', 'VALIDATION_FAILED', expect.any(String)],
      ['applied', null, null],
    ]);
  });

  it('refuses a mutation whose name holds NUL as unknown, and goes on', async () => {
    const response = await push(uuidv7(), [{ name: 'case.\u0000comment', args: {} }, comment('Toujours là')]);
    expect(response.statusCode).toBe(200);
    expect(outcomes(response)).toEqual([
      ['rejected', 'UNKNOWN_MUTATION', null],
      ['applied', null, null],
    ]);
  });

  it('records CONTENT_REFUSED for a mutation the database cannot store, and applies the next one', async () => {
    // A column narrower than the schemas allow: the write fails with 22001 (string data right truncation).
    await testDb().db.execute(sql`alter table cases alter column subject type varchar(12)`);
    try {
      const clientId = uuidv7();
      const tooLong = {
        name: 'case.open',
        args: {
          id: uuidv7(),
          trackingCode: 'K7QM-3XPA',
          eventId: uuidv7(),
          categoryId: city.potHole.id,
          channel: 'phone',
          subject: 'Nid-de-poule rue des Lilas',
        },
      };
      const response = await push(clientId, [comment('Avant'), tooLong, comment('Après')]);
      expect(response.statusCode).toBe(200);
      expect(outcomes(response)).toEqual([
        ['applied', null, null],
        ['rejected', 'CONTENT_REFUSED', null],
        ['applied', null, null],
      ]);
      const bodies = await testDb().db.select({ data: caseEvents.data }).from(caseEvents).where(eq(caseEvents.caseId, caseId));
      expect(
        bodies
          .map((row) => row.data['body'])
          .filter(Boolean)
          .sort(),
      ).toEqual(['Après', 'Avant']);
      expect(outcomes(await push(clientId, [comment('Avant'), tooLong, comment('Après')]))).toEqual(outcomes(response));
    } finally {
      await testDb().db.execute(sql`alter table cases alter column subject type text`);
    }
  });

  it('answers a push body nested a million deep with a coded 400, not a 500', async () => {
    const payload = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    const response = await app.inject({
      method: 'POST',
      url: centralPaths.push,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
