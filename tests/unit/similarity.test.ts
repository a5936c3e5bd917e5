import { describe, expect, it } from 'vitest';
import { normalizeName, similarityReasons, type CitizenIdentity, type SimilarityReason } from '../../src-shared/domain/similarity';

function identity(overrides: Partial<CitizenIdentity> = {}): CitizenIdentity {
  return { firstName: 'Jeanne', lastName: 'Martin', birthDate: null, email: null, phone: null, ...overrides };
}

describe('normalizeName', () => {
  it.each([
    ['Jeanne', 'jeanne'],
    ['  Jean-François  ', 'jean francois'],
    ["D'Artagnan", 'd artagnan'],
    ['d’Artagnan', 'd artagnan'],
    ['Éléonore', 'eleonore'],
    ['ÇA ÏÔÛ', 'ca iou'],
    ['Lœtitia', 'loetitia'],
    ['Cæcilia', 'caecilia'],
    ['Marie  --  Claire', 'marie claire'],
    ['Le\tGoff', 'le goff'],
    ['Müller', 'muller'],
    // Decomposed input (as some keyboards and PDFs produce) ends up the same as precomposed.
    ['E\u0301lodie', 'elodie'],
    ['', ''],
    ['  -  ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('similarityReasons', () => {
  it.each<{ label: string; a: Partial<CitizenIdentity>; b: Partial<CitizenIdentity>; expected: SimilarityReason[] }>([
    { label: 'nothing in common', a: { lastName: 'Martin' }, b: { lastName: 'Bernard' }, expected: [] },
    {
      label: 'same email, other case and spaces',
      a: { email: 'Jeanne.Martin@Example.fr ' },
      b: { lastName: 'Bernard', email: 'jeanne.martin@example.fr' },
      expected: ['email'],
    },
    { label: 'two empty emails', a: { email: '' }, b: { lastName: 'Bernard', email: '' }, expected: [] },
    { label: 'blank emails', a: { email: '  ' }, b: { lastName: 'Bernard', email: ' ' }, expected: [] },
    { label: 'one email missing', a: { email: 'a@b.fr' }, b: { lastName: 'Bernard', email: null }, expected: [] },
    {
      label: 'same phone written differently',
      a: { phone: '06 12 34 56 78' },
      b: { lastName: 'Bernard', phone: '+33 6 12 34 56 78' },
      expected: ['phone'],
    },
    {
      label: 'same foreign phone, by digits',
      a: { phone: '+44 20 7946 0958' },
      b: { lastName: 'Bernard', phone: '+44 (20) 7946-0958' },
      expected: ['phone'],
    },
    { label: 'different phones', a: { phone: '0612345678' }, b: { lastName: 'Bernard', phone: '0612345679' }, expected: [] },
    { label: 'phones without digits', a: { phone: 'néant' }, b: { lastName: 'Bernard', phone: 'aucun' }, expected: [] },
    {
      label: 'same names and birth date, accents and case aside',
      a: { firstName: 'Hélène', lastName: "L'Hôpital", birthDate: '1980-02-29' },
      b: { firstName: 'helene', lastName: 'L HOPITAL', birthDate: '1980-02-29' },
      expected: ['name_birthdate'],
    },
    {
      label: 'first and last names swapped',
      a: { firstName: 'Martin', lastName: 'Thomas', birthDate: '1975-06-01' },
      b: { firstName: 'Thomas', lastName: 'Martin', birthDate: '1975-06-01' },
      expected: ['name_birthdate'],
    },
    {
      label: 'same names, other birth date',
      a: { birthDate: '1980-01-01' },
      b: { birthDate: '1980-01-02' },
      expected: [],
    },
    { label: 'same names, no birth dates', a: {}, b: {}, expected: [] },
    { label: 'same names, one birth date', a: { birthDate: '1980-01-01' }, b: {}, expected: [] },
    {
      label: 'empty names, same birth date',
      a: { firstName: '', lastName: '', birthDate: '1980-01-01' },
      b: { firstName: ' ', lastName: '-', birthDate: '1980-01-01' },
      expected: [],
    },
    {
      label: 'same first name only',
      a: { lastName: 'Martin', birthDate: '1980-01-01' },
      b: { lastName: 'Martine', birthDate: '1980-01-01' },
      expected: [],
    },
    {
      label: 'everything in common, in a stable order',
      a: { email: 'j@m.fr', phone: '0612345678', birthDate: '1990-12-31' },
      b: { email: 'J@M.FR', phone: '06.12.34.56.78', birthDate: '1990-12-31' },
      expected: ['email', 'phone', 'name_birthdate'],
    },
  ])('$label → $expected', ({ a, b, expected }) => {
    expect(similarityReasons(identity(a), identity(b))).toEqual(expected);
    expect(similarityReasons(identity(b), identity(a))).toEqual(expected);
  });
});
