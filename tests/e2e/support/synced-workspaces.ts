import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { defaultMigrationsDir, parseCentralConfig } from '../../../src-central/config';
import { applyCentralMigrations } from '../../../src-central/db/migrations';
import { openCentralDb } from '../../../src-central/db/open-central-db';
import { loadDemoCity } from '../../../src-central/demo';
import type { CitySize } from '../../../src-shared/demo/city-generator';
import { startCentralService, type RunningCentral } from '../../../src-central/service';
import { createCore } from '../../../src-main/core/create-core';
import { createFileKeyStore } from '../../../src-main/db/key-store';
import { startBrowserMode } from '../../../src-main/web/browser-mode';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

const root = join(import.meta.dirname, '..', '..', '..');

export interface SyncedWorkspace {
  url: string;
  /** The workspace's own link to the central service: cut it to take this workspace offline. */
  link: TcpProxy;
  close(): Promise<void>;
}

/**
 * A central service on PGlite with the demo city (agents' password: demo), started with --demo. `city`
 * loads a smaller city first (same agents, fewer citizens and cases): --demo then finds data and adds none,
 * and the service starts and the first syncs end sooner.
 */
export async function startDemoCentral(
  options: { city?: Partial<CitySize> } = {},
): Promise<{ central: RunningCentral; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-e2e-central-'));
  const config = parseCentralConfig({
    env: { GUICHET_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
    argv: ['--demo'],
    defaultMigrationsDir,
  });
  const logger = pino({ level: 'silent' });
  if (options.city !== undefined) {
    const database = await openCentralDb(config, logger);
    try {
      await applyCentralMigrations(database.db, config.migrationsDir);
      await loadDemoCity(database.db, options.city);
    } finally {
      await database.close();
    }
  }
  const central = await startCentralService(config, logger);
  return {
    central,
    close: async () => {
      await central.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser-mode workspace on its own empty replica, syncing with the central service through its own link. */
export async function startSyncedWorkspace(centralUrl: string): Promise<SyncedWorkspace> {
  const staticDir = join(root, 'dist-renderer');
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error('The renderer is not built: npm run build:renderer');
  const target = new URL(centralUrl);
  const link = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-e2e-synced-'));
  const core = createCore({
    dataDir,
    migrationsFolder: join(root, 'drizzle', 'local'),
    keyStore: createFileKeyStore(join(dataDir, 'replica.key')),
    demo: 'never',
    centralUrl: link.url,
  });
  const server = await startBrowserMode({ core, staticDir });
  return {
    url: server.url,
    link,
    close: async () => {
      await server.close();
      core.close();
      await link.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
