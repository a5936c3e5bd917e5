import type { z } from 'zod';
import { parseOrFail } from '../../src-shared/errors';

/** A request body through a shared zod schema: the parsed value, or VALIDATION_FAILED (400) with field issues. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parseOrFail(schema, body);
}
