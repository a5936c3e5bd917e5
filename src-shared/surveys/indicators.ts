import type { SurveyChannel } from '../schemas/surveys';
import type { SurveyIndicator } from '../schemas/voice';
import { hiddenTableMargins, shownCount, type ShownCount } from './synthesis/small-segments';

/** One answer to one of an indicator's source questions. */
export interface IndicatorAnswer {
  /** The response it is part of: a respondent who answers two of the sources counts once in the sizes. */
  responseId: string;
  surveyId: string;
  channel: SurveyChannel;
  submittedAt: string;
  value: unknown;
}

/**
 * A point as shown. Its size is in respondents (responses), its share in answers: a respondent who answers two
 * of the indicator's source questions counts once in `answered` and twice in `answers`. Hidden by the
 * small-segment rule (fewer than `minimumSegment` respondents, or a group that would give such a one back by
 * subtraction: docs/surveys.md, "Small segments"): all null, shown « < 5 ».
 */
export interface IndicatorPoint {
  /** Respondents who answered at least one of the sources. */
  answered: ShownCount;
  /** Their answers to the sources. */
  answers: ShownCount;
  /** Of those answers, the favourable ones. */
  favourable: ShownCount;
  /** favourable / answers. */
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
  /** Per channel: the shown ones by respondents (most first), then the hidden ones by name (no order that bounds them). */
  byChannel: (IndicatorPoint & { channel: SurveyChannel })[];
  overall: IndicatorPoint;
}

const hiddenPoint: IndicatorPoint = { answered: null, answers: null, favourable: null, share: null };

/** A group's respondents (response ids), answers and favourable answers. */
interface Tally {
  respondents: Set<string>;
  answers: number;
  favourable: number;
}

const emptyTally = (): Tally => ({ respondents: new Set(), answers: 0, favourable: 0 });

function point(tally: Tally | undefined, hidden: boolean): IndicatorPoint {
  const answered = tally?.respondents.size ?? 0;
  if (tally === undefined || hidden || shownCount(answered) === null) return hiddenPoint;
  return { answered, answers: tally.answers, favourable: tally.favourable, share: tally.favourable / tally.answers };
}

const sameValue = (favourable: readonly unknown[], value: unknown) =>
  favourable.some((wanted) => wanted === value || (typeof wanted !== typeof value && String(wanted) === String(value)));

/**
 * An indicator over time: the share of favourable answers among the answers to its sources, per survey, per
 * month and per channel. An answer is favourable when it is one of its source's `favourable` values (for a
 * multiple choice, when it includes one). Unanswered questions count in no point. Sizes are respondents: a
 * response answering two sources of one survey is one respondent with two answers (each weighs in the share).
 *
 * The three series are shown together with the overall count: each is a partition of it, and the respondents
 * of a survey, a month and a channel overlap (a survey's fall in its months, a kiosk survey in the kiosk
 * channel). Which points to hide is decided once over the survey × month × channel table of respondents (a
 * response is in one cell; `hiddenTableMargins`), so that no hidden point's respondents, nor its answers or
 * favourable ones (the same relations hold among them), are the overall count or another series' shown points
 * less the shown ones. Under 5 respondents in all, nothing is shown.
 */
export function indicatorSeries(
  indicator: Pick<SurveyIndicator, 'sources'>,
  answers: readonly (IndicatorAnswer & { question: string })[],
): IndicatorSeries {
  const sources = new Map(indicator.sources.map((source) => [`${source.surveyId}\u0000${source.question}`, source.favourable]));
  const tally = <K>(groups: Map<K, Tally>, key: K, responseId: string, good: boolean) => {
    const group = groups.get(key) ?? emptyTally();
    group.respondents.add(responseId);
    group.answers++;
    if (good) group.favourable++;
    groups.set(key, group);
  };
  const surveys = new Map<string, Tally>();
  const spans = new Map<string, { from: string; to: string }>();
  const months = new Map<string, Tally>();
  const channels = new Map<SurveyChannel, Tally>();
  // A response has one survey, date and channel: it is in one cell, so the margins are sums of the cells.
  const cells = new Map<string, { keys: [string, string, string]; respondents: Set<string> }>();
  const overall = new Map<'all', Tally>();
  for (const answer of answers) {
    const wanted = sources.get(`${answer.surveyId}\u0000${answer.question}`);
    if (wanted === undefined || answer.value === null || answer.value === undefined || answer.value === '') continue;
    const good = Array.isArray(answer.value) ? answer.value.some((item) => sameValue(wanted, item)) : sameValue(wanted, answer.value);
    const month = answer.submittedAt.slice(0, 7);
    tally(surveys, answer.surveyId, answer.responseId, good);
    tally(months, month, answer.responseId, good);
    tally(channels, answer.channel, answer.responseId, good);
    tally(overall, 'all', answer.responseId, good);
    const cellKey = `${answer.surveyId}\u0000${month}\u0000${answer.channel}`;
    const cell = cells.get(cellKey) ?? { keys: [answer.surveyId, month, answer.channel], respondents: new Set<string>() };
    cell.respondents.add(answer.responseId);
    cells.set(cellKey, cell);
    const span = spans.get(answer.surveyId);
    if (span === undefined) spans.set(answer.surveyId, { from: answer.submittedAt, to: answer.submittedAt });
    else {
      if (answer.submittedAt < span.from) span.from = answer.submittedAt;
      if (answer.submittedAt > span.to) span.to = answer.submittedAt;
    }
  }
  const everything = shownCount(overall.get('all')?.respondents.size ?? 0) === null;
  const surveyOrder = [...surveys.keys()].sort((a, b) => (spans.get(a)?.from ?? '').localeCompare(spans.get(b)?.from ?? ''));
  const monthOrder = [...months.keys()].sort();
  const [hiddenSurveys, hiddenMonths, hiddenChannels] = everything
    ? [new Map<string, boolean>(), new Map<string, boolean>(), new Map<string, boolean>()]
    : hiddenTableMargins(
        [...cells.values()].map(({ keys, respondents }) => ({ keys, n: respondents.size })),
        [surveyOrder, monthOrder, [...channels.keys()]],
      );
  const isHidden = (hidden: ReadonlyMap<string, boolean> | undefined, key: string) => everything || hidden?.get(key) !== false;

  const byChannel = [...channels].map(([channel, counts]) => ({ channel, ...point(counts, isHidden(hiddenChannels, channel)) }));
  return {
    bySurvey: surveyOrder.map((surveyId) => {
      const shown = point(surveys.get(surveyId), isHidden(hiddenSurveys, surveyId));
      const span = shown.answered === null ? { from: null, to: null } : (spans.get(surveyId) ?? { from: null, to: null });
      return { surveyId, ...span, ...shown };
    }),
    byMonth: monthOrder.map((month) => ({ month, ...point(months.get(month), isHidden(hiddenMonths, month)) })),
    byChannel: [
      ...byChannel.filter((row) => row.answered !== null).sort((a, b) => (b.answered ?? 0) - (a.answered ?? 0)),
      ...byChannel.filter((row) => row.answered === null).sort((a, b) => a.channel.localeCompare(b.channel)),
    ],
    overall: point(overall.get('all'), everything),
  };
}
