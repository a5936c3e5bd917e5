import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { PasswordVerifier } from '../../../src-central/auth/auth-service';
import type { ThrottleOptions } from '../../../src-central/auth/sign-in-throttle';
import type { Clock } from '../../../src-shared/domain/clock';
import { parseCentralConfig, type CentralConfig } from '../../../src-central/config';
import type { Mailer } from '../../../src-central/mail/mailer';
import { buildCentralServer, type CentralPlugin } from '../../../src-central/service';
import { centralMigrationsDir, silentLogger, type CentralTestDb } from './central-test-db';

export function testConfig(overrides: Partial<CentralConfig> = {}): CentralConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-central-'));
  const config = parseCentralConfig({ env: { GUICHET_DATA_DIR: dataDir }, argv: [], defaultMigrationsDir: centralMigrationsDir });
  // No push rate limit unless a test sets one: property tests push hundreds of times a second as one agent.
  return { ...config, pgliteDir: null, pushRatePerSecond: 0, ...overrides };
}

export interface TestServerOptions {
  clock?: Clock;
  config?: Partial<CentralConfig>;
  throttle?: Omit<ThrottleOptions, 'clock'>;
  plugins?: CentralPlugin[];
  /** The password verifier the auth service is given (tests count verifications through it). */
  passwords?: PasswordVerifier;
  /** Defaults to a silent logger; tests that read the log give one writing to their own stream. */
  logger?: Logger;
  /** The campaign sender: off unless asked (tests of campaigns drive their own, others need none polling). */
  campaigns?: { start?: boolean; mailer?: Mailer | null };
}

/** The real server on the test database, not listening: requests go through `app.inject`. */
export async function buildTestServer(testDb: CentralTestDb, options: TestServerOptions = {}): Promise<FastifyInstance> {
  const config = testConfig(options.config);
  const app = await buildCentralServer({
    config,
    database: testDb.database,
    logger: options.logger ?? silentLogger,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.throttle === undefined ? {} : { throttle: options.throttle }),
    ...(options.plugins === undefined ? {} : { plugins: options.plugins }),
    ...(options.passwords === undefined ? {} : { passwords: options.passwords }),
    campaigns: options.campaigns ?? { start: false },
  });
  // The data folder testConfig made for this server goes with it.
  app.addHook('onClose', async () => rmSync(config.dataDir, { recursive: true, force: true }));
  await app.ready();
  return app;
}
