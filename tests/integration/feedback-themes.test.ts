import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Replica } from '../../src-main/db/open-replica';
import { caseEvents, caseTags, surveys } from '../../src-main/db/schema';
import { runSteps, upsertSteps } from '../../src-main/sync/replica-apply';
import { builders } from '../support/builders';
import { failure } from '../support/failure';
import { ManualClock } from '../support/manual-clock';
import { callerFor, createTestDb } from '../support/test-db';

let replica: Replica;
afterEach(() => replica.close());

const surveyId = '0190b000-0000-7000-8000-000000000001';
const responseId = '0190c000-0000-7000-8000-000000000001';
/** Five answers: the open answers of a smaller population are not shown at all. */
const answerTexts = ['Les horaires ne vont pas', 'Trop de monde', 'Bassin froid', 'Vestiaires sales', 'Accueil agréable'];

/** Voirie's feedback (two rated, one not), a report, and an open answer already filed under "horaires". */
function setup() {
  replica = createTestDb();
  const build = builders(replica.db);
  const city = build.buildCity();
  const clock = new ManualClock('2026-03-02T09:00:00.000Z');
  const as = (agentId: string) => callerFor(replica, agentId, clock);
  const feedbackCategory = build.buildCategory({ departmentId: city.voirie.id, label: 'Avis sur la piscine', kind: 'feedback' });
  const feedback = (subject: string, rating: number | null, createdAt: string) => {
    const row = build.buildCase({ categoryId: feedbackCategory.id, departmentId: city.voirie.id, kind: 'feedback', subject, createdAt });
    replica.db
      .update(caseEvents)
      .set({ data: { channel: 'web', rating, contact: null } })
      .where(eq(caseEvents.caseId, row.id))
      .run();
    return row;
  };
  const cases = {
    early: feedback('Avis 2/5 : ferme trop tôt', 2, '2026-02-01T09:00:00.000Z'),
    late: feedback('Avis 3/5 : pas le dimanche', 3, '2026-02-02T09:00:00.000Z'),
    unrated: feedback('Avis au guichet', null, '2026-02-03T09:00:00.000Z'),
    report: build.buildCase({ categoryId: city.potHole.id, departmentId: city.voirie.id }),
  };
  replica.db
    .insert(surveys)
    .values({
      id: surveyId,
      departmentId: city.voirie.id,
      status: 'open',
      opensOn: null,
      closesOn: null,
      anonymity: 'anonymous',
      purpose: { fr: 'Améliorer la piscine', en: '' },
      definition: { pages: [{ name: 'p1', elements: [{ type: 'comment', name: 'pourquoi' }] }] },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
    })
    .run();
  runSteps(
    replica.db.$client,
    upsertSteps({
      surveyResponses: answerTexts.map((text, index) => ({
        id: index === 0 ? responseId : `0190c000-0000-7000-8000-00000000000${index + 1}`,
        surveyId,
        departmentId: city.voirie.id,
        channel: 'link' as const,
        collectorId: null,
        caseId: null,
        citizenId: null,
        agentId: null,
        answers: { pourquoi: text },
        note: null,
        profile: null,
        submittedAt: '2026-02-01T00:00:00.000Z',
      })),
    }),
  );
  const civilDesk = build.buildAgent({ name: 'Accueil État civil', roles: [{ departmentId: city.etatCivil.id, role: 'counter' }] });
  return { city, as, cases, civilDesk };
}

describe('themes on feedback cases in the workspace', () => {
  it('offer the department’s themes of answers and feedback as one, tag offline on the replica, and count per theme', async () => {
    const { city, as, cases } = setup();
    const field = await as(city.field.id);
    await field.voice.tag({ responseId, question: 'pourquoi', theme: 'horaires' });
    expect(await field.voice.caseThemes({ caseId: cases.early.id })).toEqual({ themes: [], suggestions: ['horaires'], editable: true });

    await field.voice.tagCase({ caseId: cases.early.id, theme: 'Horaires' });
    await field.voice.tagCase({ caseId: cases.late.id, theme: ' HORAIRES' });
    await field.voice.tagCase({ caseId: cases.unrated.id, theme: 'Horaires' });
    await field.voice.tagCase({ caseId: cases.late.id, theme: 'Accueil' });
    // The same theme again, in any spelling, is one theme on the case.
    await field.voice.tagCase({ caseId: cases.early.id, theme: 'horaires ' });
    expect(replica.db.select().from(caseTags).all()).toHaveLength(4);

    // Two spellings of "horaires" are one theme, named by the most used; its own theme is not suggested again.
    expect(await field.voice.caseThemes({ caseId: cases.early.id })).toEqual({
      themes: [expect.objectContaining({ theme: 'Horaires' })],
      suggestions: ['Accueil'],
      editable: true,
    });
    expect(await field.voice.feedbackThemes({ departmentId: city.voirie.id })).toEqual([
      {
        theme: 'Horaires',
        count: 3,
        averageRating: 2.5,
        cases: [
          {
            caseId: cases.early.id,
            trackingCode: cases.early.trackingCode,
            subject: cases.early.subject,
            createdAt: cases.early.createdAt,
            rating: 2,
          },
          {
            caseId: cases.late.id,
            trackingCode: cases.late.trackingCode,
            subject: cases.late.subject,
            createdAt: cases.late.createdAt,
            rating: 3,
          },
          {
            caseId: cases.unrated.id,
            trackingCode: cases.unrated.trackingCode,
            subject: cases.unrated.subject,
            createdAt: cases.unrated.createdAt,
            rating: null,
          },
        ],
      },
      { theme: 'Accueil', count: 1, averageRating: 3, cases: [expect.objectContaining({ caseId: cases.late.id })] },
    ]);

    // The open answers' theme field offers the same themes, feedback's included.
    expect((await field.voice.openAnswers({ surveyId, question: 'pourquoi' })).departmentThemes).toEqual(['Horaires', 'Accueil']);

    await field.voice.untagCase({ caseId: cases.late.id, theme: 'accueil' });
    expect((await field.voice.feedbackThemes({ departmentId: city.voirie.id })).map((theme) => theme.theme)).toEqual(['Horaires']);
  });

  it('refuse a case that is not feedback, and answer for another department’s case as for a missing one', async () => {
    const { city, as, cases, civilDesk } = setup();
    const field = await as(city.field.id);
    expect(await failure(field.voice.tagCase({ caseId: cases.report.id, theme: 'Horaires' }))).toMatchObject({ code: 'CASE_NOT_FEEDBACK' });
    expect(await field.voice.caseThemes({ caseId: cases.report.id })).toMatchObject({ editable: false });
    const elsewhere = await as(civilDesk.id);
    expect(await failure(elsewhere.voice.tagCase({ caseId: cases.early.id, theme: 'Horaires' }))).toMatchObject({ code: 'CASE_NOT_FOUND' });
    expect(await failure(elsewhere.voice.caseThemes({ caseId: cases.early.id }))).toMatchObject({ code: 'CASE_NOT_FOUND' });
    expect(await failure(elsewhere.voice.feedbackThemes({ departmentId: city.voirie.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(field.voice.tagCase({ caseId: cases.early.id, theme: 'x'.repeat(81) }))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(replica.db.select().from(caseTags).all()).toEqual([]);
  });
});
