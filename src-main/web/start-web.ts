import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SettingError } from '../../src-shared/errors';
import { centralUrlOf, SETTINGS_FILE } from '../core/central-url';
import { createCore } from '../core/create-core';
import { createFileKeyStore } from '../db/key-store';
import { startBrowserMode } from './browser-mode';
import { browserModeDataDir } from './data-dir';
import { buildRenderer, rendererBuildIsCurrent } from './renderer-build';

/**
 * `npm run start:web`: the workspace in a browser, on this machine only. The launcher plays the part the
 * Electron layer plays on the desktop: it decides where the data, the key and the migrations are.
 *
 * GUICHET_DATA_DIR     data folder (default: see data-dir.ts)
 * GUICHET_PORT         port on 127.0.0.1 (default 0: a free port)
 * GUICHET_CENTRAL_URL  the central service to sync with (scripts/start.mjs starts an embedded one when it
 *                      is unset); else `centralUrl` in the data folder's settings.json; neither: the
 *                      workspace works alone on a local demo city
 * GUICHET_WORKSPACES   how many workspaces to start (default 1; scripts/start.mjs makes it 2 beside its
 *                      embedded central service), each with its own replica (the second and later in
 *                      `workspace-<n>` inside the data folder), so two agents can be signed in side by side
 *                      and watch their changes sync
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function portFrom(env: NodeJS.ProcessEnv): number {
  const raw = env['GUICHET_PORT'];
  if (raw === undefined || raw === '') return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new SettingError(`GUICHET_PORT is not a port: ${raw}`);
  return port;
}

function workspaceCount(env: NodeJS.ProcessEnv): number {
  const count = Number(env['GUICHET_WORKSPACES'] ?? '1');
  if (!Number.isInteger(count) || count < 1 || count > 8)
    throw new SettingError(`GUICHET_WORKSPACES is not a number from 1 to 8: ${env['GUICHET_WORKSPACES']}`);
  return count;
}

async function startWorkspace(dataDir: string, port: number, staticDir: string, centralUrl: string | null) {
  const core = createCore({
    dataDir,
    migrationsFolder: join(repoRoot, 'drizzle', 'local'),
    keyStore: createFileKeyStore(join(dataDir, 'replica.key')),
    demo: 'if-empty',
    centralUrl,
  });
  const server = await startBrowserMode({ core, port, staticDir }).catch((error: unknown) => {
    core.close();
    throw error;
  });
  return { url: server.url, close: () => server.close().finally(() => core.close()) };
}

/** `alsoClose`: what the launcher started for these workspaces (an embedded central service), closed after them. */
export async function launchBrowserMode(
  env: NodeJS.ProcessEnv = process.env,
  options: { alsoClose?: () => Promise<void> } = {},
): Promise<{ close(): Promise<void> }> {
  const dataDir = browserModeDataDir(env);
  const staticDir = join(repoRoot, 'dist-renderer');
  if (!rendererBuildIsCurrent(repoRoot, staticDir)) {
    console.log("Construction de l'interface (dist-renderer)…");
    await buildRenderer(repoRoot);
  }
  const centralUrl = centralUrlOf({ env, settingsFile: join(dataDir, SETTINGS_FILE) });
  const count = workspaceCount(env);
  const workspaces: { url: string; close(): Promise<void> }[] = [];
  for (let index = 0; index < count; index++) {
    // The first workspace keeps the usual folder; the others get their own replica inside it.
    const folder = index === 0 ? dataDir : join(dataDir, `workspace-${index + 1}`);
    const port = portFrom(env) === 0 ? 0 : portFrom(env) + index;
    workspaces.push(await startWorkspace(folder, port, staticDir, centralUrl));
  }
  for (const [index, workspace] of workspaces.entries()) {
    console.log(`Guichet (mode navigateur)${count > 1 ? ` — poste ${index + 1}` : ''} : ${workspace.url}`);
  }

  let stopping = false;
  const closeAll = () => Promise.all(workspaces.map((workspace) => workspace.close())).then(() => options.alsoClose?.());
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    closeAll()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { close: closeAll };
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  launchBrowserMode().catch((error: unknown) => {
    console.error('Guichet ne peut pas démarrer en mode navigateur :', error instanceof SettingError ? error.message : error);
    process.exit(1);
  });
}
