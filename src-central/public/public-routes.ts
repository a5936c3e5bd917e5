import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { fail, parseOrFail } from '../../src-shared/errors';
import { publicPaths } from '../../src-shared/http/public-paths';
import { idSchema } from '../../src-shared/schemas/common';
import type { CentralPlugin } from '../service';
import { createPushRateLimiter } from '../sync/push-rate-limit';
import { publicAnswerSchema, submitPublicAnswer, surveyTokenSchema } from './public-answers';
import { publicSecurityHeaders, statusPageHtml, type StatusPage } from './public-html';
import { publicState, publicSurvey, readCollector, readInvitation, readSurvey, type PublicState } from './public-surveys';

/** Where `npm run build:public` writes the pages' browser code (vite.public.config.ts). */
export const defaultPublicDir = fileURLToPath(new URL('../../dist-public', import.meta.url));

/** A token bucket per client address: what it may sustain a second, and send at once. */
export interface AddressLimit {
  ratePerSecond: number;
  burst: number;
}

export interface PublicRoutesOptions {
  /** The built pages (default: dist-public beside the sources). */
  publicDir?: string;
  limits?: {
    /** Pages, definitions, QR codes, assets. */
    reads?: AddressLimit;
    /** Answers. A kiosk back online sends its waiting answers at once: the burst lets a day's worth in. */
    answers?: AddressLimit;
  };
}

export const defaultPublicLimits = {
  reads: { ratePerSecond: 5, burst: 300 },
  answers: { ratePerSecond: 1, burst: 120 },
} as const satisfies Required<NonNullable<PublicRoutesOptions['limits']>>;

/** QR codes printed on posters: 2,000 pixels make about 17 cm at 300 dpi. */
const POSTER_PIXELS = 2000;

const surveyParams = z.object({ surveyId: idSchema });
const collectorParams = z.object({ collectorId: idSchema });
const pageQuery = z.object({ t: z.string().max(256).optional(), c: z.string().max(64).optional() }).loose();
const qrQuery = z.object({ c: idSchema.optional() }).loose();

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const pageStatus: Record<StatusPage, number> = {
  notFound: 404,
  closed: 410,
  upcoming: 409,
  answered: 409,
  tokenInvalid: 400,
  notBuilt: 503,
};

/**
 * The public pages on the central service (docs/surveys.md, "Public pages"): a survey's page by its link,
 * QR code or emailed link, a kiosk's offline page, the definitions they need and the answers they send. No
 * sign-in; every route is limited per client address and answers coded errors.
 */
