import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openReplica, type Replica } from '../../src-main/db/open-replica';
import { writeCityToReplica, type CitySize } from '../../src-main/seed/write-city-to-replica';
import { isGuichetError } from '../../src-shared/errors';

export const cacheDir = join(import.meta.dirname, '.cache');
export const migrationsFolder = join(import.meta.dirname, '..', '..', 'drizzle', 'local');

/** Bumped when the generator's output changes shape, so an older cached replica is rebuilt. */
const GENERATOR_VERSION = 1;
const SEED = 2026;
/** A fixed "now" so a cached replica means the same thing on every run. */
const NOW = new Date('2026-03-02T09:00:00.000Z');

interface CacheManifest extends CitySize {
  generatorVersion: number;
  seed: number;
  now: string;
  generationSeconds: number;
  counts: ReplicaCounts;
}

export interface ReplicaCounts {
  citizens: number;
  cases: number;
  caseEvents: number;
}

export interface BenchReplica {
  replica: Replica;
  file: string;
  counts: ReplicaCounts;
  /** How long generating it took (now, or when it was cached). */
  generationSeconds: number;
  fromCache: boolean;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

function cacheName(size: CitySize): string {
  return `replica-v${GENERATOR_VERSION}-${size.cases}c-${size.citizens}p-${size.notesPerCase}n`;
}

/** The bench replica's key: fixed per cache folder (created once, kept next to the replicas, 0600). */
export function benchKey(): Buffer {
  mkdirSync(cacheDir, { recursive: true });
  const keyFile = join(cacheDir, 'bench.key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
}

function countRows(replica: Replica): ReplicaCounts {
  const count = (table: string) => replica.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { citizens: count('citizens'), cases: count('cases'), caseEvents: count('case_events') };
}

function readManifest(file: string): CacheManifest | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CacheManifest;
  } catch {
    return null;
  }
}

function matches(manifest: CacheManifest, size: CitySize): boolean {
  return (
    manifest.generatorVersion === GENERATOR_VERSION &&
    manifest.seed === SEED &&
    manifest.cases === size.cases &&
    manifest.citizens === size.citizens &&
    manifest.notesPerCase === size.notesPerCase
  );
}

function removeDb(file: string) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

function generate(file: string, key: Buffer, size: CitySize): { seconds: number; counts: ReplicaCounts } {
  const building = `${file}.building`;
  removeDb(building);
  const replica = openReplica({ file: building, key, migrationsFolder });
  const client = replica.db.$client;
  // A throw-away file being built: durability does not matter until it is renamed into place.
  client.pragma('synchronous = OFF');
  client.pragma('cache_size = -262144');
  const started = performance.now();
  let lastPrint = 0;
  // The first batch of cases marks the end of the citizens: the rate is the cases' own.
  let first: { done: number; at: number } | null = null;
  log(`Generating ${size.cases.toLocaleString('en')} cases, ${size.citizens.toLocaleString('en')} citizens…`);
  writeCityToReplica(replica.db, {
    ...size,
    seed: SEED,
    now: NOW,
    onProgress: (done) => {
      const elapsed = (performance.now() - started) / 1000;
      first ??= { done, at: elapsed };
      if (done < size.cases && elapsed - lastPrint < 10) return;
      lastPrint = elapsed;
      const rate = (done - first.done) / Math.max(elapsed - first.at, 0.001);
      const eta = rate > 0 ? `, ~${((size.cases - done) / rate).toFixed(0)} s left (${rate.toFixed(0)} cases/s)` : '';
      log(`  ${done.toLocaleString('en')} / ${size.cases.toLocaleString('en')} cases, ${elapsed.toFixed(0)} s elapsed${eta}`);
    },
  });
  const counts = countRows(replica);
  client.pragma('wal_checkpoint(TRUNCATE)');
  replica.close();
  const seconds = (performance.now() - started) / 1000;
  removeDb(file);
  renameSync(building, file);
  return { seconds, counts };
}

/**
 * Opens the cached bench replica for `size`, generating it first when no complete cache of that size
 * exists (or the cached one no longer opens with this code's migrations).
 */
export function openBenchReplica(size: CitySize): BenchReplica {
  const key = benchKey();
  const name = cacheName(size);
  const file = join(cacheDir, `${name}.db`);
  const manifestFile = join(cacheDir, `${name}.json`);
  const manifest = readManifest(manifestFile);
  if (manifest !== null && matches(manifest, size) && existsSync(file)) {
    try {
      const replica = openReplica({ file, key, migrationsFolder });
      const mb = statSync(file).size / 1024 / 1024;
      log(`Using cached replica ${file} (${mb.toFixed(0)} MB; generated in ${manifest.generationSeconds.toFixed(0)} s)`);
      return { replica, file, counts: manifest.counts, generationSeconds: manifest.generationSeconds, fromCache: true };
    } catch (error) {
      if (!isGuichetError(error)) throw error;
      log(`Cached replica refused (${error.code}); generating it again.`);
    }
  }
  rmSync(manifestFile, { force: true });
  const { seconds, counts } = generate(file, key, size);
  const written: CacheManifest = {
    ...size,
    generatorVersion: GENERATOR_VERSION,
    seed: SEED,
    now: NOW.toISOString(),
    generationSeconds: seconds,
    counts,
  };
  writeFileSync(manifestFile, `${JSON.stringify(written, null, 2)}\n`);
  log(
    `Generated in ${seconds.toFixed(1)} s: ${counts.cases.toLocaleString('en')} cases, ` +
      `${counts.citizens.toLocaleString('en')} citizens, ${counts.caseEvents.toLocaleString('en')} case events`,
  );
  const replica = openReplica({ file, key, migrationsFolder });
  return { replica, file, counts, generationSeconds: seconds, fromCache: false };
}

export { NOW as benchNow };
