import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyCollectors, surveyInvitations, surveyResponses } from '../../src-central/db/schema';
import { publicRoutes } from '../../src-central/public/public-routes';
import { isErrorPayload } from '../../src-shared/errors';
import { publicPaths } from '../../src-shared/http/public-paths';
import { surveyResponseSchema } from '../../src-shared/schemas/surveys';
import { checkAnswers } from '../../src-shared/surveys';
import { createCentralTestDb, dbKinds, type CentralTestDb } from './support/central-test-db';
import { emailSettings, sampleDefinition, surveyBuilders } from './support/survey-builders';
import { buildTestServer } from './support/test-server';

const printable = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const pathChars = fc.stringMatching(/^[a-zA-Z0-9%./_~:@!$&'()*+,;=-]{0,50}$/);

/**
 * The public pages under hostile input: answers near valid ones (real and made-up ids, tokens, collectors,
 * answers of every shape), any path under /s/, /k/, /p/ and /api/public/, any query. Never a 5xx, every JSON
 * refusal coded, and what was stored is whole: each response fits its survey, each used token has its one
 * response, each campaign's count matches its responses.
 */
describe.each(dbKinds)('public pages under malformed input on %s', (kind) => {
  let testDb: CentralTestDb;
  let app: FastifyInstance;
  const publicDir = mkdtempSync(join(tmpdir(), 'guichet-public-fuzz-'));
  let ids: { open: string; closed: string; draft: string; kiosk: string; meeting: string; campaign: string; tokens: string[] };

  beforeAll(async () => {
    writeFileSync(join(publicDir, 'index.html'), '<!doctype html><html lang="fr"><title>app</title></html>');
    writeFileSync(join(publicDir, 'status.css'), 'body{}');
    testDb = await createCentralTestDb({ kind });
    app = await buildTestServer(testDb, {
      plugins: [publicRoutes({ publicDir, limits: { reads: { ratePerSecond: 0, burst: 1 }, answers: { ratePerSecond: 0, burst: 1 } } })],
    });
    const build = surveyBuilders(testDb.db);
    const open = await build.buildSurvey({ anonymity: 'identified' });
    const closed = await build.buildSurvey({ status: 'closed' });
    const draft = await build.buildSurvey({ status: 'draft' });
    const kiosk = await build.buildCollector(open, { kind: 'kiosk' });
    const meeting = await build.buildCollector(open, { kind: 'meeting', date: '2026-05-04' });
    const campaign = await build.buildCollector(open, emailSettings);
    const tokens = [];
    for (let index = 0; index < 4; index++) tokens.push(await build.buildInvitation(campaign, (await build.buildCitizen()).id));
    ids = { open: open.id, closed: closed.id, draft: draft.id, kiosk: kiosk.id, meeting: meeting.id, campaign: campaign.id, tokens };
  });
  afterAll(async () => {
    await app?.close();
    await testDb?.close();
    rmSync(publicDir, { recursive: true, force: true });
  });

  const someId = () =>
    fc.oneof(fc.constantFrom(ids.open, ids.closed, ids.draft, ids.kiosk, ids.meeting, ids.campaign), fc.uuid(), printable, fc.jsonValue());
  const answers = () =>
    fc.oneof(
      fc.record(
        {
          satisfaction: fc.oneof(fc.integer({ min: -1, max: 7 }), fc.jsonValue()),
          venue: fc.oneof(fc.constantFrom('mairie', 'annexe', 'other', 'ailleurs'), fc.jsonValue()),
          'venue-Comment': fc.oneof(fc.string({ maxLength: 30 }), fc.jsonValue()),
          remarks: fc.oneof(fc.string(), fc.constant('\u0000'), fc.constant('\ud800')),
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue(), { maxKeys: 5 }),
      fc.jsonValue(),
    );
  const answerBody = () =>
    fc.record(
      {
        id: fc.oneof(fc.uuid(), fc.constantFrom('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'), printable),
        answers: answers(),
        channel: fc.oneof(fc.constantFrom('link', 'kiosk', 'email', 'counter'), fc.jsonValue()),
        collectorId: someId(),
        token: fc.oneof(fc.constantFrom(...ids.tokens), fc.stringMatching(/^[A-Za-z0-9_-]{0,70}$/), fc.jsonValue()),
        __proto__: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );

  const request = () => {
    const id = fc.oneof(fc.constantFrom(ids.open, ids.closed, ids.draft, ids.kiosk, ids.meeting), fc.uuid(), pathChars);
    const url = fc.oneof(
      id.map((value) => publicPaths.responses(value)),
      id.map((value) => publicPaths.surveyApi(value)),
      id.map((value) => publicPaths.kioskApi(value)),
      fc
        .tuple(id, fc.constantFrom('', '/qr.svg', '/qr.png'), fc.option(printable.map(encodeURIComponent), { nil: undefined }))
        .map(([value, tail, query]) => `/s/${value}${tail}${query === undefined ? '' : `?t=${query}&c=${query}`}`),
      fc.tuple(id, fc.constantFrom('', '/qr.svg', '/qr.png')).map(([value, tail]) => `/k/${value}${tail}`),
      fc.tuple(fc.constantFrom('/p/', '/p/assets/', '/k/', '/s/', '/api/public/'), pathChars).map(([base, tail]) => base + tail),
    );
    const body = fc.oneof(
      answerBody().map((value) => JSON.stringify(value)),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string(),
      fc.constantFrom('{', 'null', '[]', '{"__proto__":{"x":1}}', 'x'.repeat(300_000)),
    );
    // Answers close to valid ones, to the open survey: they reach the writes (and, valid, are stored).
    const targeted = fc.record({
      method: fc.constant('POST'),
      url: fc.constant(publicPaths.responses(ids.open)),
      headers: fc.constant({ 'content-type': 'application/json' }),
      payload: fc
        .record({
          id: fc.oneof(fc.uuid(), fc.constantFrom('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002')),
          answers: fc.record(
            { satisfaction: fc.integer({ min: 0, max: 6 }), venue: fc.constantFrom('mairie', 'annexe', 'other', 'ailleurs') },
            { requiredKeys: [] },
          ),
          route: fc.oneof(
            fc.constant({ channel: 'link' }),
            fc.constant({ channel: 'link', collectorId: ids.meeting }),
            fc.constant({ channel: 'kiosk', collectorId: ids.kiosk }),
            fc.constantFrom(...ids.tokens).map((token) => ({ channel: 'email', token })),
            fc.constant({ channel: 'kiosk', collectorId: ids.meeting }),
          ),
        })
        .map(({ route, ...body }) => JSON.stringify({ ...body, ...route })),
    });
    const random = fc.record({
      method: fc.constantFrom('GET', 'POST', 'POST', 'HEAD', 'PUT'),
      url: url.filter((value) => URL.canParse(value, 'http://localhost') && new URL(value, 'http://localhost').host === 'localhost'),
      headers: fc.record(
        { 'content-type': fc.oneof(fc.constantFrom('application/json', 'text/plain'), printable), 'accept-encoding': printable },
        { requiredKeys: [] },
      ),
      payload: fc.option(body, { nil: undefined }),
    });
    return fc.oneof(random, targeted);
  };

  it('never answers 5xx, codes every JSON refusal, and stores only whole answers', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request(), async (options) => {
        const answer = await app.inject({ ...options, payload: options.payload } as InjectOptions);
        statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
        expect(answer.statusCode, `${options.method} ${options.url}`).toBeLessThan(500);
        if (answer.statusCode >= 400 && options.method !== 'HEAD' && String(answer.headers['content-type']).includes('json')) {
          expect(isErrorPayload(answer.json()), answer.body.slice(0, 200)).toBe(true);
        }
      }),
      { numRuns: 700 },
    );
    // Valid answers got through as well: the property reached the writes, not only the validation.
    expect(statuses.get(201) ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].some((status) => status === 400)).toBe(true);

    const rows = await testDb.db.select().from(surveyResponses);
    for (const row of rows) {
      const { rowVersion: _version, ...response } = row;
      expect(surveyResponseSchema.safeParse(response).success).toBe(true);
      expect(row.surveyId).toBe(ids.open);
      expect(checkAnswers(sampleDefinition, row.answers)).toEqual([]);
    }
    // Every used token has exactly its one emailed response, and the campaign counted each.
    const emailed = rows.filter((row) => row.channel === 'email');
    const invitations = await testDb.db.select().from(surveyInvitations);
    const answered = invitations.filter((invitation) => invitation.status === 'answered');
    expect(emailed.map((row) => row.citizenId).sort()).toEqual(answered.map((invitation) => invitation.citizenId).sort());
    const [campaign] = (await testDb.db.select().from(surveyCollectors)).filter((collector) => collector.id === ids.campaign);
    expect(campaign?.stats.responded).toBe(emailed.length);
  });

  it('answers a random token with the same page as any other invalid one', async () => {
    const page = await app.inject({ url: `${publicPaths.survey(ids.open)}?t=${randomBytes(32).toString('base64url')}` });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Ce lien n’est pas valide');
  });
});
