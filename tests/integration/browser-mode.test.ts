import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTRPCClient, createWSClient, httpBatchLink, TRPCClientError, wsLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../src-main/core/create-core';
import { createFileKeyStore } from '../../src-main/db/key-store';
import type { AppRouter } from '../../src-main/trpc/root';
import { startBrowserMode, type BrowserMode } from '../../src-main/web/browser-mode';
import { workspacePaths } from '../../src-shared/http/endpoints';

/** Browser mode over real HTTP and WebSocket on 127.0.0.1, with a real core on a fresh replica. */

interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http rather than fetch: fetch normalises `/../` away, and these tests must send raw paths. */
function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    // The server may answer (413) and close before a large body is fully sent.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(options.body);
  });
}

/** What the static-files cookie must hold: a value derived from the secret, never the secret itself. */
function staticCookieValue(token: string): string {
  return createHmac('sha256', token).update('static-files').digest('base64url');
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(url: string, origin?: string): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolvePromise, reject) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin });
    socket.on('open', () => {
      socket.close();
      resolvePromise({ status: 101, body: '', headers: {} });
    });
    socket.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
      );
    });
    socket.on('error', (error) => reject(error));
  });
}

const accessDenied = { code: 'ACCESS_DENIED' };
const SECRET = 'not-for-the-browser';

