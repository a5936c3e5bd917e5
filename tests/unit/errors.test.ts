import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  errorCodes,
  errorStatus,
  fail,
  GuichetError,
  isErrorPayload,
  isGuichetError,
  parseOrFail,
  toFieldIssues,
  type ErrorStatus,
} from '../../src-shared/errors';
import { citizenInputSchema } from '../../src-shared/schemas/procedures';

const statuses: ErrorStatus[] = ['bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'internal'];

describe('catalogue', () => {
  it('lists every code once, each with a transport status', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    expect(errorCodes).toEqual(Object.keys(errorStatus));
  });

  it.each(errorCodes)('%s has a known status', (code) => {
    expect(statuses).toContain(errorStatus[code]);
  });

  it.each([
    ['TRANSITION_NOT_ALLOWED', 'conflict'],
    ['TRANSITION_FORBIDDEN', 'forbidden'],
    ['FORBIDDEN', 'forbidden'],
    ['CASE_NOT_FOUND', 'not_found'],
    ['VALIDATION_FAILED', 'bad_request'],
    ['ACCESS_DENIED', 'unauthorized'],
  ] as const)('%s travels as %s', (code, status) => {
    expect(errorStatus[code]).toBe(status);
  });
});

describe('GuichetError', () => {
  it('carries code, arguments and status, and serialises to a payload', () => {
    const error = new GuichetError('TRANSITION_NOT_ALLOWED', { from: 'closed', action: 'resolve' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('GuichetError');
    expect(error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(error.args).toEqual({ from: 'closed', action: 'resolve' });
    expect(error.status).toBe('conflict');
    expect(error.message).toContain('TRANSITION_NOT_ALLOWED');
    expect(error.toPayload()).toEqual({ code: 'TRANSITION_NOT_ALLOWED', args: { from: 'closed', action: 'resolve' } });
  });

  it('keeps its cause', () => {
    const cause = new Error('disk full');
    expect(new GuichetError('INTERNAL', { reference: 'r1' }, { cause }).cause).toBe(cause);
  });

  it('is built by fail() with or without arguments', () => {
    expect(fail('ACCESS_DENIED').toPayload()).toEqual({ code: 'ACCESS_DENIED', args: {} });
    expect(fail('CASE_NOT_FOUND', { caseId: 'c1' }).args).toEqual({ caseId: 'c1' });
  });

  it.each([
    [fail('ACCESS_DENIED'), true],
    [new Error('plain'), false],
    [{ code: 'ACCESS_DENIED', args: {} }, false],
    [null, false],
  ])('isGuichetError(%o) → %s', (value, expected) => {
    expect(isGuichetError(value)).toBe(expected);
  });

  it.each([
    [{ code: 'ACCESS_DENIED', args: {} }, true],
    [fail('CASE_NOT_FOUND', { caseId: 'c1' }).toPayload(), true],
    [{ code: 'NOT_A_CODE', args: {} }, false],
    [{ code: 42 }, false],
    ['ACCESS_DENIED', false],
    [null, false],
    [undefined, false],
  ])('isErrorPayload(%o) → %s', (value, expected) => {
    expect(isErrorPayload(value)).toBe(expected);
  });
});

describe('validation errors', () => {
  const valid = { firstName: 'Jeanne', lastName: 'Martin' };

  it.each([
    ['an empty first name', { ...valid, firstName: '  ' }, 'firstName', 'too_small', { minimum: 1 }],
    ['a long last name', { ...valid, lastName: 'x'.repeat(81) }, 'lastName', 'too_big', { maximum: 80 }],
    ['a bad phone', { ...valid, phone: '12 34' }, 'phone', 'phone', undefined],
    ['a birth date before 1900', { ...valid, birthDate: '1899-12-31' }, 'birthDate', 'birth_date', undefined],
    ['an unknown channel', { ...valid, preferredChannel: 'fax' }, 'preferredChannel', 'invalid_value', undefined],
    ['a bad email', { ...valid, email: 'jeanne@' }, 'email', 'email', undefined],
    [
      'a bad postal code',
      { ...valid, address: { line1: '1 place de la Mairie', line2: null, postalCode: '7500', city: 'Paris' } },
      'address.postalCode',
      'postal_code',
      undefined,
    ],
    ['a missing last name', { firstName: 'Jeanne' }, 'lastName', 'invalid_type', undefined],
  ])('%s gives a field issue', (_label, input, path, code, params) => {
    let caught: unknown;
    try {
      parseOrFail(citizenInputSchema, input);
    } catch (error) {
      caught = error;
    }
    expect(isGuichetError(caught)).toBe(true);
    const error = caught as GuichetError<'VALIDATION_FAILED'>;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.args.issues).toEqual([{ path, code, params }]);
  });

  it('returns the parsed value when valid', () => {
    expect(parseOrFail(citizenInputSchema, { ...valid, phone: '+33 6 12 34 56 78', email: ' J@M.FR ' })).toMatchObject({
      firstName: 'Jeanne',
      phone: '0612345678',
      email: 'j@m.fr',
      birthDate: null,
    });
  });

  it('joins nested paths with dots', () => {
    const schema = z.object({ address: z.object({ lines: z.array(z.string().min(2)) }) });
    const result = schema.safeParse({ address: { lines: ['ok', 'x'] } });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(toFieldIssues(result.error)).toEqual([{ path: 'address.lines.1', code: 'too_small', params: { minimum: 2 } }]);
    }
  });
});
