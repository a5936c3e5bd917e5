import type { SurveyChannel } from '../../../src-shared/schemas/surveys';
import {
  cellKey,
  hiddenCells,
  hiddenMargins,
  noFilter,
  shownCount,
  type ShownCount,
  type SynthesisFilter,
  type TableCell,
} from '../../../src-shared/surveys/synthesis';
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
 * Which channels and collectors a view filtered on a channel or a collector hides (docs/surveys.md, "Small
 * segments"): `filtered` its table, `whole` the same table without the channel and collector filter (the same
 * dates). `all` when the filter picks a channel, a collector or (both) a cell that the whole table hides: its
 * results would give that segment back, so nothing of it is shown. Else the filtered view's own rule, and
 * moreover the cells the whole table hides (`hiddenCells`): filtered on a channel, a collector whose count
 * there, beside its unfiltered one, would give back its part in a hidden channel; the same way round on a
 * collector. Without a channel or collector filter, the table's own rule. `rowOrder` the filtered view's
 * rows, in the order ties go by.
 */
export function hiddenInView(
  filtered: readonly TableCell[],
  whole: () => readonly TableCell[],
  filter: SynthesisFilter,
  rowOrder: readonly string[],
  columnOrder: readonly string[],
): { all: boolean; rows: Map<string, boolean>; columns: Map<string, boolean> } {
  const own = hiddenMargins(filtered, rowOrder, columnOrder);
  if (filter.channel === null && filter.collectorId === null) return { all: false, ...own };
  // The rows in the whole table's order, as the synthesis without the filter takes them (ties go by it).
  const wholeCells = whole();
  const decided = hiddenCells(wholeCells, [...new Set(wholeCells.map((cell) => cell.row))], columnOrder);
  const all =
    (filter.channel !== null && decided.rows.get(filter.channel) === true) ||
    (filter.collectorId !== null && decided.columns.get(filter.collectorId) === true) ||
    (filter.channel !== null && filter.collectorId !== null && decided.cells.get(cellKey(filter.channel, filter.collectorId)) === true);
  for (const cell of filtered) {
    if (decided.cells.get(cellKey(cell.row, cell.column)) !== true) continue;
    if (filter.channel !== null) own.columns.set(cell.column, true);
    if (filter.collectorId !== null) own.rows.set(cell.row, true);
  }
  return { all, ...own };
}

const cellsOf = (rows: ResponseCounts): TableCell[] => rows.map((row) => ({ row: row.channel, column: row.collectorId, n: row.n }));

/**
 * The responses within a filter and which channels and collectors the synthesis hides among them (`hiddenInView`):
 * one decision for the overview and the voice's open answers. `all`: nothing of them is shown.
 */
export function hiddenSegmentsUnder(
  repo: Pick<SynthesisRepository, 'responsesBy' | 'collectors'>,
  surveyId: string,
  filter: SynthesisFilter,
) {
  const collectorIds = repo.collectors(surveyId).map((collector) => collector.id);
  const rows = repo.responsesBy(surveyId, filter);
  const counted = hiddenSegmentsOf(rows, collectorIds);
  const view = hiddenInView(
    cellsOf(rows),
    () => cellsOf(repo.responsesBy(surveyId, { ...filter, channel: null, collectorId: null })),
    filter,
    [...counted.channelSizes.keys()],
    [...collectorIds, ''],
  );
  if (view.all) return { all: true, rows: [], ...hiddenSegmentsOf([], collectorIds) };
  return { ...counted, all: false, rows, channels: view.rows as Map<SurveyChannel, boolean>, collectors: view.columns };
}

/** Whether the filter picks a channel, a collector or a cell the synthesis without it hides (`hiddenInView`'s `all`). */
export function filtersHiddenSegment(
  repo: Pick<SynthesisRepository, 'responsesBy' | 'collectors'>,
  surveyId: string,
  filter: SynthesisFilter,
): boolean {
  return hiddenSegmentsUnder(repo, surveyId, filter).all;
}
