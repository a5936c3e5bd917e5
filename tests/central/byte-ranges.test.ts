import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxRanges, parseRange } from '../../src-central/updates/byte-ranges';

const bound = fc.option(fc.nat(12_000), { nil: undefined });
/** Mostly well-formed range lists (the interesting case), some noise. */
const specs = fc.oneof(
  fc
    .array(fc.tuple(bound, bound), { minLength: 1, maxLength: 8 })
    .map((pairs) => pairs.map(([a, b]) => `${a ?? ''}-${b ?? ''}`).join(', ')),
  fc.string(),
);

describe('Range header', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', ranges: [{ start: 0, end: 99 }] }],
    ['bytes=900-', { kind: 'partial', ranges: [{ start: 900, end: 999 }] }],
    ['bytes=-100', { kind: 'partial', ranges: [{ start: 900, end: 999 }] }],
    ['bytes=-5000', { kind: 'partial', ranges: [{ start: 0, end: 999 }] }],
    ['bytes=990-5000', { kind: 'partial', ranges: [{ start: 990, end: 999 }] }],
    [
      'Bytes = 0-0, 10-19',
      {
        kind: 'partial',
        ranges: [
          { start: 0, end: 0 },
          { start: 10, end: 19 },
        ],
      },
    ],
    ['bytes=0-9, 2000-', { kind: 'partial', ranges: [{ start: 0, end: 9 }] }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=9-0', { kind: 'full' }],
    ['bytes=0-9, 5-20', { kind: 'full' }],
    ['bytes=20-29, 0-9', { kind: 'full' }],
    ['bytes=abc', { kind: 'full' }],
    ['bytes=-', { kind: 'full' }],
    ['items=0-9', { kind: 'full' }],
    ['bytes=0-99999999999999999999', { kind: 'full' }],
  ] as const)('%s on 1,000 bytes', (header, expected) => {
    expect(parseRange(header, 1_000)).toEqual(expected);
  });

  it('has nothing to satisfy in an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it(`ignores more than ${maxRanges} ranges`, () => {
    const header = `bytes=${Array.from({ length: maxRanges + 1 }, (_, i) => `${i * 2}-${i * 2}`).join(',')}`;
    expect(parseRange(header, 1_000_000)).toEqual({ kind: 'full' });
  });

  it('only ever returns ordered, disjoint ranges inside the file', () => {
    fc.assert(
      fc.property(specs, fc.nat(10_000), (header, size) => {
        const result = parseRange(`bytes=${header}`, size);
        if (result.kind !== 'partial') return;
        let previousEnd = -1;
        for (const range of result.ranges) {
          expect(range.start).toBeGreaterThan(previousEnd);
          expect(range.end).toBeGreaterThanOrEqual(range.start);
          expect(range.end).toBeLessThan(size);
          previousEnd = range.end;
        }
      }),
    );
  });
});
