import { fileURLToPath } from 'node:url';
import { isGuichetError } from '../src-shared/errors';
import { ConfigError, parseCentralConfig, type CentralConfig } from './config';

/** The committed migrations, found from this entry file: only entry points know where they run from. */
export const defaultMigrationsDir = fileURLToPath(new URL('../drizzle/central', import.meta.url));

/** Parses the configuration or ends the process with one line and exit code 2 (no stack). */
export function configOrExit(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CentralConfig {
  try {
    return parseCentralConfig({ env, argv, defaultMigrationsDir });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`guichet central: invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
}

/** One line for errors the operator can act on (coded ones), the whole error otherwise. */
export function describeFatal(error: unknown): string {
  if (isGuichetError(error)) return `${error.code} ${JSON.stringify(error.args)}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
