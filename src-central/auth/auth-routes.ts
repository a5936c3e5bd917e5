import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../../src-shared/errors';
import { signInInputSchema, type CurrentSession, type SignInResult } from '../../src-shared/schemas/auth';
import { parseBody } from '../http/parse-body';
import type { AuthService } from './auth-service';
import { agentOf } from './authenticate';
import { centralPaths } from '../../src-shared/http/endpoints';

/** The address the service listens on: where citizens reach it when GUICHET_PUBLIC_URL is not set. */
function listeningUrl(app: FastifyInstance, request: FastifyRequest): string {
  const [first] = app.addresses();
  // Not listening (a test's injected request): the address the request came to.
  if (first === undefined || typeof first === 'string') return `${request.protocol}://${request.host}`;
  const host = first.family === 'IPv6' ? `[${first.address}]` : first.address;
  return `http://${host}:${first.port}`;
}

/** Sign-in is the one /api route without a token; the others go through `app.authenticate`. */
export async function authRoutes(app: FastifyInstance, options: { auth: AuthService }): Promise<void> {
  const { auth } = options;

  app.post(centralPaths.signIn, async (request): Promise<SignInResult> => {
    const input = parseBody(signInInputSchema, request.body);
    const session = await auth.signIn(input, request.ip);
    const { localAuditRetentionDays, publicUrl } = app.central.config;
    return { ...session, policy: { localAuditRetentionDays, publicUrl: publicUrl ?? listeningUrl(app, request) } };
  });

  app.post(centralPaths.signOut, { onRequest: app.authenticate }, async (request, reply) => {
    if (request.session === null) throw fail('ACCESS_DENIED');
    await auth.signOut(request.session.id);
    // Its poke sockets close on every instance.
    await app.central.bus
      .publishSessionEnded(request.session.id)
      .catch((error: unknown) => request.log.warn({ err: error }, 'sign-out not announced'));
    return reply.code(204).send();
  });

  app.get(centralPaths.me, { onRequest: app.authenticate }, async (request): Promise<CurrentSession> => {
    const agent = agentOf(request);
    if (request.session === null) throw fail('ACCESS_DENIED');
    return { agent, expiresAt: request.session.expiresAt.toISOString() };
  });
}
