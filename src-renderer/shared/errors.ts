import type { TFunction } from 'i18next';
import { isErrorPayload, type ErrorPayload, type FieldIssue } from '../../src-shared/errors';

/**
 * Every tRPC error carries the catalogue payload in `error.data.guichet` (see src-main/trpc/trpc.ts).
 * A network failure or anything else unexpected becomes INTERNAL so the agent still reads French.
 */
export function guichetErrorOf(error: unknown): ErrorPayload | null {
  if (typeof error !== 'object' || error === null) return null;
  const data = (error as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return null;
  const payload = (data as { guichet?: unknown }).guichet;
  return isErrorPayload(payload) ? payload : null;
}

export function toErrorPayload(error: unknown): ErrorPayload {
  return (
    guichetErrorOf(error) ?? {
      code: 'INTERNAL',
      args: { reference: error instanceof Error ? error.message.slice(0, 80) || error.name : 'unknown' },
    }
  );
}

export function errorMessage(t: TFunction, error: unknown): string {
  return payloadMessage(t, toErrorPayload(error));
}

/** A catalogue payload in the agent's language (also the reasons stored in the sync inbox). */
export function payloadMessage(t: TFunction, payload: ErrorPayload): string {
  return t(`errors.${payload.code}`, payload.args);
}

export function fieldIssuesOf(error: unknown): FieldIssue[] {
  const payload = guichetErrorOf(error);
  return payload?.code === 'VALIDATION_FAILED' ? (payload.args as { issues: FieldIssue[] }).issues : [];
}

/** A required text left empty reads "required", not "too short (minimum 1)". */
function issueKey(issue: FieldIssue): string {
  if (issue.code === 'too_small' && issue.params?.minimum === 1) return 'required';
  return issue.code;
}

/**
 * Field issues → `{ 'address.postalCode': 'Code postal invalide…' }`, the shape form libraries use.
 * `prefix` strips the wrapping of an input (`values.` in `{ id, expectedVersion, values }`); an issue
 * outside it, or on the whole form, goes under `''`. The first issue of a field wins.
 */
export function fieldErrorsFromIssues(issues: readonly FieldIssue[], t: TFunction, prefix = ''): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = prefix !== '' && issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : prefix === '' ? issue.path : '';
    if (path in errors) continue;
    const key = issueKey(issue);
    errors[path] = t(`fieldErrors.${key}`, { ...issue.params, defaultValue: t('fieldErrors.custom') });
  }
  return errors;
}
