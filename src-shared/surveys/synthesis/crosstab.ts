import { textOf, type LocalizedText } from '../localized-text';
import { hiddenSegments, minimumSegment, type ShownCount } from './small-segments';

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

/** The key of the segment of respondents in no other segment (no area, skipped the other question, no profile). */
export const remainderKey = '@rest';
const remainderLabel = textOf('Autres / sans réponse', 'Others / no answer');

export interface CrosstabOptions {
  /**
   * The segments overlap (the choices of a multiple choice): their union, those who answered the segment
   * question, with its cells. The partition is then {union, remainder}: when the rule hides one of them, every
   * choice's segment is hidden too (with one choice chosen, or a value chosen in one segment only, they give
   * the union back, and the remainder with it).
   */
  union?: { size: number; cells: ReadonlyMap<string, number> };
  /** Which segments are hidden, decided with other tables (channels and collectors: `hiddenMargins`). */
  hidden?: ReadonlyMap<string, boolean>;
}

/**
 * The table of a question's values (rows, with the question's own count of each) by segments (columns),
 * percentages of each segment, with small segments hidden by the one rule (`hiddenSegments`): the total is
 * shown, so a lone hidden segment takes a second one with it. Respondents in no segment (total − the
 * segments) are a segment of their own, « Autres / sans réponse », hidden or shown by the same rule, so that
 * the total never gives back a small remainder; it is left out when nobody is in it.
 */
export function crosstabTable(
  rows: readonly { value: string; label: LocalizedText | null; count: number }[],
  segments: readonly SegmentCounts[],
  total: number,
  options: CrosstabOptions = {},
): CrosstabTable {
  const covered = options.union ?? {
    size: segments.reduce((sum, segment) => sum + segment.size, 0),
    cells: new Map(rows.map((row) => [row.value, segments.reduce((sum, segment) => sum + (segment.cells.get(row.value) ?? 0), 0)])),
  };
  const remainder: SegmentCounts = {
    key: remainderKey,
    label: remainderLabel,
    size: total - covered.size,
    cells: new Map(rows.map((row) => [row.value, row.count - (covered.cells.get(row.value) ?? 0)])),
  };
  const all = remainder.size > 0 ? [...segments, remainder] : [...segments];
  const totalHidden = hiddenSegments([total])[0] === true;
  let hidden: boolean[];
  if (totalHidden) hidden = all.map(() => true);
  else if (options.hidden !== undefined) {
    const decided = options.hidden;
    hidden = all.map((segment) => (segment === remainder ? segment.size < minimumSegment : (decided.get(segment.key) ?? true)));
  } else if (options.union !== undefined) {
    // Nobody outside the union: it is the shown total.
    const [unionHidden = true, remainderHidden = true] =
      remainder.size > 0 ? hiddenSegments([covered.size, remainder.size]) : [false, false];
    hidden = all.map((segment) => (segment === remainder ? remainderHidden : unionHidden || segment.size < minimumSegment));
  } else hidden = hiddenSegments(all.map((segment) => segment.size));
  return {
    rows: rows.map((row) => ({ value: row.value, label: row.label })),
    total: totalHidden ? null : total,
    segments: all.map((segment, index) => {
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
