import fc from 'fast-check';
import { count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorPayload } from '../../src-shared/errors';
import {
  caseEvents as centralEvents,
  cases as centralCases,
  categories,
  outcomes,
  surveys,
  syncCounter,
} from '../../src-central/db/schema';
import { syncRoutes } from '../../src-central/sync/sync-routes';
import { voiceRoutes } from '../../src-central/voice/voice-routes';
import { cases } from '../../src-main/db/schema';
import { createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { buildSyncCity, signedInWorkspace } from './support/sync-city';
import { buildTestServer } from './support/test-server';

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

describe.each(dbKinds)('the feedback form and the published outcomes, on %s', (kind) => {
  let testDb: CentralTestDb;
  let app: FastifyInstance;
  let city: Awaited<ReturnType<typeof buildSyncCity>>;
  const poolFeedback = uuidv7();

  beforeAll(async () => {
    testDb = await createCentralTestDb({ kind });
    city = await buildSyncCity(testDb.db);
    await testDb.db.insert(categories).values({
      id: poolFeedback,
      departmentId: city.voirie.id,
      serviceCode: 'voirie-avis',
      label: 'Avis sur la voirie',
      kind: 'feedback',
      deadlineDays: 20,
      deadlineKind: 'working',
      defaultPriority: 'low',
      duplicateRadiusM: 0,
      retentionMonths: 36,
      rowVersion: 1,
    });
    app = await buildTestServer(testDb, { plugins: [syncRoutes(), voiceRoutes({ feedbackPerMinute: 600, pagesPerSecond: 1000 })] });
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.close();
  });

  const caseCount = async () => (await testDb.db.select({ n: count() }).from(centralCases))[0]?.n ?? 0;

  it('offers feedback categories only, in an accessible French page under a strict CSP', async () => {
    const page = await app.inject({ method: 'GET', url: '/avis' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain('Voirie — Avis sur la voirie');
    expect(page.body).not.toContain('Nid-de-poule');
    expect(page.body).toMatch(/<label for="comment">/);
    // The consent covers both emails its author may get: the reply, and the outcomes linked to the feedback.
    const text = page.body.replace(/\s+/g, ' ');
    expect(text).toContain(
      "J'accepte que la ville me réponde par email à cette adresse et me dise ce qu'elle change à la suite de mon avis.",
    );
    expect(text).toContain(
      'I agree that the city may answer me by email at this address and tell me what it changes following my feedback.',
    );
    expect(text).toContain('aria-describedby="consent-en"');
  });

  it('records feedback as a feedback case of the category’s department, once however often it is sent, and a workspace there receives it', async () => {
    const before = await caseCount();
    const id = uuidv7();
    const fields = {
      id,
      categoryId: poolFeedback,
      rating: '2',
      comment: 'Trottoir <défoncé> rue des Lilas',
      email: 'lea@exemple.fr',
      consent: 'on',
      via: 'web',
    };
    const sent = await app.inject({ method: 'POST', url: '/avis', ...form(fields) });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Merci, votre avis a bien été reçu.');
    const trackingCode = /<strong>([^<]+)<\/strong>/.exec(sent.body)?.[1];
    expect(trackingCode).toBeDefined();
    const again = await app.inject({ method: 'POST', url: '/avis', ...form(fields) });
    expect(again.statusCode).toBe(200);
    expect(again.body).not.toContain('<strong>');
    expect(await caseCount()).toBe(before + 1);
    const [stored] = await testDb.db.select().from(centralCases).where(eq(centralCases.id, id));
    expect(stored).toMatchObject({
      kind: 'feedback',
      departmentId: city.voirie.id,
      channel: 'web',
      trackingCode,
      citizenId: null,
      subject: 'Avis 2/5 : Trottoir <défoncé> rue des Lilas',
      status: 'new',
    });
    const [created] = await testDb.db.select().from(centralEvents).where(eq(centralEvents.caseId, id));
    expect(created?.data).toEqual({ channel: 'web', rating: 2, contact: { email: 'lea@exemple.fr', consent: true, outcomes: true } });
    const desk = await signedInWorkspace(`http://127.0.0.1:${await listening(app)}`, 'terrain@ville.example');
    try {
      expect(desk.replica.db.select({ id: cases.id, kind: cases.kind }).from(cases).where(eq(cases.id, id)).all()).toEqual([
        { id, kind: 'feedback' },
      ]);
    } finally {
      desk.close();
    }
  });

  it('sends the form back with the errors named and nothing saved; JSON gets coded errors', async () => {
    const before = await caseCount();
    const sent = await app.inject({
      method: 'POST',
      url: '/avis',
      ...form({ id: uuidv7(), categoryId: poolFeedback, rating: '9', comment: 'Bien', email: 'pas-une-adresse' }),
    });
    expect(sent.statusCode).toBe(400);
    expect(sent.body).toContain('data-error-code="VALIDATION_FAILED"');
    expect(sent.body).toContain('Choisissez une note de 1 à 5.');
    expect(sent.body).toContain('Cette adresse email ne semble pas valide.');
    // What the citizen typed is kept.
    expect(sent.body).toMatch(/>\s*Bien<\/textarea>/);
    const report = await app.inject({
      method: 'POST',
      url: '/avis',
      ...form({ id: uuidv7(), categoryId: city.potHole.id, rating: '4', comment: 'Pas un avis' }),
    });
    expect(report.statusCode).toBe(400);
    expect(report.body).toContain('Choisissez le service concerné.');
    const json = await app.inject({ method: 'POST', url: '/avis', payload: { id: 'x', rating: 3 } });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await caseCount()).toBe(before);
  });

  it('shows published outcomes only, escaped, never their cases', async () => {
    const surveyId = uuidv7();
    await testDb.db.insert(surveys).values({
      id: surveyId,
      departmentId: city.voirie.id,
      status: 'closed',
      opensOn: null,
      closesOn: null,
      anonymity: 'anonymous',
      purpose: { fr: 'x', en: '' },
      definition: { title: { default: 'Trottoirs 2026', fr: 'Trottoirs 2026' }, pages: [] },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
      rowVersion: 1,
    });
    const outcome = (title: string, status: 'draft' | 'published', publishedAt: string | null) => ({
      id: uuidv7(),
      departmentId: city.voirie.id,
      title: { fr: title, en: '' },
      body: { fr: `${title}, en détail.\n\nSecond paragraphe <b>gras</b>.`, en: '' },
      surveyIds: [surveyId],
      caseIds: [uuidv7()],
      status,
      publishedAt,
      createdAt: '2026-02-01T00:00:00.000Z',
      updatedAt: '2026-02-01T00:00:00.000Z',
      version: 1,
      rowVersion: 1,
    });
    const published = outcome('Trottoirs refaits rue des Lilas', 'published', '2026-02-10T09:00:00.000Z');
    await testDb.db.insert(outcomes).values([published, outcome('Projet secret', 'draft', null)]);
    const page = await app.inject({ method: 'GET', url: '/resultats' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Vous avez dit, nous avons fait');
    expect(page.body).toContain('Trottoirs refaits rue des Lilas');
    expect(page.body).toContain('Second paragraphe &lt;b&gt;gras&lt;/b&gt;.');
    expect(page.body).toContain('Trottoirs 2026');
    expect(page.body).toContain('10 février 2026');
    expect(page.body).not.toContain('Projet secret');
    const json = await app.inject({ method: 'GET', url: '/api/public/outcomes' });
    const [shown] = json.json<{ outcomes: Record<string, unknown>[] }>().outcomes;
    expect(Object.keys(shown ?? {}).sort()).toEqual(['body', 'department', 'id', 'publishedAt', 'surveys', 'title']);
    expect(JSON.stringify(json.json())).not.toContain(published.caseIds[0]);
  });

  it('limits each address', async () => {
    const limited = await buildTestServer(testDb, { plugins: [voiceRoutes({ feedbackPerMinute: 1, pagesPerSecond: 1 })] });
    try {
      const answers = [];
      for (let index = 0; index < 7; index++)
        answers.push(
          await limited.inject({
            method: 'POST',
            url: '/avis',
            remoteAddress: '203.0.113.9',
            ...form({ id: uuidv7(), categoryId: poolFeedback, rating: '1', comment: 'x' }),
          }),
        );
      const refused = answers.at(-1);
      // A form posted from the page gets a page a person reads; a JSON caller gets the code.
      expect(refused?.statusCode).toBe(429);
      expect(refused?.headers['content-type']).toContain('text/html');
      expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused?.body).toContain('<h1>Trop de demandes</h1>');
      const json = await limited.inject({
        method: 'POST',
        url: '/avis',
        remoteAddress: '203.0.113.9',
        headers: { 'content-type': 'application/json' },
        payload: { id: uuidv7(), categoryId: poolFeedback, rating: '1', comment: 'x' },
      });
      expect(json.statusCode).toBe(429);
      expect(json.json()).toMatchObject({ code: 'RATE_LIMITED' });
      const pages = [];
      for (let index = 0; index < 40; index++)
        pages.push(await limited.inject({ method: 'GET', url: '/avis', remoteAddress: '203.0.113.11' }));
      expect(pages.at(-1)?.statusCode).toBe(429);
      expect(pages.at(-1)?.body).toContain('<h1>Trop de demandes</h1>');
      // Another address is not held back by the first one's.
      const other = await limited.inject({ method: 'GET', url: '/resultats', remoteAddress: '203.0.113.10' });
      expect(other.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('answers fuzzed forms and queries with pages or coded errors, never a 5xx, and saves only whole feedback', async () => {
    const field = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(poolFeedback, city.potHole.id, '3', 'on', ''),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('id', 'categoryId', 'rating', 'comment', 'email', 'consent', 'via', '__proto__', 'x'), field, {
          maxKeys: 8,
        }),
        fc.constantFrom('form', 'json', 'text'),
        fc.string({ maxLength: 40 }),
        async (fields, encoding, query) => {
          const before = await caseCount();
          const payload =
            encoding === 'form'
              ? form(fields)
              : encoding === 'json'
                ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(fields) }
                : { headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(fields) };
          const posted = await app.inject({ method: 'POST', url: '/avis', ...payload });
          expect(posted.statusCode).toBeLessThan(500);
          if (posted.statusCode >= 400 && String(posted.headers['content-type']).startsWith('application/json'))
            expect(isErrorPayload(posted.json())).toBe(true);
          const after = await caseCount();
          if (posted.statusCode !== 200) expect(after).toBe(before);
          else expect(after - before).toBeLessThanOrEqual(1);
          for (const url of [
            `/resultats?${query}`,
            `/api/public/outcomes?before=${encodeURIComponent(query)}`,
            `/avis?c=${encodeURIComponent(query)}`,
          ]) {
            const read = await app.inject({ method: 'GET', url });
            expect(read.statusCode).toBeLessThan(500);
          }
        },
      ),
      { numRuns: 60 },
    );
    // The sync counter moved for each accepted feedback only: no version was taken by a refused one.
    expect((await testDb.db.select().from(syncCounter))[0]?.version).toBeGreaterThan(0);
  });
});

async function listening(app: FastifyInstance): Promise<number> {
  if (app.server.listening) return (app.server.address() as { port: number }).port;
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as { port: number }).port;
}
