import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cases, surveyCollectors } from '../../src-central/db/schema';
import { nextVersion } from '../../src-central/db/versions';
import { ManualClock } from '../support/manual-clock';
import { linksOf, startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { campaignBuilders, emailSettings } from './support/campaign-city';
import { collectorRow, drain, invitationsOf, useCampaignSenders } from './support/campaign-harness';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { buildTestServer } from './support/test-server';

describe.each(dbKinds)('after-a-case invitations on %s', (kind) => {
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

  /** Closes (or reopens) a case as a push would: a new sync version on the row. */
  async function setStatus(caseId: string, status: 'closed' | 'in_progress') {
    const db = testDb().db;
    await db.transaction(async (tx) => {
      const version = await nextVersion(tx as never);
      await tx
        .update(cases)
        .set({ status, closedAt: status === 'closed' ? clock.now().toISOString() : null, rowVersion: version })
        .where(eq(cases.id, caseId));
    });
  }

  it('invites the citizen of a closed case of the rule’s categories once per case, if they consented', async () => {
    const build = campaignBuilders(testDb().db);
    const department = await build.buildDepartment();
    const rated = await build.buildCategory(department.id, 'Nid-de-poule');
    const other = await build.buildCategory(department.id, 'Éclairage');
    const survey = await build.buildSurvey({ departmentId: department.id });
    const rule = await build.buildCollector({
      surveyId: survey.id,
      departmentId: department.id,
      status: 'active',
      label: 'Après une demande Voirie',
      settings: { kind: 'afterCase', categoryIds: [rated.id] },
    });
    const consenting = await build.buildCitizen({ email: 'oui@exemple.fr' });
    const refusing = await build.buildCitizen({ email: 'non@exemple.fr', consentSurveys: false });
    const closedBefore = await build.buildCase({ citizenId: consenting.id, categoryId: rated.id, departmentId: department.id });
    const first = await build.buildCase({ citizenId: consenting.id, categoryId: rated.id, departmentId: department.id });
    const second = await build.buildCase({ citizenId: consenting.id, categoryId: rated.id, departmentId: department.id });
    const notRated = await build.buildCase({ citizenId: consenting.id, categoryId: other.id, departmentId: department.id });
    const refused = await build.buildCase({ citizenId: refusing.id, categoryId: rated.id, departmentId: department.id });

    await setStatus(closedBefore.id, 'closed');
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    // The first pass places the cursor: a case closed before is not written about.
    await drain(sender, clock);
    expect(smtp.messages).toHaveLength(0);

    for (const closing of [first, notRated, refused]) await setStatus(closing.id, 'closed');
    await drain(sender, clock);
    expect(smtp.messages.map((message) => message.to[0])).toEqual(['oui@exemple.fr']);
    expect(linksOf(smtp.messages[0] as (typeof smtp.messages)[number]).surveyId).toBe(survey.id);
    const invitations = await invitationsOf(testDb().db, rule.id);
    // The field the answer route copies onto the response: the answer lands on the case.
    expect(invitations.map((row) => row.caseId)).toEqual([first.id]);

    // Reopened and closed again: still once. Another case of the same citizen: its own invitation.
    await setStatus(first.id, 'in_progress');
    await setStatus(first.id, 'closed');
    await setStatus(second.id, 'closed');
    await drain(sender, clock);
    expect(smtp.messages).toHaveLength(2);
    expect((await invitationsOf(testDb().db, rule.id)).map((row) => row.caseId).sort()).toEqual([first.id, second.id].sort());
    expect((await invitationsOf(testDb().db, rule.id)).some((row) => row.caseId === closedBefore.id)).toBe(false);
    const row = await collectorRow(testDb().db, rule.id);
    expect(row.status).toBe('active');
    expect(row.stats).toMatchObject({ recipients: 2, sent: 2 });
  });

  it('a paused rule invites nobody', async () => {
    const build = campaignBuilders(testDb().db);
    const department = await build.buildDepartment();
    const category = await build.buildCategory(department.id);
    const survey = await build.buildSurvey({ departmentId: department.id });
    await build.buildCollector({
      surveyId: survey.id,
      departmentId: department.id,
      status: 'paused',
      settings: { kind: 'afterCase', categoryIds: [category.id] },
    });
    const citizen = await build.buildCitizen();
    const closing = await build.buildCase({ citizenId: citizen.id, categoryId: category.id, departmentId: department.id });
    const sender = senderFor(testDb().db, clock, { smtpUrl: smtp.url });
    await drain(sender, clock);
    await setStatus(closing.id, 'closed');
    await drain(sender, clock);
    expect(smtp.messages).toHaveLength(0);
  });

  it('the service starts the sender itself: a campaign set to sending goes out', async () => {
    const build = campaignBuilders(testDb().db);
    const department = await build.buildDepartment();
    const survey = await build.buildSurvey({ departmentId: department.id });
    await build.buildCitizen({ email: 'service@exemple.fr' });
    const app = await buildTestServer(testDb(), {
      config: { smtpUrl: smtp.url, mailFrom: 'Ville <participation@ville.example>', publicUrl: 'https://participer.ville.example' },
      campaigns: {},
    });
    try {
      const collector = await build.buildCollector({
        surveyId: survey.id,
        departmentId: department.id,
        status: 'draft',
        settings: emailSettings(),
      });
      await testDb().db.update(surveyCollectors).set({ status: 'sending' }).where(eq(surveyCollectors.id, collector.id));
      await vi.waitFor(() => expect(smtp.messages).toHaveLength(1), { timeout: 20_000, interval: 100 });
      expect(linksOf(smtp.messages[0] as (typeof smtp.messages)[number]).answer).toMatch(/^https:\/\/participer\.ville\.example\/s\//);
      await vi.waitFor(async () => expect((await collectorRow(testDb().db, collector.id)).status).toBe('done'), {
        timeout: 20_000,
        interval: 100,
      });
    } finally {
      await app.close();
    }
  });
});
