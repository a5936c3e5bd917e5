/**
 * `npm run bench:voice`: the citizens' voice (issue 12) measured (docs/performance.md).
 *
 * Each group of figures is one `VoiceMeasure` in `measures` below; each writes its lines into
 * tests/bench/results/voice.json (`{name, value, unit, raw}`, raw: the same work done the plainest way in
 * the same run) and prints a table. The synthesis's replica is generated once and cached under
 * tests/bench/.cache. A measurement: it exits 0 whether targets hold or not.
 *
 * Flags: --responses N --iterations N --warmup N --only replica,central,smtp (the groups to run; all by default).
 * The central service's answers run on PostgreSQL when DATABASE_URL is set, else PGlite.
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { atLeast, formatTable, writeResults, type Measured } from './sync-report';
import { measureAnswers } from './voice/answers';
import { measureEmails } from './voice/emails';
import { measureSynthesis } from './voice/synthesis';

const { values: flags } = parseArgs({
  options: {
    responses: { type: 'string', default: '100000' },
    iterations: { type: 'string', default: '40' },
    warmup: { type: 'string', default: '5' },
    only: { type: 'string', default: 'replica,central,smtp' },
  },
});

const whole = (name: string, value: string | undefined, allowZero = false): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || (!allowZero && parsed === 0))
    throw new Error(`--${name} must be a whole number (got ${String(value)})`);
  return parsed;
};

const log = (line = '') => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

interface VoiceMeasure {
  /** Suffix of its lines' names in voice.json, e.g. "(replica)". */
  kind: string;
  run: () => Promise<Measured[]>;
}

/** The groups measured, in order (`--only` picks some). */
const measures: VoiceMeasure[] = [
  {
    kind: 'replica',
    run: () =>
      measureSynthesis({
        responses: whole('responses', flags.responses),
        iterations: whole('iterations', flags.iterations),
        warmup: whole('warmup', flags.warmup, true),
        log,
      }),
  },
  {
    kind: 'central',
    run: async () =>
      (await measureAnswers({ adminUrl: process.env['DATABASE_URL'] || null })).map((line) => ({
        ...line,
        target: line.name.startsWith('public answers accepted') && line.name.includes('(PostgreSQL)') ? atLeast(1000, line.unit) : null,
      })),
  },
  { kind: 'smtp', run: async () => (await measureEmails()).map((line) => ({ ...line, target: null })) },
];

async function main() {
  log(`Guichet citizens' voice benchmark — node ${process.version}, ${availableParallelism()} cores, load average ${load()}`);
  const file = join(import.meta.dirname, 'results', 'voice.json');
  const all: Measured[] = [];
  const only = new Set((flags.only ?? '').split(',').map((kind) => kind.trim()));
  for (const measure of measures.filter((entry) => only.has(entry.kind))) {
    const lines = await measure.run();
    writeResults(file, measure.kind, lines);
    all.push(...lines);
  }
  log();
  log(formatTable(all));
  log();
  const failed = all.filter((line) => line.target !== null && !line.target.pass(line.value));
  log(failed.length === 0 ? 'All targets hold.' : `${failed.length} target(s) missed: ${failed.map((line) => line.name).join('; ')}`);
  log(`Load average at the end: ${load()} (anything near or above the core count means other processes competed).`);
  log(`Results written to ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
