import { BrowserWindow } from 'electron';

export interface MainWindowOptions {
  /** Absolute path of the bundled preload (the tRPC bridge and nothing else). */
  preload: string;
  /** `app://guichet/` for a built renderer, the Vite dev server URL in development. */
  url: string;
  /** DevTools only where a developer runs the app from sources. */
  devTools: boolean;
}

/** The one workspace window. Each webPreferences line is a checklist item; none may be relaxed. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Guichet',
    // Shown on ready-to-show: no white flash while the renderer boots.
    show: false,
    webPreferences: {
      preload: options.preload,
      // #3: the page and the preload live in separate JavaScript worlds; only the bridge crosses.
      contextIsolation: true,
      // #4: the renderer is an OS-sandboxed process; even the preload gets no Node.
      sandbox: true,
      // #2: no Node.js in the page.
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // #6: same-origin policy stays on.
      webSecurity: true,
      // #8: no mixed content.
      allowRunningInsecureContent: false,
      // #9: no experimental Chromium features.
      experimentalFeatures: false,
      // #12: no <webview>.
      webviewTag: false,
      // #10: enableBlinkFeatures is deliberately never set.
      devTools: options.devTools,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.url).catch((error: unknown) => console.error('[guichet] the workspace did not load', error));
  return window;
}

/** Second launch (single-instance lock): bring the existing window forward instead of opening another. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
