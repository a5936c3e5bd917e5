import type { SurveyChannel } from '../schemas/surveys';
import type { SurveyIndicator } from '../schemas/voice';

/** A segment smaller than this many respondents is never shown (issue 12 §3): its share is null. */
export const smallestShownSegment = 5;

/** One answer to one of an indicator's source questions. */
export interface IndicatorAnswer {
  surveyId: string;
  channel: SurveyChannel;
  submittedAt: string;
  value: unknown;
}

export interface IndicatorPoint {
  answered: number;
  favourable: number;
  /** favourable / answered, null when fewer than `smallestShownSegment` answered (nor `favourable` then: 0). */
  share: number | null;
}

export interface IndicatorSeries {
  /** Per source survey, in the order of its first answer: each survey is a measurement. */
  bySurvey: (IndicatorPoint & { surveyId: string; from: string; to: string })[];
  /** Per month (`YYYY-MM`, Europe/Paris is close enough for a month: the UTC date's month), oldest first. */
  byMonth: (IndicatorPoint & { month: string })[];
  byChannel: (IndicatorPoint & { channel: SurveyChannel })[];
  overall: IndicatorPoint;
}

function point(answered: number, favourable: number): IndicatorPoint {
  if (answered < smallestShownSegment) return { answered, favourable: 0, share: null };
  return { answered, favourable, share: favourable / answered };
}

const sameValue = (favourable: readonly unknown[], value: unknown) =>
  favourable.some((wanted) => wanted === value || (typeof wanted !== typeof value && String(wanted) === String(value)));

/**
 * An indicator over time: the share of favourable answers among the answers to its sources, per survey, per
 * month and per channel. An answer is favourable when it is one of its source's `favourable` values (for a
 * multiple choice, when it includes one). Unanswered questions count in no point.
 */
export function indicatorSeries(
  indicator: Pick<SurveyIndicator, 'sources'>,
  answers: readonly (IndicatorAnswer & { question: string })[],
): IndicatorSeries {
  const sources = new Map(indicator.sources.map((source) => [`${source.surveyId}\u0000${source.question}`, source.favourable]));
  const tally = <K>(groups: Map<K, [number, number]>, key: K, good: boolean) => {
    const [answered, favourable] = groups.get(key) ?? [0, 0];
    groups.set(key, [answered + 1, favourable + (good ? 1 : 0)]);
  };
  const surveys = new Map<string, [number, number]>();
  const spans = new Map<string, { from: string; to: string }>();
  const months = new Map<string, [number, number]>();
  const channels = new Map<SurveyChannel, [number, number]>();
  let answered = 0;
  let favourable = 0;
  for (const answer of answers) {
    const wanted = sources.get(`${answer.surveyId}\u0000${answer.question}`);
    if (wanted === undefined || answer.value === null || answer.value === undefined || answer.value === '') continue;
    const good = Array.isArray(answer.value) ? answer.value.some((item) => sameValue(wanted, item)) : sameValue(wanted, answer.value);
    tally(surveys, answer.surveyId, good);
    tally(months, answer.submittedAt.slice(0, 7), good);
    tally(channels, answer.channel, good);
    const span = spans.get(answer.surveyId);
    if (span === undefined) spans.set(answer.surveyId, { from: answer.submittedAt, to: answer.submittedAt });
    else {
      if (answer.submittedAt < span.from) span.from = answer.submittedAt;
      if (answer.submittedAt > span.to) span.to = answer.submittedAt;
    }
    answered++;
    if (good) favourable++;
  }
  return {
    bySurvey: [...surveys]
      .map(([surveyId, [count, good]]) => ({ surveyId, ...(spans.get(surveyId) as { from: string; to: string }), ...point(count, good) }))
      .sort((a, b) => a.from.localeCompare(b.from)),
    byMonth: [...months].map(([month, [count, good]]) => ({ month, ...point(count, good) })).sort((a, b) => a.month.localeCompare(b.month)),
    byChannel: [...channels]
      .map(([channel, [count, good]]) => ({ channel, ...point(count, good) }))
      .sort((a, b) => b.answered - a.answered),
    overall: point(answered, favourable),
  };
}
