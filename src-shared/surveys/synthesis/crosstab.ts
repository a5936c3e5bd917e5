import type { LocalizedText } from '../localized-text';
import { hiddenSegments, type ShownCount } from './small-segments';

/** A segment counted for a cross-tab: its respondents who answered the question, and how many gave each value. */
export interface SegmentCounts {
  key: string;
  label: LocalizedText | null;
  size: number;
  cells: ReadonlyMap<string, number>;
}

export interface CrosstabSegment {
  key: string;
  label: LocalizedText | null;
  /** Null: fewer than the minimum (or hidden so that it cannot be subtracted back), shown as "< 5". */
  size: ShownCount;
  /** Per row, in the rows' order; null when the segment is hidden. */
  cells: { count: number; percent: number | null }[] | null;
}

export interface CrosstabTable {
  rows: { value: string; label: LocalizedText | null }[];
  segments: CrosstabSegment[];
  /** Every respondent who answered the question (the filtered population), null when itself under the minimum. */
  total: ShownCount;
}

/**
 * The table of a question's values (rows) by segments (columns), percentages of each segment, with small
 * segments hidden by the one rule (`hiddenSegments`): the total is shown, so a lone hidden segment takes a
 * second one with it.
 */
export function crosstabTable(
  rows: readonly { value: string; label: LocalizedText | null }[],
  segments: readonly SegmentCounts[],
  total: number,
): CrosstabTable {
  const totalHidden = hiddenSegments([total])[0] === true;
  const hidden = totalHidden ? segments.map(() => true) : hiddenSegments(segments.map((segment) => segment.size));
  return {
    rows: [...rows],
    total: totalHidden ? null : total,
    segments: segments.map((segment, index) => {
      if (hidden[index] === true) return { key: segment.key, label: segment.label, size: null, cells: null };
      return {
        key: segment.key,
        label: segment.label,
        size: segment.size,
        cells: rows.map((row) => {
          const count = segment.cells.get(row.value) ?? 0;
          return { count, percent: segment.size === 0 ? null : (100 * count) / segment.size };
        }),
      };
    }),
  };
}
