import { parseArgs } from 'node:util';
import { runSeed } from './simulation';

/**
 * `npm run sim -- --seeds 1000` runs seeds 1…1000 (or `--from N`); `--seed N` replays one and prints its
 * report. The last line is always `<n> seeds, <v> violations`; any violation exits non-zero.
 */
const { values } = parseArgs({
  options: { seeds: { type: 'string', default: '200' }, from: { type: 'string', default: '1' }, seed: { type: 'string' } },
});
const count = Number(values.seeds);
const seeds = values.seed !== undefined ? [Number(values.seed)] : Array.from({ length: Number.isInteger(count) && count > 0 ? count : 0 }, (_, i) => Number(values.from) + i);
if (seeds.length === 0 || seeds.some((seed) => !Number.isInteger(seed))) {
  console.error('usage: npm run sim -- [--seeds N] [--from N] [--seed N]');
  process.exit(2);
}
let violations = 0;
const started = Date.now();
for (const seed of seeds) {
  const report = await runSeed(seed);
  if (values.seed !== undefined) console.log(JSON.stringify(report.stats));
  if (report.violations.length > 0) {
    violations += report.violations.length;
    console.log(`seed ${seed} (replay: npm run sim -- --seed ${seed}):\n  ${report.violations.join('\n  ')}`);
  }
}
console.error(`${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${seeds.length} seeds, ${violations} violations`);
process.exit(violations > 0 ? 1 : 0);
