import { describe, expect, it } from 'vitest';
import { formatFrenchPhone, normalizeFrenchPhone } from '../../src-shared/domain/phone';

describe('normalizeFrenchPhone accepts what agents type', () => {
  it.each([
    ['06 12 34 56 78', '0612345678'],
    ['0612345678', '0612345678'],
    ['06.12.34.56.78', '0612345678'],
    ['06-12-34-56-78', '0612345678'],
    ['06/12/34/56/78', '0612345678'],
    ['  07 98 76 54 32 ', '0798765432'],
    ['01 23 45 67 89', '0123456789'],
    ['09 70 12 34 56', '0970123456'],
    ['08 00 12 34 56', '0800123456'],
    ['+33 6 12 34 56 78', '0612345678'],
    ['+33612345678', '0612345678'],
    ['+33 (0)6 12 34 56 78', '0612345678'],
    ['+33 (0) 1 23 45 67 89', '0123456789'],
    ['0033 6 12 34 56 78', '0612345678'],
    ['0033612345678', '0612345678'],
    ['(06) 12 34 56 78', '0612345678'],
    ['+262 262 12 34 56', '+262262123456'],
    ['+262 692 12 34 56', '+262692123456'],
    ['00262 692 12 34 56', '+262692123456'],
    ['+590 590 12 34 56', '+590590123456'],
    ['+594 594 12 34 56', '+594594123456'],
    ['+596 696 12 34 56', '+596696123456'],
    ['+269 639 12 34 56', '+269639123456'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeFrenchPhone(input)).toBe(expected);
  });
});

describe('normalizeFrenchPhone refuses what is not a French number', () => {
  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['nine digits', '06 12 34 56 7'],
    ['eleven digits', '06 12 34 56 789'],
    ['no leading zero', '6 12 34 56 78'],
    ['zero after the leading zero', '00 12 34 56 78'],
    ['a letter', '06 12 34 56 7a'],
    ['words', 'pas de téléphone'],
    ['a British number', '+44 20 7946 0958'],
    ['a Belgian number', '+32 2 123 45 67'],
    ['a short international form', '+33 6 12 34 56'],
    ['a long international form', '+33 6 12 34 56 78 9'],
    ['a doubled plus', '++33612345678'],
    ['a plus in the middle', '06+12345678'],
    ['a short overseas number', '+262 692 12 34 5'],
    ['an extension', '01 23 45 67 89 poste 12'],
  ])('%s (%j)', (_label, input) => {
    expect(normalizeFrenchPhone(input)).toBeNull();
  });
});

describe('formatFrenchPhone', () => {
  it.each([
    ['0612345678', '06 12 34 56 78'],
    ['0123456789', '01 23 45 67 89'],
    ['+262692123456', '+262692123456'],
  ])('%s → %s', (input, expected) => {
    expect(formatFrenchPhone(input)).toBe(expected);
  });

  it('formats what it normalised back to the usual reading', () => {
    const normalised = normalizeFrenchPhone('+33 (0)6.12.34.56.78');
    expect(normalised).not.toBeNull();
    expect(formatFrenchPhone(normalised ?? '')).toBe('06 12 34 56 78');
  });
});
