import { z } from 'zod';
import { errorCodes, type ErrorCode, type FieldIssue } from '../errors/catalogue';
import { idSchema } from '../schemas/common';
import { entityNameSchema, rowSetSchema } from './entity-registry';

/**
 * The sync protocol between a workspace's replica and the central service (docs/sync.md): push named
 * mutations, pull changed rows by version, live pokes. Both sides validate every payload with these.
 */

/** Bumped when the replica's shape changes in a way old clients cannot read; the server then answers upgrade-required. */
export const REPLICA_FORMAT = 1;
export const MAX_PUSH_MUTATIONS = 500;
export const MAX_PULL_PAGE = 10_000;

/** Deeper or larger arguments than any mutation needs are refused one by one (see argsShapeIssue). */
export const MAX_ARGS_DEPTH = 32;
export const MAX_ARGS_JSON_LENGTH = 64 * 1024;

/**
 * Why a pushed mutation's arguments cannot be handled, or null: nested deeper than MAX_ARGS_DEPTH (a
 * recursive clone or encoding of 10,000 levels overflows the stack) or longer than MAX_ARGS_JSON_LENGTH
 * as JSON. Walks without recursion, so any depth the JSON parser accepted is measured safely.
 */
export function argsShapeIssue(args: unknown): FieldIssue | null {
  const tooBig: FieldIssue = { path: 'args', code: 'too_big', params: { maximum: MAX_ARGS_JSON_LENGTH } };
  const stack: [unknown, number][] = [[args, 0]];
  let values = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    // Each value takes at least one character of JSON: past the limit's count, the text is too long anyway.
    if (++values > MAX_ARGS_JSON_LENGTH) return tooBig;
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_ARGS_DEPTH) return { path: 'args', code: 'too_deep', params: { maximum: MAX_ARGS_DEPTH } };
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  // Shallow now: encoding cannot overflow the stack.
  const length = JSON.stringify(args ?? null).length;
  return length > MAX_ARGS_JSON_LENGTH ? tooBig : null;
}

export const pushedMutationSchema = z.object({
  mutationId: z.number().int().min(1),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type PushedMutation = z.infer<typeof pushedMutationSchema>;

export const pushRequestSchema = z.object({
  clientId: idSchema,
  replicaFormat: z.number().int().min(0),
  mutations: z.array(pushedMutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationOutcomeSchema = z.enum(['applied', 'rejected', 'conflict']);
export type MutationOutcome = z.infer<typeof mutationOutcomeSchema>;

export const errorPayloadSchema = z.object({
  code: z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]),
  args: z.record(z.string(), z.unknown()),
});

export const pushResultSchema = z.object({
  mutationId: z.number().int(),
  outcome: mutationOutcomeSchema,
  error: errorPayloadSchema.nullable(),
});
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(pushResultSchema),
  /** Every mutation up to this id is recorded with an outcome; the client drops them from its outbox after its next pull. */
  lastMutationId: z.number().int().min(0),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** What an agent receives: their departments' rows, and the city's citizens if they serve the public. */
export const syncScopeSchema = z.object({
  departments: z.array(idSchema),
  citizens: z.boolean(),
});
export type SyncScope = z.infer<typeof syncScopeSchema>;

export const bootstrapStateSchema = z.object({
  /** The part of the scope being filled with rows older than the cursor. */
  scope: syncScopeSchema,
  /** Rows up to this version of that part are already sent. */
  after: z.number().int().min(0),
});
export type BootstrapState = z.infer<typeof bootstrapStateSchema>;

export const pullRequestSchema = z.object({
  clientId: idSchema,
  replicaFormat: z.number().int().min(0),
  /** The version the replica holds everything up to; null for an empty replica. */
  cursor: z.number().int().min(0).nullable(),
  /** The scope the replica was filled for; when the agent's scope changed, the server bootstraps or drops the difference. */
  scope: syncScopeSchema.nullable(),
  /** A partial bootstrap under way (the agent gained departments): resume it. */
  bootstrap: z
    .lazy(() => bootstrapStateSchema)
    .nullable()
    .default(null),
  pageSize: z.number().int().min(1).max(MAX_PULL_PAGE).default(5_000),
});
export type PullRequest = z.input<typeof pullRequestSchema>;

/**
 * A pull answer's schemas for a registry's row lists and entity names: the app's below; an injected registry
 * (src-shared/sync/sync-registry.ts) builds its own, so pages carrying its lists validate too.
 */
export function pullSchemas<Rows extends z.ZodType, Names extends z.ZodType<string>>(rows: Rows, names: Names) {
  const patch = z.object({
    kind: z.literal('patch'),
    /** The replica moves its cursor here, in the same transaction as the rows. */
    cursor: z.number().int().min(0),
    /** More pages wait: pull again at once. */
    more: z.boolean(),
    /** The server's last version, for a progress bar during a bootstrap. */
    head: z.number().int().min(0),
    /** What the replica holds completely, up to `cursor`, once it has applied this page. */
    scope: syncScopeSchema,
    bootstrap: bootstrapStateSchema.nullable(),
    lastMutationId: z.number().int().min(0),
    upserts: rows,
    deletes: z.array(z.object({ entity: names, id: idSchema })),
    /** Departments (or citizens, when false) the agent lost: the replica deletes everything it held of them. */
    dropped: syncScopeSchema,
  });
  const response = z.discriminatedUnion('kind', [
    patch,
    /** The cursor is older than the tombstone horizon: rebuild from empty, keeping pending mutations. */
    z.object({ kind: z.literal('reset'), reason: z.enum(['horizon', 'unknown-client']) }),
    z.object({ kind: z.literal('upgrade-required'), minimumFormat: z.number().int() }),
  ]);
  return { patch, response };
}

const appPullSchemas = pullSchemas(rowSetSchema, entityNameSchema);
export const pullPatchSchema = appPullSchemas.patch;
export type PullPatch = z.infer<typeof pullPatchSchema>;

export const pullResponseSchema = appPullSchemas.response;
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** The poke is payload-free on purpose: it only says "pull". */
export const pokeMessageSchema = z.object({ type: z.literal('poke'), version: z.number().int() });
export type PokeMessage = z.infer<typeof pokeMessageSchema>;
