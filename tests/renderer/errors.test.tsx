import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src-renderer/app/i18n';
import { emptyCitizenValues, validateCitizen } from '../../src-renderer/features/citizens';
import { errorMessage, fieldErrorsFromIssues, fieldIssuesOf, guichetErrorOf } from '../../src-renderer/shared/errors';
import { guichetError } from './render-app';

const fr = createI18n({ language: 'fr' }).t;
const en = createI18n({ language: 'en' }).t;

describe('server field issues → form errors', () => {
  it('maps each issue to its field path, in French', () => {
    const errors = fieldErrorsFromIssues(
      [
        { path: 'email', code: 'email' },
        { path: 'address.postalCode', code: 'postal_code' },
        { path: 'lastName', code: 'too_big', params: { maximum: 80 } },
      ],
      fr,
    );
    expect(errors).toEqual({
      email: 'Adresse de courriel invalide.',
      'address.postalCode': 'Code postal invalide (5 chiffres).',
      lastName: 'Trop long (maximum 80).',
    });
  });

  it('strips the input wrapper of an update and keeps the first issue of a field', () => {
    const errors = fieldErrorsFromIssues(
      [
        { path: 'values.phone', code: 'phone' },
        { path: 'values.phone', code: 'too_big', params: { maximum: 40 } },
        { path: 'expectedVersion', code: 'too_small', params: { minimum: 0 } },
      ],
      fr,
      'values.',
    );
    expect(errors.phone).toBe('Numéro de téléphone invalide (exemple : 06 12 34 56 78).');
    // Outside the form's values: reported on the form as a whole.
    expect(errors['']).toBe('Trop court (minimum 0).');
  });

  it('reads an empty required text as "required" and falls back for unknown codes', () => {
    const errors = fieldErrorsFromIssues(
      [
        { path: 'firstName', code: 'too_small', params: { minimum: 1 } },
        { path: 'city', code: 'something_new' },
      ],
      en,
    );
    expect(errors).toEqual({ firstName: 'Required.', city: 'Invalid value.' });
  });

  it('extracts the catalogue payload of a tRPC error and its issues', () => {
    const error = guichetError({ code: 'VALIDATION_FAILED', args: { issues: [{ path: 'email', code: 'email' }] } });
    expect(guichetErrorOf(error)?.code).toBe('VALIDATION_FAILED');
    expect(fieldIssuesOf(error)).toEqual([{ path: 'email', code: 'email' }]);
    expect(fieldIssuesOf(new Error('network down'))).toEqual([]);
  });

  it('shows any failure in the agent language, unexpected ones as INTERNAL with a reference', () => {
    const changed = guichetError({ code: 'STATUS_CHANGED', args: { expected: 'assigned', actual: 'in_progress' } });
    expect(errorMessage(fr, changed)).toBe(
      'La demande a changé de statut entre-temps (« Affectée » attendu, « En cours » à présent). Vérifiez-la avant de recommencer.',
    );
    expect(errorMessage(fr, new TypeError('Failed to fetch'))).toBe(
      "Une erreur inattendue s'est produite. Référence à communiquer au support : Failed to fetch.",
    );
  });
});

describe('citizen form validation (same schema as the server)', () => {
  it('reports invalid email, phone, postal code and missing names where they were typed', () => {
    const values = emptyCitizenValues();
    values.email = 'jeanne@';
    values.phone = '12 34';
    values.address = { line1: '1 rue de la Paix', line2: '', postalCode: '7501', city: 'Paris' };
    expect(validateCitizen(values, fr)).toEqual({
      firstName: 'Champ obligatoire.',
      lastName: 'Champ obligatoire.',
      email: 'Adresse de courriel invalide.',
      phone: 'Numéro de téléphone invalide (exemple : 06 12 34 56 78).',
      'address.postalCode': 'Code postal invalide (5 chiffres).',
    });
  });

  it('accepts a French number in any usual spelling and an empty address', () => {
    const values = { ...emptyCitizenValues(), firstName: 'Jeanne', lastName: 'Dupont', phone: '+33 (0)6 12 34 56 78' };
    expect(validateCitizen(values, fr)).toEqual({});
  });
});
