import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Replica } from '../../src-main/db/open-replica';
import type { SurveyResponse } from '../../src-shared/schemas/surveys';
import { remainderKey, type SynthesisFilter } from '../../src-shared/surveys/synthesis';
import { builders } from '../support/builders';
import { failure } from '../support/failure';
import { createTestDb } from '../support/test-db';
import writtenElsewhere from '../fixtures/surveys/written-elsewhere.json';
import { seedSynthesisSurvey } from './support/synthesis-survey';

let replica: Replica;
afterEach(() => replica.close());

const noFilter: SynthesisFilter = { from: null, to: null, channel: null, collectorId: null };

function setup() {
  replica = createTestDb();
  return seedSynthesisSurvey(replica);
}

/** What the synthesis must say, computed the slow way from the answers. */
function naiveCounts(responses: readonly SurveyResponse[], question: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { answers } of responses) {
    const answer = answers[question];
    const values = Array.isArray(answer) ? answer : answer === undefined ? [] : [answer];
    for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  }
  return counts;
}

describe('survey synthesis on the replica', () => {
  it('counts every closed question as the answers say, with the NPS and "other" apart', async () => {
    const { city, survey, apply, response, as } = setup();
    const responses = Array.from({ length: 300 }, () => response());
    apply({ surveyResponses: responses });
    const supervisor = await as(city.supervisor.id);
    const overview = await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: noFilter });
    expect(overview.total).toBe(300);
    const result = (name: string) => overview.questions.find((question) => question.name === name);
    for (const name of ['frequency', 'activities', 'cleanliness'] as const) {
      const found = result(name);
      if (found === undefined || (found.kind !== 'choices' && found.kind !== 'scale')) throw new Error(name);
      const expected = naiveCounts(responses, name);
      for (const item of found.items) expect([name, item.value, item.count]).toEqual([name, item.value, expected.get(item.value) ?? 0]);
    }
    const activities = result('activities');
    expect(activities).toMatchObject({ answered: responses.filter((r) => r.answers.activities !== undefined).length });
    expect(activities).toMatchObject({ other: naiveCounts(responses, 'activities').get('other') });
    const recommend = result('recommend');
    const scores = responses.flatMap((r) => (typeof r.answers.recommend === 'number' ? [r.answers.recommend] : []));
    const promoters = scores.filter((score) => score >= 9).length;
    const detractors = scores.filter((score) => score <= 6).length;
    expect(recommend).toMatchObject({
      kind: 'nps',
      answered: scores.length,
      promoters,
      detractors,
      score: Math.round((100 * (promoters - detractors)) / scores.length),
    });
    expect(result('visited')).toMatchObject({ kind: 'yesNo', yes: naiveCounts(responses, 'visited').get('true') });
    expect(result('whyNot')).toMatchObject({ kind: 'open', answered: responses.filter((r) => r.answers.whyNot !== undefined).length });
  });

  it('filters by date, channel and collector, and follows a response changed or removed', async () => {
    const { city, survey, kiosk, apply, response, as } = setup();
    const responses = Array.from({ length: 120 }, () => response());
    apply({ surveyResponses: responses });
    const supervisor = await as(city.supervisor.id);
    const total = async (filter: typeof noFilter) => (await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter })).total;
    const early = responses.filter((r) => r.submittedAt < '2026-11-11').length;
    expect(await total({ ...noFilter, to: '2026-11-10' })).toBe(early);
    expect(await total({ ...noFilter, from: '2026-11-11' })).toBe(120 - early);
    expect(await total({ ...noFilter, channel: 'kiosk' })).toBe(responses.filter((r) => r.channel === 'kiosk').length);
    expect(await total({ ...noFilter, collectorId: kiosk.id })).toBe(responses.filter((r) => r.collectorId === kiosk.id).length);

    const [first, second] = responses as [SurveyResponse, SurveyResponse];
    apply({ surveyResponses: [{ ...first, answers: { visited: false, cleanliness: 4, whyNot: 'Changé' } }] });
    replica.db.$client.prepare('DELETE FROM survey_responses WHERE id = ?').run(second.id);
    const kept = [{ ...first, answers: { visited: false, cleanliness: 4 } }, ...responses.slice(2)];
    const overview = await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: noFilter });
    expect(overview.total).toBe(119);
    const cleanliness = overview.questions.find((q) => q.name === 'cleanliness');
    if (cleanliness?.kind !== 'scale') throw new Error('cleanliness');
    expect(cleanliness.items.map((item) => item.count)).toEqual(
      ['1', '2', '3', '4'].map((v) => naiveCounts(kept, 'cleanliness').get(v) ?? 0),
    );
  });

  it('never shows a segment under five, nor one that the total would give back', async () => {
    const { city, survey, meeting, campaign, apply, response, as } = setup();
    const responses = [
      ...Array.from({ length: 30 }, () => response({ channel: 'link', collectorId: null })),
      ...Array.from({ length: 12 }, () => response({ channel: 'email', collectorId: campaign.id })),
      ...Array.from({ length: 3 }, () => response({ channel: 'meeting', collectorId: meeting.id })),
    ];
    apply({ surveyResponses: responses });
    const supervisor = await as(city.supervisor.id);
    const overview = await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: noFilter });
    expect(overview.total).toBe(45);
    const channel = (name: string) => overview.channels.find((c) => c.channel === name)?.count;
    expect(channel('meeting')).toBeNull();
    // 45 − 30 would give the meeting's 3 back if the campaign's 12 were shown.
    expect(channel('email')).toBeNull();
    expect(channel('link')).toBe(30);
    expect(overview.collectors.find((c) => c.id === meeting.id)?.count).toBeNull();
    // Its respondents stay hidden with its count: 40 would give the count back, and the meeting's 3 with it.
    expect(overview.collectors.find((c) => c.id === campaign.id)).toMatchObject({ count: null, sent: 180, responded: null });

    const crossed = await supervisor.surveySynthesis.crosstab({
      surveyId: survey.id,
      filter: noFilter,
      question: 'cleanliness',
      item: null,
      segment: { kind: 'channel' },
    });
    const sizes = Object.fromEntries(crossed.table.segments.map((segment) => [segment.key, segment.size]));
    expect(sizes).toEqual({ link: 30, email: null, meeting: null });
    expect(crossed.table.segments.find((s) => s.key === 'meeting')?.cells).toBeNull();

    const few = await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: { ...noFilter, collectorId: meeting.id } });
    expect(few).toMatchObject({ total: null, questions: [] });

    // The campaign's 12 are hidden above (they would give the meeting's 3 back): filtering on the campaign,
    // or on its channel, shows nothing of them either, in the overview, the cross-tabs or the open answers.
    for (const filter of [
      { ...noFilter, collectorId: campaign.id },
      { ...noFilter, channel: 'email' as const },
    ]) {
      expect(await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter })).toMatchObject({ total: null, questions: [] });
      const hidden = await supervisor.surveySynthesis.crosstab({
        surveyId: survey.id,
        filter,
        question: 'cleanliness',
        item: null,
        segment: { kind: 'channel' },
      });
      expect(hidden.table).toMatchObject({ total: null, segments: [] });
      const texts = await supervisor.voice.openAnswers({
        surveyId: survey.id,
        filter,
        question: 'whyNot',
        search: '',
        offset: 0,
        limit: 20,
      });
      expect(texts).toEqual({ total: 0, answers: [], themes: [], suggestions: [] });
    }
    // The link's 30, shown above, still filter.
    expect((await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: { ...noFilter, channel: 'link' } })).total).toBe(30);
  });

  it('crosses a question by another, by area and across departments as the answers say', async () => {
    const { city, survey, apply, response, as } = setup();
    const responses = Array.from({ length: 400 }, () => response());
    apply({ surveyResponses: responses });
    const supervisor = await as(city.supervisor.id);
    const crosstab = (segment: Parameters<typeof supervisor.surveySynthesis.crosstab>[0]['segment']) =>
      supervisor.surveySynthesis.crosstab({ surveyId: survey.id, filter: noFilter, question: 'cleanliness', item: null, segment });

    const byFrequency = await crosstab({ kind: 'question', question: 'frequency', item: null });
    for (const segment of byFrequency.table.segments) {
      // Those who skipped the frequency (not visitors) are a segment of their own.
      const within = responses.filter((r) => r.answers.frequency === (segment.key === remainderKey ? undefined : segment.key));
      expect(segment.size).toBe(within.length);
      expect(segment.cells?.map((cell) => cell.count)).toEqual(
        ['1', '2', '3', '4'].map((v) => naiveCounts(within, 'cleanliness').get(v) ?? 0),
      );
    }
    expect(byFrequency.table.total).toBe(400);

    const byDepartment = await crosstab({ kind: 'department', departmentId: city.etatCivil.id });
    const withCase = responses.filter((r) => r.profile?.departmentsWithCase.includes(city.etatCivil.id) === true);
    const others = responses.filter((r) => r.profile !== null && !r.profile.departmentsWithCase.includes(city.etatCivil.id));
    const sizes = Object.fromEntries(byDepartment.table.segments.map((segment) => [segment.key, segment.size]));
    // The respondents without a profile: the remainder.
    const anonymous = responses.filter((r) => r.profile === null).length;
    expect(sizes).toEqual({ with: withCase.length, others: others.length, [remainderKey]: anonymous });

    const byArea = await crosstab({ kind: 'area' });
    expect(byArea.table.segments.map((s) => [s.key, s.size]).sort()).toEqual([
      ...['75011', '75012'].map((area) => [area, responses.filter((r) => r.profile?.area === area).length]),
      [remainderKey, anonymous],
    ]);

    const multiple = await supervisor.surveySynthesis.crosstab({
      surveyId: survey.id,
      filter: noFilter,
      question: 'activities',
      item: null,
      segment: { kind: 'question', question: 'visited', item: null },
    });
    const visitors = responses.filter((r) => r.answers.visited === true && r.answers.activities !== undefined);
    expect(multiple.table.segments.find((s) => s.key === 'true')?.size).toBe(visitors.length);
  });

  it('is read only by agents of the survey’s department, checked in the main core', async () => {
    const { city, survey, apply, response, as } = setup();
    apply({ surveyResponses: Array.from({ length: 10 }, () => response()) });
    const outsider = builders(replica.db).buildAgent({ roles: [{ departmentId: city.etatCivil.id, role: 'supervisor' }] });
    const caller = await as(outsider.id);
    for (const call of [
      caller.surveySynthesis.overview({ surveyId: survey.id, filter: noFilter }),
      caller.surveySynthesis.crosstab({
        surveyId: survey.id,
        filter: noFilter,
        question: 'cleanliness',
        item: null,
        segment: { kind: 'channel' },
      }),
      caller.surveySynthesis.exportSurvey({ surveyId: survey.id, format: 'csv', language: 'fr' }),
      caller.surveySynthesis.exportDepartment({ departmentId: city.voirie.id, language: 'fr' }),
    ]) {
      expect(await failure(call)).toMatchObject({ code: 'FORBIDDEN', args: { action: 'survey.synthesis.read' } });
    }
    const supervisor = await as(city.supervisor.id);
    expect(
      await failure(
        supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: { ...noFilter, from: '2026-12-01', to: '2026-11-01' } }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(
      await failure(
        supervisor.surveySynthesis.crosstab({
          surveyId: survey.id,
          filter: noFilter,
          question: 'whyNot',
          item: null,
          segment: { kind: 'collector' },
        }),
      ),
    ).toMatchObject({ code: 'MALFORMED_REQUEST' });
  });

  it('lists open answers and "other" texts under the filter, searched and paged, to the department only', async () => {
    const { city, survey, apply, response, as } = setup();
    const responses = Array.from({ length: 200 }, () => response());
    apply({ surveyResponses: responses });
    const supervisor = await as(city.supervisor.id);
    const open = (question: string, search: string, offset = 0, filter = noFilter) =>
      supervisor.voice.openAnswers({ surveyId: survey.id, filter, question, search, theme: null, offset, limit: 20 });
    const saturday = responses.filter((r) => r.answers.whyNot === 'Trop de monde le samedi').length;
    const found = await open('whyNot', 'samedi');
    expect(found.total).toBe(saturday);
    expect(found.answers.every((answer) => answer.text === 'Trop de monde le samedi')).toBe(true);
    const babies = await open('activities-Comment', 'bébés');
    expect(babies.total).toBe(responses.filter((r) => r.answers['activities-Comment'] === 'Bébés nageurs').length);
    const all = await open('whyNot', '');
    const second = await open('whyNot', '', 20);
    expect(all.answers).toHaveLength(Math.min(20, all.total));
    expect(new Set([...all.answers, ...second.answers].map((a) => a.responseId)).size).toBe(all.answers.length + second.answers.length);
    expect((await open('whyNot', '100%_')).total).toBe(0);
    // The synthesis's filter applies: a channel's texts only.
    const byChannel = await open('whyNot', '', 0, { ...noFilter, channel: 'link' });
    const linkTexts = responses.filter(
      (r) => r.channel === 'link' && typeof r.answers.whyNot === 'string' && r.answers.whyNot.trim() !== '',
    );
    expect(byChannel.total).toBe(linkTexts.length);
    const outsider = builders(replica.db).buildAgent({ roles: [{ departmentId: city.etatCivil.id, role: 'supervisor' }] });
    expect(await failure((await as(outsider.id)).voice.openAnswers({ surveyId: survey.id, question: 'whyNot' }))).toMatchObject({
      code: 'RESOURCE_NOT_FOUND',
    });
  });
});

