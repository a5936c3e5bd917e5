import { describe, expect, it } from 'vitest';
import {
  answerValueRows,
  crosstabTable,
  exportColumns,
  exportRow,
  hiddenSegments,
  minimumSegment,
  questionResult,
  responseKeyOf,
  surveyQuestions,
  type ExportedResponse,
  type ValueCount,
} from '../../src-shared/surveys/synthesis';
import writtenElsewhere from '../fixtures/surveys/written-elsewhere.json';

const question = (name: string) => {
  const found = surveyQuestions(writtenElsewhere).find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(name);
  return found;
};
const plain = (entries: Record<string, number>): ValueCount[] => Object.entries(entries).map(([value, n]) => ({ item: '', value, n }));

describe('the small-segment rule', () => {
  it('is five respondents', () => expect(minimumSegment).toBe(5));

  it.each<[string, number[], boolean[]]>([
    ['shows segments of five or more', [5, 12, 40], [false, false, false]],
    ['hides two small segments, which protect each other', [3, 2, 40], [true, true, false]],
    ['hides a second segment when only one is small (the total would give it back)', [3, 12, 40], [true, true, false]],
    ['hides the smallest of the others as the second', [40, 2, 7, 9], [false, true, true, false]],
    ['hides an empty segment', [0, 20, 30], [true, true, false]],
    ['hides every segment of a population under five', [1, 2], [true, true]],
    ['hides a lone segment under five', [4], [true]],
  ])('%s', (_label, sizes, hidden) => {
    expect(hiddenSegments(sizes)).toEqual(hidden);
  });

  it('cannot be subtracted back: total minus the shown segments is never one hidden segment', () => {
    const sizes = [3, 12, 40, 8];
    const hidden = hiddenSegments(sizes);
    const total = sizes.reduce((a, b) => a + b, 0);
    const shown = sizes.filter((_, index) => !hidden[index]).reduce((a, b) => a + b, 0);
    expect(hidden.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(total - shown).not.toBe(3);
  });

  it('keeps the others when no total is shown', () => {
    expect(hiddenSegments([3, 12, 40], { totalShown: false })).toEqual([true, false, false]);
  });

  it('hides the cells and size of small segments in a cross-tab, and everything under a small total', () => {
    const rows = [
      { value: 'a', label: null, count: 41 },
      { value: 'b', label: null, count: 15 },
    ];
    const segment = (key: string, a: number, b: number) => ({
      key,
      label: null,
      size: a + b,
      cells: new Map([
        ['a', a],
        ['b', b],
      ]),
    });
    const table = crosstabTable(rows, [segment('x', 1, 2), segment('y', 10, 10), segment('z', 30, 3)], 56);
    expect(table.segments.map((s) => s.size)).toEqual([null, null, 33]);
    expect(table.segments[0]?.cells).toBeNull();
    expect(table.segments[2]?.cells).toEqual([
      { count: 30, percent: (100 * 30) / 33 },
      { count: 3, percent: (100 * 3) / 33 },
    ]);
    const tiny = crosstabTable(rows, [segment('x', 1, 1), segment('y', 1, 0)], 3);
    expect(tiny.total).toBeNull();
    expect(tiny.segments.every((s) => s.size === null)).toBe(true);
  });
});

describe('question results', () => {
  it('computes the NPS: promoters 9–10, detractors 0–6, score', () => {
    const nps = { name: 'r', title: {}, description: {}, required: false, showIf: null, extra: {}, kind: 'nps' as const };
    const result = questionResult(nps, plain({ 10: 5, 9: 5, 8: 4, 7: 2, 6: 1, 0: 3 }));
    expect(result).toMatchObject({ kind: 'nps', answered: 20, promoters: 10, passives: 6, detractors: 4, score: 30 });
  });

  it('counts a multiple choice by respondents, with "other" apart and a value no longer offered kept', () => {
    const counts = [{ item: '#', value: '', n: 7 }, ...plain({ swim: 5, lessons: 2, other: 3, diving: 1 })];
    const result = questionResult(question('activities'), counts);
    expect(result).toMatchObject({ kind: 'choices', multiple: true, answered: 7, other: 3 });
    if (result.kind !== 'choices') throw new Error(result.kind);
    expect(result.items.map((item) => [item.value, item.count])).toEqual([
      ['swim', 5],
      ['lessons', 2],
      ['diving', 1],
    ]);
  });

  it('spreads a rating over its whole scale and a number over bins', () => {
    const rating = questionResult(question('cleanliness'), plain({ 4: 3, 1: 1 }));
    expect(rating).toMatchObject({ kind: 'scale', answered: 4, mean: 13 / 4 });
    if (rating.kind !== 'scale') throw new Error(rating.kind);
    expect(rating.items.map((item) => item.count)).toEqual([1, 0, 0, 3]);
    const visits = questionResult(question('visits'), plain({ 0: 1, 12: 2, 100: 1 }));
    if (visits.kind !== 'number') throw new Error(visits.kind);
    expect(visits.bins.reduce((total, bin) => total + bin.count, 0)).toBe(4);
    expect(visits.bins[0]).toEqual({ from: 0, to: 10, count: 1 });
    expect(visits).toMatchObject({ min: 0, max: 100, answered: 4 });
  });
});

describe('answer values', () => {
  it('turns each shape into rows, with the respondent as pseudo-questions', () => {
    const rows = answerValueRows({
      id: '0190aaaa-0000-7000-8000-000000000001',
      surveyId: '0190aaaa-0000-7000-8000-000000000002',
      channel: 'kiosk',
      collectorId: null,
      submittedAt: '2026-06-30T22:30:00Z',
      profile: { departmentsWithCase: ['0190aaaa-0000-7000-8000-000000000003'], area: '75011' },
      answers: { visited: true, activities: ['swim', 'other'], 'activities-Comment': 'Aquagym', hours: { weekday: 1 }, visits: 12 },
    });
    expect(rows.map((row) => [row.question, row.item, row.value])).toEqual([
      ['@response', '', ''],
      ['visited', '', 'true'],
      ['activities', '#', ''],
      ['activities', '', 'swim'],
      ['activities', '', 'other'],
      ['activities-Comment', '', 'Aquagym'],
      ['hours', '#', ''],
      ['hours', 'weekday', '1'],
      ['visits', '', '12'],
      ['@profile', '', ''],
      ['@area', '', '75011'],
      ['@department', '', '0190aaaa-0000-7000-8000-000000000003'],
    ]);
    // Counted on the day it was in Paris.
    expect(rows[0]?.day).toBe('2026-07-01');
    expect(rows[0]?.collectorId).toBe('');
  });

  it('gives each response id a stable safe-integer key', () => {
    const key = responseKeyOf('0190aaaa-0000-7000-8000-000000000001');
    expect(Number.isSafeInteger(key)).toBe(true);
    expect(responseKeyOf('0190aaaa-0000-7000-8000-000000000001')).toBe(key);
    expect(responseKeyOf('0190aaaa-0000-7000-8000-000000000002')).not.toBe(key);
  });
});

describe('export columns', () => {
  const response = (answers: ExportedResponse['answers']): ExportedResponse => ({
    id: 'r',
    answers,
    channel: 'link',
    collectorId: null,
    citizenId: 'c',
    caseId: null,
    note: null,
    submittedAt: '2026-12-01T10:00:00Z',
  });

  it('are the same whatever path a respondent took, with unshown questions empty', () => {
    const columns = exportColumns(writtenElsewhere, { anonymous: false, language: 'fr', collectorLabels: new Map() });
    const header = (name: string) => columns.findIndex((column) => column.header === name);
    const short = exportRow(columns, response({ visited: false, cleanliness: 1 }));
    const long = exportRow(
      columns,
      response({ visited: true, frequency: 'weekly', activities: ['swim', 'other'], 'activities-Comment': 'Aquagym', cleanliness: 3 }),
    );
    expect(short).toHaveLength(columns.length);
    expect(long).toHaveLength(columns.length);
    expect(short[header('Êtes-vous venu à la piscine cette année ?')]).toBe('Non');
    expect(short[header("Qu'y faites-vous ? — Nager")]).toBeNull();
    expect(long[header("Qu'y faites-vous ? — Nager")]).toBe(1);
    expect(long[header("Qu'y faites-vous ? — Cours")]).toBe(0);
    expect(long[header("Qu'y faites-vous ? — autre")]).toBe(1);
    expect(long[header("Qu'y faites-vous ? — autre (précision)")]).toBe('Aquagym');
    expect(long[header('À quelle fréquence ?')]).toBe('Chaque semaine');
    expect(new Set(columns.map((column) => column.header)).size).toBe(columns.length);
  });

  it('carry no citizen nor case on an anonymous survey', () => {
    const headers = exportColumns(writtenElsewhere, { anonymous: true, language: 'en', collectorLabels: new Map() }).map((c) => c.header);
    expect(headers).not.toContain('Citizen');
    expect(headers).not.toContain('Case');
    expect(headers).toContain('Channel');
  });
});
