import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Browser mode serves the built renderer (`dist-renderer`), and the central service the surveys' public pages
 * (`dist-public`, from src-public). A newcomer's first `npm start`, or an engineer who just changed the UI,
 * should not have to remember `npm run build:renderer` or `build:public`: the launchers rebuild a bundle when
 * it is missing or older than its sources.
 */
export const bundles = {
  renderer: { config: 'vite.renderer.config.ts', sources: ['src-renderer', 'src-shared', 'vite.renderer.config.ts', 'package-lock.json'] },
  public: { config: 'vite.public.config.ts', sources: ['src-public', 'src-shared/http', 'vite.public.config.ts', 'package-lock.json'] },
} as const;

export type Bundle = keyof typeof bundles;

/** Whether `outDir` holds a build of `bundle` newer than every one of its sources. */
export function bundleIsCurrent(bundle: Bundle, repoRoot: string, outDir: string): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return false;
  const builtAt = statSync(index).mtimeMs;
  return bundles[bundle].sources.every((source) => newestChange(join(repoRoot, source)) <= builtAt);
}

/** Builds with the project's own vite config of the bundle (the renderer's is the one Electron Forge uses). */
export async function buildBundle(bundle: Bundle, repoRoot: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, bundles[bundle].config), logLevel: 'warn' });
}

export const rendererBuildIsCurrent = (repoRoot: string, outDir: string) => bundleIsCurrent('renderer', repoRoot, outDir);
export const buildRenderer = (repoRoot: string) => buildBundle('renderer', repoRoot);

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
