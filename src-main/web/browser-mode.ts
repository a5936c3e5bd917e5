/**
 * Browser mode: the workspace's tRPC router over HTTP (`/trpc`) and WebSocket (`/trpc-ws`) on 127.0.0.1,
 * plus the built renderer, for development, end-to-end tests and thin clients.
 *
 * Contract for the renderer's tRPC client (src-renderer):
 * 1. Open the printed URL `http://127.0.0.1:PORT/?token=TOKEN`. On first load read `token` from
 *    `location.search`, keep it in `sessionStorage`, then drop it from the address bar with
 *    `history.replaceState` (a reload in the same tab finds it in sessionStorage).
 * 2. httpBatchLink: `url: '/trpc'`, header `x-guichet-token: TOKEN` on every call.
 * 3. wsLink: `ws://${location.host}/trpc-ws?token=${encodeURIComponent(TOKEN)}` (the browser adds Origin).
 * 4. No transformer: plain JSON, like the IPC link.
 *
 * Security model: any local page or process can reach 127.0.0.1, so every request must prove it comes from
 * the agent who was shown the URL.
 * - Data (tRPC over HTTP) requires the header `x-guichet-token`. A cookie alone never suffices: a custom
 *   header forces a CORS preflight that this server never approves, so another origin cannot forge a call.
 * - WebSocket upgrades require `?token=` AND `Origin` equal to this server's own origin (browsers do not
 *   preflight WebSockets, so the Origin check is what stops a foreign page that somehow learnt the token).
 * - Page and asset GETs accept `?token=` (which also sets the HttpOnly, SameSite=Strict cookie
 *   `guichet_token_<PORT>`, so the page's scripts and styles load and a reload works) or that cookie. The
 *   page is served as is, with the token still in the query, so the client can pick it up (step 1). The
 *   cookie is named after the port (browsers share cookies across the ports of a host: the second workspace
 *   would overwrite the first's) and holds HMAC-SHA256(secret, 'static-files'), not the secret: a server on
 *   another loopback port that receives it can neither read data with it nor learn the secret.
 * - Every `/trpc` answer (and every refusal) says `Cache-Control: no-store`; a `/trpc` body over 1 MiB is
 *   refused with 413 `PAYLOAD_TOO_LARGE` before anything parses it.
 * - `Host` must be this server's `127.0.0.1:PORT`, against DNS rebinding.
 * - Tokens are compared in constant time. Refusals answer 401/403 with `{ "code": "ACCESS_DENIED" }`; a
 *   refused WebSocket upgrade gets that answer and its socket is destroyed.
 * - Every response carries the workspace CSP (connect-src 'self' ws://127.0.0.1:PORT), nosniff, no-referrer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import type { Core } from '../core/create-core';
import { generateAccessToken, readCookie, staticFilesCookie, staticFilesCookieValue, tokenCookieName, tokenMatches } from './access-token';
import { TOKEN_HEADER, TOKEN_QUERY_PARAM, workspacePaths } from '../../src-shared/http/endpoints';
import { contentSecurityPolicy } from './content-security-policy';
import { readBoundedBody, TRPC_BODY_LIMIT_BYTES } from './request-body';
import { refuseHttp, refuseTooLarge, refuseUpgrade, sendStaticFile } from './responses';
import { resolveStaticFile } from './static-files';

const TRPC_HTTP_PATH = workspacePaths.trpc;
const TRPC_WS_PATH = workspacePaths.trpcSocket;

export interface BrowserModeOptions {
  core: Core;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: browser mode is never reachable from the network. */
  host?: '127.0.0.1';
  /** The built renderer (`dist-renderer`). */
  staticDir: string;
  /** Defaults to 32 fresh random bytes; pass one only to reuse a launch's secret. */
  token?: string;
}