export function publicRoutes(options: PublicRoutesOptions = {}): CentralPlugin {
  return async (app, context) => {
    const publicDir = resolve(options.publicDir ?? defaultPublicDir);
    const readLimit = createPushRateLimiter({ clock: context.clock, ...(options.limits?.reads ?? defaultPublicLimits.reads) });
    const answerLimit = createPushRateLimiter({ clock: context.clock, ...(options.limits?.answers ?? defaultPublicLimits.answers) });
    const db = context.database.db;
    const stylesheet = `${publicPaths.assets}status.css`;

    const limited = (limiter: typeof readLimit) => async (request: FastifyRequest) => {
      const retryAfterSeconds = limiter.take(request.ip);
      if (retryAfterSeconds > 0) throw fail('RATE_LIMITED', { retryAfterSeconds });
    };
    const reads = { onRequest: limited(readLimit) };

    app.addHook('onSend', async (_request, reply) => {
      reply.headers(publicSecurityHeaders);
    });

    let indexHtml: string | null = null;
    const gzipped = new Map<string, Buffer>();
    if (!existsSync(resolve(publicDir, 'index.html'))) {
      app.log.warn({ publicDir }, 'public survey pages not built (npm run build:public): their pages answer 503');
    }
    const sendStatus = (reply: FastifyReply, page: StatusPage) =>
      reply
        .code(pageStatus[page])
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(statusPageHtml(page, stylesheet));
    const sendApp = async (reply: FastifyReply) => {
      indexHtml ??= await readFile(resolve(publicDir, 'index.html'), 'utf8').catch(() => null);
      if (indexHtml === null) return sendStatus(reply, 'notBuilt');
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    };
    const stateOfPage = (state: PublicState): StatusPage | null =>
      state === 'hidden' ? 'notFound' : state === 'closed' ? 'closed' : state === 'upcoming' ? 'upcoming' : null;
    const baseUrl = (request: FastifyRequest) => context.config.publicUrl ?? `${request.protocol}://${request.host}`;

    /** A meeting's collector named by `?c=`, when it is one of this survey's. */
    const meetingOf = async (surveyId: string, collectorId: string | undefined) => {
      if (collectorId === undefined) return null;
      const collector = idSchema.safeParse(collectorId).success ? await readCollector(db, collectorId) : null;
      return collector !== null && collector.surveyId === surveyId && collector.settings.kind === 'meeting' ? collector : undefined;
    };

    app.get('/s/:surveyId', reads, async (request, reply) => {
      const params = surveyParams.safeParse(request.params);
      if (!params.success) return sendStatus(reply, 'notFound');
      const query = pageQuery.safeParse(request.query);
      if (!query.success) return sendStatus(reply, 'tokenInvalid');
      const survey = await readSurvey(db, params.data.surveyId);
      const refusal = stateOfPage(publicState(survey, context.clock.now()));
      if (refusal !== null) return sendStatus(reply, refusal);
      const { t, c } = query.data;
      if ((await meetingOf(params.data.surveyId, c)) === undefined) return sendStatus(reply, 'notFound');
      if (t !== undefined) {
        const invitation = surveyTokenSchema.safeParse(t).success ? await readInvitation(db, t) : null;
        if (invitation === null || invitation.surveyId !== params.data.surveyId) return sendStatus(reply, 'tokenInvalid');
        if (invitation.status === 'answered') return sendStatus(reply, 'answered');
      }
      return sendApp(reply);
    });

    app.get('/k/:collectorId', reads, async (request, reply) => {
      const params = collectorParams.safeParse(request.params);
      const collector = params.success ? await readCollector(db, params.data.collectorId) : null;
      if (collector === null || collector.settings.kind !== 'kiosk') return sendStatus(reply, 'notFound');
      const refusal = stateOfPage(publicState(await readSurvey(db, collector.surveyId), context.clock.now()));
      if (refusal !== null) return sendStatus(reply, refusal);
      return sendApp(reply);
    });

    app.get(publicPaths.kioskWorker, reads, async (_request, reply) => {
      const worker = await readFile(resolve(publicDir, 'kiosk-sw.js')).catch(() => null);
      if (worker === null) throw fail('RESOURCE_NOT_FOUND');
      return reply
        .type(contentTypes['.js'] as string)
        .header('cache-control', 'no-cache')
        .send(worker);
    });

    app.get(`${publicPaths.assets}*`, reads, async (request, reply) => {
      const wanted = (request.params as Record<string, string>)['*'] ?? '';
      const file = resolve(publicDir, `.${sep}${wanted}`);
      if (wanted.includes('\0') || !file.startsWith(publicDir + sep) || file === resolve(publicDir, 'index.html'))
        throw fail('RESOURCE_NOT_FOUND');
      const body = await readFile(file).catch(() => null);
      if (body === null) throw fail('RESOURCE_NOT_FOUND');
      // Built assets carry their content's hash in their name: they never change, and are compressed once.
      const immutable = wanted.startsWith('assets/');
      reply
        .type(contentTypes[extname(file)] ?? 'application/octet-stream')
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .header('vary', 'accept-encoding');
      if (!immutable || !/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.send(body);
      let compressed = gzipped.get(file);
      if (compressed === undefined) gzipped.set(file, (compressed = gzipSync(body, { level: 9 })));
      return reply.header('content-encoding', 'gzip').send(compressed);
    });

    app.get(publicPaths.surveyApi(':surveyId'), reads, async (request) => {
      const { surveyId } = parseOrFail(surveyParams, request.params);
      const survey = await readSurvey(db, surveyId);
      const state = publicState(survey, context.clock.now());
      if (survey === null || state === 'hidden') throw fail('SURVEY_NOT_FOUND', { surveyId: survey?.id ?? '' });
      if (state !== 'open') throw fail('SURVEY_CLOSED');
      return publicSurvey(survey);
    });

    app.get(publicPaths.kioskApi(':collectorId'), reads, async (request) => {
      const { collectorId } = parseOrFail(collectorParams, request.params);
      const collector = await readCollector(db, collectorId);
      if (collector === null || collector.settings.kind !== 'kiosk') throw fail('SURVEY_COLLECTOR_NOT_FOUND', { collectorId });
      const survey = await readSurvey(db, collector.surveyId);
      const state = publicState(survey, context.clock.now());
      if (survey === null || state === 'hidden') throw fail('SURVEY_NOT_FOUND', { surveyId: survey?.id ?? '' });
      if (state !== 'open') throw fail('SURVEY_CLOSED');
      return { collectorId: collector.id, label: collector.label, survey: publicSurvey(survey) };
    });

    app.post(publicPaths.responses(':surveyId'), { onRequest: limited(answerLimit), bodyLimit: 262_144 }, async (request, reply) => {
      const { surveyId } = parseOrFail(surveyParams, request.params);
      const answer = parseOrFail(publicAnswerSchema, request.body);
      const { duplicate } = await submitPublicAnswer(context.writes, surveyId, answer, context.clock.now());
      return reply.code(duplicate ? 200 : 201).send({ id: answer.id, duplicate });
    });

    const qrRoute = (path: string, target: (request: FastifyRequest) => Promise<string>) => {
      app.get(`${path}/qr.svg`, reads, async (request, reply) => {
        const svg = await QRCode.toString(await target(request), { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
        return reply.type('image/svg+xml').header('cache-control', 'no-cache').send(svg);
      });
      app.get(`${path}/qr.png`, reads, async (request, reply) => {
        const png = await QRCode.toBuffer(await target(request), {
          type: 'png',
          errorCorrectionLevel: 'M',
          margin: 4,
          width: POSTER_PIXELS,
        });
        return reply.type('image/png').header('cache-control', 'no-cache').send(png);
      });
    };
    qrRoute('/s/:surveyId', async (request) => {
      const { surveyId } = parseOrFail(surveyParams, request.params);
      const { c } = parseOrFail(qrQuery, request.query);
      if (publicState(await readSurvey(db, surveyId), context.clock.now()) === 'hidden') throw fail('SURVEY_NOT_FOUND', { surveyId });
      if ((await meetingOf(surveyId, c)) === undefined) throw fail('SURVEY_COLLECTOR_NOT_FOUND', { collectorId: c ?? '' });
      return `${baseUrl(request)}${publicPaths.survey(surveyId)}${c === undefined ? '' : `?c=${c}`}`;
    });
    qrRoute('/k/:collectorId', async (request) => {
      const { collectorId } = parseOrFail(collectorParams, request.params);
      const collector = await readCollector(db, collectorId);
      if (collector === null || collector.settings.kind !== 'kiosk') throw fail('SURVEY_COLLECTOR_NOT_FOUND', { collectorId });
      if (publicState(await readSurvey(db, collector.surveyId), context.clock.now()) === 'hidden')
        throw fail('SURVEY_NOT_FOUND', { surveyId: collector.surveyId });
      return `${baseUrl(request)}${publicPaths.kiosk(collectorId)}`;
    });
  };
}
