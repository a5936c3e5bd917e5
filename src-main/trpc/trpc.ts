import { initTRPC, TRPCError } from '@trpc/server';
import { GuichetError, errorStatus, fail, isGuichetError, validationError, type ErrorPayload } from '../../src-shared/errors';
import type { Agent } from '../../src-shared/schemas/entities';
import { ZodError } from 'zod';
import type { Services } from '../services/services';

export interface TrpcContext {
  services: Services;
  /** The agent working at this workspace, or null before one is chosen. */
  agent: Agent | null;
}

const trpcCodes = {
  bad_request: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  internal: 'INTERNAL_SERVER_ERROR',
} as const;

/** Whatever was thrown, the client receives one catalogue payload. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (isGuichetError(error)) return error.toPayload();
  if (error instanceof ZodError) return validationError(error).toPayload();
  return fail('INTERNAL', { reference: error instanceof Error ? error.name : 'unknown' }).toPayload();
}

const t = initTRPC.context<TrpcContext>().create({
  errorFormatter({ shape, error }) {
    const payload = toErrorPayload(error.cause ?? error);
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message: payload.code, data: { ...data, guichet: payload } };
  },
});

/** Domain errors leave as tRPC errors with the matching transport code and the catalogue payload as cause. */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isGuichetError(cause)) {
      result.error = new TRPCError({ code: trpcCodes[errorStatus[cause.code]], message: cause.code, cause });
    } else if (result.error.code === 'BAD_REQUEST' && cause instanceof ZodError) {
      result.error = new TRPCError({ code: 'BAD_REQUEST', message: 'VALIDATION_FAILED', cause: validationError(cause) });
    }
  }
  return result;
});

/**
 * SQLite reporting a damaged file, whatever the procedure: recorded beside the file and answered with a code
 * asking for a restart (db/damage-marker.ts); from then on no procedure writes.
 */
const damageGuard = t.middleware(async ({ ctx, next, type }) => {
  if (type === 'mutation') ctx.services.replica.assertWritable();
  const result = await next();
  const damage = result.ok ? null : ctx.services.replica.damageOf(result.error.cause);
  if (!result.ok && damage !== null) result.error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: damage.code, cause: damage });
  return result;
});

/**
 * A sync applying a pull page keeps its transaction open between slices (src-main/sync/rebase.ts): a
 * procedure waits until the page is in, so it never reads half a page, and reads its agent afresh.
 */
const afterPage = t.middleware(async ({ ctx, next }) => {
  if (!ctx.services.sync.engine.applyingPage()) return next();
  await ctx.services.sync.engine.settled();
  return next({ ctx: { ...ctx, agent: ctx.services.session.currentAgent() } });
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(errorMapping).use(afterPage).use(damageGuard);

/**
 * Procedures that act as an agent: the agent of the live session (with a central service), or the one chosen
 * at this workspace (the standalone demo). Enforced here, not by the renderer's gate.
 */
export const agentProcedure = publicProcedure.use(async ({ ctx, next, type }) => {
  if (ctx.agent === null) throw fail(ctx.services.sync.configured ? 'SIGN_IN_REQUIRED' : 'NO_AGENT_SELECTED');
  const result = await next({ ctx: { ...ctx, agent: ctx.agent } });
  // Every local write goes to the central service as soon as it can (a no-op when working alone).
  if (result.ok && type === 'mutation') void ctx.services.sync.syncNow();
  return result;
});

export { GuichetError };
