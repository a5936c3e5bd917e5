import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Browser mode serves the built renderer (`dist-renderer`). A newcomer's first `npm start`, or an engineer
 * who just changed the UI, should not have to remember `npm run build:renderer`: the launchers rebuild it
 * when it is missing or older than its sources.
 */
const rendererSources = ['src-renderer', 'src-shared', 'vite.renderer.config.ts', 'package-lock.json'];

export function rendererBuildIsCurrent(repoRoot: string, outDir: string): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return false;
  const builtAt = statSync(index).mtimeMs;
  return rendererSources.every((source) => newestChange(join(repoRoot, source)) <= builtAt);
}

/** Builds with the project's own renderer config (the same one Electron Forge uses). */
export async function buildRenderer(repoRoot: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'vite.renderer.config.ts'), logLevel: 'warn' });
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestChange(join(path, entry.name)));
  }
  return newest;
}
