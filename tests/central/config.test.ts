import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingError } from '../../src-shared/errors';
import { parseCentralConfig } from '../../src-central/config';

const repoRoot = join(import.meta.dirname, '..', '..');
const parse = (env: Record<string, string | undefined>, argv: string[] = [], platform: NodeJS.Platform = 'linux') =>
  parseCentralConfig({ env, argv, defaultMigrationsDir: '/opt/guichet/drizzle/central', platform });

function runMain(env: Record<string, string>, argv: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src-central/main.ts', ...argv],
      { cwd: repoRoot, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : (error.code as number | null), stdout, stderr }),
    );
  });
}

describe('central configuration', () => {
  it('has defaults for a zero-setup start on PGlite', () => {
    expect(parse({ HOME: '/home/camille', XDG_DATA_HOME: '/home/camille/.local/share' })).toEqual({
      databaseUrl: null,
      databasePoolSize: 10,
      dataDir: '/home/camille/.local/share/Guichet/central',
      pgliteDir: '/home/camille/.local/share/Guichet/central/pglite',
      port: 8787,
      host: '127.0.0.1',
      logLevel: 'info',
      updatesDir: '/home/camille/.local/share/Guichet/central/updates',
      sessionIdleHours: 24 * 14,
      sessionMaxDays: 90,
      demo: false,
      migrationsDir: '/opt/guichet/drizzle/central',
      trustProxy: [],
      pushRatePerSecond: 20,
      pushBurst: 100,
      mutationArgsRetentionDays: 90,
      auditRetentionDays: 365,
      localAuditRetentionDays: 90,
      publicUrl: null,
      smtpUrl: null,
      mailFrom: null,
    });
  });

  it('reads the public address, the SMTP server and the sender', () => {
    expect(
      parse({
        GUICHET_PUBLIC_URL: 'https://participer.ville.example/',
        GUICHET_SMTP_URL: 'smtps://guichet:s3cret@smtp.ville.example:465',
        GUICHET_MAIL_FROM: ' Ville de Rivebelle <participation@ville.example> ',
      }),
    ).toMatchObject({
      publicUrl: 'https://participer.ville.example',
      smtpUrl: 'smtps://guichet:s3cret@smtp.ville.example:465',
      mailFrom: 'Ville de Rivebelle <participation@ville.example>',
    });
  });

  it('reads the environment and --demo', () => {
    const config = parse(
      {
        DATABASE_URL: 'postgresql://guichet@db.ville.example/guichet',
        GUICHET_DATA_DIR: '/srv/guichet',
        GUICHET_UPDATES_DIR: '/srv/installers',
        PORT: '9000',
        HOST: '0.0.0.0',
        LOG_LEVEL: 'debug',
        SESSION_IDLE_HOURS: '72',
        SESSION_MAX_DAYS: '30',
        DATABASE_POOL_SIZE: '',
      },
      ['--demo'],
    );
    expect(config).toMatchObject({
      databaseUrl: 'postgresql://guichet@db.ville.example/guichet',
      dataDir: '/srv/guichet',
      updatesDir: '/srv/installers',
      port: 9000,
      host: '0.0.0.0',
      logLevel: 'debug',
      sessionIdleHours: 72,
      sessionMaxDays: 30,
      databasePoolSize: 10,
      demo: true,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, [], /^PORT: /],
    [{ PORT: '70000' }, [], /^PORT: /],
    [{ DATABASE_URL: 'mysql://x' }, [], /^DATABASE_URL: must be a postgres/],
    [{ LOG_LEVEL: 'loud' }, [], /^LOG_LEVEL: /],
    [{ SESSION_TTL_HOURS: '0' }, [], /^SESSION_TTL_HOURS: /],
    [{ SESSION_IDLE_HOURS: '0' }, [], /^SESSION_IDLE_HOURS: /],
    [{ SESSION_MAX_DAYS: '400' }, [], /^SESSION_MAX_DAYS: /],
    [{}, ['--dmeo'], /unknown argument "--dmeo"/],
    [{ TRUST_PROXY: 'proxy.ville.example' }, [], /^TRUST_PROXY: must be comma-separated IP addresses or CIDR ranges/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, [], /^TRUST_PROXY: /],
    [{ TRUST_PROXY: '10.0.0.5,' }, [], /^TRUST_PROXY: /],
    [{ TRUST_PROXY: '10.0.0.0/8/1' }, [], /^TRUST_PROXY: /],
    [{ PUSH_RATE_PER_SECOND: '-1' }, [], /^PUSH_RATE_PER_SECOND: /],
    [{ PUSH_BURST: '0' }, [], /^PUSH_BURST: /],
    [{ MUTATION_ARGS_RETENTION_DAYS: '0' }, [], /^MUTATION_ARGS_RETENTION_DAYS: /],
    [{ AUDIT_RETENTION_DAYS: 'forever' }, [], /^AUDIT_RETENTION_DAYS: /],
    [{ LOCAL_AUDIT_RETENTION_DAYS: '0' }, [], /^LOCAL_AUDIT_RETENTION_DAYS: /],
    [{ GUICHET_PUBLIC_URL: 'participer.ville.example' }, [], /^GUICHET_PUBLIC_URL: must be an http/],
    [{ GUICHET_PUBLIC_URL: 'ftp://ville.example' }, [], /^GUICHET_PUBLIC_URL: /],
    [{ GUICHET_PUBLIC_URL: 'https://ville.example/?a=1' }, [], /^GUICHET_PUBLIC_URL: must have no query/],
    [{ GUICHET_SMTP_URL: 'http://smtp.ville.example' }, [], /^GUICHET_SMTP_URL: must be an smtp/],
    [{ GUICHET_SMTP_URL: 'smtp://smtp.ville.example' }, [], /^GUICHET_MAIL_FROM: required when GUICHET_SMTP_URL is set/],
    [{ GUICHET_MAIL_FROM: 'participation' }, [], /^GUICHET_MAIL_FROM: must be an email address/],
    [{ GUICHET_MAIL_FROM: 'Ville <a@b.fr>\r\nBcc: x@y.fr' }, [], /^GUICHET_MAIL_FROM: /],
  ] as const)('refuses %o %o', (env, argv, message) => {
    expect(() => parse(env, [...argv])).toThrow(SettingError);
    expect(() => parse(env, [...argv])).toThrow(message);
  });

  it("reads TRUST_PROXY: addresses, CIDR ranges (IPv4 and IPv6) and proxy-addr's named ranges", () => {
    expect(parse({ TRUST_PROXY: ' 10.0.0.5, 192.168.0.0/16,fd00::/8 ,::1,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      'fd00::/8',
      '::1',
      'loopback',
    ]);
  });

  it('exits with code 2 and one line on a bad TRUST_PROXY', async () => {
    const run = await runMain({ TRUST_PROXY: '10.0.0.5,the-proxy' }, []);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^guichet central: invalid configuration: TRUST_PROXY: /);
  });

  it('uses the platform user-data folder', () => {
    expect(parse({ APPDATA: 'C:\\Users\\camille\\AppData\\Roaming' }, [], 'win32').dataDir).toContain(join('Guichet', 'central'));
    expect(parse({}, [], 'darwin').dataDir).toMatch(/Library\/Application Support\/Guichet\/central$/);
  });

  it('exits with code 2 and one line, no stack, on a bad configuration', async () => {
    const run = await runMain({ PORT: 'not-a-port' }, []);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^guichet central: invalid configuration: PORT: /);
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });
});
