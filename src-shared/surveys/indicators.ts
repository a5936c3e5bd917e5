import type { SurveyChannel } from '../schemas/surveys';
import type { SurveyIndicator } from '../schemas/voice';
import { hiddenTableMargins, shownCount, type ShownCount } from './synthesis/small-segments';

/** One answer to one of an indicator's source questions. */
export interface IndicatorAnswer {
  surveyId: string;
  channel: SurveyChannel;
  submittedAt: string;
  value: unknown;
}

/**
 * A point as shown. Hidden by the small-segment rule (fewer than `minimumSegment` answers, or one that would
 * give such a group back by subtraction: docs/surveys.md, "Small segments"): all three null, shown « < 5 ».
 */
export interface IndicatorPoint {
  answered: ShownCount;
  favourable: ShownCount;
  /** favourable / answered. */
  share: number | null;
}

export interface IndicatorSeries {
  /**
   * Per source survey, in the order of its first answer: each survey is a measurement. `from`/`to`, the dates of
   * its first and last answers, are null when the point is hidden (equal dates would tell a single answer).
   */
  bySurvey: (IndicatorPoint & { surveyId: string; from: string | null; to: string | null })[];
  /** Per month (`YYYY-MM`, Europe/Paris is close enough for a month: the UTC date's month), oldest first. */
  byMonth: (IndicatorPoint & { month: string })[];
  /** Per channel: the shown ones by answers (most first), then the hidden ones by name (no order that bounds them). */
  byChannel: (IndicatorPoint & { channel: SurveyChannel })[];
  overall: IndicatorPoint;
}

const hiddenPoint: IndicatorPoint = { answered: null, favourable: null, share: null };

function point([answered, favourable]: readonly [number, number], hidden: boolean): IndicatorPoint {
  if (hidden || shownCount(answered) === null) return hiddenPoint;
  return { answered, favourable, share: favourable / answered };
}

const sameValue = (favourable: readonly unknown[], value: unknown) =>
  favourable.some((wanted) => wanted === value || (typeof wanted !== typeof value && String(wanted) === String(value)));

/**
 * An indicator over time: the share of favourable answers among the answers to its sources, per survey, per
 * month and per channel. An answer is favourable when it is one of its source's `favourable` values (for a
 * multiple choice, when it includes one). Unanswered questions count in no point.
 *
 * The three series are shown together with the overall count: each is a partition of it, and the answers of a
 * survey, a month and a channel overlap (a survey's answers fall in its months, a kiosk survey in the kiosk
 * channel). Which points to hide is decided once over the survey × month × channel table (`hiddenTableMargins`),
 * so that no hidden point's answers, nor its favourable ones (the same relations hold among them), are the
 * overall count or another series' shown points less the shown ones. Under 5 answers in all, nothing is shown.
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
  const cells = new Map<string, { keys: [string, string, string]; n: number }>();
  const overall: [number, number] = [0, 0];
  for (const answer of answers) {
    const wanted = sources.get(`${answer.surveyId}\u0000${answer.question}`);
    if (wanted === undefined || answer.value === null || answer.value === undefined || answer.value === '') continue;
    const good = Array.isArray(answer.value) ? answer.value.some((item) => sameValue(wanted, item)) : sameValue(wanted, answer.value);
    const month = answer.submittedAt.slice(0, 7);
    tally(surveys, answer.surveyId, good);
    tally(months, month, good);
    tally(channels, answer.channel, good);
    const cellKey = `${answer.surveyId}\u0000${month}\u0000${answer.channel}`;
    const cell = cells.get(cellKey) ?? { keys: [answer.surveyId, month, answer.channel], n: 0 };
    cell.n++;
    cells.set(cellKey, cell);
    const span = spans.get(answer.surveyId);
    if (span === undefined) spans.set(answer.surveyId, { from: answer.submittedAt, to: answer.submittedAt });
    else {
      if (answer.submittedAt < span.from) span.from = answer.submittedAt;
      if (answer.submittedAt > span.to) span.to = answer.submittedAt;
    }
    overall[0]++;
    if (good) overall[1]++;
  }
  const everything = shownCount(overall[0]) === null;
  const surveyOrder = [...surveys.keys()].sort((a, b) => (spans.get(a)?.from ?? '').localeCompare(spans.get(b)?.from ?? ''));
  const monthOrder = [...months.keys()].sort();
  const [hiddenSurveys, hiddenMonths, hiddenChannels] = everything
    ? [new Map<string, boolean>(), new Map<string, boolean>(), new Map<string, boolean>()]
    : hiddenTableMargins([...cells.values()], [surveyOrder, monthOrder, [...channels.keys()]]);
  const isHidden = (hidden: ReadonlyMap<string, boolean> | undefined, key: string) => everything || hidden?.get(key) !== false;

  const byChannel = [...channels].map(([channel, counts]) => ({ channel, ...point(counts, isHidden(hiddenChannels, channel)) }));
  return {
    bySurvey: surveyOrder.map((surveyId) => {
      const shown = point(surveys.get(surveyId) ?? [0, 0], isHidden(hiddenSurveys, surveyId));
      const span = shown.answered === null ? { from: null, to: null } : (spans.get(surveyId) ?? { from: null, to: null });
      return { surveyId, ...span, ...shown };
    }),
    byMonth: monthOrder.map((month) => ({ month, ...point(months.get(month) ?? [0, 0], isHidden(hiddenMonths, month)) })),
    byChannel: [
      ...byChannel.filter((row) => row.answered !== null).sort((a, b) => (b.answered ?? 0) - (a.answered ?? 0)),
      ...byChannel.filter((row) => row.answered === null).sort((a, b) => a.channel.localeCompare(b.channel)),
    ],
    overall: point(overall, everything),
  };
}
