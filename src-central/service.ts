/**
 * How the central service is composed and started, for every caller: `npm run central` (main.ts), the embedded
 * service `npm start` runs (startEmbeddedCentral), and the tests and benchmarks (buildCentralServer).
 *
 *   startCentralService   open the database, migrate, load the demo city (--demo), build, listen
 *   buildCentralServer    the Fastify instance: context (bus, auth, clock, retention), error handlers, routes
 */
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../src-shared/domain/clock';
import { authRoutes } from './auth/auth-routes';
import { createAuthService, type AuthService, type PasswordVerifier } from './auth/auth-service';
import { createAuthenticateHook } from './auth/authenticate';
import { demoAccountsRoutes } from './auth/demo-accounts-routes';
import { createSignInThrottle, type ThrottleOptions } from './auth/sign-in-throttle';
import { createChangeBus, type ChangeBus } from './bus';
import { unsubscribeRoutes } from './campaigns/unsubscribe-routes';
import { defaultMigrationsDir, parseCentralConfig, type CentralConfig } from './config';
import type { CentralDatabase } from './db/central-db-types';
import { applyCentralMigrations, applyExtraMigrations } from './db/migrations';
import { openCentralDb } from './db/open-central-db';
import { loadDemoCity } from './demo';
import { handleClientError, handleError, handleNotFound } from './http/errors';
import { healthRoutes } from './http/health-routes';
import { createLogger } from './logger';
import { publicRoutes } from './public/public-routes';
import { createCampaignSender } from './mail/campaign-sender';
import { createMailer, type Mailer } from './mail/mailer';
import { createVoiceMailSender } from './mail/voice-mail-sender';
import { createRetentionJob, type RetentionJob } from './retention/retention-job';
import type { CentralRegistry } from './stores/postgres/pg-entity-tables';
import { createServiceWriter, type ServiceWriter } from './sync/service-writes';
import { coalesceNotices } from './pokes/notice-coalescer';
import { syncRoutes } from './sync/sync-routes';
import { voiceRoutes } from './voice/voice-routes';
import { createPgSyncStore } from './stores/postgres/pg-store';
import { updateRoutes } from './updates/update-routes';
import { centralVersion } from './version';

export interface RunningCentral {
  app: FastifyInstance;
  database: CentralDatabase;
  url: string;
  close(): Promise<void>;
}

/**
 * Everything `npm run central` does short of signals: open, migrate, demo, listen. `registry`: what it syncs
 * (the app's unless given: a test's, whose extra migrations are applied after the app's).
 */