export interface BrowserMode {
  /** The URL to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const token = options.token ?? generateAccessToken();
  if (token.length < 32) throw new Error('Browser mode needs a token of at least 32 characters');
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  const port = await listen(server, options.port ?? 0, host);
  const site: Site = {
    token,
    port,
    hostHeader: `${host}:${port}`,
    origin: `http://${host}:${port}`,
    staticDir: options.staticDir,
    // Read at each response: the public address of the QR codes arrives with a sign-in.
    headers: () =>
      securityHeaders(contentSecurityPolicy({ connectSources: [`ws://${host}:${port}`], imageSources: options.core.imageOrigins() })),
  };

  const createContext = () => options.core.createContext();
  const trpcHttp = createHTTPHandler({ router: options.core.router, createContext, basePath: `${TRPC_HTTP_PATH}/` });
  const wss = new WebSocketServer({ noServer: true });
  applyWSSHandler({ wss, router: options.core.router, createContext, keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 } });

  server.on('request', (req, res) => {
    for (const [name, value] of Object.entries(site.headers())) res.setHeader(name, value);
    const target = splitTarget(req.url);
    if (req.headers.host !== site.hostHeader) return refuseHttp(res, 403);
    if (target.path === TRPC_HTTP_PATH || target.path.startsWith(`${TRPC_HTTP_PATH}/`)) {
      // Citizen data must never land in the browser's disk cache, which is not encrypted.
      res.setHeader('Cache-Control', 'no-store');
      if (!tokenMatches(token, singleHeader(req, TOKEN_HEADER))) return refuseHttp(res, 401);
      return void serveTrpc(trpcHttp, req, res);
    }
    return serveRenderer(site, req, res, target);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const target = splitTarget(req.url);
    if (target.path !== TRPC_WS_PATH) return refuseUpgrade(socket, 404);
    if (req.headers.host !== site.hostHeader) return refuseUpgrade(socket, 403);
    if (!tokenMatches(token, target.query.get(TOKEN_QUERY_PARAM))) return refuseUpgrade(socket, 401);
    if (req.headers.origin !== site.origin) return refuseUpgrade(socket, 403);
    wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req));
  });

  return {
    url: `${site.origin}/?${TOKEN_QUERY_PARAM}=${token}`,
    port,
    token,
    close: () => closeAll(server, wss),
  };
}

interface Site {
  token: string;
  port: number;
  hostHeader: string;
  origin: string;
  staticDir: string;
  headers: () => Readonly<Record<string, string>>;
}

interface Target {
  /** Raw, still percent-encoded: static-file resolution must see traversals before anything normalises them. */
  path: string;
  query: URLSearchParams;
}

function splitTarget(url: string | undefined): Target {
  const raw = url ?? '/';
  const mark = raw.indexOf('?');
  return mark === -1
    ? { path: raw, query: new URLSearchParams() }
    : { path: raw.slice(0, mark), query: new URLSearchParams(raw.slice(mark + 1)) };
}

/** The body is read here, bounded, and handed to tRPC as `req.body` (which its Node adapter then uses as is). */
async function serveTrpc(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') return handler(req, res);
  const reading = await readBoundedBody(req, TRPC_BODY_LIMIT_BYTES);
  if (reading.kind === 'aborted') return void res.destroy();
  if (reading.kind === 'too-large') return refuseTooLarge(res, TRPC_BODY_LIMIT_BYTES);
  Object.assign(req, { body: reading.text });
  handler(req, res);
}

function serveRenderer(site: Site, req: IncomingMessage, res: ServerResponse, target: Target): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return refuseHttp(res, 405);
  }
  const queryToken = target.query.get(TOKEN_QUERY_PARAM);
  if (queryToken !== null) {
    if (!tokenMatches(site.token, queryToken)) return refuseHttp(res, 401);
    res.setHeader('Set-Cookie', staticFilesCookie(site.port, site.token));
  } else if (!tokenMatches(staticFilesCookieValue(site.token), readCookie(req.headers.cookie, tokenCookieName(site.port)))) {
    return refuseHttp(res, 401);
  }
  const resolution = resolveStaticFile(site.staticDir, target.path);
  if (resolution.kind === 'forbidden') return refuseHttp(res, 403);
  if (resolution.kind === 'missing') return refuseHttp(res, 404);
  sendStaticFile(req, res, resolution.file);
}

function securityHeaders(policy: string): Record<string, string> {
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('Browser mode is not on TCP'));
      resolve(address.port);
    });
  });
}

async function closeAll(server: Server, wss: WebSocketServer): Promise<void> {
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}
