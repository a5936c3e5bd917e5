import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idSchema } from '../../src-shared/schemas/common';
import { fail, isGuichetError } from '../../src-shared/errors';
import { createPushRateLimiter } from '../sync/push-rate-limit';
import type { CentralPlugin } from '../service';
import { feedbackCategories, feedbackErrors, feedbackFormSchema, feedbackPage, feedbackThanksPage, recordFeedback } from './feedback';
import { outcomesPage, outcomesQuerySchema, publishedOutcomes } from './outcome-pages';
import { publicPageCsp, publicStylesheet, throttledPage } from './public-html';

/** Form posts from a public page, at most this large (a 2,000-character comment and a few fields). */
const formBodyLimit = 16_384;

/**
 * The public pages of the citizens' voice that need no script: the feedback form (`/avis`) and the published
 * outcomes (`/resultats`, and `/api/public/outcomes` as JSON). Rate-limited per client address; what they show
 * is what the city published (outcomes) or what the citizen sends (feedback): nothing of any case is revealed.
 */
export function voiceRoutes(options: { feedbackPerMinute?: number; pagesPerSecond?: number } = {}): CentralPlugin {
  return async (app, context) => {
    const feedbackLimit = createPushRateLimiter({ clock: context.clock, ratePerSecond: (options.feedbackPerMinute ?? 10) / 60, burst: 5 });
    const pageLimit = createPushRateLimiter({ clock: context.clock, ratePerSecond: options.pagesPerSecond ?? 5, burst: 30 });
    /**
     * Whether the request is over its address's rate: a page answers with a page (429, in French, with
     * Retry-After) that a person reads; JSON callers get the coded RATE_LIMITED.
     */
    const throttled = (limiter: typeof pageLimit, request: FastifyRequest, reply: FastifyReply, html: boolean): boolean => {
      const retryAfterSeconds = limiter.take(request.ip);
      if (retryAfterSeconds === 0) return false;
      if (!html) throw fail('RATE_LIMITED', { retryAfterSeconds });
      void reply.code(429).header('retry-after', String(retryAfterSeconds)).type('text/html; charset=utf-8').send(throttledPage());
      return true;
    };

    // Browsers post forms as application/x-www-form-urlencoded: read here only (this plugin's routes).
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: formBodyLimit },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    app.addHook('onSend', async (_request, reply) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
        reply.header('content-security-policy', publicPageCsp);
        reply.header('x-content-type-options', 'nosniff');
        reply.header('referrer-policy', 'no-referrer');
      }
    });

    app.get('/public/voice.css', async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(publicStylesheet),
    );

    app.get('/resultats', async (request, reply) => {
      if (throttled(pageLimit, request, reply, true)) return reply;
      const query = outcomesQuerySchema.parse(request.query);
      const list = await publishedOutcomes(context.database.db, query);
      return reply.type('text/html; charset=utf-8').send(outcomesPage(list, query.lang));
    });

    app.get('/api/public/outcomes', async (request, reply) => {
      throttled(pageLimit, request, reply, false);
      const query = outcomesQuerySchema.parse(request.query);
      return { outcomes: await publishedOutcomes(context.database.db, query) };
    });

    const pageQuery = z.object({ c: idSchema.optional().catch(undefined), via: z.enum(['web', 'kiosk']).catch('web').default('web') });
    app.get('/avis', async (request, reply) => {
      if (throttled(pageLimit, request, reply, true)) return reply;
      const query = pageQuery.parse(request.query);
      const categories = await feedbackCategories(context.database.db);
      return reply.type('text/html; charset=utf-8').send(feedbackPage({ categories, via: query.via, categoryId: query.c ?? null }));
    });

    app.post('/avis', { bodyLimit: formBodyLimit }, async (request, reply) => {
      const wantsJson = request.headers['content-type']?.startsWith('application/json') === true;
      if (throttled(feedbackLimit, request, reply, !wantsJson)) return reply;
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      const parsed = feedbackFormSchema.safeParse(body);
      if (!parsed.success) {
        if (wantsJson) throw parsed.error;
        const values = Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
        const categories = await feedbackCategories(context.database.db);
        const via = body.via === 'kiosk' ? 'kiosk' : 'web';
        return reply
          .code(400)
          .type('text/html; charset=utf-8')
          .send(feedbackPage({ categories, values, errors: feedbackErrors(parsed.error.issues), via }));
      }
      let recorded;
      try {
        recorded = await recordFeedback(context.writes, parsed.data, context.clock.now());
      } catch (error) {
        if (wantsJson || !isGuichetError(error) || error.code !== 'CATEGORY_NOT_FOUND') throw error;
        const categories = await feedbackCategories(context.database.db);
        return reply
          .code(400)
          .type('text/html; charset=utf-8')
          .send(feedbackPage({ categories, values: {}, errors: feedbackErrors([{ path: ['categoryId'] }]), via: parsed.data.via }));
      }
      if (wantsJson) return { received: true, trackingCode: recorded?.trackingCode ?? null };
      return reply.type('text/html; charset=utf-8').send(feedbackThanksPage(recorded?.trackingCode ?? null));
    });
  };
}
