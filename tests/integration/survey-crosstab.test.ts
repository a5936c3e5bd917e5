import { afterEach, describe, expect, it } from 'vitest';
import type { Replica } from '../../src-main/db/open-replica';
import {
  createSynthesisRepository,
  emptyJoinedCounts,
  joinedSliceSql,
  keySlices,
  type JoinSegment,
} from '../../src-main/features/survey-synthesis/synthesis-repository';
import { createSynthesisService } from '../../src-main/features/survey-synthesis/synthesis-service';
import type { SurveyResponse } from '../../src-shared/schemas/surveys';
import { remainderKey, responseKeyOf, type CrosstabInput, type SynthesisFilter } from '../../src-shared/surveys/synthesis';
import { createTestDb } from '../support/test-db';
import { seedSynthesisSurvey } from './support/synthesis-survey';

let replica: Replica;
afterEach(() => replica.close());

const noFilter: SynthesisFilter = { from: null, to: null, channel: null, collectorId: null };

function setup(count: number) {
  replica = createTestDb();
  const seeded = seedSynthesisSurvey(replica);
  const responses = Array.from({ length: count }, () => seeded.response());
  seeded.apply({ surveyResponses: responses });
  return { ...seeded, responses, repo: createSynthesisRepository(replica.db.$client) };
}

type Row = { item: string; value: string; segment: string; n: number };

/** What the cross-tabs counted before they were read in slices: a join of the value rows on the response id. */
function joinedBefore(question: string, items: readonly string[], segment: JoinSegment, surveyId: string, filter: SynthesisFilter): Row[] {
  return replica.db.$client
    .prepare(
      `SELECT a.item, a.value, b.value AS segment, count(*) AS n FROM survey_answer_values a
       JOIN survey_answer_values b ON b.survey_id = a.survey_id AND b.question = @segmentQuestion AND b.response_id = a.response_id
         AND b.item = @segmentItem AND (@segmentValue IS NULL OR b.value = @segmentValue)
       WHERE a.survey_id = @survey AND a.question = @question AND a.item IN (SELECT value FROM json_each(@items))
         AND (@from IS NULL OR a.day >= @from) AND (@to IS NULL OR a.day <= @to)
         AND (@channel IS NULL OR a.channel = @channel) AND (@collector IS NULL OR a.collector_id = @collector)
       GROUP BY a.item, a.value, segment`,
    )
    .all({
      survey: surveyId,
      question,
      items: JSON.stringify(items),
      segmentQuestion: segment.question,
      segmentItem: segment.item,
      segmentValue: segment.value,
      from: filter.from,
      to: filter.to,
      channel: filter.channel,
      collector: filter.collectorId,
    }) as Row[];
}

