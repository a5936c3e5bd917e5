import { describe, expect, it } from 'vitest';
import type { SurveyChannel } from '../../src-shared/schemas/surveys';
import { indicatorSeries, type IndicatorAnswer } from '../../src-shared/surveys/indicators';
import { hiddenSegments, hiddenTableMargins } from '../../src-shared/surveys/synthesis';

type Answer = IndicatorAnswer & { question: string };

let serial = 0;
const nextResponse = () => `r${++serial}`;

/** `count` answers to survey `surveyId`'s question `q` on that day and channel (one respondent each), the first `favourable` of them 5 (favourable), the rest 1. */
function answers(surveyId: string, day: string, channel: SurveyChannel, count: number, favourable: number): Answer[] {
  return Array.from({ length: count }, (_, index) => ({
    responseId: nextResponse(),
    surveyId,
    question: 'q',
    channel,
    submittedAt: `${day}T10:00:00.000Z`,
    value: index < favourable ? 5 : 1,
  }));
}

const indicatorOn = (...surveyIds: string[]) => ({ sources: surveyIds.map((surveyId) => ({ surveyId, question: 'q', favourable: [5] })) });
const hidden = { answered: null, answers: null, favourable: null, share: null };

describe("an indicator's series under the small-segment rule", () => {
  it('hides a channel under 5 and the one that would give it back as the overall less the shown channels', () => {
    // 12 answers, 7 favourable: 9 by the link (4 favourable), 3 at a kiosk (3 favourable).
    const series = indicatorSeries(indicatorOn('A'), [
      ...answers('A', '2026-01-10', 'link', 9, 4),
      ...answers('A', '2026-01-11', 'kiosk', 3, 3),
    ]);
    expect(series.overall).toEqual({ answered: 12, answers: 12, favourable: 7, share: 7 / 12 });
    // Shown, the link's 9 and 4 would give the kiosk back (12 − 9 answers, 7 − 4 favourable): both hidden.
    expect(series.byChannel).toEqual([
      { channel: 'kiosk', ...hidden },
      { channel: 'link', ...hidden },
    ]);
    // The survey and the month are the whole: shown.
    expect(series.bySurvey.map((point) => [point.surveyId, point.answered])).toEqual([['A', 12]]);
    expect(series.byMonth.map((point) => [point.month, point.answered])).toEqual([['2026-01', 12]]);
  });

  it('hides what another series would give back, not only what its own partition would', () => {
    // Survey A: 7 by the link; B: 3 at a kiosk and 3 by the link; C, a phone survey: 6 by phone. 19 in all.
    const series = indicatorSeries(indicatorOn('A', 'B', 'C'), [
      ...answers('A', '2026-01-10', 'link', 7, 4),
      ...answers('B', '2026-01-11', 'kiosk', 3, 2),
      ...answers('B', '2026-01-12', 'link', 3, 1),
      ...answers('C', '2026-01-13', 'phone', 6, 3),
    ]);
    // The channels alone, as one partition, would hide the kiosk and the phone (the smallest) and show the link's 10:
    expect(hiddenSegments([10, 3, 6])).toEqual([false, true, true]);
    // but the phone is survey C, shown (6): the kiosk would be 19 − 10 − 6 = 3. The rule hides the link instead.
    expect(series.bySurvey.map((point) => [point.surveyId, point.answered, point.favourable])).toEqual([
      ['A', 7, 4],
      ['B', 6, 3],
      ['C', 6, 3],
    ]);
    expect(series.byChannel).toEqual([
      { channel: 'phone', answered: 6, answers: 6, favourable: 3, share: 0.5 },
      { channel: 'kiosk', ...hidden },
      { channel: 'link', ...hidden },
    ]);
    expect(series.overall).toEqual({ answered: 19, answers: 19, favourable: 10, share: 10 / 19 });
  });

  it('hides a month under 5 and the month that would give it back through its survey', () => {
    // Survey B spans February (10) and March (4); survey A is January's alone (6).
    const series = indicatorSeries(indicatorOn('A', 'B'), [
      ...answers('A', '2026-01-10', 'link', 6, 2),
      ...answers('B', '2026-02-10', 'link', 10, 5),
      ...answers('B', '2026-03-02', 'link', 4, 4),
    ]);
    // March alone hidden, B less February would give it back (4 answers, 4 favourable).
    expect(series.byMonth).toEqual([
      { month: '2026-01', answered: 6, answers: 6, favourable: 2, share: 2 / 6 },
      { month: '2026-02', ...hidden },
      { month: '2026-03', ...hidden },
    ]);
    expect(series.bySurvey.map((point) => [point.surveyId, point.answered])).toEqual([
      ['A', 6],
      ['B', 14],
    ]);
  });

  it('shows nothing but « < 5 » under 5 answers in all, and a hidden survey without its dates', () => {
    const few = indicatorSeries(indicatorOn('A'), answers('A', '2026-01-10', 'link', 4, 4));
    expect(few.overall).toEqual(hidden);
    expect(few.bySurvey).toEqual([{ surveyId: 'A', from: null, to: null, ...hidden }]);
    expect(few.byMonth).toEqual([{ month: '2026-01', ...hidden }]);
    expect(few.byChannel).toEqual([{ channel: 'link', ...hidden }]);
    expect(indicatorSeries(indicatorOn('A'), []).overall).toEqual(hidden);
  });
});