describe('browser mode', () => {
  let root: string;
  let dataDir: string;
  let core: Core;
  let server: BrowserMode;
  let origin: string;
  let cookie: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'guichet-web-'));
    dataDir = join(root, 'data');
    const staticDir = join(root, 'dist-renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html lang="fr"><title>Guichet</title></html>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("guichet");');
    writeFileSync(join(staticDir, '.env'), SECRET);
    writeFileSync(join(root, 'package.json'), SECRET);
    core = createCore({
      dataDir,
      migrationsFolder: resolve('drizzle/local'),
      keyStore: createFileKeyStore(join(dataDir, 'replica.key')),
      demo: 'never',
    });
    server = await startBrowserMode({ core, port: 0, staticDir });
    origin = `http://127.0.0.1:${server.port}`;
    cookie = `guichet_token_${server.port}=${staticCookieValue(server.token)}`;
  });

  afterAll(async () => {
    await server.close();
    core.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('prints a loopback URL carrying a 32-byte base64url token', () => {
    expect(server.url).toBe(`${origin}/?token=${server.token}`);
    expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
  });

  it('keeps the replica key in a file only its owner can read', () => {
    expect(statSync(join(dataDir, 'replica.key')).mode & 0o777).toBe(0o600);
  });

  describe('tRPC over HTTP', () => {
    it.each([
      ['no token', {}],
      ['a wrong token', { 'x-guichet-token': 'x'.repeat(43) }],
      ['the cookie alone', { cookie: `guichet_token_0=${'y'.repeat(43)}` }],
    ])('refuses a call with %s', async (_label, headers) => {
      const answer = await send(server.port, `${workspacePaths.trpc}/session.agents`, { headers });

      expect(answer.status).toBe(401);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body)).toMatchObject(accessDenied);
    });

    it('refuses the valid cookie without the header', async () => {
      const answer = await send(server.port, `${workspacePaths.trpc}/session.agents`, { headers: { cookie } });

      expect(answer.status).toBe(401);
    });

    it('answers a call carrying the token header', async () => {
      const answer = await send(server.port, `${workspacePaths.trpc}/session.agents`, { headers: { 'x-guichet-token': server.token } });

      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ result: { data: [] } });
    });

    it('serves the tRPC client, domain errors included', async () => {
      const client = createTRPCClient<AppRouter>({
        links: [httpBatchLink({ url: `${origin}${workspacePaths.trpc}`, headers: { 'x-guichet-token': server.token } })],
      });
      const agentId = '019a0000-0000-7000-8000-000000000000';

      expect(await client.session.current.query()).toBeNull();
      const error = await client.session.choose.mutate({ agentId }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TRPCClientError);
      expect(error).toMatchObject({ data: { guichet: { code: 'AGENT_NOT_FOUND', args: { agentId } } } });
    });

    it('refuses a request naming another host (DNS rebinding)', async () => {
      const answer = await send(server.port, `${workspacePaths.trpc}/session.agents`, {
        headers: { 'x-guichet-token': server.token, host: `rebound.example:${server.port}` },
      });

      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject(accessDenied);
    });
  });

  describe('tRPC over WebSocket', () => {
    const wsUrl = (token?: string): string =>
      `ws://127.0.0.1:${server.port}${workspacePaths.trpcSocket}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

    it('refuses an upgrade without the token', async () => {
      const answer = await upgradeStatus(wsUrl(), origin);

      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject(accessDenied);
    });

    it('refuses an upgrade with a wrong token', async () => {
      expect((await upgradeStatus(wsUrl('z'.repeat(43)), origin)).status).toBe(401);
    });

    it.each([
      ['a foreign page', 'http://evil.example'],
      ['another local port', 'http://127.0.0.1:1'],
      ['no browser at all (no Origin)', undefined],
    ])('refuses an upgrade with the token from %s', async (_label, foreignOrigin) => {
      const answer = await upgradeStatus(wsUrl(server.token), foreignOrigin);

      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject(accessDenied);
    });

    it('runs a query over a same-origin socket carrying the token', async () => {
      const pageOrigin = origin;
      // What a browser on the printed URL does: the ws package needs to be told the page's Origin.
      class PageWebSocket extends WebSocket {
        constructor(url: string) {
          super(url, { origin: pageOrigin });
        }
      }
      const wsClient = createWSClient({
        url: wsUrl(server.token),
        // @trpc/client types its ponyfill as the DOM WebSocket; the ws package implements the same protocol.
        WebSocket: PageWebSocket as unknown as typeof globalThis.WebSocket,
      });
      const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
      try {
        expect(await client.session.agents.query()).toEqual([]);
      } finally {
        await wsClient.close();
      }
    });
  });

  describe('the static-files cookie (one per port, derived from the secret)', () => {
    it('is named after the port and never holds the secret', async () => {
      const answer = await send(server.port, `/?token=${server.token}`);
      const [setCookie] = answer.headers['set-cookie'] ?? [];

      expect(setCookie).toMatch(new RegExp(`^guichet_token_${server.port}=`));
      expect(setCookie).not.toContain(server.token);
      expect(setCookie).toContain(`=${staticCookieValue(server.token)};`);
    });

    it('is refused as the data token over HTTP', async () => {
      const answer = await send(server.port, `${workspacePaths.trpc}/session.agents`, {
        headers: { 'x-guichet-token': staticCookieValue(server.token), cookie },
      });

      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject(accessDenied);
    });

    it('is refused as the data token over WebSocket', async () => {
      const url = `ws://127.0.0.1:${server.port}${workspacePaths.trpcSocket}?token=${encodeURIComponent(staticCookieValue(server.token))}`;

      expect((await upgradeStatus(url, origin)).status).toBe(401);
    });

    it('does not unlock static files when it carries the raw secret or sits under another port', async () => {
      const raw = await send(server.port, '/assets/app.js', { headers: { cookie: `guichet_token_${server.port}=${server.token}` } });
      const legacy = await send(server.port, '/assets/app.js', { headers: { cookie: `guichet_token=${server.token}` } });
      const otherPort = await send(server.port, '/assets/app.js', {
        headers: { cookie: `guichet_token_${server.port + 1}=${staticCookieValue(server.token)}` },
      });

      expect([raw.status, legacy.status, otherPort.status]).toEqual([401, 401, 401]);
    });
  });

  describe('data answers are never cached, and their bodies are bounded', () => {
    it.each([
      ['an answer', { 'x-guichet-token': 'TOKEN' }],
      ['a refusal', {}],
    ])('sends Cache-Control: no-store on %s of /trpc', async (_label, headers) => {
      const withToken = Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name, value === 'TOKEN' ? server.token : value]),
      );
      const answer = await send(server.port, `${workspacePaths.trpc}/session.agents`, { headers: withToken });

      expect(answer.headers['cache-control']).toBe('no-store');
    });

    it('sends Cache-Control: no-store on a domain error of /trpc', async () => {
      const answer = await send(server.port, `${workspacePaths.trpc}/session.choose`, {
        method: 'POST',
        headers: { 'x-guichet-token': server.token, 'content-type': 'application/json' },
        body: JSON.stringify({ agentId: '019a0000-0000-7000-8000-000000000000' }),
      });

      expect(answer.status).toBe(404);
      expect(answer.headers['cache-control']).toBe('no-store');
    });

    it('sends Cache-Control: no-store on a refused WebSocket upgrade', async () => {
      const answer = await upgradeStatus(`ws://127.0.0.1:${server.port}${workspacePaths.trpcSocket}`, origin);

      expect(answer.status).toBe(401);
      expect(answer.headers['cache-control']).toBe('no-store');
    });

    it('refuses a /trpc body over the limit with a coded 413, before running anything', async () => {
      const body = JSON.stringify({ agentId: 'x'.repeat(2 * 1024 * 1024) });
      const answer = await send(server.port, `${workspacePaths.trpc}/session.choose`, {
        method: 'POST',
        headers: { 'x-guichet-token': server.token, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        body,
      });

      expect(answer.status).toBe(413);
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', args: { limitBytes: expect.any(Number) as number } });
    });

    it('refuses a chunked /trpc body over the limit too', async () => {
      const body = JSON.stringify({ agentId: 'x'.repeat(2 * 1024 * 1024) });
      const answer = await send(server.port, `${workspacePaths.trpc}/session.choose`, {
        method: 'POST',
        headers: { 'x-guichet-token': server.token, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        body,
      });

      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });
  });

  describe('renderer files', () => {
    it('refuses the page without token or cookie', async () => {
      const answer = await send(server.port, '/');

      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject(accessDenied);
    });

    it('refuses a wrong ?token= and a wrong cookie', async () => {
      expect((await send(server.port, `/?token=${'w'.repeat(43)}`)).status).toBe(401);
      expect(
        (await send(server.port, '/assets/app.js', { headers: { cookie: `guichet_token_${server.port}=${'w'.repeat(43)}` } })).status,
      ).toBe(401);
    });

    it('serves the page for ?token= with the session cookie and the workspace CSP', async () => {
      const answer = await send(server.port, `/?token=${server.token}`);

      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.body).toContain('<title>Guichet</title>');
      expect(answer.headers['set-cookie']).toEqual([`${cookie}; HttpOnly; SameSite=Strict; Path=/`]);
      const csp = answer.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
      expect(csp).toContain("frame-ancestors 'none'");
    });

    it('serves assets with the cookie, with their MIME type', async () => {
      const answer = await send(server.port, '/assets/app.js', { headers: { cookie: `theme=dark; ${cookie}` } });

      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.body).toBe('console.log("guichet");');
    });

    it('falls back to index.html for client routes, not for missing assets', async () => {
      const route = await send(server.port, '/citizens/42', { headers: { cookie } });
      const missing = await send(server.port, '/assets/missing.js', { headers: { cookie } });

      expect(route.status).toBe(200);
      expect(route.body).toContain('<title>Guichet</title>');
      expect(missing.status).toBe(404);
      expect(JSON.parse(missing.body)).toEqual({ code: 'RESOURCE_NOT_FOUND', args: {} });
    });

    it.each([
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/..%5c..%5cpackage.json',
      '/..\\package.json',
      '/.env',
      '/%2eenv',
      '/index.html%00.js',
    ])('never serves %s', async (path) => {
      const answer = await send(server.port, path, { headers: { cookie } });

      expect([403, 404]).toContain(answer.status);
      expect(answer.body).not.toContain(SECRET);
    });

    it('answers only GET and HEAD', async () => {
      const post = await send(server.port, '/', { method: 'POST', headers: { cookie } });
      const head = await send(server.port, '/assets/app.js', { method: 'HEAD', headers: { cookie } });

      expect(post.status).toBe(405);
      expect(JSON.parse(post.body)).toEqual({ code: 'MALFORMED_REQUEST', args: { reason: 'method_not_allowed' } });
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
    });
  });
});
