/**
 * The browser-mode workspace of `npm run bench:ui`, in its own process: its memory and event loop are then
 * the workspace's alone, as on an agent's machine, and not the benchmark's or Playwright's.
 *
 * Started by ui-workspace.ts with fork(); its options come as one JSON argument. It opens the replica in
 * `dataDir` (standalone: no central service, no demo seeding), serves browser mode, sends its URL and how
 * long it took from the process start, then answers the parent's IPC requests (see ui-workspace.ts).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../src-main/core/create-core';
import { createFileKeyStore } from '../../src-main/db/key-store';
import { startBrowserMode } from '../../src-main/web/browser-mode';
import type { WorkspaceChildOptions, WorkspaceChildReply, WorkspaceChildRequest } from './ui-workspace';

// Imports are evaluated before this line: the time to here is loading (and tsx compiling) the main core.
const importedAtMs = performance.now();
const options = JSON.parse(process.argv[2] ?? '{}') as WorkspaceChildOptions;

function send(message: WorkspaceChildReply): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const core = createCore({
    dataDir: options.dataDir,
    migrationsFolder: options.migrationsFolder,
    keyStore: createFileKeyStore(join(options.dataDir, 'replica.key')),
    demo: 'never',
    centralUrl: null,
  });
  const server = await startBrowserMode({ core, staticDir: options.staticDir });
  // performance.now() counts from this process's start: the main core's own share of a cold start.
  send({ type: 'listening', url: server.url, sinceProcessStartMs: performance.now(), importedAtMs });

  process.on('message', (message: WorkspaceChildRequest) => {
    if (message.type === 'memory') {
      send({ type: 'memory', rssBytes: process.memoryUsage().rss });
      return;
    }
    void server
      .close()
      .finally(() => core.close())
      .then(() => process.exit(0));
  });
  // The parent went away without asking: do not outlive it.
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
