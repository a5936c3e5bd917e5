import type { BrowserWindow } from 'electron';
import { createIPCHandler } from 'trpc-electron/main';
import type { Core } from '../core/create-core';
import type { TrpcContext } from '../trpc/trpc';

/** What the trust check reads from an IPC event (a subset of Electron's IpcMainEvent). */
export interface IpcSenderInfo {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * The whole RPC surface of the window: the core's tRPC router on trpc-electron's single channel. No other
 * IPC channel exists (one validated surface, no generic `invoke` tunnel).
 */
export function serveCoreOverIpc(options: { core: Core; window: BrowserWindow; isTrustedUrl: (frameUrl: string) => boolean }): void {
  const { core, window, isTrustedUrl } = options;
  createIPCHandler({
    router: core.router,
    windows: [window],
    createContext: async ({ event }): Promise<TrpcContext> => {
      // trpc-electron leaves a failing createContext unanswered: a foreign frame gets nothing back.
      if (!isTrustedIpcSender(event, window, isTrustedUrl)) {
        throw new Error(`IPC refused from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      }
      return core.createContext();
    },
  });
}

/**
 * Checklist #17 (validate the sender of every IPC message): only our window's top frame, still showing our
 * app, may call the core; not a subframe, not a page the window was somehow navigated to.
 */
export function isTrustedIpcSender(
  event: IpcSenderInfo,
  window: { isDestroyed(): boolean; readonly webContents: unknown },
  isTrustedUrl: (frameUrl: string) => boolean,
): boolean {
  const frame = event.senderFrame;
  return !window.isDestroyed() && event.sender === window.webContents && frame !== null && frame.parent === null && isTrustedUrl(frame.url);
}
