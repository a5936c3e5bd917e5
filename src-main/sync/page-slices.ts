import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { z } from 'zod';
import { type ListName, type PullPatch, type PullResponse, type RowSet } from '../../src-shared/sync';
import { dropScopeSteps, deleteSteps, upsertSteps, type Step } from './replica-apply';
import { appReplicaRegistry, type ReplicaRegistry } from './replica-tables';

/**
 * A pull page validated and turned into steps a slice at a time, the main loop free between slices: a
 * 5,000-row page parsed in one go blocks it for tens of milliseconds, hundreds while the code is cold or
 * the machine loaded. A slice ends when its time is up, so it stays short on a slow machine too.
 */

const SLICE_MS = 8;
const CHUNK_ROWS = 50;

/** A registry's page schemas, built once: the envelope, and the big lists' rows checked slice by slice. */
interface Slicing {
  envelope: z.ZodType;
  response: z.ZodType;
  bulkRows: { list: string; schema: z.ZodType<unknown[]> }[];
}

const slicings = new WeakMap<ReplicaRegistry, Slicing>();

function slicing(registry: ReplicaRegistry): Slicing {
  let found = slicings.get(registry);
  if (found === undefined) {
    // The entities that bootstrap in bulk have big lists: the page is checked without them, then each slice by slice.
    const bulkEntities = registry.sync.entities.filter((declared) => declared.bulk);
    const { schemas } = registry.sync;
    found = {
      envelope: schemas.pullPatch.extend({
        upserts: (schemas.rowSet as unknown as z.ZodObject).extend(
          Object.fromEntries(bulkEntities.map((declared) => [declared.list, z.array(z.unknown())])),
        ),
      }),
      response: schemas.pullResponse,
      bulkRows: bulkEntities.map((declared) => ({ list: declared.list, schema: z.array(declared.schema as z.ZodType<unknown>) })),
    };
    slicings.set(registry, found);
  }
  return found;
}

export type PatchEnvelope = Omit<PullPatch, 'upserts'> & { upserts: Record<ListName, unknown[]> };

/** Validates all but the big lists: a patch envelope, or the other answers whole. */
export function parseEnvelope(
  json: unknown,
  registry: ReplicaRegistry = appReplicaRegistry,
): PatchEnvelope | Exclude<PullResponse, PullPatch> {
  const kind = z.object({ kind: z.string() }).safeParse(json);
  const schemas = slicing(registry);
  if (kind.success && kind.data.kind === 'patch') return schemas.envelope.parse(json) as PatchEnvelope;
  return schemas.response.parse(json) as Exclude<PullResponse, PullPatch>;
}

/**
 * The page's steps in slices, in the order the in-thread rebase applies them (patchSteps); each slice is
 * validated just before it is yielded. A row the protocol refuses throws, as a whole page would.
 */
export async function* sliceSteps(page: PatchEnvelope, registry: ReplicaRegistry = appReplicaRegistry): AsyncGenerator<Step[]> {
  const { bulkRows } = slicing(registry);
  const small = Object.fromEntries(Object.entries(page.upserts).filter(([list]) => !bulkRows.some((bulk) => bulk.list === list)));
  yield [
    ...dropScopeSteps(page.dropped, registry),
    ...deleteSteps(page.deletes, registry),
    ...upsertSteps(small as Partial<RowSet>, registry),
  ];
  for (const { list, schema } of bulkRows) {
    const rows = (page.upserts as Record<string, unknown[]>)[list] ?? [];
    let start = 0;
    while (start < rows.length) {
      await yieldToLoop();
      const began = performance.now();
      const steps: Step[] = [];
      do {
        steps.push(...upsertSteps({ [list]: schema.parse(rows.slice(start, start + CHUNK_ROWS)) }, registry));
        start += CHUNK_ROWS;
      } while (start < rows.length && performance.now() - began < SLICE_MS);
      yield steps;
    }
  }
}
