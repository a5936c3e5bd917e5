import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCentralDb } from '../../src-central/db/open-central-db';
import { createHash } from 'node:crypto';
import { citizens, surveyCollectors, surveyInvitations } from '../../src-central/db/schema';
import { selectRecipients } from '../../src-central/campaigns/invitation-repository';
import { optOut } from '../../src-central/voice/voice-mail-repository';
import { hashToken } from '../../src-central/campaigns/tokens';
import { ManualClock } from '../support/manual-clock';
import { linksOf, startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { campaignBuilders, emailSettings } from './support/campaign-city';
import { collectorRow, drain, invitationsOf, publicUrl, useCampaignSenders } from './support/campaign-harness';
import { dbKinds, silentLogger, useCentralTestDb } from './support/central-test-db';

const minute = 60_000;
const day = 86_400_000;

describe.each(dbKinds)('email campaigns on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  const senderFor = useCampaignSenders();
  let smtp: TestSmtpServer;
  let clock: ManualClock;

  beforeEach(async () => {
    smtp = await startTestSmtpServer();
    clock = new ManualClock('2026-03-10T09:00:00.000Z');
  });
  afterEach(async () => {
    await smtp.close();
  });

  /** A department, a survey and an email campaign in `status`, with `consenting` citizens who said yes to surveys. */
  async function campaign(options: {
    consenting: number;
    status?: 'sending' | 'draft';
    ratePerMinute?: number;
    reminderAfterDays?: number | null;
  }) {
    const build = campaignBuilders(testDb().db);
    const department = await build.buildDepartment();
    const survey = await build.buildSurvey({ departmentId: department.id });
    const citizens = [];
    for (let index = 0; index < options.consenting; index++)
      citizens.push(await build.buildCitizen({ email: `habitant${index}@exemple.fr` }));
    const collector = await build.buildCollector({
      surveyId: survey.id,
      departmentId: department.id,
      status: options.status ?? 'sending',
      settings: emailSettings({ ratePerMinute: options.ratePerMinute ?? 600, reminderAfterDays: options.reminderAfterDays ?? null }),
    });
    return { build, department, survey, citizens, collector };
  }

  it('writes once to each consenting citizen with an address, in French, with a single-use link and an unsubscribe header', async () => {
    const { build, survey, citizens, collector } = await campaign({ consenting: 3 });
    await build.buildCitizen({ email: 'refus@exemple.fr', consentSurveys: false });
    await build.buildCitizen({ email: null });
    await build.buildCitizen({ email: 'fusion@exemple.fr', mergedInto: citizens[0]?.id ?? null });
    const before = await collectorRow(testDb().db, collector.id);

    await drain(senderFor(testDb().db, clock, { smtpUrl: smtp.url }), clock);

    expect(smtp.messages.map((message) => message.to[0]).sort()).toEqual(citizens.map((citizen) => citizen.email).sort());
    const invitations = await invitationsOf(testDb().db, collector.id);
    for (const message of smtp.messages) {
      expect(message.from).toBe('participation@ville.example');
      expect(message.headers.get('from')).toContain('Ville de Rivebelle');
      expect(message.subject).toBe('Votre avis compte : « La piscine <municipale> & vous »');
      expect(message.text).toContain('La ville recueille votre avis sur la piscine');
      // What the survey says is escaped in the HTML part, never markup.
      expect(message.html).toContain('La piscine &#60;municipale&#62; &#38; vous');
      expect(message.html).not.toContain('<municipale>');
      expect(message.html).toContain('lang="fr"');
      const links = linksOf(message);
      expect(links.surveyId).toBe(survey.id);
      expect(links.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(links.answer).toBe(`${publicUrl}/s/${survey.id}?t=${links.token}`);
      expect(links.unsubscribe).toBe(`${publicUrl}/u/${links.token}`);
      expect(message.headers.get('list-unsubscribe')).toBe(`<${publicUrl}/u/${links.token}>`);
      expect(message.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      // Only the token's hash is stored.
      const invitation = invitations.find((row) => row.tokenHash === hashToken(links.token));
      expect(invitation?.status).toBe('sent');
      expect(JSON.stringify(invitations)).not.toContain(links.token);
    }
    const row = await collectorRow(testDb().db, collector.id);
    expect(row.status).toBe('done');
    expect(row.stats).toEqual({ recipients: 3, sent: 3, failed: 0, reminded: 0, unsubscribed: 0, responded: 0, problem: null });
    // A replicated write: versioned, so workspaces pull the progress.
    expect(row.rowVersion).toBeGreaterThan(before.rowVersion);
  });

  it('records a recipient the SMTP server refuses for good (550) as failed with its reply, and never retries it', async () => {
    const { collector } = await campaign({ consenting: 3 });
    smtp.refuse('habitant1@exemple.fr', 550, 'Mailbox unavailable');
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    await drain(sender, clock);
    clock.advance(2 * day);
    await drain(sender, clock);

    const failed = (await invitationsOf(testDb().db, collector.id)).filter((row) => row.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.error).toMatch(/^550 .*Mailbox unavailable/);
    expect(smtp.rcptCount('habitant1@exemple.fr')).toBe(1);
    expect(smtp.messages).toHaveLength(2);
    const row = await collectorRow(testDb().db, collector.id);
    expect(row.stats).toMatchObject({ recipients: 3, sent: 2, failed: 1 });
    expect(row.status).toBe('done');
  });

  it('retries a transient refusal (451) later with backoff, and delivers it once', async () => {
    const { collector } = await campaign({ consenting: 2 });
    smtp.refuseTemporarily('habitant0@exemple.fr', 2);
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });

    expect(await sender.runOnce()).toMatchObject({ sent: 1, retried: 1 });
    const [waiting] = (await invitationsOf(testDb().db, collector.id)).filter((row) => row.status === 'pending');
    expect(waiting?.error).toMatch(/^451/);
    expect(waiting?.leaseUntil?.getTime()).toBeGreaterThan(clock.now().getTime());
    expect((await collectorRow(testDb().db, collector.id)).status).toBe('sending');

    // Not before its backoff…
    clock.advance(30_000);
    expect(await sender.runOnce()).toMatchObject({ sent: 0, retried: 0 });
    clock.advance(minute);
    expect(await sender.runOnce()).toMatchObject({ retried: 1 });
    clock.advance(4 * minute);
    expect(await sender.runOnce()).toMatchObject({ sent: 1 });

    expect(smtp.rcptCount('habitant0@exemple.fr')).toBe(3);
    expect(smtp.messages.filter((message) => message.to[0] === 'habitant0@exemple.fr')).toHaveLength(1);
    const invitation = (await invitationsOf(testDb().db, collector.id)).find((row) => row.attempts === 3);
    expect(invitation).toMatchObject({ status: 'sent', error: null });
    expect((await collectorRow(testDb().db, collector.id)).status).toBe('done');
  });

  it('gives up on a recipient after the bounded number of transient failures', async () => {
    const { collector } = await campaign({ consenting: 1 });
    smtp.refuseTemporarily('habitant0@exemple.fr', 100);
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url, maxAttempts: 3 });
    for (let pass = 0; pass < 10; pass++) {
      await sender.runOnce();
      clock.advance(2 * 60 * minute);
    }
    expect(smtp.rcptCount('habitant0@exemple.fr')).toBe(3);
    const [invitation] = await invitationsOf(testDb().db, collector.id);
    expect(invitation).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await collectorRow(testDb().db, collector.id)).stats).toMatchObject({ failed: 1, sent: 0 });
  });

  it('sends no faster than the campaign rate', async () => {
    const { collector } = await campaign({ consenting: 20, ratePerMinute: 120 });
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    for (let pass = 0; pass < 80; pass++) {
      await sender.runOnce();
      clock.advance(250);
    }
    const sentAt = (await invitationsOf(testDb().db, collector.id)).map((row) => row.sentAt?.getTime() ?? Number.NaN).sort();
    expect(sentAt).toHaveLength(20);
    expect(sentAt.every(Number.isFinite)).toBe(true);
    // 120 a minute is 2 a second, with at most a second's worth at once: in any window of W seconds, at most
    // 2 + 2·W; so 20 take at least 9 seconds.
    const within = (start: number, seconds: number) => sentAt.filter((at) => at >= start && at < start + seconds * 1_000).length;
    for (const start of sentAt) {
      expect(within(start, 1)).toBeLessThanOrEqual(4);
      expect(within(start, 5)).toBeLessThanOrEqual(12);
    }
    expect((sentAt.at(-1) ?? 0) - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(9_000);
  });

  it('stops while paused and resumes without writing twice to anyone', async () => {
    const { collector } = await campaign({ consenting: 5, ratePerMinute: 60 });
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    await sender.runOnce();
    clock.advance(1_000);
    await sender.runOnce();
    expect(smtp.messages).toHaveLength(2);

    await testDb().db.update(surveyCollectors).set({ status: 'paused' }).where(eq(surveyCollectors.id, collector.id));
    for (let pass = 0; pass < 5; pass++) {
      await sender.runOnce();
      clock.advance(1_000);
    }
    expect(smtp.messages).toHaveLength(2);
    expect((await collectorRow(testDb().db, collector.id)).status).toBe('paused');

    await testDb().db.update(surveyCollectors).set({ status: 'sending' }).where(eq(surveyCollectors.id, collector.id));
    await drain(sender, clock);
    const recipients = smtp.messages.map((message) => message.to[0]);
    expect(recipients).toHaveLength(5);
    expect(new Set(recipients).size).toBe(5);
    expect((await collectorRow(testDb().db, collector.id)).status).toBe('done');
  });

  it('goes on after a restart of the job without writing twice to anyone', async () => {
    const { collector } = await campaign({ consenting: 5, ratePerMinute: 60 });
    const first = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    await first.runOnce();
    clock.advance(1_000);
    await first.runOnce();
    await first.stop();
    expect(smtp.messages).toHaveLength(2);

    await drain(senderFor(testDb().db, clock, { smtpUrl: smtp.url }), clock);
    const recipients = smtp.messages.map((message) => message.to[0]);
    expect(recipients).toHaveLength(5);
    expect(new Set(recipients).size).toBe(5);
    expect((await invitationsOf(testDb().db, collector.id)).every((row) => row.attempts === 1)).toBe(true);
  });

  it('shares one campaign between two instances on one database: nobody twice, the rate held overall', async () => {
    const { collector } = await campaign({ consenting: 30, ratePerMinute: 600 });
    // A second instance: its own connections on PostgreSQL (PGlite is one process's).
    const other =
      testDb().url === null ? null : await openCentralDb({ databaseUrl: testDb().url, pgliteDir: null, databasePoolSize: 3 }, silentLogger);
    try {
      const a = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
      const b = senderFor(other?.db ?? testDb().db, clock, { smtpUrl: smtp.url });
      const sentPerSecond: number[] = [];
      for (let second = 0; second < 10; second++) {
        const [first, second_] = await Promise.all([a.runOnce(), b.runOnce()]);
        sentPerSecond.push(first.sent + second_.sent);
        clock.advance(1_000);
      }
      const recipients = smtp.messages.map((message) => message.to[0]);
      expect(recipients).toHaveLength(30);
      expect(new Set(recipients).size).toBe(30);
      // 600 a minute is 10 a second, for both instances together.
      expect(Math.max(...sentPerSecond)).toBeLessThanOrEqual(10);
      expect((await collectorRow(testDb().db, collector.id)).status).toBe('done');
    } finally {
      await other?.close();
    }
  });

  it('reminds, once, those who neither answered nor unsubscribed, after the days set, with a link of its own', async () => {
    const { collector } = await campaign({ consenting: 3, reminderAfterDays: 3 });
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    await drain(sender, clock);
    const first = new Map(smtp.messages.map((message) => [message.to[0], linksOf(message).token]));
    // One answered (H2's answer route marks it), one unsubscribed.
    const hashes = (address: string) => hashToken(first.get(address) ?? '');
    await testDb()
      .db.update(surveyInvitations)
      .set({ status: 'answered', answeredAt: clock.now() })
      .where(eq(surveyInvitations.tokenHash, hashes('habitant0@exemple.fr')));
    await testDb()
      .db.update(surveyInvitations)
      .set({ status: 'unsubscribed' })
      .where(eq(surveyInvitations.tokenHash, hashes('habitant1@exemple.fr')));

    clock.advance(2 * day);
    await drain(sender, clock);
    expect(smtp.messages).toHaveLength(3);

    clock.advance(1 * day + minute);
    await drain(sender, clock);
    const reminders = smtp.messages.slice(3);
    expect(reminders.map((message) => message.to[0])).toEqual(['habitant2@exemple.fr']);
    expect(reminders[0]?.subject).toBe('Rappel : votre avis sur « La piscine <municipale> & vous »');
    const reminderToken = linksOf(reminders[0] as (typeof reminders)[number]).token;
    expect(reminderToken).not.toBe(first.get('habitant2@exemple.fr'));
    const [reminded] = await testDb()
      .db.select()
      .from(surveyInvitations)
      .where(
        sql`${surveyInvitations.reminderTokenHash} = ${hashToken(reminderToken)} and ${surveyInvitations.tokenHash} = ${hashes('habitant2@exemple.fr')}`,
      );
    expect(reminded?.remindedAt).not.toBeNull();

    clock.advance(10 * day);
    await drain(sender, clock);
    expect(smtp.messages).toHaveLength(4);
    expect((await collectorRow(testDb().db, collector.id)).stats).toMatchObject({ reminded: 1, responded: 1, unsubscribed: 1 });
  });

  it('reads the address at sending time: a citizen who moved to an unsubscribed address is not written to, one who moved gets it at the new one', async () => {
    const {
      survey,
      citizens: [stays, movesAway, movesToOptedOut],
      collector,
    } = await campaign({ consenting: 3 });
    // Selected with their addresses of then (as the first pass does), not sent yet: everyone (an empty segment).
    const segment = { departmentIds: [], categoryIds: [], sinceMonths: null, postalCodes: [], channels: [] };
    await selectRecipients(testDb().db, { id: collector.id, surveyId: survey.id, segment, ratePerMinute: 600 }, clock.now());
    expect(await invitationsOf(testDb().db, collector.id)).toHaveLength(3);
    // Meanwhile an address unsubscribed from the voice's emails (a feedback's reply link, say), and two citizens moved.
    await optOut(testDb().db, createHash('sha256').update('deja-desinscrit@exemple.fr').digest('hex'), clock.now());
    await testDb().db.update(citizens).set({ email: ' Deja-Desinscrit@Exemple.fr' }).where(eq(citizens.id, movesToOptedOut!.id));
    await testDb().db.update(citizens).set({ email: 'nouvelle@exemple.fr' }).where(eq(citizens.id, movesAway!.id));

    await drain(senderFor(testDb().db, clock, { smtpUrl: smtp.url }), clock);

    expect(smtp.messages.map((message) => message.to[0]).sort()).toEqual([stays!.email, 'nouvelle@exemple.fr'].sort());
    const invitations = await invitationsOf(testDb().db, collector.id);
    expect(invitations.find((row) => row.citizenId === movesToOptedOut!.id)).toMatchObject({
      status: 'opted_out',
      error: 'unsubscribed',
      sentAt: null,
    });
    // Counted with the unsubscribed, so the campaign's progress adds up.
    expect((await collectorRow(testDb().db, collector.id)).stats).toMatchObject({ recipients: 3, sent: 2, unsubscribed: 1, failed: 0 });
  });

  it('sends no reminder once the survey is closed', async () => {
    const { survey } = await campaign({ consenting: 2, reminderAfterDays: 1 });
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    await drain(sender, clock);
    await testDb().db.execute(sql`update surveys set status = 'closed' where id = ${survey.id}`);
    clock.advance(5 * day);
    await drain(sender, clock);
    expect(smtp.messages).toHaveLength(2);
  });

  it('without SMTP settings, says why and sends nothing; once configured, it goes', async () => {
    const { collector } = await campaign({ consenting: 2 });
    await drain(senderFor(testDb().db, clock, { smtpUrl: null }), clock);
    const stuck = await collectorRow(testDb().db, collector.id);
    expect(stuck.status).toBe('sending');
    expect(stuck.stats.problem).toBe('SMTP_NOT_CONFIGURED');
    expect(await invitationsOf(testDb().db, collector.id)).toHaveLength(0);

    await drain(senderFor(testDb().db, clock, { smtpUrl: smtp.url }), clock);
    const sent = await collectorRow(testDb().db, collector.id);
    expect(sent.stats).toMatchObject({ problem: null, sent: 2 });
    expect(sent.status).toBe('done');
  });

  it('leaves a draft campaign alone and selects only the segment', async () => {
    const { build, department, survey, collector: draft } = await campaign({ consenting: 2, status: 'draft' });
    const category = await build.buildCategory(department.id);
    const withCase = await build.buildCitizen({ email: 'voirie@exemple.fr', postalCode: '45000' });
    await build.buildCase({
      citizenId: withCase.id,
      categoryId: category.id,
      departmentId: department.id,
      createdAt: '2026-01-15T10:00:00.000Z',
    });
    const oldCase = await build.buildCitizen({ email: 'ancien@exemple.fr', postalCode: '45000' });
    await build.buildCase({
      citizenId: oldCase.id,
      categoryId: category.id,
      departmentId: department.id,
      createdAt: '2024-01-15T10:00:00.000Z',
    });
    await build.buildCitizen({ email: 'ailleurs@exemple.fr', postalCode: '45000' });
    const segmented = await build.buildCollector({
      surveyId: survey.id,
      departmentId: department.id,
      status: 'sending',
      settings: emailSettings({
        segment: { departmentIds: [department.id], categoryIds: [], sinceMonths: 6, postalCodes: ['45000'], channels: ['email'] },
      }),
    });
    await drain(senderFor(testDb().db, clock, { smtpUrl: smtp.url }), clock);
    expect(smtp.messages.map((message) => message.to[0])).toEqual(['voirie@exemple.fr']);
    expect(await invitationsOf(testDb().db, draft.id)).toHaveLength(0);
    expect((await collectorRow(testDb().db, segmented.id)).stats.recipients).toBe(1);
  });
});
