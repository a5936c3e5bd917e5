import { afterEach, describe, expect, it } from 'vitest';
import type { Replica } from '../../src-main/db/open-replica';
import { surveys } from '../../src-main/db/schema';
import { runSteps, upsertSteps } from '../../src-main/sync/replica-apply';
import type { SurveyResponse } from '../../src-shared/schemas/surveys';
import { builders } from '../support/builders';
import { failure } from '../support/failure';
import { ManualClock } from '../support/manual-clock';
import { callerFor, createTestDb } from '../support/test-db';

let replica: Replica;
afterEach(() => replica.close());

const poolSurvey = '0190b000-0000-7000-8000-000000000001';
const secondSurvey = '0190b000-0000-7000-8000-000000000002';

function setup() {
  replica = createTestDb();
  const build = builders(replica.db);
  const city = build.buildCity();
  const clock = new ManualClock('2026-03-02T09:00:00.000Z');
  const as = (agentId: string) => callerFor(replica, agentId, clock);
  const survey = (id: string, departmentId: string, title: string) =>
    replica.db
      .insert(surveys)
      .values({
        id,
        departmentId,
        status: 'open',
        opensOn: null,
        closesOn: null,
        anonymity: 'anonymous',
        purpose: { fr: 'Améliorer la piscine', en: '' },
        definition: {
          title: { default: title, fr: title },
          pages: [
            {
              name: 'p1',
              elements: [
                { type: 'rating', name: 'horaires', rateMax: 5 },
                { type: 'comment', name: 'pourquoi' },
                { type: 'boolean', name: 'revenir' },
              ],
            },
          ],
        },
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        version: 1,
      })
      .run();
  let serial = 0;
  // Through the sync's apply path, as responses reach a replica: with their value rows and counts.
  const respond = (
    surveyId: string,
    answers: SurveyResponse['answers'],
    submittedAt: string,
    channel: SurveyResponse['channel'] = 'link',
  ) =>
    runSteps(
      replica.db.$client,
      upsertSteps({
        surveyResponses: [
          {
            id: `0190c000-0000-7000-8000-${String(++serial).padStart(12, '0')}`,
            surveyId,
            departmentId: city.voirie.id,
            channel,
            collectorId: null,
            caseId: null,
            citizenId: null,
            agentId: null,
            answers,
            note: null,
            profile: null,
            submittedAt,
          },
        ],
      }),
    );
  return { city, as, survey, respond };
}

