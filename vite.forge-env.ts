import type { ConfigEnv } from 'vite';

/**
 * @electron-forge/plugin-vite calls the Vite configs with its own fields in the env; `vite build` run
 * directly (npm run build:renderer) does not. These helpers let one config serve both.
 */
interface ForgeFields {
  forgeConfigSelf: { entry?: unknown; name?: unknown };
}

function forgeFields(env: ConfigEnv): ForgeFields | null {
  const candidate: unknown = Reflect.get(env, 'forgeConfigSelf');
  return typeof candidate === 'object' && candidate !== null ? { forgeConfigSelf: candidate } : null;
}

/** The entry given in forge.config.ts, so it is written in one place. */
export function forgeEntry(env: ConfigEnv, fallback: string): string {
  const entry = forgeFields(env)?.forgeConfigSelf.entry;
  return typeof entry === 'string' ? entry : fallback;
}

/** The renderer's name in forge.config.ts, or null when Vite runs outside Forge. */
export function forgeRendererName(env: ConfigEnv): string | null {
  const name = forgeFields(env)?.forgeConfigSelf.name;
  return typeof name === 'string' ? name : null;
}
