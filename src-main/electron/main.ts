import { join } from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import { centralUrlOf, SETTINGS_FILE } from '../core/central-url';
import { createCore, type Core } from '../core/create-core';
import { contentSecurityPolicy } from '../web/content-security-policy';
import { serveCoreOverIpc } from './ipc';
import { installFrenchMenu } from './menu';
import { APP_ORIGIN, registerAppScheme, serveRendererOverAppScheme } from './renderer-protocol';
import { KeyProtectionUnavailableError, openSafeStorageKeyStore } from './safe-storage-key-store';
import { isSameApp, restrictWebContents, secureSession, type AppOrigin } from './security';
import { startAutoUpdates } from './updater';
import { createMainWindow, focusWindow } from './window';

/**
 * The Electron shell: wires the plain-Node core to one locked-down window. Everything the workspace does
 * lives in the core; this file only decides where things are and in which order they start.
 */

// Node's default for an unhandled rejection is to throw, which Electron turns into a crash dialog; a
// refused IPC sender (see ipc.ts) must never be able to do that.
process.on('unhandledRejection', (reason) => console.error('[guichet] unhandled rejection', reason));

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

// Checklist #4 for every renderer, even ones we did not mean to create.
app.enableSandbox();
registerAppScheme();
// One replica file, one writer: a second launch focuses the running window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow !== null && !mainWindow.isDestroyed()) focusWindow(mainWindow);
  });
  // The workspace is its window: closing it ends the session on every platform.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });
  app.whenReady().then(start).catch(failToStart);
}

async function start(): Promise<void> {
  const renderer = rendererLocation();
  // The QR codes' origin is known once the core is up (and after a sign-in): read at each response.
  secureSession(session.defaultSession, renderer, () => core?.imageOrigins() ?? []);
  restrictWebContents(renderer);

  const userDataDir = app.getPath('userData');
  const keyStore = await openSafeStorageKeyStore(userDataDir);
  const started = createCore({
    dataDir: userDataDir,
    migrationsFolder: migrationsFolder(),
    replicaWriterFile: replicaWriterFile(),
    keyStore,
    demo: 'if-empty',
    centralUrl: centralUrlOf({ env: process.env, settingsFile: join(userDataDir, SETTINGS_FILE) }),
  });
  core = started;

  if (!renderer.devServer) {
    serveRendererOverAppScheme(join(app.getAppPath(), '.vite', 'renderer', MAIN_WINDOW_VITE_NAME), () =>
      contentSecurityPolicy({ imageSources: started.imageOrigins() }),
    );
  }
  const devTools = !app.isPackaged;
  installFrenchMenu({ devTools });
  mainWindow = createMainWindow({ preload: join(app.getAppPath(), '.vite', 'build', 'preload.cjs'), url: renderer.url, devTools });
  serveCoreOverIpc({ core: started, window: mainWindow, isTrustedUrl: (url) => isSameApp(url, renderer) });
  startAutoUpdates({ env: process.env, userDataDir, resourcesDir: process.resourcesPath, isPackaged: app.isPackaged });
}

/**
 * Packaged, forge.config.ts's `extraResource: ['drizzle/local']` puts the migrations next to app.asar as
 * `<resources>/local` (the last path segment is kept); from sources it is the repository's folder. Decided
 * here, where we know how the app was installed, and passed down to the database layer.
 */
function migrationsFolder(): string {
  return app.isPackaged ? join(process.resourcesPath, 'local') : join(app.getAppPath(), 'drizzle', 'local');
}

/**
 * The bulk bootstrap's writer thread, bundled by forge.config.ts beside the main process. Packaged, it runs
 * from the unpacked copy of the archive (a worker thread reads its script from disk, and from there it
 * finds the SQLite driver, unpacked too).
 */
function replicaWriterFile(): string {
  const bundled = join(app.getAppPath(), '.vite', 'build', 'replica-writer.cjs');
  return app.isPackaged ? bundled.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked') : bundled;
}

/** The Vite dev server under `electron-forge start`, else the built renderer on `app://guichet/`. */
function rendererLocation(): AppOrigin & { url: string } {
  const devServerUrl = typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined;
  if (devServerUrl !== undefined && !app.isPackaged) {
    return { origin: new URL(devServerUrl).origin, devServer: true, url: devServerUrl };
  }
  return { origin: APP_ORIGIN, devServer: false, url: `${APP_ORIGIN}/index.html` };
}

function failToStart(error: unknown): void {
  console.error('[guichet] start-up failed', error);
  const detail =
    error instanceof KeyProtectionUnavailableError
      ? 'Le trousseau du système (Windows, macOS, GNOME Keyring ou KWallet) est indisponible : ' +
        'Guichet refuse de stocker la clé de la base locale sans protection.\n' +
        `Détail : ${error.detail}. Ouvrez une session avec un trousseau actif puis relancez Guichet.`
      : `Détail : ${error instanceof Error ? error.message : String(error)}`;
  dialog.showErrorBox('Guichet ne peut pas démarrer', detail);
  app.exit(1);
}
