import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../src-main/core/create-core';
import { createFileKeyStore } from '../../../src-main/db/key-store';
import { startBrowserMode, type BrowserMode } from '../../../src-main/web/browser-mode';

const root = join(import.meta.dirname, '..', '..', '..');

export interface Workspace {
  url: string;
  close(): Promise<void>;
}

/** A browser-mode workspace on its own data folder, with the demo city, on a free port. */
export async function startWorkspace(): Promise<Workspace> {
  const staticDir = join(root, 'dist-renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error('The renderer is not built: npm run build:renderer (npm run test:e2e does it)');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-e2e-'));
  const core = createCore({
    dataDir,
    migrationsFolder: join(root, 'drizzle', 'local'),
    keyStore: createFileKeyStore(join(dataDir, 'replica.key')),
    demo: 'if-empty',
  });
  let server: BrowserMode;
  try {
    server = await startBrowserMode({ core, staticDir });
  } catch (error) {
    core.close();
    throw error;
  }
  return {
    url: server.url,
    close: async () => {
      await server.close();
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
