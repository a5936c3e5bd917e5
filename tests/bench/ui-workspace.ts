/**
 * `npm run bench:ui`'s workspace: browser mode on a copy of the bench replica, in a child process
 * (ui-workspace-child.ts), so its RSS is the workspace's own.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface WorkspaceChildOptions {
  dataDir: string;
  staticDir: string;
  migrationsFolder: string;
}

export type WorkspaceChildRequest = { type: 'memory' } | { type: 'stop' };

export type WorkspaceChildReply =
  | { type: 'listening'; url: string; sinceProcessStartMs: number; importedAtMs: number }
  | { type: 'memory'; rssBytes: number }
  | { type: 'failed'; message: string };

/** A folder holding a copy of the bench replica and its key: the actions write, the cache stays as it was. */
export interface WorkspaceData {
  dataDir: string;
  remove(): void;
}

export function copyReplica(replicaFile: string, key: Buffer): WorkspaceData {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-bench-ui-'));
  copyFileSync(replicaFile, join(dataDir, 'replica.db'));
  writeFileSync(join(dataDir, 'replica.key'), key.toString('hex'), { mode: 0o600 });
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export interface RunningWorkspace {
  url: string;
  /** When fork() was called (this process's performance clock). */
  spawnedAt: number;
  /** The child's own count from its process start to listening: the main core's share of a cold start. */
  listeningAfterMs: number;
  /** Of which loading the main core's modules (compiled by tsx on the fly, as `npm run start:web` does). */
  modulesLoadedAfterMs: number;
  rssBytes(): Promise<number>;
  stop(): Promise<void>;
}

export async function startWorkspaceProcess(options: WorkspaceChildOptions): Promise<RunningWorkspace> {
  const spawnedAt = performance.now();
  const child: ChildProcess = fork(join(import.meta.dirname, 'ui-workspace-child.ts'), [JSON.stringify(options)], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const nextReply = <T extends WorkspaceChildReply['type']>(type: T): Promise<Extract<WorkspaceChildReply, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (reply: WorkspaceChildReply) => {
        if (reply.type !== type && reply.type !== 'failed') return;
        child.off('message', onMessage);
        if (reply.type === 'failed') reject(new Error(`workspace child: ${reply.message}`));
        else resolve(reply as Extract<WorkspaceChildReply, { type: T }>);
      };
      child.on('message', onMessage);
      void exited.then((code) => reject(new Error(`the workspace child exited (code ${String(code)})`)));
    });
  const listening = await nextReply('listening').catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  return {
    url: listening.url,
    spawnedAt,
    listeningAfterMs: listening.sinceProcessStartMs,
    modulesLoadedAfterMs: listening.importedAtMs,
    rssBytes: async () => {
      const reply = nextReply('memory');
      child.send({ type: 'memory' } satisfies WorkspaceChildRequest);
      return (await reply).rssBytes;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.send({ type: 'stop' } satisfies WorkspaceChildRequest);
      const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
