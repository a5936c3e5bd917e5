import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { authRoutes } from './auth/auth-routes';
import { createAuthService, type AuthService, type PasswordVerifier } from './auth/auth-service';
import { createAuthenticateHook } from './auth/authenticate';
import { demoAccountsRoutes } from './auth/demo-accounts-routes';
import { createSignInThrottle, type ThrottleOptions } from './auth/sign-in-throttle';
import { createChangeBus, type ChangeBus } from './bus';
import { systemClock, type Clock } from '../src-shared/domain/clock';
import type { CentralConfig } from './config';
import type { CentralDatabase } from './db/central-db-types';
import { handleClientError, handleError, handleNotFound } from './http/errors';
import { healthRoutes } from './http/health-routes';
import { createRetentionJob, type RetentionJob } from './retention/retention-job';
import { updateRoutes } from './updates/update-routes';
import { centralVersion } from './version';

/** What routes of the service work with; also `app.central` on the instance. */
export interface CentralContext {
  config: CentralConfig;
  database: CentralDatabase;
  bus: ChangeBus;
  auth: AuthService;
  clock: Clock;
  /** Clears expired mutation arguments and audit rows (a pass at start, then periodically). */
  retention: RetentionJob;
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
  const context: CentralContext = { config: options.config, database: options.database, bus, auth, clock, retention };

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
  for (const plugin of options.plugins ?? []) await app.register(plugin, context);
  return app;
}
