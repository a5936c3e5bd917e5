import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { z } from 'zod';
import { pullPatchSchema, pullResponseSchema, rowSetSchema, type PullPatch, type PullResponse, type RowSet } from '../../src-shared/sync';
import { dropScopeSteps, deleteSteps, upsertSteps, type Step } from './replica-apply';

/**
 * A pull page validated and turned into steps a slice at a time, the main loop free between slices: a
 * 5,000-row page parsed in one go blocks it for tens of milliseconds, hundreds while the code is cold or
 * the machine loaded. A slice ends when its time is up, so it stays short on a slow machine too.
 */

const SLICE_MS = 8;
const CHUNK_ROWS = 50;
type BigList = 'citizens' | 'cases' | 'caseEvents';

// The page with its three big lists left unchecked: each is checked slice by slice below.
const envelopeSchema = pullPatchSchema.extend({
  upserts: rowSetSchema.extend({ citizens: z.array(z.unknown()), cases: z.array(z.unknown()), caseEvents: z.array(z.unknown()) }),
});
const rowSchemas: { [K in BigList]: z.ZodType<RowSet[K][number]> } = {
  citizens: rowSetSchema.shape.citizens.element,
  cases: rowSetSchema.shape.cases.element,
  caseEvents: rowSetSchema.shape.caseEvents.element,
};

export type PatchEnvelope = Omit<PullPatch, 'upserts'> & { upserts: z.infer<typeof envelopeSchema>['upserts'] };

/** Validates all but the big lists: a patch envelope, or the other answers whole. */
export function parseEnvelope(json: unknown): PatchEnvelope | Exclude<PullResponse, PullPatch> {
  const kind = z.object({ kind: z.string() }).safeParse(json);
  if (kind.success && kind.data.kind === 'patch') return envelopeSchema.parse(json);
  return pullResponseSchema.parse(json) as Exclude<PullResponse, PullPatch>;
}

/**
 * The page's steps in slices, in the order the in-thread rebase applies them (patchSteps); each slice is
 * validated just before it is yielded. A row the protocol refuses throws, as a whole page would.
 */
export async function* sliceSteps(page: PatchEnvelope): AsyncGenerator<Step[]> {
  const { citizens, cases, caseEvents, ...small } = page.upserts;
  yield [...dropScopeSteps(page.dropped), ...deleteSteps(page.deletes), ...upsertSteps(small)];
  for (const [list, rows] of [
    ['citizens', citizens],
    ['cases', cases],
    ['caseEvents', caseEvents],
  ] as const) {
    const schema = z.array(rowSchemas[list]);
    let start = 0;
    while (start < rows.length) {
      await yieldToLoop();
      const began = performance.now();
      const steps: Step[] = [];
      do {
        steps.push(...upsertSteps({ [list]: schema.parse(rows.slice(start, start + CHUNK_ROWS)) }));
        start += CHUNK_ROWS;
      } while (start < rows.length && performance.now() - began < SLICE_MS);
      yield steps;
    }
  }
}