export async function startCentralService(
  config: CentralConfig,
  logger: Logger,
  options: { registry?: CentralRegistry; plugins?: CentralPlugin[] } = {},
): Promise<RunningCentral> {
  const { registry } = options;
  const plugins = options.plugins ?? [syncRoutes(registry === undefined ? {} : { registry }), publicRoutes(), voiceRoutes()];
  const opening = performance.now();
  const database = await openCentralDb(config, logger);
  try {
    const migrations = await applyCentralMigrations(database.db, config.migrationsDir);
    if (registry !== undefined) await applyExtraMigrations(database.db, registry.migrations);
    logger.info(
      { database: database.kind, ...migrations, milliseconds: Math.round(performance.now() - opening) },
      database.kind === 'pglite' ? `database ready (PGlite in ${config.pgliteDir ?? 'memory'})` : 'database ready (PostgreSQL)',
    );
    if (config.demo) {
      const demo = await loadDemoCity(database.db);
      if (demo.loaded) logger.info({ rows: demo.rows, milliseconds: demo.milliseconds }, `demo city loaded in ${demo.milliseconds} ms`);
      else logger.info('demo city not loaded: the database already holds data');
    }
    const app = await buildCentralServer({ config, database, logger, plugins });
    const url = await app.listen({ port: config.port, host: config.host });
    return {
      app,
      database,
      url,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * The central service a newcomer's `npm start` runs when no central service is configured: PGlite in the
 * workspace's data folder, the demo city, a free port on 127.0.0.1, quiet logs. Started by the launchers
 * (scripts/), never imported by the workspace's core.
 */
export async function startEmbeddedCentral(options: { dataDir: string; port?: number }): Promise<RunningCentral> {
  const config = parseCentralConfig({
    env: { GUICHET_DATA_DIR: options.dataDir, PORT: String(options.port ?? 0), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    argv: ['--demo'],
    defaultMigrationsDir,
  });
  return startCentralService(config, createLogger(config.logLevel));
}

/** What routes of the service work with; also `app.central` on the instance. */
export interface CentralContext {
  config: CentralConfig;
  database: CentralDatabase;
  bus: ChangeBus;
  auth: AuthService;
  clock: Clock;
  /** Clears expired mutation arguments and audit rows (a pass at start, then periodically). */
  retention: RetentionJob;
  /** The service's own writes of replicated rows (public answers, campaign progress), versioned and poked like pushes. */
  writes: ServiceWriter;
}

/** A feature of the service (e.g. sync): registered with the context as its options, after the core routes. */
export type CentralPlugin = FastifyPluginAsync<CentralContext>;

export interface CentralServerOptions {
  config: CentralConfig;
  database: CentralDatabase;
  logger: Logger;
  clock?: Clock;
  /** Defaults: createChangeBus(database); the server closes the bus it created, not one it was given. */
  bus?: ChangeBus;
  throttle?: Omit<ThrottleOptions, 'clock'>;
  /** Defaults to argon2id (tests wrap it to count verifications). */
  passwords?: PasswordVerifier;
  plugins?: CentralPlugin[];
  /**
   * The email campaign sender and the voice's mail job: started with the server unless `start` is false (tests
   * drive their own); `mailer` replaces the one built from the SMTP settings.
   */
  campaigns?: { start?: boolean; mailer?: Mailer | null };
}

declare module 'fastify' {
  interface FastifyInstance {
    central: CentralContext;
  }
}

/** Default body limit; a route may raise its own (`bodyLimit` in its options) for sync pushes. */
export const defaultBodyLimit = 1_048_576;

/**
 * The central service as a Fastify instance, routes registered, not listening. Callers may register more
 * before `listen()` (or pass them as `plugins`). Closing the instance closes the bus it created; the database
 * belongs to the caller.
 */
export async function buildCentralServer(options: CentralServerOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: defaultBodyLimit,
    clientErrorHandler: handleClientError,
    // Malformed URLs (`/%zz`) are refused before routing; they still get a coded body.
    frameworkErrors: handleError,
    routerOptions: { maxParamLength: 300 },
    // A body naming `__proto__` or `constructor.prototype` loses those keys (never reaching an object's
    // prototype) instead of failing whole: a push stays one refusal per mutation, never a blocked queue.
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
    // Only the proxies named in TRUST_PROXY may say who the client is (X-Forwarded-For); nobody else can.
    trustProxy: options.config.trustProxy.length > 0 ? options.config.trustProxy.join(',') : false,
  });
  const ownBus = options.bus === undefined;
  const bus = options.bus ?? (await createChangeBus(options.database, options.logger));
  if (ownBus) app.addHook('onClose', async () => bus.close());

  const throttle = createSignInThrottle({ ...options.throttle, clock });
  const auth = createAuthService({
    db: options.database.db,
    clock,
    throttle,
    sessionIdleHours: options.config.sessionIdleHours,
    sessionMaxDays: options.config.sessionMaxDays,
    passwords: options.passwords,
  });
  const { mutationArgsRetentionDays, auditRetentionDays } = options.config;
  const retention = createRetentionJob({
    db: options.database.db,
    clock,
    logger: options.logger,
    mutationArgsRetentionDays,
    auditRetentionDays,
  });
  app.addHook('onReady', async () => retention.start());
  app.addHook('onClose', async () => retention.stop());
  // A group of service writes (a crowd of public answers) commits together: one notice then tells of them all.
  const writes = createServiceWriter(
    createPgSyncStore(options.database.db),
    coalesceNotices((notice) => bus.publish(notice)),
    clock,
  );
  const context: CentralContext = { config: options.config, database: options.database, bus, auth, clock, retention, writes };
  if (options.campaigns?.start !== false) {
    const mailer = options.campaigns?.mailer !== undefined ? options.campaigns.mailer : createMailer(options.config);
    const publicUrl = () => options.config.publicUrl ?? listeningUrl(app, options.config);
    const sender = createCampaignSender({ db: options.database.db, writes, clock, logger: options.logger, mailer, publicUrl });
    const voiceMails = createVoiceMailSender({ db: options.database.db, writes, clock, logger: options.logger, mailer, publicUrl });
    app.addHook('onReady', async () => {
      sender.start();
      voiceMails.start();
    });
    // The voice's job first: the campaign sender closes the mailer they share.
    app.addHook('onClose', async () => {
      await voiceMails.stop();
      await sender.stop();
    });
  }

  app.decorate('central', context);
  app.decorate('authenticate', createAuthenticateHook(auth));
  app.decorateRequest('agent', null);
  app.decorateRequest('session', null);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  await app.register(websocket, { options: { maxPayload: defaultBodyLimit } });

  await app.register(healthRoutes, { database: options.database, version: centralVersion });
  await app.register(authRoutes, { auth });
  // Never without --demo: a real city's sign-in screen names nobody.
  if (options.config.demo) await app.register(demoAccountsRoutes, { db: options.database.db });
  await app.register(updateRoutes, { updatesDir: options.config.updatesDir });
  await app.register(unsubscribeRoutes, { db: options.database.db, writes, clock });
  for (const plugin of options.plugins ?? []) await app.register(plugin, context);
  return app;
}

/** The address the service listens on, when no public address is configured (one machine, tests). */
function listeningUrl(app: FastifyInstance, config: CentralConfig): string {
  const address = app.server.address();
  if (address !== null && typeof address === 'object') {
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }
  return `http://${config.host}:${config.port}`;
}