describe('indicators', () => {
  it('follow the share of favourable answers across successive surveys, months and channels, hiding groups under 5 and those that give them back', async () => {
    const { city, as, survey, respond } = setup();
    survey(poolSurvey, city.voirie.id, 'Piscine 2025');
    survey(secondSurvey, city.voirie.id, 'Piscine 2026');
    // First survey: 2 favourable of 6 in January; the second: 5 of 6 in February, 3 of them at a kiosk.
    for (const rating of [1, 2, 2, 3, 4, 5]) respond(poolSurvey, { horaires: rating }, '2026-01-10T10:00:00.000Z');
    for (const rating of [4, 5, 5, 4, 4, 2])
      respond(secondSurvey, { horaires: rating }, '2026-02-10T10:00:00.000Z', rating === 4 ? 'kiosk' : 'link');
    respond(secondSurvey, { pourquoi: 'Sans note' }, '2026-02-11T10:00:00.000Z');
    const supervisor = await as(city.supervisor.id);
    await supervisor.voice.saveIndicator({
      id: null,
      departmentId: city.voirie.id,
      label: { fr: 'Satisfaction sur les horaires', en: 'Opening hours' },
      sources: [
        { surveyId: poolSurvey, question: 'horaires', favourable: [4, 5] },
        { surveyId: secondSurvey, question: 'horaires', favourable: [4, 5] },
      ],
    });
    const field = await as(city.field.id);
    const [view] = await field.voice.indicators({ departmentId: city.voirie.id });
    expect(view?.sources.map((source) => source.surveyTitle)).toEqual(['Piscine 2025', 'Piscine 2026']);
    expect(view?.series.bySurvey.map(({ surveyId, answered, share }) => [surveyId, answered, share])).toEqual([
      [poolSurvey, 6, 2 / 6],
      [secondSurvey, 6, 5 / 6],
    ]);
    expect(view?.series.byMonth.map(({ month, share }) => [month, share])).toEqual([
      ['2026-01', 2 / 6],
      ['2026-02', 5 / 6],
    ]);
    // Three kiosk answers: fewer than five, never shown; nor the link's 9 (4 favourable), else the overall 12 (7
    // favourable) less the link gives the kiosk back: 3 answers, 3 favourable. Hidden ones come by name.
    const hidden = { answered: null, answers: null, favourable: null, share: null };
    expect(view?.series.byChannel).toEqual([
      { channel: 'kiosk', ...hidden },
      { channel: 'link', ...hidden },
    ]);
    expect(view?.series.overall).toEqual({ answered: 12, answers: 12, favourable: 7, share: 7 / 12 });
  });

  it('count a respondent to two of their questions once, and each of the two answers in the share', async () => {
    const { city, as, survey, respond } = setup();
    survey(poolSurvey, city.voirie.id, 'Piscine');
    // 4 respondents by the link and 3 at a kiosk, each answering both followed questions.
    for (const [horaires, revenir] of [
      [5, true],
      [4, true],
      [2, false],
      [1, true],
    ] as const)
      respond(poolSurvey, { horaires, revenir }, '2026-01-10T10:00:00.000Z');
    for (const [horaires, revenir] of [
      [5, true],
      [5, false],
      [1, false],
    ] as const)
      respond(poolSurvey, { horaires, revenir }, '2026-01-11T10:00:00.000Z', 'kiosk');
    const supervisor = await as(city.supervisor.id);
    await supervisor.voice.saveIndicator({
      id: null,
      departmentId: city.voirie.id,
      label: { fr: 'Piscine', en: '' },
      sources: [
        { surveyId: poolSurvey, question: 'horaires', favourable: [4, 5] },
        { surveyId: poolSurvey, question: 'revenir', favourable: [true] },
      ],
    });
    const [view] = await supervisor.voice.indicators({ departmentId: city.voirie.id });
    // 7 respondents, 14 answers, 8 of them favourable.
    expect(view?.series.overall).toEqual({ answered: 7, answers: 14, favourable: 8, share: 8 / 14 });
    // The kiosk's 3 respondents (6 answers) are under 5, and the link's 4 too: neither is shown.
    const hidden = { answered: null, answers: null, favourable: null, share: null };
    expect(view?.series.byChannel).toEqual([
      { channel: 'kiosk', ...hidden },
      { channel: 'link', ...hidden },
    ]);
  });

  it('are defined by those who design surveys, and read by the department only', async () => {
    const { city, as, survey } = setup();
    survey(poolSurvey, city.voirie.id, 'Piscine');
    const field = await as(city.field.id);
    const args = { id: null, departmentId: city.voirie.id, label: { fr: 'Horaires', en: '' }, sources: [] };
    expect(await failure(field.voice.saveIndicator(args))).toMatchObject({ code: 'FORBIDDEN' });
    // A field agent of Voirie reads Voirie's indicators, not État civil's.
    expect(await field.voice.indicators({ departmentId: city.voirie.id })).toEqual([]);
    expect(await failure(field.voice.indicators({ departmentId: city.etatCivil.id }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('surveys to pick from', () => {
  it("are the agent's departments', each with the definition its closed questions are read from", async () => {
    const { city, as, survey } = setup();
    survey(poolSurvey, city.voirie.id, 'Piscine');
    survey(secondSurvey, city.etatCivil.id, 'Mariages');
    const surveys = await (await as(city.field.id)).voice.surveys();
    expect(surveys.map(({ id, title }) => [id, title])).toEqual([[poolSurvey, 'Piscine']]);
    expect(surveys[0]?.definition).toMatchObject({
      pages: [{ elements: [{ name: 'horaires' }, { name: 'pourquoi' }, { name: 'revenir' }] }],
    });
  });
});

describe('open answers and themes', () => {
  it('are searched without accents, tagged into themes, counted per theme, with suggestions', async () => {
    const { city, as, survey, respond } = setup();
    survey(poolSurvey, city.voirie.id, 'Piscine');
    respond(poolSurvey, { pourquoi: "Les horaires d'ouverture sont trop courts" }, '2026-01-10T10:00:00.000Z');
    respond(poolSurvey, { pourquoi: "Horaires d'ouverture à élargir" }, '2026-01-11T10:00:00.000Z');
    respond(poolSurvey, { pourquoi: 'Eau trop froide' }, '2026-01-12T10:00:00.000Z');
    respond(poolSurvey, { horaires: 3 }, '2026-01-13T10:00:00.000Z');
    const field = await as(city.field.id);
    // Four respondents are fewer than 5: the synthesis shows « < 5 » and no text.
    expect(await field.voice.openAnswers({ surveyId: poolSurvey, question: 'pourquoi' })).toEqual({
      total: 0,
      answers: [],
      themes: [],
      suggestions: [],
    });
    respond(poolSurvey, { horaires: 4 }, '2026-01-14T10:00:00.000Z');
    const all = await field.voice.openAnswers({ surveyId: poolSurvey, question: 'pourquoi' });
    expect(all.total).toBe(3);
    expect(all.suggestions[0]).toEqual({ label: "horaires d'ouverture", answers: 2, kind: 'pair' });
    const found = await field.voice.openAnswers({ surveyId: poolSurvey, question: 'pourquoi', search: 'ELARGIR' });
    expect(found.answers.map((answer) => answer.text)).toEqual(["Horaires d'ouverture à élargir"]);
    for (const answer of all.answers.filter((entry) => entry.text.includes('ouverture')))
      await field.voice.tag({ responseId: answer.responseId, question: 'pourquoi', theme: 'Horaires' });
    const cold = all.answers.find((entry) => entry.text.startsWith('Eau'))!;
    await field.voice.tag({ responseId: cold.responseId, question: 'pourquoi', theme: 'Eau' });
    const tagged = await field.voice.openAnswers({ surveyId: poolSurvey, question: 'pourquoi', theme: 'Horaires' });
    expect(tagged.total).toBe(2);
    expect(tagged.themes).toEqual([
      { theme: 'Horaires', answers: 2 },
      { theme: 'Eau', answers: 1 },
    ]);
    const tagId = tagged.answers[0]!.tags[0]!.id;
    await field.voice.untag({ id: tagId });
    expect((await field.voice.openAnswers({ surveyId: poolSurvey, question: 'pourquoi', theme: 'Horaires' })).total).toBe(1);
  });

  it('count a theme once whatever its spelling, named by its most used one', async () => {
    const { city, as, survey, respond } = setup();
    survey(poolSurvey, city.voirie.id, 'Piscine');
    for (const text of ['Horaires trop courts', 'Fermé le dimanche', 'Ouvrir plus tard', 'Eau froide', 'Trop de monde'])
      respond(poolSurvey, { pourquoi: text }, '2026-01-10T10:00:00.000Z');
    const field = await as(city.field.id);
    const [first, second, third, cold] = (await field.voice.openAnswers({ surveyId: poolSurvey, question: 'pourquoi' })).answers;
    const tag = (responseId: string, theme: string) => field.voice.tag({ responseId, question: 'pourquoi', theme });
    await tag(first!.responseId, 'Horaires');
    await tag(second!.responseId, 'Horaires');
    await tag(third!.responseId, 'horaires');
    // Tagged twice, once in each spelling: one answer under the theme.
    await tag(first!.responseId, ' HORAIRES ');
    await tag(cold!.responseId, 'Eau');
    const page = await field.voice.openAnswers({ surveyId: poolSurvey, question: 'pourquoi' });
    expect(page.themes).toEqual([
      { theme: 'Horaires', answers: 3 },
      { theme: 'Eau', answers: 1 },
    ]);
    // Filtering on the theme, in any of its spellings, finds its three answers.
    for (const theme of ['Horaires', 'horaires', 'HORAIRES'])
      expect((await field.voice.openAnswers({ surveyId: poolSurvey, question: 'pourquoi', theme })).total).toBe(3);
  });

  it('answer as if the survey did not exist to an agent of another department', async () => {
    const { city, as, survey } = setup();
    survey(poolSurvey, city.voirie.id, 'Piscine');
    const clerk = await as(city.counter.id);
    // The counter agent is a member of Voirie: allowed. An agent of État civil alone is not.
    expect((await clerk.voice.openAnswers({ surveyId: poolSurvey, question: 'pourquoi' })).total).toBe(0);
    const { buildAgent } = builders(replica.db);
    const outsider = buildAgent({ name: 'Agent État civil', roles: [{ departmentId: city.etatCivil.id, role: 'supervisor' }] });
    expect(await failure((await as(outsider.id)).voice.openAnswers({ surveyId: poolSurvey, question: 'pourquoi' }))).toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
    });
  });
});

describe('outcomes', () => {
  it('are drafted, corrected and published by a supervisor, with their surveys’ titles', async () => {
    const { city, as, survey } = setup();
    survey(poolSurvey, city.voirie.id, 'Piscine');
    const supervisor = await as(city.supervisor.id);
    const fields = {
      departmentId: city.voirie.id,
      title: { fr: 'Ouvert le samedi après-midi', en: 'Open on Saturday afternoons' },
      body: { fr: 'Vous étiez nombreux à le demander.', en: '' },
      surveyIds: [poolSurvey],
      caseIds: [],
    };
    const created = await supervisor.voice.saveOutcome({ id: null, ...fields, expectedVersion: null });
    const conflict = await failure(supervisor.voice.publishOutcome({ id: created.id, expectedVersion: 7 }));
    expect(conflict).toMatchObject({ code: 'VERSION_CONFLICT' });
    await supervisor.voice.publishOutcome({ id: created.id, expectedVersion: created.version });
    const [outcome] = await (await as(city.field.id)).voice.outcomes();
    expect(outcome).toMatchObject({
      status: 'published',
      publishedAt: '2026-03-02T09:00:00.000Z',
      surveys: [{ id: poolSurvey, title: 'Piscine' }],
    });
    expect(await failure((await as(city.field.id)).voice.publishOutcome({ id: created.id, expectedVersion: 2 }))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
