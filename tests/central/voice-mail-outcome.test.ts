import { createHash } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { citizens, outcomes } from '../../src-central/db/schema';
import { openCentralDb } from '../../src-central/db/open-central-db';
import { hashToken } from '../../src-central/campaigns/tokens';
import { optOut } from '../../src-central/voice/voice-mail-repository';
import { ManualClock } from '../support/manual-clock';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { dbKinds, silentLogger, useCentralTestDb } from './support/central-test-db';
import { drainVoiceMails, publicUrl, useVoiceMailSenders, voiceMailCity, voiceMailsOf } from './support/voice-mail-harness';

const minute = 60_000;
/** An address as the opt-out list and `voice_mails.address_key` keep it. */
const keyOf = (address: string) => createHash('sha256').update(address.trim().toLowerCase()).digest('hex');

describe.each(dbKinds)('emails of a published outcome on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  const senderFor = useVoiceMailSenders();
  let smtp: TestSmtpServer;
  let clock: ManualClock;

  beforeEach(async () => {
    smtp = await startTestSmtpServer();
    clock = new ManualClock('2026-04-02T09:00:00.000Z');
  });
  afterEach(async () => {
    await smtp.close();
  });

  const outcomeRow = async (id: string) => {
    const [row] = await testDb().db.select().from(outcomes).where(eq(outcomes.id, id));
    if (row === undefined) throw new Error(`no outcome ${id}`);
    return row;
  };

  /**
   * A department with a survey and its answers, cases and feedback, everyone in one of them; the sender's
   * first pass made (it places its cursor: what was published before it is never written about).
   */
  async function participants() {
    const city = voiceMailCity(testDb().db, clock);
    const department = await city.buildDepartment();
    const survey = await city.buildSurvey({ departmentId: department.id });
    const otherSurvey = await city.buildSurvey({ departmentId: department.id });
    const category = await city.buildCategory(department.id);
    const feedbackCategory = await city.buildFeedbackCategory(department.id);
    const respondent = await city.buildCitizen({ email: 'repondante@exemple.fr' });
    const caseCitizen = await city.buildCitizen({ email: 'demandeur@exemple.fr' });
    // In the survey and in a linked case: one email.
    const twice = await city.buildCitizen({ email: 'deux-fois@exemple.fr' });
    // Two files, one address: one email.
    const sameAddress = await city.buildCitizen({ email: 'Deux-Fois@Exemple.fr ' });
    const refused = await city.buildCitizen({ email: 'refus@exemple.fr', consentSurveys: false });
    const noEmail = await city.buildCitizen({ email: null });
    const merged = await city.buildCitizen({ email: 'fusion@exemple.fr', mergedInto: respondent.id });
    const elsewhere = await city.buildCitizen({ email: 'ailleurs@exemple.fr' });
    for (const citizen of [respondent, twice, refused, noEmail, merged])
      await city.answer({ surveyId: survey.id, departmentId: department.id, citizenId: citizen.id });
    await city.answer({ surveyId: survey.id, departmentId: department.id, citizenId: null });
    await city.answer({ surveyId: otherSurvey.id, departmentId: department.id, citizenId: elsewhere.id });
    const cases = [];
    for (const citizen of [caseCitizen, twice, sameAddress, refused])
      cases.push(await city.buildCase({ categoryId: category.id, departmentId: department.id, citizenId: citizen.id }));
    const unlinkedCase = await city.buildCase({ categoryId: category.id, departmentId: department.id, citizenId: elsewhere.id });
    const consenting = await city.feedback({ categoryId: feedbackCategory.id, email: 'avis@exemple.fr', consent: true });
    const notConsenting = await city.feedback({ categoryId: feedbackCategory.id, email: 'sans-accord@exemple.fr', consent: false });
    const anonymous = await city.feedback({ categoryId: feedbackCategory.id, consent: false });
    // A feedback author who is also a respondent: one email.
    const alsoRespondent = await city.feedback({ categoryId: feedbackCategory.id, email: 'repondante@exemple.fr', consent: true });
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    await sender.runOnce();
    const linked = {
      departmentId: department.id,
      surveyIds: [survey.id],
      caseIds: [...cases.map((row) => row.id), consenting.id, notConsenting.id, anonymous.id, alsoRespondent.id],
    };
    return { city, sender, department, survey, linked, unlinkedCase, caseCitizen, respondent, twice, sameAddress };
  }

  it('writes once to each participant who consented, never to the others, in French and English with its links', async () => {
    const { city, sender, linked } = await participants();
    const outcome = await city.outcome({
      ...linked,
      title: { fr: 'La piscine <ouvre> le soir & le dimanche', en: 'The pool <opens> at night' },
      body: { fr: 'Dès avril <script>alert(1)</script>.\n\nMerci à vous.', en: '' },
    });
    await drainVoiceMails(sender, clock);

    // Two files with one address (whatever its case and spaces) get one email, as does someone linked twice.
    const recipients = smtp.messages.map((message) => message.to[0]?.trim().toLowerCase()).sort();
    expect(recipients).toEqual(['avis@exemple.fr', 'demandeur@exemple.fr', 'deux-fois@exemple.fr', 'repondante@exemple.fr']);
    const rows = await voiceMailsOf(testDb().db, outcome.id);
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1 && row.error === null)).toBe(true);
    for (const message of smtp.messages) {
      expect(message.subject).toBe('Vous avez dit, nous avons fait : La piscine <ouvre> le soir & le dimanche');
      expect(message.text).toContain('Dès avril <script>alert(1)</script>.');
      expect(message.text).toContain('The pool <opens> at night');
      // No English text: the English part says so rather than repeating the French one.
      expect(message.text.split('---')[1]).not.toContain('Dès avril');
      expect(message.text.split('---')[1]).toContain('The city wrote it in French only, above.');
      expect(message.text).toContain(`${publicUrl}/resultats#outcome-${outcome.id}`);
      expect(message.text).toContain(`${publicUrl}/resultats?lang=en#outcome-${outcome.id}`);
      expect(message.html).toContain('La piscine &#60;ouvre&#62; le soir &#38; le dimanche');
      expect(message.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
      expect(message.html).not.toContain('<script>');
      expect(message.html).not.toContain('<ouvre>');
      expect(message.html).toContain('lang="fr"');
      expect(message.html).toContain('<div lang="en">');
      const unsubscribe = /https?:\/\/\S+\/u\/([A-Za-z0-9_-]{43})/.exec(message.text);
      expect(unsubscribe?.[0]).toBe(`${publicUrl}/u/${unsubscribe?.[1]}`);
      expect(message.headers.get('list-unsubscribe')).toBe(`<${unsubscribe?.[0]}>`);
      // Only the token's hash is stored.
      expect(rows.some((row) => row.tokenHash === hashToken(unsubscribe?.[1] ?? ''))).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(unsubscribe?.[1]);
    }
    // The address itself is never stored.
    expect(JSON.stringify(rows)).not.toContain('@exemple.fr');
  });

  it('writes nothing for a draft, and never twice for a republished or corrected outcome', async () => {
    const { city, sender, linked } = await participants();
    const draft = await city.outcome({ ...linked, status: 'draft', publishedAt: null });
    await drainVoiceMails(sender, clock);
    expect(smtp.messages).toHaveLength(0);

    await city.updateOutcome(draft.id, { status: 'published', publishedAt: clock.now().toISOString(), version: 3 });
    await drainVoiceMails(sender, clock);
    expect(smtp.messages).toHaveLength(4);

    // Republished (a replayed push writes the same row again) and corrected: nobody twice.
    await city.updateOutcome(draft.id, { status: 'published', version: 4 });
    await city.updateOutcome(draft.id, { body: { fr: 'Corrigé.', en: 'Fixed.' }, version: 5 });
    await drainVoiceMails(sender, clock);
    expect(smtp.messages).toHaveLength(4);
    expect(await voiceMailsOf(testDb().db, draft.id)).toHaveLength(4);
  });

  it('writes about an outcome published before its first pass only once the job has run once (never about the past)', async () => {
    const city = voiceMailCity(testDb().db, clock);
    const department = await city.buildDepartment();
    const category = await city.buildCategory(department.id);
    const citizen = await city.buildCitizen({ email: 'ancien@exemple.fr' });
    const row = await city.buildCase({ categoryId: category.id, departmentId: department.id, citizenId: citizen.id });
    await city.outcome({ departmentId: department.id, surveyIds: [], caseIds: [row.id] });
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    await drainVoiceMails(sender, clock);
    expect(smtp.messages).toHaveLength(0);
    await city.outcome({ departmentId: department.id, surveyIds: [], caseIds: [row.id] });
    await drainVoiceMails(sender, clock);
    expect(smtp.messages.map((message) => message.to[0])).toEqual(['ancien@exemple.fr']);
    // Its English text, when written, is the English part's.
    expect(smtp.messages[0]?.text.split('---')[1]).toContain('From April, the pool opens until 9 pm.');
  });

  it('records a refusal for good (550) with its reply, retries a transient one (451) with backoff, and delivers it once', async () => {
    const { city, sender, linked } = await participants();
    smtp.refuse('demandeur@exemple.fr', 550, 'Mailbox unavailable');
    smtp.refuseTemporarily('avis@exemple.fr', 2);
    const outcome = await city.outcome(linked);

    expect(await sender.runOnce()).toMatchObject({ selected: 4, sent: 2, failed: 1, retried: 1 });
    const rows = await voiceMailsOf(testDb().db, outcome.id);
    expect(rows.filter((row) => row.status === 'failed').map((row) => row.error)).toEqual([
      expect.stringMatching(/^550 .*Mailbox unavailable/),
    ]);
    const waiting = rows.find((row) => row.status === 'pending');
    expect(waiting?.error).toMatch(/^451/);

    clock.advance(30_000);
    expect(await sender.runOnce()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    clock.advance(minute);
    expect(await sender.runOnce()).toMatchObject({ retried: 1 });
    clock.advance(4 * minute);
    expect(await sender.runOnce()).toMatchObject({ sent: 1 });
    await drainVoiceMails(sender, clock);

    expect(smtp.rcptCount('avis@exemple.fr')).toBe(3);
    expect(smtp.rcptCount('demandeur@exemple.fr')).toBe(1);
    expect(smtp.messages).toHaveLength(3);
    const after = await voiceMailsOf(testDb().db, outcome.id);
    expect(after.filter((row) => row.status === 'sent')).toHaveLength(3);
    expect(after.find((row) => row.attempts === 3)).toMatchObject({ status: 'sent', error: null });
  });

  it('without SMTP settings, records SMTP_NOT_CONFIGURED on what is owed and sends it once configured', async () => {
    const { city, linked } = await participants();
    const unconfigured = senderFor(testDb().db, clock, { smtpUrl: null });
    const outcome = await city.outcome(linked);
    const written = (await outcomeRow(outcome.id)).rowVersion;
    expect((await outcomeRow(outcome.id)).mailStats).toBeNull();
    await drainVoiceMails(unconfigured, clock);
    const waiting = await voiceMailsOf(testDb().db, outcome.id);
    expect(waiting).toHaveLength(4);
    expect(waiting.every((row) => row.status === 'pending' && row.error === 'SMTP_NOT_CONFIGURED')).toBe(true);
    expect(smtp.messages).toHaveLength(0);
    // The outcome's row says so, as a replicated update: every workspace of the department sees it.
    const published = await outcomeRow(outcome.id);
    expect(published.mailStats).toEqual({ recipients: 4, sent: 0, failed: 0, optedOut: 0, skipped: 0, problem: 'SMTP_NOT_CONFIGURED' });
    expect(published.rowVersion).toBeGreaterThan(written);

    await drainVoiceMails(senderFor(testDb().db, clock, { smtpUrl: smtp.url }), clock);
    expect(smtp.messages).toHaveLength(4);
    expect((await voiceMailsOf(testDb().db, outcome.id)).every((row) => row.status === 'sent' && row.error === null)).toBe(true);
    expect((await outcomeRow(outcome.id)).mailStats).toEqual({ recipients: 4, sent: 4, failed: 0, optedOut: 0, skipped: 0, problem: null });
  });

  it('skips, with the reason, a participant who withdrew their consent, was merged or lost their address before the sending', async () => {
    const { city, linked, caseCitizen, respondent, twice, sameAddress } = await participants();
    const unconfigured = senderFor(testDb().db, clock, { smtpUrl: null });
    const outcome = await city.outcome(linked);
    await unconfigured.runOnce();
    await city.writes('citizen.update', async () => ({
      effects: [{ op: 'update', entity: 'citizen', id: caseCitizen.id, patch: { consents: { email: true, sms: false, surveys: false } } }],
      result: null,
    }));
    await testDb()
      .db.update(citizens)
      .set({ mergedInto: caseCitizen.id })
      .where(inArray(citizens.id, [twice.id, sameAddress.id]));
    await testDb().db.update(citizens).set({ email: null }).where(eq(citizens.id, respondent.id));
    await drainVoiceMails(senderFor(testDb().db, clock, { smtpUrl: smtp.url }), clock);

    expect(smtp.messages.map((message) => message.to[0])).toEqual(['avis@exemple.fr']);
    const skipped = (await voiceMailsOf(testDb().db, outcome.id)).filter((row) => row.status === 'skipped');
    expect(skipped.map((row) => row.error).sort()).toEqual(['citizen file merged', 'consent withdrawn', 'no email address']);
  });

  it('reads the address at sending time: a participant who moved is written to at the new one, one who moved to an unsubscribed address is not', async () => {
    const { city, linked, caseCitizen, twice } = await participants();
    const outcome = await city.outcome(linked);
    // Selected (the emails owed), not sent: no SMTP settings yet.
    await senderFor(testDb().db, clock, { smtpUrl: null }).runOnce();
    expect(await voiceMailsOf(testDb().db, outcome.id)).toHaveLength(4);
    // Meanwhile an address unsubscribed (through a campaign's link, say), and two participants moved.
    await optOut(testDb().db, keyOf('deja-desinscrit@exemple.fr'), clock.now());
    await testDb().db.update(citizens).set({ email: 'Deja-Desinscrit@exemple.fr ' }).where(eq(citizens.id, twice.id));
    await testDb().db.update(citizens).set({ email: 'nouvelle@exemple.fr' }).where(eq(citizens.id, caseCitizen.id));
    await drainVoiceMails(senderFor(testDb().db, clock, { smtpUrl: smtp.url }), clock);

    expect(smtp.messages.map((message) => message.to[0]).sort()).toEqual([
      'avis@exemple.fr',
      'nouvelle@exemple.fr',
      'repondante@exemple.fr',
    ]);
    const rows = await voiceMailsOf(testDb().db, outcome.id);
    expect(rows.find((row) => row.citizenId === twice.id)).toMatchObject({ status: 'opted_out', error: 'unsubscribed', sentAt: null });
    // The moved citizen's email now stands for the address it went to: its unsubscribe link stops that one.
    expect(rows.find((row) => row.citizenId === caseCitizen.id)).toMatchObject({
      status: 'sent',
      addressKey: keyOf('nouvelle@exemple.fr'),
    });
    expect((await outcomeRow(outcome.id)).mailStats).toEqual({ recipients: 4, sent: 3, failed: 0, optedOut: 1, skipped: 0, problem: null });
  });

  it('never writes again at the address a participant left while their email waited, through feedback sent from it', async () => {
    const { city, linked, respondent } = await participants();
    const outcome = await city.outcome(linked);
    // Owed: the respondent, whose address is also a consenting feedback's contact (one email, to the file).
    await senderFor(testDb().db, clock, { smtpUrl: null }).runOnce();
    await testDb().db.update(citizens).set({ email: 'demenage@exemple.fr' }).where(eq(citizens.id, respondent.id));
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    await drainVoiceMails(sender, clock);
    // A correction selects the participants again: the old address is the one the respondent's email was owed at.
    await city.updateOutcome(outcome.id, { body: { fr: 'Corrigé.', en: 'Fixed.' }, version: 3 });
    await drainVoiceMails(sender, clock);

    expect(smtp.messages.map((message) => message.to[0]?.trim().toLowerCase()).sort()).toEqual([
      'avis@exemple.fr',
      'demandeur@exemple.fr',
      'demenage@exemple.fr',
      'deux-fois@exemple.fr',
    ]);
    expect(await voiceMailsOf(testDb().db, outcome.id)).toHaveLength(4);
  });

  it('writes an outcome only to feedback whose consent named the outcomes; feedback sent before that wording is still answered', async () => {
    const city = voiceMailCity(testDb().db, clock);
    const department = await city.buildDepartment();
    const category = await city.buildFeedbackCategory(department.id);
    const current = await city.feedback({ categoryId: category.id, email: 'avis-recent@exemple.fr', consent: true });
    const older = await city.feedback({ categoryId: category.id, email: 'avis-ancien@exemple.fr', consent: true });
    // Sent under the wording that consented only to being answered: its contact says nothing of outcomes.
    await testDb().db.execute(sql`update case_events set data = data #- '{contact,outcomes}' where case_id = ${older.id}`);
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    await sender.runOnce();
    await city.outcome({ departmentId: department.id, surveyIds: [], caseIds: [current.id, older.id] });
    await drainVoiceMails(sender, clock);
    expect(smtp.messages.map((message) => message.to[0])).toEqual(['avis-recent@exemple.fr']);

    await city.reply(older.id, 'Merci, nous regardons.');
    await drainVoiceMails(sender, clock);
    expect(smtp.messages.map((message) => message.to[0])).toEqual(['avis-recent@exemple.fr', 'avis-ancien@exemple.fr']);
  });

  it('counts an outcome emailed before the counts existed, though no email of it moves, and writes to nobody again', async () => {
    const city = voiceMailCity(testDb().db, clock);
    const department = await city.buildDepartment();
    const category = await city.buildCategory(department.id);
    const citizen = await city.buildCitizen({ email: 'avant@exemple.fr' });
    const row = await city.buildCase({ categoryId: category.id, departmentId: department.id, citizenId: citizen.id });
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    await sender.runOnce();
    const outcome = await city.outcome({ departmentId: department.id, surveyIds: [], caseIds: [row.id] });
    await drainVoiceMails(sender, clock);
    // As migration 0008 left it: emailed, its counts never written.
    await testDb().db.update(outcomes).set({ mailStats: null }).where(eq(outcomes.id, outcome.id));
    await drainVoiceMails(sender, clock);
    expect(smtp.messages.map((message) => message.to[0])).toEqual(['avant@exemple.fr']);
    expect((await outcomeRow(outcome.id)).mailStats).toEqual({ recipients: 1, sent: 1, failed: 0, optedOut: 0, skipped: 0, problem: null });
  });

  it('hands the SMTP server at most a batch of emails a pass', async () => {
    const { city, linked } = await participants();
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url, batch: 3 });
    await city.outcome(linked);
    expect(await sender.runOnce()).toMatchObject({ selected: 4, sent: 3 });
    expect(await sender.runOnce()).toMatchObject({ selected: 0, sent: 1 });
    expect(smtp.messages).toHaveLength(4);
  });

  it('shares the work between two instances on one database: nobody twice', async () => {
    const city = voiceMailCity(testDb().db, clock);
    const department = await city.buildDepartment();
    const category = await city.buildCategory(department.id);
    const caseIds = [];
    for (let index = 0; index < 40; index++) {
      const citizen = await city.buildCitizen({ email: `habitant${index}@exemple.fr` });
      caseIds.push((await city.buildCase({ categoryId: category.id, departmentId: department.id, citizenId: citizen.id })).id);
    }
    // A second instance: its own connections on PostgreSQL (PGlite is one process's).
    const other =
      testDb().url === null ? null : await openCentralDb({ databaseUrl: testDb().url, pgliteDir: null, databasePoolSize: 3 }, silentLogger);
    try {
      const a = senderFor(testDb().db, clock, { smtpUrl: smtp.url, batch: 7 });
      const b = senderFor(other?.db ?? testDb().db, clock, { smtpUrl: smtp.url, batch: 7 });
      await Promise.all([a.runOnce(), b.runOnce()]);
      await city.outcome({ departmentId: department.id, surveyIds: [], caseIds });
      for (let pass = 0; pass < 6; pass++) {
        await Promise.all([a.runOnce(), b.runOnce()]);
        clock.advance(1_000);
      }
      const recipients = smtp.messages.map((message) => message.to[0]);
      expect(recipients).toHaveLength(40);
      expect(new Set(recipients).size).toBe(40);
      expect((await voiceMailsOf(testDb().db)).every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    } finally {
      await other?.close();
    }
  });
});
