/**
 * No segment of fewer than `minimumSegment` respondents is ever shown: not its cells, not its size, and not
 * in a way that lets one subtract it back from what is shown. Every aggregate the synthesis, the cross-tabs
 * and the exports show goes through `hiddenSegments`.
 */
export const minimumSegment = 5;

/** A count as shown: the number, or hidden (shown as "< 5"). */
export type ShownCount = number | null;

export function shownCount(count: number): ShownCount {
  return count < minimumSegment ? null : count;
}

/**
 * Which segments of a partition to hide, given each one's size (respondents). Those under the minimum are
 * hidden; when exactly one is, the total and the others would give it back by subtraction, so the smallest
 * shown one is hidden too. `totalShown: false` (no total anywhere) keeps the others. Hiding two leaves only
 * their sum to be derived, which may itself be small: that sum is still of two segments, as in any statistics
 * office's secondary suppression.
 */
export function hiddenSegments(sizes: readonly number[], options: { totalShown: boolean } = { totalShown: true }): boolean[] {
  const hidden = sizes.map((size) => size < minimumSegment);
  const hiddenCount = hidden.filter(Boolean).length;
  if (options.totalShown && hiddenCount === 1 && sizes.length > 1) {
    let smallest = -1;
    sizes.forEach((size, index) => {
      if (!hidden[index] && (smallest === -1 || size < (sizes[smallest] ?? 0))) smallest = index;
    });
    if (smallest !== -1) hidden[smallest] = true;
  }
  return hidden;
}
