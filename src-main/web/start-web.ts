import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/create-core';
import { createFileKeyStore } from '../db/key-store';
import { startBrowserMode } from './browser-mode';
import { browserModeDataDir } from './data-dir';
import { buildRenderer, rendererBuildIsCurrent } from './renderer-build';

/**
 * `npm run start:web`: the workspace in a browser, on this machine only. The launcher plays the part the
 * Electron layer plays on the desktop: it decides where the data, the key and the migrations are.
 *
 * GUICHET_DATA_DIR  data folder (default: see data-dir.ts)
 * GUICHET_PORT      port on 127.0.0.1 (default 0: a free port)
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function portFrom(env: NodeJS.ProcessEnv): number {
  const raw = env['GUICHET_PORT'];
  if (raw === undefined || raw === '') return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`GUICHET_PORT is not a port: ${raw}`);
  return port;
}

export async function launchBrowserMode(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const dataDir = browserModeDataDir(env);
  const staticDir = join(repoRoot, 'dist-renderer');
  if (!rendererBuildIsCurrent(repoRoot, staticDir)) {
    console.log("Construction de l'interface (dist-renderer)…");
    await buildRenderer(repoRoot);
  }
  const core = createCore({
    dataDir,
    migrationsFolder: join(repoRoot, 'drizzle', 'local'),
    keyStore: createFileKeyStore(join(dataDir, 'replica.key')),
    demo: 'if-empty',
  });
  const server = await startBrowserMode({ core, port: portFrom(env), staticDir }).catch((error: unknown) => {
    core.close();
    throw error;
  });
  console.log(`Guichet (mode navigateur) : ${server.url}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server
      .close()
      .finally(() => core.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  launchBrowserMode().catch((error: unknown) => {
    console.error('Guichet ne peut pas démarrer en mode navigateur :', error);
    process.exit(1);
  });
}
