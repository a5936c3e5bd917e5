import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { beforeEach, describe, expect, it } from 'vitest';
import { outcomes as centralOutcomes, surveyResponses as centralResponses, surveys as centralSurveys } from '../../src-central/db/schema';
import { answerTags, outcomes, surveyIndicators } from '../../src-main/db/schema';
import { centralBuilders } from './support/builders';
import { dbKinds, useCentralTestDb } from './support/central-test-db';
import { password } from './support/sync-city';
import { useSyncServer } from './support/sync-server';
import { useVoiceMailSenders } from './support/voice-mail-harness';
import { ManualClock } from '../support/manual-clock';

/**
 * Indicators, themes and outcomes go through the registry like every entity: written on one workspace,
 * checked again by the central service, received by the department's other workspaces and by no one else.
 */
describe.each(dbKinds)('indicators, answer themes and outcomes through the central service, on %s', (kind) => {
  const testDb = useCentralTestDb(kind);
  const server = useSyncServer(testDb);
  const senderFor = useVoiceMailSenders();
  const surveyId = uuidv7();
  const responseId = uuidv7();

  beforeEach(async () => {
    const { buildAgent } = centralBuilders(testDb().db);
    const { voirie, etatCivil } = server.city;
    await buildAgent({
      name: 'Responsable Voirie',
      email: 'chef@ville.example',
      password,
      roles: [{ departmentId: voirie.id, role: 'supervisor' }],
    });
    await buildAgent({
      name: 'Chef État civil',
      email: 'etat@ville.example',
      password,
      roles: [{ departmentId: etatCivil.id, role: 'supervisor' }],
    });
    await testDb()
      .db.insert(centralSurveys)
      .values({
        id: surveyId,
        departmentId: voirie.id,
        status: 'open',
        opensOn: null,
        closesOn: null,
        anonymity: 'anonymous',
        purpose: { fr: 'Mieux entretenir les trottoirs', en: '' },
        definition: {
          title: 'Trottoirs',
          pages: [
            {
              name: 'p',
              elements: [
                { type: 'rating', name: 'etat' },
                { type: 'comment', name: 'pourquoi' },
              ],
            },
          ],
        },
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        version: 1,
        rowVersion: 1,
      });
    await testDb()
      .db.insert(centralResponses)
      .values({
        id: responseId,
        surveyId,
        departmentId: voirie.id,
        channel: 'link',
        collectorId: null,
        caseId: null,
        citizenId: null,
        agentId: null,
        answers: { etat: 2, pourquoi: 'Trottoirs défoncés' },
        note: null,
        profile: null,
        submittedAt: '2026-01-05T00:00:00.000Z',
        rowVersion: 1,
      });
  });

  it('reach the department’s other workspaces, not another department’s, and the central service keeps them', async () => {
    const chief = await server.workspace('chef@ville.example');
    const field = await server.workspace('terrain@ville.example');
    const other = await server.workspace('etat@ville.example');
    const agent = chief.services.session.currentAgent()!;
    const fieldAgent = field.services.session.currentAgent()!;
    const { voirie } = server.city;

    // The voice mail job, without SMTP settings, has made its first pass (its cursor is placed).
    const mails = senderFor(testDb().db, new ManualClock(), { smtpUrl: null });
    await mails.runOnce();

    chief.services.voice.saveIndicator(agent, {
      id: null,
      departmentId: voirie.id,
      label: { fr: 'Trottoirs en bon état', en: '' },
      sources: [{ surveyId, question: 'etat', favourable: [4, 5] }],
    });
    const outcome = chief.services.voice.saveOutcome(agent, {
      id: null,
      departmentId: voirie.id,
      title: { fr: 'Trottoirs refaits', en: '' },
      body: { fr: 'Rue des Lilas, en mars.', en: '' },
      surveyIds: [surveyId],
      caseIds: [],
      expectedVersion: null,
    });
    chief.services.voice.publishOutcome(agent, { id: outcome.id, expectedVersion: outcome.version });
    field.services.voice.tag(fieldAgent, { responseId, question: 'pourquoi', theme: 'Trottoirs' });
    await chief.services.sync.engine.sync();
    // Its anonymous survey names no one to write to: the job says so on the outcome, for every workspace.
    await mails.runOnce();
    await field.services.sync.engine.sync();
    await chief.services.sync.engine.sync();
    await other.services.sync.engine.sync();

    expect(chief.services.sync.status()).toMatchObject({ pending: 0, failure: null });
    expect(field.services.sync.status()).toMatchObject({ pending: 0, failure: null });
    const [stored] = await testDb().db.select().from(centralOutcomes).where(eq(centralOutcomes.id, outcome.id));
    expect(stored).toMatchObject({ status: 'published', version: 2, departmentId: voirie.id });
    expect(
      field.replica.db
        .select()
        .from(surveyIndicators)
        .all()
        .map((row) => row.label.fr),
    ).toEqual(['Trottoirs en bon état']);
    expect(
      field.replica.db
        .select()
        .from(outcomes)
        .all()
        .map((row) => [row.status, row.mailStats]),
    ).toEqual([['published', { recipients: 0, sent: 0, failed: 0, optedOut: 0, skipped: 0, problem: null }]]);
    expect(
      chief.replica.db
        .select()
        .from(answerTags)
        .all()
        .map((row) => [row.responseId, row.theme]),
    ).toEqual([[responseId, 'Trottoirs']]);
    // État civil's workspace holds nothing of Voirie's voice.
    expect(other.replica.db.select().from(surveyIndicators).all()).toEqual([]);
    expect(other.replica.db.select().from(outcomes).all()).toEqual([]);
    expect(other.replica.db.select().from(answerTags).all()).toEqual([]);
    // The indicator reads the answer the central service holds: one answer, shown « < 5 » (no count, no share).
    const [view] = field.services.voice.indicators(fieldAgent, voirie.id);
    expect(view?.series.bySurvey.map((point) => point.surveyId)).toEqual([surveyId]);
    expect(view?.series.overall).toEqual({ answered: null, answers: null, favourable: null, share: null });
  });
});
