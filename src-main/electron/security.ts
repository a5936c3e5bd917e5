import { app, shell, type Session, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../web/content-security-policy';

/**
 * Security restrictions of the Electron shell. Each block names the item of Electron's security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security) it implements.
 */

export interface AppOrigin {
  /** Origin the renderer is served from: `app://guichet`, or the Vite dev server in development. */
  origin: string;
  /** True only when the renderer comes from the Vite dev server. */
  devServer: boolean;
}

/** Checklist #7 (Content-Security-Policy) and #5 (permission requests), for the one session we use. */
export function secureSession(session: Session, appOrigin: AppOrigin, imageSources: () => readonly string[] = () => []): void {
  const policy = () => contentSecurityPolicy({ allowInlineScriptsForDevServer: appOrigin.devServer, imageSources: imageSources() });
  // #7: set on every response, so no page we load can run with a weaker policy than the app's.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy()] },
    });
  });
  // #5: the workspace needs no camera, geolocation, notifications… Deny every request and every check.
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Checklist #13 (navigation), #14 (new windows) and #12 (webviews), for every WebContents ever created. */
export function restrictWebContents(appOrigin: AppOrigin): void {
  app.on('web-contents-created', (_event, contents) => {
    denyForeignNavigation(contents, appOrigin);
    // #14: no new windows; http(s) links go to the agent's browser, where they cannot reach the bridge.
    contents.setWindowOpenHandler(({ url }) => {
      openInSystemBrowser(url);
      return { action: 'deny' };
    });
    // #12: the app has no <webview>; refuse one injected by a compromised renderer.
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function denyForeignNavigation(contents: WebContents, appOrigin: AppOrigin): void {
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (isSameApp(url, appOrigin)) return;
    event.preventDefault();
    openInSystemBrowser(url);
  };
  // #13: the window only ever shows the app; a link or script that leaves it is stopped.
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
}

export function isSameApp(url: string, appOrigin: AppOrigin): boolean {
  const parsed = parseUrl(url);
  // Built by hand: WHATWG URL gives custom schemes such as app: the opaque origin "null".
  return parsed !== null && `${parsed.protocol}//${parsed.host}` === appOrigin.origin;
}

/** Only http(s) leaves the app; file:, smb:, custom schemes… could launch local programs (#15). */
function openInSystemBrowser(url: string): void {
  const protocol = parseUrl(url)?.protocol;
  if (protocol === 'https:' || protocol === 'http:') {
    shell.openExternal(url).catch((error: unknown) => console.warn('[guichet] openExternal failed', error));
  }
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
