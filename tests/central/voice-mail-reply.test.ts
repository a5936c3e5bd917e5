import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseEvents, citizens } from '../../src-central/db/schema';
import { ManualClock } from '../support/manual-clock';
import { startTestSmtpServer, type CapturedEmail, type TestSmtpServer } from '../support/smtp-test-server';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { recipientCondition } from '../../src-central/campaigns/segment';
import { optOutCitizenAddress } from '../../src-central/campaigns/opt-outs';
import { buildTestServer } from './support/test-server';
import { drainVoiceMails, publicUrl, useVoiceMailSenders, voiceMailCity, voiceMailsOf } from './support/voice-mail-harness';

const oneClick = { 'content-type': 'application/x-www-form-urlencoded' };

const unsubscribeLink = (message: CapturedEmail | undefined) => {
  const found = /https?:\/\/\S+\/u\/[A-Za-z0-9_-]{43}/.exec(message?.text ?? '');
  if (found === null) throw new Error(`no unsubscribe link in: ${message?.text}`);
  return found[0].slice(publicUrl.length);
};

describe.each(dbKinds)('public replies to feedback, and unsubscribing from the voice, on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  const senderFor = useVoiceMailSenders();
  let smtp: TestSmtpServer;
  let clock: ManualClock;
  let app: FastifyInstance;

  beforeEach(async () => {
    smtp = await startTestSmtpServer();
    clock = new ManualClock('2026-04-02T09:00:00.000Z');
    app = await buildTestServer(testDb(), { clock });
  });
  afterEach(async () => {
    await app.close();
    await smtp.close();
  });

  /** What a reply's event says of its email, as the workspaces receive it. */
  const deliveryOf = async (eventId: string) =>
    (await testDb().db.select().from(caseEvents).where(eq(caseEvents.id, eventId)))[0]?.data['delivery'];

  async function feedbackCity() {
    const city = voiceMailCity(testDb().db, clock);
    const department = await city.buildDepartment();
    const category = await city.buildFeedbackCategory(department.id);
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    await sender.runOnce();
    return { city, department, category, sender };
  }

  it('emails each public reply once to the feedback’s author who consented, its text escaped in HTML', async () => {
    const { city, category, sender } = await feedbackCity();
    const consenting = await city.feedback({ categoryId: category.id, email: 'avis@exemple.fr', consent: true });
    const notConsenting = await city.feedback({ categoryId: category.id, email: 'sans-accord@exemple.fr', consent: false });
    const anonymous = await city.feedback({ categoryId: category.id, consent: false });
    const hostile = 'Merci <b>beaucoup</b> & à bientôt\n\n<img src=x onerror=alert(1)>';
    const first = await city.reply(consenting.id, hostile);
    const refused = await city.reply(notConsenting.id, 'Merci.');
    const nobody = await city.reply(anonymous.id, 'Merci.');
    await drainVoiceMails(sender, clock);
    // The agents see on each reply whether it left.
    expect([await deliveryOf(first), await deliveryOf(refused), await deliveryOf(nobody)]).toEqual(['sent', 'none', 'none']);

    expect(smtp.messages.map((message) => message.to[0])).toEqual(['avis@exemple.fr']);
    const [message] = smtp.messages;
    expect(message?.subject).toBe(`Réponse à votre avis ${consenting.trackingCode} — Reply to your feedback`);
    expect(message?.text).toContain('Merci <b>beaucoup</b> & à bientôt');
    expect(message?.html).toContain('Merci &#60;b&#62;beaucoup&#60;/b&#62; &#38; à bientôt');
    expect(message?.html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(message?.html).not.toContain('<img');
    expect(message?.html).not.toContain('<b>');
    expect(message?.text).toContain(`${publicUrl}/avis`);
    expect(await voiceMailsOf(testDb().db)).toMatchObject([{ kind: 'reply', eventId: first, status: 'sent', attempts: 1 }]);

    // A second reply is a second email; the first is never sent again, even when its event is written again.
    await city.reply(consenting.id, 'Les horaires changent en avril.');
    await city.writes('case.transfer', async () => ({
      effects: [{ op: 'update', entity: 'caseEvent', id: first, patch: { at: clock.now().toISOString() } }],
      result: null,
    }));
    await drainVoiceMails(sender, clock);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[1]?.text).toContain('Les horaires changent en avril.');
  });

  it('emails nothing for replies on cases that are not feedback with a contact', async () => {
    const { city, department, sender } = await feedbackCity();
    const category = await city.buildCategory(department.id);
    const citizen = await city.buildCitizen({ email: 'demandeur@exemple.fr' });
    const row = await city.buildCase({ categoryId: category.id, departmentId: department.id, citizenId: citizen.id });
    const reply = await city.reply(row.id, 'Nous passons demain.');
    await drainVoiceMails(sender, clock);
    expect(smtp.messages).toHaveLength(0);
    expect(await voiceMailsOf(testDb().db)).toHaveLength(0);
    // Nothing emails a case's citizen yet: the reply says it is not sent.
    expect(await deliveryOf(reply)).toBe('pending');
  });

  it('records a reply the SMTP server refuses for good as failed, with its reply', async () => {
    const { city, category, sender } = await feedbackCity();
    const feedback = await city.feedback({ categoryId: category.id, email: 'inconnu@exemple.fr', consent: true });
    smtp.refuse('inconnu@exemple.fr', 550, 'No such user');
    const reply = await city.reply(feedback.id, 'Merci.');
    await drainVoiceMails(sender, clock);
    expect(await voiceMailsOf(testDb().db)).toMatchObject([{ status: 'failed', error: expect.stringMatching(/^550 .*No such user/) }]);
    expect(await deliveryOf(reply)).toBe('failed');
    expect(smtp.rcptCount('inconnu@exemple.fr')).toBe(1);
  });

  it('unsubscribes a feedback’s author through a reply’s link: no later reply nor outcome reaches the address', async () => {
    const { city, department, category, sender } = await feedbackCity();
    const feedback = await city.feedback({ categoryId: category.id, email: 'avis@exemple.fr', consent: true });
    await city.reply(feedback.id, 'Merci.');
    await drainVoiceMails(sender, clock);
    const path = unsubscribeLink(smtp.messages[0]);

    const asked = await app.inject({ method: 'GET', url: path });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<form');
    const done = await app.inject({ method: 'POST', url: path, headers: oneClick, payload: 'List-Unsubscribe=One-Click' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('C’est noté');
    expect((await app.inject({ method: 'GET', url: path })).body).toContain('C’est noté');

    const later = await city.reply(feedback.id, 'Une autre réponse.');
    await city.outcome({ departmentId: department.id, surveyIds: [], caseIds: [feedback.id] });
    await drainVoiceMails(sender, clock);
    expect(smtp.messages).toHaveLength(1);
    expect((await voiceMailsOf(testDb().db)).filter((row) => row.status === 'opted_out')).toMatchObject([{ error: 'unsubscribed' }]);
    expect(await deliveryOf(later)).toBe('none');
  });

  it('unsubscribes a citizen through an outcome’s link: their consent to surveys is withdrawn on their file', async () => {
    const { city, department, sender } = await feedbackCity();
    const category = await city.buildCategory(department.id);
    const citizen = await city.buildCitizen({ email: 'demandeur@exemple.fr' });
    const row = await city.buildCase({ categoryId: category.id, departmentId: department.id, citizenId: citizen.id });
    await city.outcome({ departmentId: department.id, surveyIds: [], caseIds: [row.id] });
    await drainVoiceMails(sender, clock);
    const path = unsubscribeLink(smtp.messages[0]);

    expect((await app.inject({ method: 'POST', url: path, headers: oneClick, payload: '' })).statusCode).toBe(200);
    const [file] = await testDb().db.select().from(citizens).where(eq(citizens.id, citizen.id));
    expect(file?.consentSurveys).toBe(false);
    expect(file?.version).toBe(citizen.version + 1);
    // Twice changes nothing more.
    expect((await app.inject({ method: 'POST', url: path, headers: oneClick, payload: '' })).statusCode).toBe(200);
    expect((await testDb().db.select().from(citizens).where(eq(citizens.id, citizen.id)))[0]?.version).toBe(citizen.version + 1);

    await city.outcome({ departmentId: department.id, surveyIds: [], caseIds: [row.id] });
    await drainVoiceMails(sender, clock);
    expect(smtp.messages).toHaveLength(1);
  });

  it('keeps one list: an address unsubscribed from the voice gets no campaign, and one unsubscribed from a campaign no outcome', async () => {
    const { city, department, category, sender } = await feedbackCity();
    const now = clock.now();
    const everyone = { departmentIds: [], categoryIds: [], sinceMonths: null, postalCodes: [], channels: [] };
    const campaignAudience = async () =>
      (await testDb().db.select({ id: citizens.id }).from(citizens).where(recipientCondition(everyone, now))).map((row) => row.id);

    // A feedback's author unsubscribes through a reply; a citizen file holds the same address (in capitals).
    const feedback = await city.feedback({ categoryId: category.id, email: 'avis@exemple.fr', consent: true });
    await city.reply(feedback.id, 'Merci.');
    await drainVoiceMails(sender, clock);
    await app.inject({ method: 'POST', url: unsubscribeLink(smtp.messages[0]), headers: oneClick, payload: '' });
    const same = await city.buildCitizen({ email: ' AVIS@exemple.fr ' });
    const other = await city.buildCitizen({ email: 'autre@exemple.fr' });
    expect(await campaignAudience()).toContain(other.id);
    expect(await campaignAudience()).not.toContain(same.id);

    // A citizen unsubscribes from a campaign: their address, also a feedback's contact, gets no outcome.
    await optOutCitizenAddress(testDb().db, other.id, now);
    const second = await city.feedback({ categoryId: category.id, email: 'autre@exemple.fr', consent: true });
    const before = smtp.messages.length;
    await city.outcome({ departmentId: department.id, surveyIds: [], caseIds: [second.id] });
    await drainVoiceMails(sender, clock);
    expect(smtp.messages.slice(before).map((message) => message.to[0])).toEqual([]);
  });
});
