import { type GuichetError, type ErrorPayload, fail } from '../../src-shared/errors';
import type { FieldIssue } from '../../src-shared/errors';

/**
 * What the client sent can be anything (an old or hostile client skips the shared schemas). These helpers
 * keep the central service's answer a coded refusal of that one mutation, never a 5xx that would block the
 * client's queue at every resend (docs/security/hostile-text.md).
 */

// PostgreSQL refuses NUL in text and jsonb, and a lone surrogate has no UTF-8 form (jsonb refuses its escape).
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when some string or key in `value` (already known to be shallow) cannot be stored as is. */
function holdsUnstorableText(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string' && unstorable.test(next)) return true;
    if (typeof next !== 'object' || next === null) continue;
    for (const [key, child] of Object.entries(next)) {
      if (unstorable.test(key)) return true;
      stack.push(child);
    }
  }
  return false;
}

/**
 * The arguments as `mutation_log` can hold them: as sent when the database accepts them; otherwise a marker,
 * with the JSON text as a string (its escapes are plain ASCII) when it is shallow enough to encode at all.
 */
export function storableArgs(args: unknown, shape: FieldIssue | null, contentRefused: boolean): unknown {
  if (shape !== null) return { refused: shape.code };
  if (contentRefused || holdsUnstorableText(args)) return { unstorable: JSON.stringify(args ?? null) };
  return args;
}

/** A mutation's name as a text column holds it (no known name needs the replaced characters). */
export function storableName(name: string): string {
  return unstorable.test(name) ? name.replace(new RegExp(unstorable.source, 'g'), '\uFFFD') : name;
}

/** A refusal's payload as a jsonb column holds it: its arguments dropped should they echo unstorable text. */
export function storableError(error: ErrorPayload | null): ErrorPayload | null {
  return error !== null && holdsUnstorableText(error) ? ({ code: error.code, args: {} } as ErrorPayload) : error;
}

/**
 * The refusal a database error means when the mutation's own content caused it, or null for an
 * infrastructure fault (connection lost, timeout, serialisation, disk…), which stays a 5xx and is retried.
 * A unique violation (23505) is an id the client reused; a data exception (class 22: bad character,
 * string too long, value out of range…) or a program limit (class 54: too large, too complex), or a stack
 * overflow on arguments, is content the database cannot store. drizzle wraps the driver's error: the whole
 * chain of causes is read.
 */
export function contentRefusal(error: unknown): GuichetError | null {
  for (
    let cause = error, depth = 0;
    typeof cause === 'object' && cause !== null && depth < 5;
    cause = (cause as { cause?: unknown }).cause, depth++
  ) {
    if (cause instanceof RangeError) return fail('CONTENT_REFUSED');
    const code = (cause as { code?: unknown }).code;
    if (typeof code !== 'string' || code.length !== 5) continue;
    if (code === '23505') return fail('ID_TAKEN');
    if (code.startsWith('22') || code.startsWith('54')) return fail('CONTENT_REFUSED');
  }
  return null;
}
