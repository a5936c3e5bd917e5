import type { SurveyChannel } from '../../../src-shared/schemas/surveys';
import { hiddenMargins, noFilter, shownCount, type ShownCount, type SynthesisFilter } from '../../../src-shared/surveys/synthesis';
import type { CollectorRow, SynthesisRepository } from './synthesis-repository';

/*
 * The small-segment rule on channels and collectors (docs/surveys.md, "Small segments"): one decision for the
 * synthesis, its filters, the open answers, the exports and the Diffusion tab's campaigns.
 */

type ResponseCounts = ReturnType<SynthesisRepository['responsesBy']>;

/**
 * Which channels and collectors the small-segment rule hides among these responses. One function for the
 * overview, the filters, the open answers' channels, the exports and the campaigns' respondents, so all hide
 * the same ones. The counts per channel and per collector (responses without a collector are a column of their
 * own) are the two margins of one table whose cells are never shown: `hiddenMargins` hides what either list,
 * the other and the total would give back (a collector as its channel less its shown siblings, a channel
 * through its collectors). Ties go to the first in this order: channels in the counts' order, collectors in
 * their creation order, then the responses without a collector.
 */
export function hiddenSegmentsOf(rows: ResponseCounts, collectorIds: readonly string[]) {
  const channelSizes = new Map<SurveyChannel, number>();
  const collectorSizes = new Map<string, number>();
  for (const row of rows) {
    channelSizes.set(row.channel, (channelSizes.get(row.channel) ?? 0) + row.n);
    collectorSizes.set(row.collectorId, (collectorSizes.get(row.collectorId) ?? 0) + row.n);
  }
  const hidden = hiddenMargins(
    rows.map((row) => ({ row: row.channel, column: row.collectorId, n: row.n })),
    [...channelSizes.keys()],
    [...collectorIds, ''],
  );
  return {
    channelSizes,
    collectorSizes,
    channels: hidden.rows as Map<SurveyChannel, boolean>,
    collectors: hidden.columns,
  };
}

/**
 * An email campaign's respondents as the synthesis and the Diffusion tab show them: hidden with the campaign's
 * count (they would give the count back), else by the minimum; null for any other collector.
 */
export function shownResponded(
  collector: Pick<CollectorRow, 'id' | 'kind' | 'stats'>,
  hiddenCollectors: ReadonlyMap<string, boolean>,
): ShownCount {
  return collector.kind === 'email' && hiddenCollectors.get(collector.id) !== true ? shownCount(collector.stats.responded) : null;
}

/** Which collectors the rule hides among all of a survey's responses (every date): the Diffusion tab's campaigns. */
export function hiddenCollectorsOf(repo: Pick<SynthesisRepository, 'responsesBy' | 'collectors'>, surveyId: string): Map<string, boolean> {
  const rows = repo.responsesBy(surveyId, noFilter);
  const total = rows.reduce((sum, row) => sum + row.n, 0);
  const collectorIds = repo.collectors(surveyId).map((collector) => collector.id);
  // Under the minimum, the synthesis shows nothing but « < 5 »: every collector is hidden.
  if (shownCount(total) === null) return new Map([...collectorIds, ''].map((id) => [id, true]));
  return hiddenSegmentsOf(rows, collectorIds).collectors;
}

/**
 * Whether the filter picks a channel or collector that the synthesis without it hides (the same dates): its
 * results would give that small segment back (its total, its texts, or a hidden neighbour by subtraction), so
 * nothing of it is shown. The voice's open answers ask it too.
 */
export function filtersHiddenSegment(
  repo: Pick<SynthesisRepository, 'responsesBy' | 'collectors'>,
  surveyId: string,
  filter: SynthesisFilter,
): boolean {
  if (filter.channel === null && filter.collectorId === null) return false;
  const rows = repo.responsesBy(surveyId, { ...filter, channel: null, collectorId: null });
  const hidden = hiddenSegmentsOf(
    rows,
    repo.collectors(surveyId).map((collector) => collector.id),
  );
  return (
    (filter.channel !== null && hidden.channels.get(filter.channel) === true) ||
    (filter.collectorId !== null && hidden.collectors.get(filter.collectorId) === true)
  );
}