describe('survey exports', () => {
  async function exported() {
    const context = setup();
    const { city, survey, apply, response, as } = context;
    const responses = [
      response({ answers: { visited: false, cleanliness: 2, whyNot: 'Trop cher, vraiment ; « hélas »' } }),
      response({
        answers: {
          visited: true,
          frequency: 'weekly',
          activities: ['swim', 'other'],
          'activities-Comment': 'Aquagym',
          cleanliness: 4,
          hours: { weekday: 2 },
        },
      }),
      ...Array.from({ length: 30 }, () => response()),
    ];
    apply({ surveyResponses: responses });
    return { ...context, responses, supervisor: await as(city.supervisor.id), city, survey };
  }

  it('writes an XLSX with one stable column per question, unshown questions empty', async () => {
    const { supervisor, survey, responses } = await exported();
    const file = await supervisor.surveySynthesis.exportSurvey({ surveyId: survey.id, format: 'xlsx', language: 'fr' });
    expect(file.fileName).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (sheet === undefined) throw new Error('no sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Citoyen');
    expect(header).toContain("Qu'y faites-vous ? — Nager");
    expect(sheet.rowCount).toBe(responses.length + 1);
    const rowOf = (id: string) => {
      for (let index = 2; index <= sheet.rowCount; index++) {
        const values = (sheet.getRow(index).values as unknown[]).slice(1);
        if (values[0] === id) return Object.fromEntries(header.map((name, column) => [name, values[column] ?? null]));
      }
      throw new Error(id);
    };
    const notVisited = rowOf(responses[0]?.id ?? '');
    expect(notVisited["Qu'y faites-vous ? — Nager"]).toBeNull();
    expect(notVisited['À quelle fréquence ?']).toBeNull();
    expect(notVisited['Êtes-vous venu à la piscine cette année ?']).toBe('Non');
    const visited = rowOf(responses[1]?.id ?? '');
    expect(visited["Qu'y faites-vous ? — Nager"]).toBe(1);
    expect(visited["Qu'y faites-vous ? — Cours"]).toBe(0);
    expect(visited["Qu'y faites-vous ? — autre (précision)"]).toBe('Aquagym');
  });

  it('writes a CSV in UTF-8 with a BOM, `;`-separated, accents intact, the same columns for every path', async () => {
    const { supervisor, survey, responses } = await exported();
    const file = await supervisor.surveySynthesis.exportSurvey({ surveyId: survey.id, format: 'csv', language: 'fr' });
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, delimiter: ';', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(responses.length);
    const first = parsed.data.find((row) => row['Réponse'] === responses[0]?.id);
    expect(first?.["Qu'est-ce qui vous ferait changer d'avis ?"]).toBe('Trop cher, vraiment ; « hélas »');
    expect(first?.["Qu'y faites-vous ? — Nager"]).toBe('');
    expect(parsed.data.every((row) => Object.keys(row).length === parsed.meta.fields?.length)).toBe(true);
  });

  it('exports every survey of a department, one sheet each, and leaves identity out of anonymous ones', async () => {
    const { supervisor, survey, city, apply } = await exported();
    const anonymous = {
      ...survey,
      id: uuidv7(),
      anonymity: 'anonymous' as const,
      definition: { ...(writtenElsewhere as object), title: 'Enquête anonyme' },
    };
    apply({ surveys: [anonymous] });
    const file = await supervisor.surveySynthesis.exportDepartment({ departmentId: city.voirie.id, language: 'fr' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Swimming pool survey', 'Enquête anonyme']);
    const anonymousHeader = (workbook.worksheets[1]?.getRow(1).values as unknown[]).slice(1);
    expect(anonymousHeader).not.toContain('Citoyen');
    expect(anonymousHeader).not.toContain('Dossier');
  });
});

describe('answers entered at the desk', () => {
  it('count in the synthesis at once, offline, and leave it when the entry is undone', async () => {
    const { city, survey, as } = setup();
    const counter = await as(city.counter.id);
    // Five answers: fewer would be a segment too small to be shown.
    for (let entry = 0; entry < 5; entry++)
      await counter.survey.recordResponse({
        surveyId: survey.id,
        channel: 'counter',
        collectorId: null,
        citizenId: null,
        caseId: null,
        answers: { visited: true, cleanliness: 3, frequency: 'weekly' },
        note: null,
      });
    const supervisor = await as(city.supervisor.id);
    const overview = await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: noFilter });
    expect(overview.total).toBe(5);
    const frequency = overview.questions.find((question) => question.name === 'frequency');
    if (frequency === undefined || frequency.kind !== 'choices') throw new Error('frequency');
    expect(frequency.items.find((item) => item.value === 'weekly')?.count).toBe(5);
    // The rebase undoes a refused entry by deleting its row: its values go with it.
    replica.db.$client.prepare('DELETE FROM survey_responses').run();
    expect(replica.db.$client.prepare('SELECT count(*) AS n FROM survey_answer_values').get()).toEqual({ n: 0 });
    expect((await supervisor.surveySynthesis.overview({ surveyId: survey.id, filter: noFilter })).total).not.toBe(5);
  });
});
