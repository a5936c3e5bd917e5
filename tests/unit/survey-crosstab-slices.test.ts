import { describe, expect, it } from 'vitest';
import { keySlices } from '../../src-main/features/survey-synthesis/synthesis-repository';
import { responseKeyOf } from '../../src-shared/surveys/synthesis';

describe('the slices of response keys a cross-tab reads', () => {
  it('cover every key once: contiguous, from 0 to 2^53, whole numbers at their bounds', () => {
    for (const count of [1, 2, 16, 64]) {
      const slices = keySlices(count);
      expect(slices).toHaveLength(count);
      expect(slices[0]?.from).toBe(0);
      expect(slices.at(-1)?.to).toBe(2 ** 53);
      slices.forEach((slice, index) => {
        expect(Number.isSafeInteger(slice.from)).toBe(true);
        expect(slice.to).toBeGreaterThan(slice.from);
        if (index > 0) expect(slice.from).toBe(slices[index - 1]?.to);
      });
    }
  });

  it('hold every response key, and spread a survey’s responses over them, ids in a row too', () => {
    const slices = keySlices(16);
    const perSlice = slices.map(() => 0);
    for (let n = 0; n < 4000; n++) {
      // Ids as uuidv7 makes them one after the other: a shared prefix, the hash spreads them anyway.
      const key = responseKeyOf(`01960000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`);
      expect(Number.isSafeInteger(key) && key >= 0 && key < 2 ** 53).toBe(true);
      const index = slices.findIndex((slice) => key >= slice.from && key < slice.to);
      expect(index).toBeGreaterThanOrEqual(0);
      perSlice[index] = (perSlice[index] ?? 0) + 1;
    }
    // 250 expected in each: a slice is never most of the work, so no turn of the loop waits long.
    expect(Math.min(...perSlice)).toBeGreaterThan(150);
    expect(Math.max(...perSlice)).toBeLessThan(350);
  });
});
