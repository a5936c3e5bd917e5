import type { FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../../src-shared/errors';
import type { Agent } from '../../src-shared/schemas/entities';
import type { AuthService } from './auth-service';
import { bearerToken } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `app.authenticate`: the signed-in agent, roles as the database holds them right now. */
    agent: Agent | null;
    session: { id: string; expiresAt: Date } | null;
  }
  interface FastifyInstance {
    /** onRequest/preHandler hook: 401 ACCESS_DENIED without a well-formed bearer token, SESSION_EXPIRED if dead. */
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

/**
 * `cached`: the session may come from memory (see AuthService.authenticateCached), and `request.agent` may
 * then be a few seconds old: only for routes that read the agent again themselves (the sync routes).
 */
export function createAuthenticateHook(auth: AuthService, options: { cached?: boolean } = {}) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request.headers.authorization);
    if (token === null) throw fail('ACCESS_DENIED');
    const found = await (options.cached === true ? auth.authenticateCached(token) : auth.authenticate(token));
    request.agent = found.agent;
    request.session = found.session;
  };
}

/** The agent of a request behind `app.authenticate`; throws rather than let a route run unauthenticated. */
export function agentOf(request: FastifyRequest): Agent {
  if (request.agent === null) throw fail('ACCESS_DENIED');
  return request.agent;
}