describe('an indicator with two source questions in one survey', () => {
  const twoQuestions = {
    sources: [
      { surveyId: 'A', question: 'q1', favourable: [5] },
      { surveyId: 'A', question: 'q2', favourable: [5] },
    ],
  };
  /** `count` respondents at that channel answering both q1 and q2: q1 favourable for the first `favourable`, q2 never. */
  function bothAnswered(channel: SurveyChannel, count: number, favourable: number): Answer[] {
    return Array.from({ length: count }, (_, index) => {
      const responseId = nextResponse();
      const at = { responseId, surveyId: 'A', channel, submittedAt: '2026-01-10T10:00:00.000Z' };
      return [
        { ...at, question: 'q1', value: index < favourable ? 5 : 1 },
        { ...at, question: 'q2', value: 1 },
      ];
    }).flat();
  }

  it('counts each respondent once in its size, and every answer in its share', () => {
    // 7 respondents by the link, 3 at a kiosk, each answering both questions: 20 answers, 4 + 2 favourable.
    const series = indicatorSeries(twoQuestions, [...bothAnswered('link', 7, 4), ...bothAnswered('kiosk', 3, 2)]);
    expect(series.overall).toEqual({ answered: 10, answers: 20, favourable: 6, share: 6 / 20 });
    expect(series.bySurvey.map((point) => [point.surveyId, point.answered, point.answers, point.share])).toEqual([['A', 10, 20, 6 / 20]]);
    // The kiosk's 3 respondents (6 answers) are under 5: hidden, and the link with them (else 10 − 7 gives them back).
    expect(series.byChannel).toEqual([
      { channel: 'kiosk', ...hidden },
      { channel: 'link', ...hidden },
    ]);
  });

  it('shows nothing under 5 respondents, however many answers they gave', () => {
    const few = indicatorSeries(twoQuestions, bothAnswered('kiosk', 3, 2));
    expect(few.overall).toEqual(hidden);
    expect(few.bySurvey).toEqual([{ surveyId: 'A', from: null, to: null, ...hidden }]);
  });

  it('counts a respondent who answered one of the two questions once, with that one answer', () => {
    const series = indicatorSeries(twoQuestions, [
      ...bothAnswered('link', 4, 4),
      { responseId: nextResponse(), surveyId: 'A', question: 'q2', channel: 'link', submittedAt: '2026-01-11T10:00:00.000Z', value: 5 },
      { responseId: nextResponse(), surveyId: 'A', question: 'q1', channel: 'link', submittedAt: '2026-01-11T10:00:00.000Z', value: null },
    ]);
    // The last one answered neither: not a respondent of the indicator.
    expect(series.overall).toEqual({ answered: 5, answers: 9, favourable: 5, share: 5 / 9 });
  });
});

describe('hiddenTableMargins', () => {
  it('follows relations among three dimensions that no pair of them shows', () => {
    // Cells x = (a1, b1, c1) 6, y = (a1, b2, c2) 7, z = (a2, b1, c2) 3. Every pair of dimensions is connected, so
    // pairwise parts give only the three partitions; yet a2 = z = b1 − c1, and once a1 is hidden (a2 = total − a1),
    // showing b1 and c1 would give a2 back.
    const [a, b, c] = hiddenTableMargins(
      [
        { keys: ['a1', 'b1', 'c1'], n: 6 },
        { keys: ['a1', 'b2', 'c2'], n: 7 },
        { keys: ['a2', 'b1', 'c2'], n: 3 },
      ],
      [[], [], []],
    );
    expect(a?.get('a2')).toBe(true);
    expect(a?.get('a1')).toBe(true);
    expect(b?.get('b1') === true || c?.get('c1') === true).toBe(true);
  });

  it('shows every margin when none is small', () => {
    const margins = hiddenTableMargins(
      [
        { keys: ['a1', 'b1'], n: 6 },
        { keys: ['a2', 'b1'], n: 7 },
        { keys: ['a2', 'b2'], n: 8 },
      ],
      [['a1', 'a2'], []],
    );
    expect(margins.map((dimension) => [...dimension])).toEqual([
      [
        ['a1', false],
        ['a2', false],
      ],
      [
        ['b1', false],
        ['b2', false],
      ],
    ]);
  });
});