const sorted = (rows: readonly Row[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('cross-tabs read in slices of response keys', () => {
  it('count what the join of value rows counted, for every kind of segment, filter and slicing', () => {
    const { city, survey, kiosk, repo } = setup(300);
    const crossings: { question: string; items: string[]; segment: JoinSegment }[] = [
      { question: 'cleanliness', items: [''], segment: { question: 'frequency', item: '', value: null } },
      { question: 'activities', items: ['', '#'], segment: { question: 'visited', item: '', value: null } },
      { question: 'hours', items: ['weekday'], segment: { question: 'activities', item: '', value: null } },
      { question: 'recommend', items: [''], segment: { question: '@area', item: '', value: null } },
      { question: 'cleanliness', items: [''], segment: { question: '@department', item: '', value: city.etatCivil.id } },
      { question: 'cleanliness', items: [''], segment: { question: '@profile', item: '', value: null } },
    ];
    const filters: SynthesisFilter[] = [
      noFilter,
      { ...noFilter, from: '2026-11-05', to: '2026-11-20' },
      { ...noFilter, channel: 'kiosk' },
      { ...noFilter, collectorId: kiosk.id, to: '2026-11-15' },
    ];
    for (const slices of [1, 16, 64])
      for (const filter of filters)
        for (const { question, items, segment } of crossings) {
          const counts = emptyJoinedCounts();
          for (const slice of keySlices(slices)) repo.joinedSlice(survey.id, question, items, [segment], filter, slice, counts);
          const expected = joinedBefore(question, items, segment, survey.id, filter);
          const found = [...(counts.bySegment[0] ?? [])].flatMap(([segmentValue, byItem]) =>
            [...byItem].flatMap(([item, values]) => [...values].map(([value, n]) => ({ item, value, segment: segmentValue, n }))),
          );
          expect(sorted(found), `${question} by ${segment.question}, ${slices} slices, ${JSON.stringify(filter)}`).toEqual(
            sorted(expected),
          );
          // The question's own counts come from the same rows: what the counts table says.
          const own = [...counts.own].flatMap(([item, values]) => [...values].map(([value, n]) => ({ item, value, n })));
          const totals = repo.valueCounts(survey.id, [question], filter).get(question) ?? [];
          expect(own.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
            totals.filter((row) => items.includes(row.item)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
          );
        }
    expect(joinedBefore('cleanliness', [''], { question: 'frequency', item: '', value: null }, survey.id, noFilter).length).toBeGreaterThan(
      5,
    );
  });

  it('read each side as a range of the join index, merged and grouped without a sort', () => {
    setup(10);
    for (const segments of [1, 2]) {
      const params: Record<string, unknown> = { survey: '', question: '', items: '[]', keyFrom: 0, keyTo: 1, from: null, to: null };
      for (let index = 0; index < segments; index++)
        Object.assign(params, { [`question${index}`]: '', [`item${index}`]: '', [`value${index}`]: null });
      const plan = (
        replica.db.$client.prepare(`EXPLAIN QUERY PLAN ${joinedSliceSql(segments)}`).all({ ...params, channel: null, collector: null }) as {
          detail: string;
        }[]
      ).map((step) => step.detail);
      expect(plan).toContain('MERGE (UNION ALL)');
      const ranges = plan.filter((step) => step.includes('USING COVERING INDEX survey_answer_values_join'));
      expect(ranges).toHaveLength(segments + 1);
      expect(ranges.every((step) => step.includes('response_key>? AND response_key<?'))).toBe(true);
      expect(plan.filter((step) => step.includes('TEMP B-TREE'))).toEqual([]);
    }
  });

  it('keep two responses apart when their keys collide', () => {
    const { survey, responses, repo } = setup(40);
    const [first, second] = responses as [SurveyResponse, SurveyResponse];
    // A 53-bit key shared by two ids: astronomically rare, but the id still tells them apart.
    replica.db.$client
      .prepare('UPDATE survey_answer_values SET response_key = ? WHERE response_id IN (?, ?)')
      .run(responseKeyOf(first.id), first.id, second.id);
    const segment = { question: 'visited', item: '', value: null };
    const counts = emptyJoinedCounts();
    for (const slice of keySlices(4)) repo.joinedSlice(survey.id, 'cleanliness', [''], [segment], noFilter, slice, counts);
    const byVisited = (visited: string) => [...(counts.bySegment[0]?.get(visited)?.get('')?.values() ?? [])].reduce((a, b) => a + b, 0);
    expect(byVisited('true') + byVisited('false')).toBe(40);
    expect(byVisited('true')).toBe(responses.filter((r) => r.answers.visited === true).length);
  });

  it('never show an area or a department segment under five, nor one the total would give back', async () => {
    const { city, survey, apply, response, as } = setup(0);
    const identified = (area: string, departments: string[]) => response({ profile: { area, departmentsWithCase: departments } });
    apply({
      surveyResponses: [
        ...Array.from({ length: 30 }, () => identified('75011', [])),
        ...Array.from({ length: 12 }, () => identified('75012', [])),
        ...Array.from({ length: 3 }, () => identified('75013', [city.etatCivil.id])),
      ],
    });
    const supervisor = await as(city.supervisor.id);
    const crosstab = (segment: CrosstabInput['segment']) =>
      supervisor.surveySynthesis.crosstab({ surveyId: survey.id, filter: noFilter, question: 'cleanliness', item: null, segment });
    const byArea = await crosstab({ kind: 'area' });
    expect(Object.fromEntries(byArea.table.segments.map((s) => [s.key, s.size]))).toEqual({ '75011': 30, '75012': null, '75013': null });
    expect(byArea.table.segments.find((s) => s.key === '75013')?.cells).toBeNull();
    expect(byArea.table.total).toBe(45);
    const byDepartment = await crosstab({ kind: 'department', departmentId: city.etatCivil.id });
    // 3 with a case there: hidden, and the 42 others with them, or 45 − 42 would give the 3 back.
    expect(byDepartment.table.segments.map((s) => [s.key, s.size, s.cells])).toEqual([
      ['with', null, null],
      ['others', null, null],
    ]);
  });

  it('count a response arriving meanwhile whole or not at all, and every answer at the next call', async () => {
    const { city, survey, responses, apply, response, repo } = setup(200);
    const arriving = Array.from({ length: 40 }, () => response());
    const slices = keySlices(8);
    let turns = 0;
    // Applied at the loop's fourth turn: the slices read before it do not see them, those after do.
    const service = createSynthesisService(repo, {
      slices: slices.length,
      turn: async () => {
        if (++turns === 4) apply({ surveyResponses: arriving });
        await Promise.resolve();
      },
    });
    const input: CrosstabInput = {
      surveyId: survey.id,
      filter: noFilter,
      question: 'cleanliness',
      item: null,
      segment: { kind: 'question', question: 'frequency', item: null },
    };
    const result = await service.crosstab(city.supervisor, input);
    expect(turns).toBe(slices.length);
    const readFrom = (slices[3] as { from: number }).from;
    const seen = [...responses, ...arriving.filter((r) => responseKeyOf(r.id) >= readFrom)];
    expect(seen.length).toBeGreaterThan(responses.length);
    expect(seen.length).toBeLessThan(responses.length + arriving.length);
    const expectedTable = (within: readonly SurveyResponse[]) => {
      const frequencies = [...new Set(within.flatMap((r) => (typeof r.answers.frequency === 'string' ? [r.answers.frequency] : [])))];
      const cells = (segment: readonly SurveyResponse[]) =>
        [1, 2, 3, 4].map((score) => segment.filter((r) => r.answers.cleanliness === score).length);
      return Object.fromEntries([
        ...frequencies.map((frequency) => [frequency, cells(within.filter((r) => r.answers.frequency === frequency))]),
        // Those who skipped the frequency (not visitors): a segment of their own.
        [remainderKey, cells(within.filter((r) => r.answers.frequency === undefined))],
      ]);
    };
    const table = (found: typeof result) =>
      Object.fromEntries(found.table.segments.map((s) => [s.key, s.cells?.map((cell) => cell.count) ?? null]));
    expect(table(result)).toEqual(expectedTable(seen));
    expect(result.table.total).toBe(seen.length);

    const next = await createSynthesisService(repo).crosstab(city.supervisor, input);
    expect(table(next)).toEqual(expectedTable([...responses, ...arriving]));
    expect(next.table.total).toBe(responses.length + arriving.length);
  });
});
