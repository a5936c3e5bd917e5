import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The public pages' browser code (src-public) is built by vite into `dist-public`, which the central service
 * serves. `npm start` (scripts/start.mjs) rebuilds it when it is missing or older than its sources, as it does
 * for the workspace's renderer; a deployment runs `npm run build:public`.
 */
const publicSources = ['src-public', 'src-shared/http', 'vite.public.config.ts', 'package-lock.json'];

export function publicBuildIsCurrent(repoRoot: string, outDir: string): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return false;
  const builtAt = statSync(index).mtimeMs;
  return publicSources.every((source) => newestChange(join(repoRoot, source)) <= builtAt);
}

export async function buildPublicPages(repoRoot: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'vite.public.config.ts'), logLevel: 'warn' });
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
