import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { surveyCollectors, surveyInvitations, surveyResponses } from '../../src-central/db/schema';
import { publicRoutes, type PublicRoutesOptions } from '../../src-central/public/public-routes';
import type { ChangeNotice } from '../../src-central/bus';
import { publicPaths } from '../../src-shared/http/public-paths';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { emailSettings, surveyBuilders } from './support/survey-builders';
import { buildTestServer } from './support/test-server';

const generous: PublicRoutesOptions['limits'] = { reads: { ratePerSecond: 0, burst: 1 }, answers: { ratePerSecond: 0, burst: 1 } };
/** Stands for the built pages (npm run build:public): the service sends it for an open survey's page. */
const publicDir = mkdtempSync(join(tmpdir(), 'guichet-public-'));
writeFileSync(join(publicDir, 'index.html'), '<!doctype html><html lang="fr"><title>Guichet participation</title></html>');
afterAll(() => rmSync(publicDir, { recursive: true, force: true }));

describe.each(dbKinds)('public answers (%s)', (kind) => {
  const testDb = useCentralTestDb(kind);
  let app: FastifyInstance;
  let build: ReturnType<typeof surveyBuilders>;

  const start = async (options: PublicRoutesOptions = { limits: generous }) => {
    app = await buildTestServer(testDb(), { plugins: [publicRoutes({ publicDir, ...options })] });
  };
  beforeEach(async () => {
    build = surveyBuilders(testDb().db);
  });
  afterEach(async () => {
    await app?.close();
  });

  const answer = (surveyId: string, body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: publicPaths.responses(surveyId), payload: { id: randomUUID(), channel: 'link', ...body } });
  const responsesOf = (surveyId: string) => testDb().db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));

  it('stores a link answer once, and answers a resend of the same id as a duplicate', async () => {
    await start();
    const survey = await build.buildSurvey();
    const id = randomUUID();
    const body = { id, channel: 'link', answers: { satisfaction: 4, venue: 'mairie' } };
    const first = await app.inject({ method: 'POST', url: publicPaths.responses(survey.id), payload: body });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id, duplicate: false });
    // The same answer again, keys in another order: counted once.
    const again = await app.inject({
      method: 'POST',
      url: publicPaths.responses(survey.id),
      payload: { channel: 'link', answers: { venue: 'mairie', satisfaction: 4 }, id },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id, duplicate: true });
    const rows = await responsesOf(survey.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'link', citizenId: null, profile: null, departmentId: survey.departmentId, agentId: null });
    expect(rows[0]?.rowVersion).toBeGreaterThan(0);
  });

  it('refuses another answer under a taken id with ID_TAKEN and keeps the first', async () => {
    await start();
    const survey = await build.buildSurvey();
    const id = randomUUID();
    expect((await answer(survey.id, { id, answers: { satisfaction: 4 } })).statusCode).toBe(201);
    const other = await answer(survey.id, { id, answers: { satisfaction: 1 } });
    expect(other.statusCode).toBe(400);
    expect(other.json().code).toBe('ID_TAKEN');
    const rows = await responsesOf(survey.id);
    expect(rows.map((row) => row.answers)).toEqual([{ satisfaction: 4 }]);
  });

  it('refuses answers that do not fit the definition, naming the questions', async () => {
    await start();
    const survey = await build.buildSurvey();
    const refused = await answer(survey.id, { answers: { satisfaction: 9, unknown: 'x' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({
      code: 'SURVEY_ANSWERS_INVALID',
      args: {
        problems: expect.arrayContaining([
          { code: 'invalid_value', question: 'satisfaction' },
          { code: 'unknown_question', question: 'unknown' },
        ]),
      },
    });
    const missing = await answer(survey.id, { answers: { venue: 'mairie' } });
    expect(missing.json().args.problems).toEqual([{ code: 'required_missing', question: 'satisfaction' }]);
    expect(await responsesOf(survey.id)).toHaveLength(0);
  });

  it('keeps drafts invisible and closed surveys closed, on pages, definitions and answers', async () => {
    await start();
    const draft = await build.buildSurvey({ status: 'draft' });
    const closed = await build.buildSurvey({ status: 'closed' });
    const past = await build.buildSurvey({ closesOn: '2020-01-31' });
    const future = await build.buildSurvey({ opensOn: '2999-01-01' });
    const open = await build.buildSurvey();

    const definition = await app.inject({ url: publicPaths.surveyApi(open.id) });
    expect(definition.statusCode).toBe(200);
    // The definition and purpose only: not the department, the status history, nor any response.
    expect(Object.keys(definition.json()).sort()).toEqual(['anonymity', 'closesOn', 'definition', 'id', 'purpose']);

    for (const [survey, code, page, status] of [
      [draft, 'SURVEY_NOT_FOUND', 404, 404],
      [{ id: randomUUID() }, 'SURVEY_NOT_FOUND', 404, 404],
      [closed, 'SURVEY_CLOSED', 409, 410],
      [past, 'SURVEY_CLOSED', 409, 410],
      [future, 'SURVEY_CLOSED', 409, 409],
    ] as const) {
      const api = await app.inject({ url: publicPaths.surveyApi(survey.id) });
      expect([api.statusCode, api.json().code]).toEqual([page, code]);
      const posted = await answer(survey.id, { answers: { satisfaction: 3 } });
      expect([posted.statusCode, posted.json().code]).toEqual([page, code]);
      const html = await app.inject({ url: publicPaths.survey(survey.id) });
      expect(html.statusCode).toBe(status);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const closedPage = await app.inject({ url: publicPaths.survey(closed.id) });
    expect(closedPage.body).toContain('Ce questionnaire est clos');
    const draftPage = await app.inject({ url: publicPaths.survey(draft.id) });
    expect(draftPage.body).toContain('Questionnaire introuvable');
    // Not one of them let an answer through.
    expect(await testDb().db.select({ id: surveyResponses.id }).from(surveyResponses)).toEqual([]);
  });

  it('uses an emailed token once: the answer, its invitation and its campaign count in one transaction', async () => {
    await start();
    const survey = await build.buildSurvey({ anonymity: 'identified' });
    const campaign = await build.buildCollector(survey, emailSettings, 'Campagne printemps');
    const citizen = await build.buildCitizen('75011');
    const otherDepartment = await build.buildDepartment();
    await build.buildCase(citizen.id, otherDepartment.id, new Date(Date.now() - 30 * 86_400_000).toISOString());
    await build.buildCase(citizen.id, survey.departmentId, new Date(Date.now() - 800 * 86_400_000).toISOString());
    const token = await build.buildInvitation(campaign, citizen.id);

    const before = await app.inject({ url: `${publicPaths.survey(survey.id)}?t=${token}` });
    expect([before.statusCode, before.body]).toEqual([200, expect.stringContaining('Guichet participation')]);
    const first = await answer(survey.id, { channel: 'email', token, answers: { satisfaction: 5 } });
    expect(first.statusCode).toBe(201);
    const second = await answer(survey.id, { channel: 'email', token, answers: { satisfaction: 2 } });
    expect([second.statusCode, second.json().code]).toEqual([409, 'SURVEY_TOKEN_USED']);

    const rows = await responsesOf(survey.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: 'email',
      collectorId: campaign.id,
      citizenId: citizen.id,
      // Identity and profile never together: the department would learn which others the named citizen dealt with.
      profile: null,
    });
    const [invitation] = await testDb().db.select().from(surveyInvitations).where(eq(surveyInvitations.collectorId, campaign.id));
    expect(invitation?.status).toBe('answered');
    expect(invitation?.answeredAt).not.toBeNull();
    const [collector] = await testDb().db.select().from(surveyCollectors).where(eq(surveyCollectors.id, campaign.id));
    expect(collector?.stats.responded).toBe(1);
    // The response and the count were written in one version (one push), after the collector's own.
    expect(collector?.rowVersion).toBe(rows[0]?.rowVersion);

    const page = await app.inject({ url: `${publicPaths.survey(survey.id)}?t=${token}` });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('Vous avez déjà répondu, merci');
  });

  it('takes the reminder’s own link, and lands a closed case’s invitation on its case through the after-a-case channel', async () => {
    await start();
    const survey = await build.buildSurvey({ anonymity: 'identified' });
    const campaign = await build.buildCollector(survey, emailSettings);
    const reminded = await build.buildInvitation(campaign, (await build.buildCitizen()).id, { reminded: true });
    expect((await answer(survey.id, { channel: 'email', token: reminded, answers: { satisfaction: 4 } })).statusCode).toBe(201);
    const afterCase = await build.buildCollector(survey, { kind: 'afterCase', categoryIds: [randomUUID()] });
    const citizen = await build.buildCitizen();
    const caseId = await build.buildCase(citizen.id, survey.departmentId, new Date().toISOString());
    const token = await build.buildInvitation(afterCase, citizen.id, { caseId });
    expect((await answer(survey.id, { channel: 'email', token, answers: { satisfaction: 5 } })).statusCode).toBe(201);
    const rows = await responsesOf(survey.id);
    expect(rows.map((row) => [row.channel, row.collectorId, row.caseId])).toEqual(
      expect.arrayContaining([
        ['email', campaign.id, null],
        ['case', afterCase.id, caseId],
      ]),
    );
  });

  it('stamps a profile only on an answer that names no one: not beside a case, not beside a citizen', async () => {
    await start();
    const anonymous = await build.buildSurvey({ anonymity: 'anonymous' });
    const otherDepartment = await build.buildDepartment();
    const citizen = await build.buildCitizen('75011');
    // Only the case of the last twelve months counts.
    await build.buildCase(citizen.id, otherDepartment.id, new Date(Date.now() - 30 * 86_400_000).toISOString());
    await build.buildCase(citizen.id, anonymous.departmentId, new Date(Date.now() - 800 * 86_400_000).toISOString());
    const campaign = await build.buildCollector(anonymous, emailSettings);
    const emailed = await build.buildInvitation(campaign, citizen.id);
    expect((await answer(anonymous.id, { channel: 'email', token: emailed, answers: { satisfaction: 4 } })).statusCode).toBe(201);
    // A closed case's answer names its case, whose citizen the department knows: no profile beside it.
    const afterCase = await build.buildCollector(anonymous, { kind: 'afterCase', categoryIds: [randomUUID()] });
    const caseId = await build.buildCase(citizen.id, anonymous.departmentId, new Date().toISOString());
    const closed = await build.buildInvitation(afterCase, citizen.id, { caseId });
    expect((await answer(anonymous.id, { channel: 'email', token: closed, answers: { satisfaction: 2 } })).statusCode).toBe(201);
    const rows = await responsesOf(anonymous.id);
    expect(rows.map((row) => [row.channel, row.citizenId, row.caseId, row.profile])).toEqual(
      expect.arrayContaining([
        ['email', null, null, { departmentsWithCase: [otherDepartment.id], area: '75011' }],
        ['case', null, caseId, null],
      ]),
    );
    expect(rows).toHaveLength(2);
  });

  it('lets one of many concurrent answers through one emailed token', async () => {
    await start();
    const survey = await build.buildSurvey();
    const campaign = await build.buildCollector(survey, emailSettings);
    const token = await build.buildInvitation(campaign, (await build.buildCitizen()).id);
    // Concurrent pushes share a transaction (group commit): each sees the invitation its predecessor used.
    const sends = await Promise.all(
      Array.from({ length: 8 }, (_, index) => answer(survey.id, { channel: 'email', token, answers: { satisfaction: 1 + (index % 5) } })),
    );
    expect(sends.map((send) => send.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await responsesOf(survey.id)).toHaveLength(1);
    const [collector] = await testDb().db.select().from(surveyCollectors).where(eq(surveyCollectors.id, campaign.id));
    expect(collector?.stats.responded).toBe(1);
  });

  it('keeps no citizen on an anonymous survey answered by email, but stamps the profile', async () => {
    await start();
    const survey = await build.buildSurvey({ anonymity: 'anonymous' });
    const campaign = await build.buildCollector(survey, emailSettings);
    const citizen = await build.buildCitizen('69003');
    const token = await build.buildInvitation(campaign, citizen.id);
    expect((await answer(survey.id, { channel: 'email', token, answers: { satisfaction: 3 } })).statusCode).toBe(201);
    const [row] = await responsesOf(survey.id);
    expect(row).toMatchObject({ channel: 'email', citizenId: null, profile: { departmentsWithCase: [], area: '69003' } });
  });

  it('refuses a token of another survey, a made-up token and an email answer without one, writing nothing', async () => {
    await start();
    const survey = await build.buildSurvey();
    const other = await build.buildSurvey();
    const campaign = await build.buildCollector(other, emailSettings);
    const token = await build.buildInvitation(campaign, (await build.buildCitizen()).id);
    for (const body of [
      { channel: 'email', token, answers: { satisfaction: 3 } },
      { channel: 'email', token: 'x'.repeat(43), answers: { satisfaction: 3 } },
      { channel: 'email', answers: { satisfaction: 3 } },
    ]) {
      const refused = await answer(survey.id, body);
      expect([refused.statusCode, refused.json().code]).toEqual([400, 'SURVEY_TOKEN_INVALID']);
    }
    expect(await responsesOf(survey.id)).toHaveLength(0);
    const [invitation] = await testDb().db.select().from(surveyInvitations);
    expect(invitation?.status).toBe('sent');
  });

  it('takes a kiosk answer only with one of the survey’s kiosks', async () => {
    await start();
    const survey = await build.buildSurvey();
    const kiosk = await build.buildCollector(survey, { kind: 'kiosk' });
    const meeting = await build.buildCollector(survey, { kind: 'meeting', date: '2026-03-01' }, 'Réunion de quartier');
    const foreign = await build.buildCollector(await build.buildSurvey(), { kind: 'kiosk' });
    expect((await answer(survey.id, { channel: 'kiosk', collectorId: kiosk.id, answers: { satisfaction: 5 } })).statusCode).toBe(201);
    expect((await answer(survey.id, { channel: 'link', collectorId: meeting.id, answers: { satisfaction: 5 } })).statusCode).toBe(201);
    for (const body of [
      { channel: 'kiosk', answers: { satisfaction: 5 } },
      { channel: 'kiosk', collectorId: foreign.id, answers: { satisfaction: 5 } },
      { channel: 'kiosk', collectorId: meeting.id, answers: { satisfaction: 5 } },
      { channel: 'link', collectorId: kiosk.id, answers: { satisfaction: 5 } },
    ]) {
      const refused = await answer(survey.id, body);
      expect([refused.statusCode, refused.json().code]).toEqual([404, 'SURVEY_COLLECTOR_NOT_FOUND']);
    }
    const rows = await responsesOf(survey.id);
    expect(rows.map((row) => [row.channel, row.collectorId]).sort()).toEqual([
      ['kiosk', kiosk.id],
      ['link', meeting.id],
    ]);
    const kioskApi = await app.inject({ url: publicPaths.kioskApi(kiosk.id) });
    expect(kioskApi.json()).toMatchObject({ collectorId: kiosk.id, label: 'Hall de la mairie', survey: { id: survey.id } });
    expect((await app.inject({ url: publicPaths.kioskApi(meeting.id) })).json().code).toBe('SURVEY_COLLECTOR_NOT_FOUND');
  });

  it('counts concurrent resends of one answer once', async () => {
    await start();
    const survey = await build.buildSurvey();
    const id = randomUUID();
    const sends = await Promise.all(
      Array.from({ length: 12 }, () =>
        app.inject({
          method: 'POST',
          url: publicPaths.responses(survey.id),
          payload: { id, channel: 'link', answers: { satisfaction: 2 } },
        }),
      ),
    );
    expect(sends.map((send) => send.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(await responsesOf(survey.id)).toHaveLength(1);
  });

  it('takes a crowd of answers in shared transactions: each stored once under its own version, poked in a few notices', async () => {
    await start();
    const survey = await build.buildSurvey();
    const notices: ChangeNotice[] = [];
    const stop = app.central.bus.subscribe((notice) => notices.push(notice));
    const crowd = 120;
    const sends = await Promise.all(
      Array.from({ length: crowd }, (_, index) => answer(survey.id, { answers: { satisfaction: 1 + (index % 5) } })),
    );
    stop();
    expect(sends.every((send) => send.statusCode === 201)).toBe(true);
    const rows = await responsesOf(survey.id);
    expect(rows).toHaveLength(crowd);
    // Versions strictly ordered: one each, none shared, so a pull by version misses none.
    expect(new Set(rows.map((row) => row.rowVersion)).size).toBe(crowd);
    // On PostgreSQL a notice is a NOTIFY: those of answers committed together leave as one (on PGlite a notice
    // stays in the process and leaves at once). The last names the survey's department, up to the last version.
    if (kind === 'postgres') expect(notices.length).toBeLessThan(crowd / 4);
    expect(notices.at(-1)).toEqual({ departments: [survey.departmentId], version: Math.max(...rows.map((row) => row.rowVersion)) });
  });

  it('limits answers per client address with a coded 429 and Retry-After', async () => {
    await start({ limits: { reads: { ratePerSecond: 1, burst: 2 }, answers: { ratePerSecond: 0.5, burst: 2 } } });
    const survey = await build.buildSurvey();
    const from = (remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: publicPaths.responses(survey.id),
        remoteAddress,
        payload: { id: randomUUID(), channel: 'link', answers: { satisfaction: 1 } },
      });
    expect((await from('203.0.113.7')).statusCode).toBe(201);
    expect((await from('203.0.113.7')).statusCode).toBe(201);
    const limited = await from('203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ code: 'RATE_LIMITED', args: { retryAfterSeconds: 2 } });
    expect(limited.headers['retry-after']).toBe('2');
    // Another address is not held back by the first.
    expect((await from('198.51.100.9')).statusCode).toBe(201);
    expect(await responsesOf(survey.id)).toHaveLength(3);

    const reads = [];
    for (let index = 0; index < 3; index++)
      reads.push((await app.inject({ url: publicPaths.surveyApi(survey.id), remoteAddress: '203.0.113.8' })).statusCode);
    expect(reads).toEqual([200, 200, 429]);
  });

  it('draws QR codes of the public link, from the configured public address', async () => {
    app = await buildTestServer(testDb(), {
      plugins: [publicRoutes({ limits: generous })],
      config: { publicUrl: 'https://participer.ville.example' },
    });
    const survey = await build.buildSurvey();
    const kiosk = await build.buildCollector(survey, { kind: 'kiosk' });
    const svg = await app.inject({ url: `${publicPaths.survey(survey.id)}/qr.svg` });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    // The code encodes the public address (the same text drawn by the same generator gives the same picture).
    expect(svg.body).toBe(
      await QRCode.toString(`https://participer.ville.example/s/${survey.id}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }),
    );
    const png = await app.inject({ url: `${publicPaths.kiosk(kiosk.id)}/qr.png` });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    // Poster resolution: the PNG's width (IHDR) is 2,000 pixels.
    expect(png.rawPayload.readUInt32BE(16)).toBe(2000);
    const draft = await build.buildSurvey({ status: 'draft' });
    expect((await app.inject({ url: `${publicPaths.survey(draft.id)}/qr.svg` })).statusCode).toBe(404);
  });
});
