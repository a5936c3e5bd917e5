import { exposeElectronTRPC } from 'trpc-electron/main';

/**
 * The preload's only job: expose trpc-electron's bridge (`window.electronTRPC`, one IPC channel) to the
 * isolated page. Nothing else crosses contextBridge: no ipcRenderer, no Node, no generic invoke.
 */
exposeElectronTRPC();
