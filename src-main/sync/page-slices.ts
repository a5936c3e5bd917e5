import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { z } from 'zod';
import {
  entityRegistry,
  pullPatchSchema,
  pullResponseSchema,
  rowSetSchema,
  type ListName,
  type PullPatch,
  type PullResponse,
  type RowSet,
} from '../../src-shared/sync';
import { dropScopeSteps, deleteSteps, upsertSteps, type Step } from './replica-apply';

/**
 * A pull page validated and turned into steps a slice at a time, the main loop free between slices: a
 * 5,000-row page parsed in one go blocks it for tens of milliseconds, hundreds while the code is cold or
 * the machine loaded. A slice ends when its time is up, so it stays short on a slow machine too.
 */

const SLICE_MS = 8;
const CHUNK_ROWS = 50;

// The entities that bootstrap in bulk have big lists: the page is checked without them, then each slice by slice.
const bulkEntities = entityRegistry.filter((declared) => declared.bulk);
const envelopeSchema = pullPatchSchema.extend({
  upserts: rowSetSchema.extend(Object.fromEntries(bulkEntities.map((declared) => [declared.list, z.array(z.unknown())]))),
});
const bulkRows = bulkEntities.map((declared) => ({ list: declared.list, schema: z.array(declared.schema as z.ZodType<unknown>) }));

export type PatchEnvelope = Omit<PullPatch, 'upserts'> & { upserts: Record<ListName, unknown[]> };

/** Validates all but the big lists: a patch envelope, or the other answers whole. */
export function parseEnvelope(json: unknown): PatchEnvelope | Exclude<PullResponse, PullPatch> {
  const kind = z.object({ kind: z.string() }).safeParse(json);
  if (kind.success && kind.data.kind === 'patch') return envelopeSchema.parse(json) as PatchEnvelope;
  return pullResponseSchema.parse(json) as Exclude<PullResponse, PullPatch>;
}

/**
 * The page's steps in slices, in the order the in-thread rebase applies them (patchSteps); each slice is
 * validated just before it is yielded. A row the protocol refuses throws, as a whole page would.
 */
export async function* sliceSteps(page: PatchEnvelope): AsyncGenerator<Step[]> {
  const small = Object.fromEntries(Object.entries(page.upserts).filter(([list]) => !bulkRows.some((bulk) => bulk.list === list)));
  yield [...dropScopeSteps(page.dropped), ...deleteSteps(page.deletes), ...upsertSteps(small as Partial<RowSet>)];
  for (const { list, schema } of bulkRows) {
    const rows = page.upserts[list];
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
