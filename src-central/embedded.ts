import { defaultMigrationsDir } from './entry';
import { parseCentralConfig } from './config';
import { createLogger } from './logger';
import { startCentralService, type RunningCentral } from './service';

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
