import type { TFunction } from 'i18next';
import { toFieldIssues } from '../../../src-shared/errors';
import { signInInputSchema, type SignInInput } from '../../../src-shared/schemas/auth';
import { fieldErrorsFromIssues, fieldIssuesOf, guichetErrorOf, payloadMessage } from '../../shared/errors';

export interface SignInErrors {
  email?: string;
  password?: string;
  /** What concerns the whole form: wrong credentials, throttling, central service unreachable. */
  form?: string;
}

/** The same schema as the main core, so an empty or malformed address is reported before any request. */
export function validateSignIn(values: SignInInput, t: TFunction): SignInErrors {
  const errors: SignInErrors = {};
  if (values.email.trim() === '') errors.email = t('fieldErrors.required');
  if (values.password === '') errors.password = t('fieldErrors.required');
  if (errors.email !== undefined || errors.password !== undefined) return errors;
  const result = signInInputSchema.safeParse(values);
  return result.success ? {} : fieldErrorsFromIssues(toFieldIssues(result.error), t);
}

/**
 * A refused sign-in in French. The central service being unreachable reaches the renderer as INTERNAL
 * (or as a transport error without a catalogue payload): the agent reads that, not an error reference.
 */
export function signInErrorsFrom(error: unknown, t: TFunction): SignInErrors {
  const payload = guichetErrorOf(error);
  if (payload === null || payload.code === 'INTERNAL') return { form: t('session.centralUnreachable') };
  if (payload.code === 'VALIDATION_FAILED') {
    const fields = fieldErrorsFromIssues(fieldIssuesOf(error), t);
    return { email: fields['email'], password: fields['password'] };
  }
  return { form: payloadMessage(t, payload) };
}
