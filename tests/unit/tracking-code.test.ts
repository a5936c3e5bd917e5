import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generateTrackingCode,
  looksLikeTrackingCode,
  normalizeTrackingCode,
  trackingCodeAlphabet,
} from '../../src-shared/domain/tracking-code';
import { createPrng } from '../../src-shared/demo/prng';

/** A `random` that returns the given alphabet indices in turn. */
function picking(indices: number[]): () => number {
  let next = 0;
  return () => ((indices[next++ % indices.length] ?? 0) + 0.5) / trackingCodeAlphabet.length;
}

const codeShape = new RegExp(`^[${trackingCodeAlphabet}]{4}-[${trackingCodeAlphabet}]{4}$`);
/** The demo city's PRNG, so the 10,000 codes are the same on every run. */
const random = createPrng(20_260_504).float;
const codes = Array.from({ length: 10_000 }, () => generateTrackingCode(random));

function withChar(code: string, index: number, char: string): string {
  return code.slice(0, index) + char + code.slice(index + 1);
}

/** Positions of the 8 code characters inside `XXXX-XXXX`. */
const positions = [0, 1, 2, 3, 5, 6, 7, 8];

describe('generateTrackingCode', () => {
  it('uses the phone-friendly alphabet without look-alikes', () => {
    expect(trackingCodeAlphabet).toHaveLength(30);
    expect(new Set(trackingCodeAlphabet).size).toBe(30);
    for (const char of '01ILOU') expect(trackingCodeAlphabet).not.toContain(char);
  });

  it('round-trips 10,000 seeded codes', () => {
    for (const code of codes) {
      expect(code).toMatch(codeShape);
      expect(normalizeTrackingCode(code)).toBe(code);
      expect(normalizeTrackingCode(code.toLowerCase().replace('-', ' '))).toBe(code);
      expect(looksLikeTrackingCode(code)).toBe(true);
    }
    expect(new Set(codes).size).toBeGreaterThan(9_990);
  });

  it.each([
    { indices: [0], expected: '2222-2222' },
    { indices: [29], expected: 'ZZZZ-ZZZA' },
    // The body 2222-22J would need a 31st check character: its last character is bumped to K.
    { indices: [0, 0, 0, 0, 0, 0, 16], expected: '2222-22KY' },
    // Same with a last character that wraps from Z to 2.
    { indices: [0, 0, 0, 1, 0, 0, 29], expected: '2223-222W' },
  ])('is deterministic for $indices → $expected', ({ indices, expected }) => {
    expect(generateTrackingCode(picking(indices))).toBe(expected);
  });

  it('stays valid whatever the random source returns', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 2, noNaN: true }), { minLength: 7, maxLength: 7 }), (values) => {
        let next = 0;
        const code = generateTrackingCode(() => values[next++ % values.length] ?? 0);
        expect(code).toMatch(codeShape);
        expect(normalizeTrackingCode(code)).toBe(code);
      }),
    );
  });
});

describe('check character', () => {
  const sample = codes.slice(0, 300);

  it('catches every single substitution of a sample', () => {
    for (const code of sample) {
      for (const index of positions) {
        for (const char of trackingCodeAlphabet) {
          if (char === code[index]) continue;
          expect(normalizeTrackingCode(withChar(code, index, char))).toBeNull();
        }
      }
    }
  });

  it('catches every transposition of two different characters of a sample', () => {
    for (const code of sample) {
      for (const [i, a] of positions.entries()) {
        for (const b of positions.slice(i + 1)) {
          const first = code[a] ?? '';
          const second = code[b] ?? '';
          if (first === second) continue;
          expect(normalizeTrackingCode(withChar(withChar(code, a, second), b, first))).toBeNull();
        }
      }
    }
  });
});

describe('normalizeTrackingCode', () => {
  const code = codes[0] ?? '';
  const compact = code.replace('-', '');

  it.each([
    ['lowercase', code.toLowerCase()],
    ['without dash', compact],
    ['spaced', compact.split('').join(' ')],
    ['surrounded by spaces', `  ${code}  `],
    ['with dots', `${compact.slice(0, 4)}.${compact.slice(4)}`],
    ['with an en dash', `${compact.slice(0, 4)}–${compact.slice(4)}`],
    ['with a no-break space', `${compact.slice(0, 4)}\u00a0${compact.slice(4)}`],
    ['in pairs, as read on the phone', compact.replace(/(..)(?=.)/g, '$1 ')],
  ])('accepts %s', (_label, input) => {
    expect(normalizeTrackingCode(input)).toBe(code);
  });

  it.each([
    ['empty', ''],
    ['too short', compact.slice(0, 7)],
    ['too long', `${compact}2`],
    ['a letter O', withChar(code, 0, 'O')],
    ['a digit 0', withChar(code, 0, '0')],
    ['a digit 1', withChar(code, 1, '1')],
    ['a letter I', withChar(code, 2, 'I')],
    ['a letter L', withChar(code, 3, 'L')],
    ['a letter U', withChar(code, 5, 'U')],
    ['a wrong check', withChar(code, 8, code[8] === '2' ? '3' : '2')],
    ['a name', 'Dupont Jean'],
    ['another separator', `${compact.slice(0, 4)}/${compact.slice(4)}`],
  ])('rejects %s', (_label, input) => {
    expect(normalizeTrackingCode(input)).toBeNull();
  });

  it('is idempotent and returns only canonical codes', () => {
    const alphabetUnits = fc.constantFrom(...`${trackingCodeAlphabet}${trackingCodeAlphabet.toLowerCase()} -.O0I1`);
    const noisyCodes = fc
      .tuple(fc.constantFrom(...codes.slice(0, 500)), fc.array(fc.constantFrom(' ', '-', '.'), { maxLength: 8 }), fc.boolean())
      .map(([base, separators, lower]) => {
        const chars = [...base.replace('-', '')];
        separators.forEach((separator, index) => chars.splice((index * 3) % (chars.length + 1), 0, separator));
        const text = chars.join('');
        return lower ? text.toLowerCase() : text;
      });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: alphabetUnits, maxLength: 12 }), noisyCodes, fc.string()), (input) => {
        const normalised = normalizeTrackingCode(input);
        if (normalised === null) return;
        expect(normalised).toMatch(codeShape);
        expect(normalizeTrackingCode(normalised)).toBe(normalised);
        expect(looksLikeTrackingCode(normalised)).toBe(true);
      }),
    );
  });
});

describe('looksLikeTrackingCode', () => {
  const code = codes[1] ?? '';
  const compact = code.replace('-', '');

  it.each([
    [code, true],
    [compact, true],
    [code.toLowerCase(), true],
    [` ${code} `, true],
    ['2222-2222', true],
    [`${compact.slice(0, 4)} ${compact.slice(4)}`, false],
    [withChar(code, 0, code[0] === '2' ? '3' : '2'), false],
    [`${code}2`, false],
    [code.slice(0, 8), false],
    ['Dupont', false],
    ['', false],
    ['06 12 34 56 78', false],
  ])('%j → %s', (input, expected) => {
    expect(looksLikeTrackingCode(input)).toBe(expected);
  });
});
