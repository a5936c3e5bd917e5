import type { z } from 'zod';
import { fail, type FieldIssue, type GuichetError } from './catalogue';

/** Turns zod issues into the catalogue's field issues, keeping only what a form needs to show. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const params: Record<string, string | number> = {};
    if ('minimum' in issue && (typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint')) {
      params.minimum = Number(issue.minimum);
    }
    if ('maximum' in issue && (typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint')) {
      params.maximum = Number(issue.maximum);
    }
    // A custom check names its bound in its params (`{ code: 'too_big', maximum }`).
    if (issue.code === 'custom' && typeof issue.params?.maximum === 'number') params.maximum = issue.params.maximum;
    const custom = issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : null;
    const format = issue.code === 'invalid_format' && issue.format === 'email' ? 'email' : null;
    return {
      path: issue.path.map(String).join('.'),
      code: custom ?? format ?? issue.code,
      params: Object.keys(params).length > 0 ? params : undefined,
    };
  });
}

export function validationError(error: z.ZodError): GuichetError<'VALIDATION_FAILED'> {
  return fail('VALIDATION_FAILED', { issues: toFieldIssues(error) });
}

/** Parses or throws VALIDATION_FAILED. */
export function parseOrFail<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
