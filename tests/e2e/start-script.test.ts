import { PGlite } from '@electric-sql/pglite';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink, type TRPCClient } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoCitySize, demoPassword } from '../../src-central/demo';
import type { AppRouter } from '../../src-main/trpc/root';
import { WorkspaceShell } from './pages/workspace-shell';
import { launchChromium } from './support/chromium';
import { waitUntilReady } from './support/session';
import { workspacePaths } from '../../src-shared/http/endpoints';

const repoRoot = join(import.meta.dirname, '..', '..');
const centralLine = /^Service central : (http:\/\/127\.0\.0\.1:\d+) /m;
const workspaceLine = /^Guichet \(mode navigateur\) — poste (\d) : (http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]{43})$/gm;

interface Launched {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  centralUrl: string;
  workspaces: { origin: string; token: string }[];
}

/**
 * `npm start -- --web` as a newcomer runs it, in its own process group (the launcher and the esbuild service
 * tsx starts): no central service configured, a fresh data folder, nothing else said (two workspaces is the
 * default beside the embedded central service). Resolves once it has printed the central service's URL and
 * both workspaces'.
 */
function launch(dataDir: string, timeoutMs: number): Promise<Launched> {
  const env: NodeJS.ProcessEnv = { ...process.env, GUICHET_DATA_DIR: dataDir };
  for (const name of ['GUICHET_CENTRAL_URL', 'GUICHET_STANDALONE', 'GUICHET_PORT', 'GUICHET_WORKSPACES']) delete env[name];
  const child = spawn(process.execPath, [join(repoRoot, 'scripts', 'start.mjs'), '--web'], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URLs after ${timeoutMs} ms\n${stdout}\n${stderr}`)), timeoutMs);
    void exited.then(({ code, signal }) =>
      reject(new Error(`the launcher exited (${code ?? signal}) before printing its URLs\n${stdout}\n${stderr}`)),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const central = centralLine.exec(stdout)?.[1];
      const workspaces = [...stdout.matchAll(workspaceLine)].map(([, index, origin, token]) => ({
        index: Number(index),
        origin: origin!,
        token: token!,
      }));
      if (central === undefined || workspaces.length < 2) return;
      clearTimeout(timer);
      resolve({
        child,
        exited,
        centralUrl: central,
        workspaces: workspaces.sort((a, b) => a.index - b.index).map(({ origin, token }) => ({ origin, token })),
      });
    });
  });
}

/** What the renderer does: queries over HTTP with the token header, subscriptions over a same-origin socket. */
function workspaceClient(origin: string, token: string): { client: TRPCClient<AppRouter>; close(): Promise<void> } {
  class PageWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  }
  const wsClient = createWSClient({
    url: `${origin.replace(/^http/, 'ws')}${workspacePaths.trpcSocket}?token=${token}`,
    // @trpc/client types its ponyfill as the DOM WebSocket; the ws package implements the same protocol.
    WebSocket: PageWebSocket as unknown as typeof globalThis.WebSocket,
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (operation) => operation.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: `${origin}${workspacePaths.trpc}`, headers: { 'x-guichet-token': token } }),
      }),
    ],
  });
  return { client, close: () => wsClient.close() };
}

/** Resolves once `holds` is true: checked when the subscription starts and at each change of the workspace. */
function whenWorkspace(client: TRPCClient<AppRouter>, what: string, holds: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let checking: Promise<void> = Promise.resolve();
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      subscription.unsubscribe();
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    // One check at a time, in order: a change during a check is looked at after it.
    const check = () => {
      checking = checking
        .then(async () => {
          if (!settled && (await holds())) settle();
        })
        .catch(settle);
    };
    const timer = setTimeout(() => settle(new Error(`${what}: not after ${timeoutMs} ms`)), timeoutMs);
    const subscription = client.sync.changes.subscribe(undefined, { onStarted: check, onData: check, onError: settle });
  });
}

describe('npm start --web with no central service configured', () => {
  let root: string;
  let launched: Launched;
  const clients: ReturnType<typeof workspaceClient>[] = [];
  /** The comment the live test wrote: the central service's database must still hold it after the stop. */
  let written: string | null = null;

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'dist-renderer', 'index.html'))) {
      throw new Error('The renderer is not built: npm run build:renderer (npm run test:e2e does it)');
    }
    root = mkdtempSync(join(tmpdir(), 'guichet-e2e-start-'));
    const started = performance.now();
    launched = await launch(join(root, 'data'), 150_000);
    console.info(`launcher printed its URLs in ${Math.round(performance.now() - started)} ms`);
  }, 180_000);
  afterAll(async () => {
    for (const opened of clients) await opened.close();
    if (launched !== undefined && launched.child.exitCode === null && launched.child.signalCode === null) {
      process.kill(-launched.child.pid!, 'SIGKILL');
      await launched.exited;
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('starts an embedded central service on PGlite in the data folder, and two workspaces with it', async () => {
    const health = await fetch(`${launched.centralUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });
    expect(existsSync(join(root, 'data', 'central', 'pglite'))).toBe(true);
    expect(existsSync(join(root, 'data', 'replica.db'))).toBe(true);
    expect(existsSync(join(root, 'data', 'workspace-2', 'replica.db'))).toBe(true);

    const [first, second] = launched.workspaces;
    expect(first!.origin).not.toBe(second!.origin);
    for (const { origin, token } of launched.workspaces) {
      const page = await fetch(`${origin}/?token=${token}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('<div id="root"');
    }
  });

  it('signs a demo agent in at each workspace, brings each the demo city, and syncs a comment live', async () => {
    const agents = ['camille.accueil@rivebelle.example', 'samir.accueil@rivebelle.example'];
    const [camille, samir] = launched.workspaces.map(({ origin, token }) => {
      const opened = workspaceClient(origin, token);
      clients.push(opened);
      return opened.client;
    }) as [TRPCClient<AppRouter>, TRPCClient<AppRouter>];

    for (const [index, client] of [camille, samir].entries()) {
      expect(await client.sync.status.query()).toMatchObject({
        configured: true,
        signedIn: false,
        live: false,
        centralUrl: launched.centralUrl,
      });
      const agent = await client.sync.signIn.mutate({ email: agents[index]!, password: demoPassword });
      expect(agent.email).toBe(agents[index]);
      expect(await client.session.current.query()).toMatchObject({ id: agent.id, email: agents[index] });
    }
    // Caught up (the first sync done) and listening for pokes.
    for (const client of [camille, samir]) {
      await whenWorkspace(client, 'first sync and poke socket', async () => {
        const status = await client.sync.status.query();
        return status.live && status.lastSyncAt !== null && status.progress === null;
      });
      expect(await client.sync.status.query()).toMatchObject({ signedIn: true, online: true, live: true, pending: 0, inbox: 0 });
      // Both are counter agents of every department: the whole demo city.
      expect((await client.case.list.query({ limit: 1 })).total).toBe(demoCitySize.cases);
    }

    const listed = await camille.case.list.query({ limit: 1, sort: { field: 'trackingCode', direction: 'asc' } });
    const caseId = listed.rows[0]!.id;
    const body = `Vu au guichet ${Date.now()}`;
    const hasComment = async () =>
      (await samir.case.detail.query({ id: caseId })).events.some((event) => event.type === 'internal_note' && event.data['body'] === body);
    expect(await hasComment()).toBe(false);
    // Well within the workspace's periodic sync (a minute): what brings the comment is the poke.
    const arrived = whenWorkspace(samir, 'the other workspace’s comment', hasComment, 15_000);
    await camille.case.comment.mutate({ caseId, visibility: 'internal', body });
    await arrived;
    expect(await camille.sync.status.query()).toMatchObject({ pending: 0 });
    written = body;
  });

  it('keeps both workspaces working in one browser: the first still reloads after the second was opened', async () => {
    const [first, second] = launched.workspaces as [{ origin: string; token: string }, { origin: string; token: string }];
    const opened = workspaceClient(first.origin, first.token);
    clients.push(opened);
    const firstAgent = await opened.client.session.current.query();
    const browser = await launchChromium();
    try {
      const firstPage = await browser.context.newPage();
      await firstPage.goto(`${first.origin}/?token=${first.token}`);
      await waitUntilReady(firstPage);
      const secondPage = await browser.context.newPage();
      await secondPage.goto(`${second.origin}/?token=${second.token}`);
      await waitUntilReady(secondPage);

      // The page dropped the token from its address: the reload rests on the first workspace's own cookie.
      expect(firstPage.url()).toBe(`${first.origin}/`);
      const reloaded = await firstPage.reload();
      expect(reloaded?.status()).toBe(200);
      await waitUntilReady(firstPage);
      expect(await new WorkspaceShell(firstPage).currentAgent()).toBe(firstAgent?.name);
      // And the second, reloaded in turn, is not cut off by the first one's cookie either.
      expect((await secondPage.reload())?.status()).toBe(200);
      await waitUntilReady(secondPage);
    } finally {
      await browser.close();
    }
  });

  it('stops, central service included, when its process group is sent SIGTERM', async () => {
    for (const opened of clients.splice(0)) await opened.close();
    process.kill(-launched.child.pid!, 'SIGTERM');
    expect(await launched.exited).toEqual({ code: 0, signal: null });
    await expect(fetch(`${launched.centralUrl}/health`)).rejects.toThrow();
    for (const { origin } of launched.workspaces) await expect(fetch(`${origin}/`)).rejects.toThrow();
    // PGlite was closed, not killed: a process killed leaves its postmaster.pid, and the next start recovers.
    expect(existsSync(join(root, 'data', 'central', 'pglite', 'postmaster.pid'))).toBe(false);
    const reopened = await PGlite.create(join(root, 'data', 'central', 'pglite'));
    try {
      const found = await reopened.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM case_events WHERE type = 'internal_note' AND data->>'body' = $1`,
        [written],
      );
      expect(found.rows).toEqual([{ n: 1 }]);
    } finally {
      await reopened.close();
    }
  });
});
