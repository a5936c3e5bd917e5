import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../src-shared/domain/clock';
import type { CentralDb } from '../db/central-db-types';
import { createPushRateLimiter } from '../sync/push-rate-limit';
import type { ServiceWriter } from '../sync/service-writes';
import { unsubscribePage, type UnsubscribePage } from './unsubscribe-page';
import { isUnsubscribed, unsubscribe, unsubscribeTarget, unsubscribeVoiceMail } from './unsubscribe';
import { tokenPattern } from './tokens';

/**
 * The public unsubscribe address: `<publicUrl>/u/<token>`, in every campaign email and every email of the voice
 * (outcomes, replies to feedback), and their List-Unsubscribe header.
 */
export const unsubscribePath = '/u';

/** Anything in the path: a malformed token gets the same neutral page as an unknown one. */
const paramsSchema = z.object({ token: z.string().max(300) });
/** The one-click body (RFC 8058) or the page's form; neither changes what the request does. */
const bodySchema = z.union([z.record(z.string().max(100), z.string().max(200)), z.null(), z.undefined()]);

export interface UnsubscribeRouteOptions {
  db: CentralDb;
  writes: ServiceWriter;
  clock: Clock;
  /** Requests an address may make a minute (default 30), with as many at once. */
  perMinute?: number;
}

/**
 * `GET /u/:token` asks for confirmation (a GET never unsubscribes: mail scanners open links); `POST` does it,
 * for the page's button and for mail clients' one-click unsubscribe. Rate-limited per address. Pages name
 * nobody: a holder of a valid token learns only that it is valid.
 */
export async function unsubscribeRoutes(app: FastifyInstance, options: UnsubscribeRouteOptions): Promise<void> {
  const perMinute = options.perMinute ?? 30;
  const limiter = createPushRateLimiter({ clock: options.clock, ratePerSecond: perMinute / 60, burst: perMinute });
  // Form posts (the page's button, one-click unsubscribe): small, read as text, their content unused.
  const formBody = (_request: unknown, body: string, done: (error: Error | null, value?: unknown) => void) => {
    done(null, Object.fromEntries(new URLSearchParams(body.slice(0, 4096))));
  };
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, formBody);
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) => done(null, {}));

  const send = (reply: FastifyReply, status: number, page: UnsubscribePage, formAction?: string) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      // The token is in the address: no page it links to may receive it.
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      )
      .send(unsubscribePage(page, formAction));

  const admitted = (request: { ip: string }, reply: FastifyReply): boolean => {
    const wait = limiter.take(request.ip);
    if (wait === 0) return true;
    void send(reply.header('retry-after', String(wait)), 429, 'throttled');
    return false;
  };

  app.get(`${unsubscribePath}/:token`, async (request, reply) => {
    if (!admitted(request, reply)) return reply;
    const { token } = paramsSchema.parse(request.params);
    const target = tokenPattern.test(token) ? await unsubscribeTarget(options.db, token) : null;
    if (target === null) return send(reply, 404, 'unknown');
    if (await isUnsubscribed(options.db, target)) return send(reply, 200, 'done');
    return send(reply, 200, 'confirm', `${unsubscribePath}/${token}`);
  });

  app.post(`${unsubscribePath}/:token`, async (request, reply) => {
    if (!admitted(request, reply)) return reply;
    const { token } = paramsSchema.parse(request.params);
    bodySchema.parse(request.body);
    const target = tokenPattern.test(token) ? await unsubscribeTarget(options.db, token) : null;
    if (target === null) return send(reply, 404, 'unknown');
    if (target.kind === 'invitation') await unsubscribe(options.db, options.writes, target.invitation, options.clock.now());
    else await unsubscribeVoiceMail(options.db, options.writes, target.mail, options.clock.now());
    return send(reply, 200, 'done');
  });
}
