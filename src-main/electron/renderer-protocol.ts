import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { mimeTypeFor, resolveStaticFile } from '../web/static-files';

/**
 * The built renderer is served from `app://guichet/` rather than `file://` (checklist #18, avoid file://):
 * file: pages get no response headers (so no CSP header), share one origin with every local file, and may
 * read other local files. A standard, secure custom scheme gives the page its own origin and our headers.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://guichet`;

/** Must run before `app` is ready: privileges are fixed when the network service starts. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves `rendererDir` under APP_ORIGIN with the workspace CSP; nothing outside it is reachable. */
export function serveRendererOverAppScheme(rendererDir: string, contentSecurityPolicy: () => string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return notFound();
    const resolution = resolveStaticFile(rendererDir, url.pathname);
    if (resolution.kind !== 'file') return notFound();
    const body = await readFile(resolution.file);
    return new Response(body, {
      headers: {
        'Content-Type': mimeTypeFor(resolution.file),
        'Content-Security-Policy': contentSecurityPolicy(),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
