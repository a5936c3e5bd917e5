import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SettingError } from '../src-shared/errors';

/**
 * The central service's configuration, parsed once at start-up from the environment and the command line.
 * Anything wrong is reported in one line (a `SettingError`) and the process exits with code 2.
 */
export interface CentralConfig {
  /** PostgreSQL connection string; null runs on PGlite inside `dataDir`. */
  databaseUrl: string | null;
  databasePoolSize: number;
  dataDir: string;
  /** PGlite's folder (`<dataDir>/pglite`), or null for an in-memory database (tests). */
  pgliteDir: string | null;
  port: number;
  host: string;
  logLevel: LogLevel;
  updatesDir: string;
  /** A session unused this long ends; each authenticated request extends it again (sliding expiry). */
  sessionIdleHours: number;
  /** However active, a session ends this long after its sign-in. */
  sessionMaxDays: number;
  demo: boolean;
  migrationsDir: string;
  /** Addresses/CIDRs of the proxies whose X-Forwarded-For is believed (TRUST_PROXY); empty trusts none. */
  trustProxy: string[];
  /** Pushes an agent may sustain a second (0: no limit) and send at once (PUSH_RATE_PER_SECOND, PUSH_BURST). */
  pushRatePerSecond: number;
  pushBurst: number;
  /** Days a pushed mutation's arguments are kept in the mutation log (MUTATION_ARGS_RETENTION_DAYS). */
  mutationArgsRetentionDays: number;
  /** Days audit rows are kept (AUDIT_RETENTION_DAYS). */
  auditRetentionDays: number;
  /** Days each workspace keeps its own audit rows (LOCAL_AUDIT_RETENTION_DAYS), handed to it at sign-in. */
  localAuditRetentionDays: number;
  /**
   * The address citizens reach the public pages at (GUICHET_PUBLIC_URL, no trailing slash): survey links, QR
   * codes, emails. Null: the address the service listens on (fine on one machine, not for posters).
   */
  publicUrl: string | null;
  /** `smtp://` or `smtps://` with optional credentials (GUICHET_SMTP_URL); null: no email is sent, campaigns say so. */
  smtpUrl: string | null;
  /** The sender of the city's emails (GUICHET_MAIL_FROM), e.g. `Ville de Guichet <participation@ville.fr>`. */
  mailFrom: string | null;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const blankAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalText = z.preprocess(blankAsUndefined, z.string().optional());
const integerIn = (min: number, max: number) => z.preprocess(blankAsUndefined, z.coerce.number().int().min(min).max(max).optional());

/** proxy-addr's named ranges, which Fastify's trustProxy accepts beside addresses and CIDRs. */
const namedRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (namedRanges.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const proxyList = z.preprocess(
  blankAsUndefined,
  z
    .string()
    .transform((value) => value.split(',').map((entry) => entry.trim()))
    .refine((entries) => entries.every(isAddressOrCidr), {
      message: 'must be comma-separated IP addresses or CIDR ranges of trusted proxies (e.g. 10.0.0.5,192.168.0.0/16)',
    })
    .optional(),
);

const envSchema = z.object({
  DATABASE_URL: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
  ),
  DATABASE_POOL_SIZE: integerIn(1, 200),
  GUICHET_DATA_DIR: optionalText,
  GUICHET_UPDATES_DIR: optionalText,
  GUICHET_MIGRATIONS_DIR: optionalText,
  PORT: integerIn(0, 65_535),
  HOST: optionalText,
  LOG_LEVEL: z.preprocess(blankAsUndefined, z.enum(logLevels).optional()),
  // Up to 90 days: the desktop works offline for days and must not lose its session meanwhile.
  SESSION_IDLE_HOURS: integerIn(1, 24 * 90),
  // The former name of SESSION_IDLE_HOURS, still read when the new one is not set.
  SESSION_TTL_HOURS: integerIn(1, 24 * 90),
  TRUST_PROXY: proxyList,
  PUSH_RATE_PER_SECOND: z.preprocess(blankAsUndefined, z.coerce.number().min(0).max(100_000).optional()),
  PUSH_BURST: integerIn(1, 1_000_000),
  MUTATION_ARGS_RETENTION_DAYS: integerIn(1, 36_500),
  AUDIT_RETENTION_DAYS: integerIn(1, 36_500),
  LOCAL_AUDIT_RETENTION_DAYS: integerIn(1, 36_500),
  SESSION_MAX_DAYS: integerIn(1, 366),
  GUICHET_PUBLIC_URL: z.preprocess(
    blankAsUndefined,
    z
      .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL (the address citizens reach)' })
      .transform((value) => value.replace(/\/+$/, ''))
      .refine((value) => !/[?#]/.test(value), { message: 'must have no query nor fragment' })
      .optional(),
  ),
  GUICHET_SMTP_URL: z.preprocess(
    blankAsUndefined,
    z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL (smtp://user:password@host:587)' }).optional(),
  ),
  GUICHET_MAIL_FROM: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .max(320)
      .refine((value) => /^([^<>\r\n]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/.test(value.trim()), {
        message: 'must be an email address, optionally with a name: Ville <participation@ville.fr>',
      })
      .optional(),
  ),
});

export interface ConfigSources {
  env: Record<string, string | undefined>;
  argv: readonly string[];
  /** Where the committed migrations are when GUICHET_MIGRATIONS_DIR is not set (tests pass their own). */
  defaultMigrationsDir: string;
  platform?: NodeJS.Platform;
}

/**
 * The committed migrations, beside this source tree: the default of GUICHET_MIGRATIONS_DIR, which a deployment
 * that moves the files sets.
 */
export const defaultMigrationsDir = fileURLToPath(new URL('../drizzle/central', import.meta.url));

/** Parses the configuration or ends the process with one line and exit code 2 (no stack): the entry points'. */
export function configOrExit(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CentralConfig {
  try {
    return parseCentralConfig({ env, argv, defaultMigrationsDir });
  } catch (error) {
    if (!(error instanceof SettingError)) throw error;
    process.stderr.write(`guichet central: invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
}

export function parseCentralConfig(sources: ConfigSources): CentralConfig {
  const demo = parseArgv(sources.argv);
  const parsed = envSchema.safeParse(sources.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SettingError(`${String(issue?.path[0] ?? 'environment')}: ${issue?.message ?? 'invalid'}`);
  }
  const env = parsed.data;
  if (env.GUICHET_SMTP_URL !== undefined && env.GUICHET_MAIL_FROM === undefined)
    throw new SettingError('GUICHET_MAIL_FROM: required when GUICHET_SMTP_URL is set (the sender of survey emails)');
  const dataDir = resolve(env.GUICHET_DATA_DIR ?? defaultDataDir(sources.env, sources.platform ?? process.platform));
  return {
    databaseUrl: env.DATABASE_URL ?? null,
    databasePoolSize: env.DATABASE_POOL_SIZE ?? 10,
    dataDir,
    pgliteDir: join(dataDir, 'pglite'),
    port: env.PORT ?? 8787,
    host: env.HOST ?? '127.0.0.1',
    logLevel: env.LOG_LEVEL ?? 'info',
    updatesDir: resolve(env.GUICHET_UPDATES_DIR ?? join(dataDir, 'updates')),
    sessionIdleHours: env.SESSION_IDLE_HOURS ?? env.SESSION_TTL_HOURS ?? 24 * 14,
    sessionMaxDays: env.SESSION_MAX_DAYS ?? 90,
    demo,
    migrationsDir: resolve(env.GUICHET_MIGRATIONS_DIR ?? sources.defaultMigrationsDir),
    trustProxy: env.TRUST_PROXY ?? [],
    // Far above a person's pace (a workspace pushes once per write, up to 500 mutations a push), far below a script's.
    pushRatePerSecond: env.PUSH_RATE_PER_SECOND ?? 20,
    pushBurst: env.PUSH_BURST ?? 100,
    // Long enough to investigate a disputed change, short enough that the log is not a second citizen file.
    mutationArgsRetentionDays: env.MUTATION_ARGS_RETENTION_DAYS ?? 90,
    auditRetentionDays: env.AUDIT_RETENTION_DAYS ?? 365,
    // The laptop's copy only serves the agent's recent history; the central audit is the record.
    localAuditRetentionDays: env.LOCAL_AUDIT_RETENTION_DAYS ?? 90,
    publicUrl: env.GUICHET_PUBLIC_URL ?? null,
    smtpUrl: env.GUICHET_SMTP_URL ?? null,
    mailFrom: env.GUICHET_MAIL_FROM?.trim() ?? null,
  };
}

function parseArgv(argv: readonly string[]): boolean {
  let demo = false;
  for (const argument of argv) {
    if (argument === '--demo') demo = true;
    else throw new SettingError(`unknown argument ${JSON.stringify(argument)} (the only option is --demo)`);
  }
  return demo;
}

/** The OS user-data folder + /Guichet/central, beside browser mode's data (src-main/web/data-dir.ts). */
function defaultDataDir(env: Record<string, string | undefined>, platform: NodeJS.Platform): string {
  const home = homedir();
  let base: string;
  if (platform === 'win32') base = env['APPDATA'] || join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') base = join(home, 'Library', 'Application Support');
  else base = env['XDG_DATA_HOME'] || join(home, '.local', 'share');
  return join(base, 'Guichet', 'central');
}
