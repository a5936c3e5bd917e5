import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { citizens, voiceMailOptOuts } from '../../src-central/db/schema';
import { redactUrl } from '../../src-central/logger';
import { ManualClock } from '../support/manual-clock';
import { linksOf, startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { campaignBuilders, emailSettings } from './support/campaign-city';
import { collectorRow, drain, invitationsOf, publicUrl, useCampaignSenders } from './support/campaign-harness';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildTestServer } from './support/test-server';

const oneClick = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(dbKinds)('unsubscribing from survey emails on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  const senderFor = useCampaignSenders();
  let smtp: TestSmtpServer;
  let clock: ManualClock;
  let app: FastifyInstance;

  beforeEach(async () => {
    smtp = await startTestSmtpServer();
    clock = new ManualClock('2026-03-10T09:00:00.000Z');
    app = await buildTestServer(testDb(), { clock });
  });
  afterEach(async () => {
    await app.close();
    await smtp.close();
  });

  /** A campaign sent to two citizens; their emails' links. */
  async function sentCampaign() {
    const build = campaignBuilders(testDb().db);
    const department = await build.buildDepartment();
    const survey = await build.buildSurvey({ departmentId: department.id });
    const léa = await build.buildCitizen({ firstName: 'Léa', lastName: 'Martin', email: 'lea@exemple.fr' });
    const paul = await build.buildCitizen({ firstName: 'Paul', lastName: 'Durand', email: 'paul@exemple.fr' });
    const collector = await build.buildCollector({
      surveyId: survey.id,
      departmentId: department.id,
      status: 'sending',
      settings: emailSettings(),
    });
    await drain(senderFor(testDb().db, clock, { smtpUrl: smtp.url }), clock);
    const linkOf = (address: string) => {
      const email = smtp.messages.find((message) => message.to[0] === address);
      if (email === undefined) throw new Error(`no email to ${address}`);
      return linksOf(email);
    };
    return { build, department, survey, collector, léa, paul, linkOf };
  }

  const path = (url: string) => url.slice(publicUrl.length);
  const citizen = async (id: string) => (await testDb().db.select().from(citizens).where(eq(citizens.id, id)))[0];

  it('asks before unsubscribing, then withdraws the consent on the citizen file, once, and later campaigns skip them', async () => {
    const { build, department, survey, collector, léa, paul, linkOf } = await sentCampaign();
    const link = linkOf('lea@exemple.fr');

    const page = await app.inject({ method: 'GET', url: path(link.unsubscribe) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain(`<form method="post" action="/u/${link.token}">`);
    // The page names nobody: not the citizen, not the address, not the survey.
    for (const secret of ['Léa', 'Martin', 'lea@exemple.fr', 'piscine']) expect(page.body).not.toContain(secret);
    // A GET (a mail scanner opening the link) changes nothing.
    expect((await citizen(léa.id))?.consentSurveys).toBe(true);

    const done = await app.inject({
      method: 'POST',
      url: path(link.unsubscribe),
      headers: oneClick,
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('C’est noté');
    const after = await citizen(léa.id);
    expect(after?.consentSurveys).toBe(false);
    expect(after?.consentEmail).toBe(true);
    expect(after?.version).toBe(2);
    // Through the service's writes: a new sync version, so the citizen file on workspaces updates.
    expect(after?.rowVersion).toBeGreaterThan(0);
    expect((await citizen(paul.id))?.consentSurveys).toBe(true);
    const invitations = await invitationsOf(testDb().db, collector.id);
    expect(invitations.map((row) => row.status).sort()).toEqual(['sent', 'unsubscribed']);
    expect((await collectorRow(testDb().db, collector.id)).stats.unsubscribed).toBe(1);

    // Idempotent: again, the same page and no new write.
    const again = await app.inject({ method: 'POST', url: path(link.unsubscribe), payload: {} });
    expect(again.statusCode).toBe(200);
    expect((await citizen(léa.id))?.rowVersion).toBe(after?.rowVersion);
    // The page promised no outcome emails either: her address is on the voice's opt-out list.
    expect(await testDb().db.select().from(voiceMailOptOuts)).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: path(link.unsubscribe) })).body).toContain('C’est noté');

    // The next campaign writes to Paul only.
    const next = await build.buildCollector({
      surveyId: survey.id,
      departmentId: department.id,
      status: 'sending',
      settings: emailSettings(),
      label: 'Deuxième vague',
    });
    const before = smtp.messages.length;
    await drain(senderFor(testDb().db, clock, { smtpUrl: smtp.url }), clock);
    expect(smtp.messages.slice(before).map((message) => message.to[0])).toEqual(['paul@exemple.fr']);
    expect((await invitationsOf(testDb().db, next.id)).map((row) => row.citizenId)).toEqual([paul.id]);
  });

  it('answers an unknown or malformed token with the same neutral page, changing nothing', async () => {
    const { léa } = await sentCampaign();
    const unknown = await app.inject({ method: 'GET', url: `/u/${'A'.repeat(43)}` });
    const malformed = await app.inject({ method: 'GET', url: '/u/pas-un-jeton' });
    const posted = await app.inject({
      method: 'POST',
      url: `/u/${'B'.repeat(43)}`,
      headers: oneClick,
      payload: 'List-Unsubscribe=One-Click',
    });
    for (const response of [unknown, malformed, posted]) {
      expect(response.statusCode).toBe(404);
      expect(response.body).toBe(unknown.body);
      expect(response.body).toContain('Ce lien n’est pas valide');
    }
    expect((await citizen(léa.id))?.consentSurveys).toBe(true);
  });

  it('limits the requests of one address', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 35; index++) statuses.push((await app.inject({ method: 'GET', url: `/u/${'C'.repeat(43)}` })).statusCode);
    expect(statuses.slice(0, 30).every((status) => status === 404)).toBe(true);
    const throttled = await app.inject({ method: 'GET', url: `/u/${'C'.repeat(43)}` });
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back.
    expect((await app.inject({ method: 'GET', url: `/u/${'C'.repeat(43)}`, remoteAddress: '10.0.0.9' })).statusCode).toBe(404);
    clock.advance(60_000);
    expect((await app.inject({ method: 'GET', url: `/u/${'C'.repeat(43)}` })).statusCode).toBe(404);
  });

  it('never answers a 5xx to whatever path, body and content type it is sent (fuzzed)', async () => {
    const { linkOf } = await sentCampaign();
    const valid = linkOf('paul@exemple.fr').token;
    let address = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(valid), fc.string({ maxLength: 80 }), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)),
        fc.constantFrom('GET', 'POST'),
        fc.constantFrom(
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json',
          'text/plain',
          'application/xml',
        ),
        fc.oneof(fc.string({ maxLength: 300 }), fc.constant('List-Unsubscribe=One-Click'), fc.json()),
        async (token, method, contentType, body) => {
          const response = await app.inject({
            method,
            url: `/u/${encodeURIComponent(token)}`,
            remoteAddress: `10.1.${Math.floor(address / 250) % 250}.${address++ % 250}`,
            ...(method === 'POST' ? { headers: { 'content-type': contentType }, payload: body } : {}),
          });
          expect(response.statusCode).toBeLessThan(500);
          expect([200, 400, 404, 413, 415, 429]).toContain(response.statusCode);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('campaign tokens in logs', () => {
  it('are redacted from logged addresses: the unsubscribe path and the survey link', () => {
    const token = 'q'.repeat(43);
    expect(redactUrl(`/u/${token}`)).toBe('/u/[redacted]');
    expect(redactUrl(`/s/0190a1b2-0000-7000-8000-000000000000?t=${token}&lang=fr`)).toBe(
      '/s/0190a1b2-0000-7000-8000-000000000000?t=[redacted]&lang=fr',
    );
    expect(redactUrl('/api/sync/pull?after=3')).toBe('/api/sync/pull?after=3');
  });
});
