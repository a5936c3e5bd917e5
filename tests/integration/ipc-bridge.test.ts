import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TRPCClientError } from '@trpc/client';
import type { BrowserWindow } from 'electron';
import { ELECTRON_TRPC_CHANNEL } from 'trpc-electron/renderer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../src-main/core/create-core';
import { createFileKeyStore } from '../../src-main/db/key-store';
import { isTrustedIpcSender, serveCoreOverIpc } from '../../src-main/electron/ipc';
import { createAppTrpcClient } from '../../src-renderer/app/transport';

/**
 * The Electron IPC bridge, end to end in plain Node: the real trpc-electron handler (main side), the real
 * preload (exposeElectronTRPC) and the renderer's real tRPC client, which picks trpc-electron's ipcLink
 * when the preload's bridge is present. The only stand-in is Electron's
 * ipcMain/ipcRenderer/contextBridge trio, which cannot run without Electron's binary: it delivers
 * messages asynchronously and structured-clones them, as Electron does between processes.
 */
const electron = vi.hoisted(() => {
  type Listener = (event: unknown, message: unknown) => void;
  const channelsUsed = new Set<string>();
  const mainListeners = new Map<string, Listener[]>();
  const rendererListeners = new Map<string, Listener[]>();
  const listen = (listeners: Map<string, Listener[]>, channel: string, listener: Listener): void => {
    channelsUsed.add(channel);
    listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
  };
  const deliver = (listeners: Map<string, Listener[]>, channel: string, event: unknown, message: unknown): void => {
    channelsUsed.add(channel);
    const copy = structuredClone(message);
    setImmediate(() => {
      for (const listener of listeners.get(channel) ?? []) listener(event, copy);
    });
  };
  const webContents = { id: 1, isDestroyed: () => false, on: () => webContents };
  const window = { webContents, isDestroyed: () => false };
  const topFrame = { url: 'app://guichet/index.html', parent: null, routingId: 1 };
  const mainEvent = {
    sender: webContents,
    senderFrame: topFrame,
    reply: (channel: string, message: unknown) => deliver(rendererListeners, channel, {}, message),
  };
  const module = {
    ipcMain: { on: (channel: string, listener: Listener) => listen(mainListeners, channel, listener) },
    ipcRenderer: {
      send: (channel: string, message: unknown) => deliver(mainListeners, channel, mainEvent, message),
      on: (channel: string, listener: Listener) => listen(rendererListeners, channel, listener),
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        Reflect.set(globalThis, key, api);
      },
    },
  };
  return { module, window, webContents, topFrame, channelsUsed };
});

vi.mock('electron', () => electron.module);

const isAppUrl = (url: string): boolean => url.startsWith('app://guichet/');

describe('IPC bridge (trpc-electron, one channel)', () => {
  let dataDir: string;
  let core: Core;
  let client: ReturnType<typeof createAppTrpcClient>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'guichet-ipc-'));
    core = createCore({
      dataDir,
      migrationsFolder: resolve('drizzle/local'),
      keyStore: createFileKeyStore(join(dataDir, 'replica.key')),
      demo: 'if-empty',
    });
    // The stand-in window offers exactly what trpc-electron and ipc.ts read: webContents and isDestroyed.
    serveCoreOverIpc({ core, window: electron.window as unknown as BrowserWindow, isTrustedUrl: isAppUrl });
    await import('../../src-main/electron/preload');
    // On the Electron path the client only looks for the preload's `electronTRPC` global; Node has no Window.
    client = createAppTrpcClient(globalThis as Window & typeof globalThis);
  });

  afterAll(() => {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a query with the core’s data', async () => {
    const agents = await client.session.agents.query();
    const direct = core.router.createCaller(core.createContext());

    expect(agents.length).toBeGreaterThan(0);
    expect(agents).toEqual(await direct.session.agents());
  });

  it('runs a mutation whose effect the next query sees', async () => {
    const [agent] = await client.session.agents.query();
    if (agent === undefined) throw new Error('the demo city has agents');

    const chosen = await client.session.choose.mutate({ agentId: agent.id });

    expect(chosen.id).toBe(agent.id);
    expect(await client.session.current.query()).toEqual(chosen);
  });

  it('delivers a domain error with its catalogue code and arguments', async () => {
    const agentId = '019a0000-0000-7000-8000-000000000000';

    const error = await client.session.choose.mutate({ agentId }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TRPCClientError);
    expect(error).toMatchObject({ data: { code: 'NOT_FOUND', guichet: { code: 'AGENT_NOT_FOUND', args: { agentId } } } });
  });

  it('reports invalid input as VALIDATION_FAILED', async () => {
    const error = await client.session.choose.mutate({ agentId: 'not-an-id' }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ data: { guichet: { code: 'VALIDATION_FAILED' } } });
  });

  it('used one channel only, trpc-electron’s', () => {
    expect([...electron.channelsUsed]).toEqual([ELECTRON_TRPC_CHANNEL]);
  });
});

describe('IPC sender check (Electron security checklist #17)', () => {
  const window = { webContents: electron.webContents, isDestroyed: () => false };
  const fromTopFrame = { sender: electron.webContents, senderFrame: electron.topFrame };

  it('trusts the window’s top frame showing the app', () => {
    expect(isTrustedIpcSender(fromTopFrame, window, isAppUrl)).toBe(true);
  });

  it.each([
    ['another page loaded in the window', { ...fromTopFrame, senderFrame: { url: 'https://example.org/', parent: null } }],
    ['a subframe', { ...fromTopFrame, senderFrame: { url: 'app://guichet/index.html', parent: electron.topFrame } }],
    ['a destroyed frame', { ...fromTopFrame, senderFrame: null }],
    ['another WebContents', { ...fromTopFrame, sender: { id: 2 } }],
  ])('refuses %s', (_label, event) => {
    expect(isTrustedIpcSender(event, window, isAppUrl)).toBe(false);
  });

  it('refuses everything once the window is destroyed', () => {
    expect(isTrustedIpcSender(fromTopFrame, { ...window, isDestroyed: () => true }, isAppUrl)).toBe(false);
  });
});
