import { parseArgs } from 'node:util';
import { exploredWindow, replayCommand } from './seed-window';
import { runSeed } from './simulation';

/**
 * `npm run sim -- --seeds 1000` runs seeds 1…1000 (or `--from N`); `--seed N` replays one (any seed, those of
 * CI's explored window too) and prints its report; `--window` runs the window CI explores at this commit
 * (seed-window.ts). The last line is always `<n> seeds, <v> violations`; any violation exits non-zero.
 */
const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '200' },
    from: { type: 'string', default: '1' },
    seed: { type: 'string' },
    window: { type: 'boolean', default: false },
  },
});

function chosenSeeds(): number[] {
  if (values.seed !== undefined) return [Number(values.seed)];
  if (values.window) {
    const window = exploredWindow();
    console.error(`window of ${window.source}: seeds ${window.from}…${window.from + window.count - 1}`);
    return Array.from({ length: window.count }, (_, i) => window.from + i);
  }
  const count = Number(values.seeds);
  return Array.from({ length: Number.isInteger(count) && count > 0 ? count : 0 }, (_, i) => Number(values.from) + i);
}

const seeds = chosenSeeds();
// The PRNG takes 32-bit seeds: a larger one would replay another.
if (seeds.length === 0 || seeds.some((seed) => !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)) {
  console.error('usage: npm run sim -- [--seeds N] [--from N] [--seed N] [--window]   (seeds are integers from 0 to 4294967295)');
  process.exit(2);
}
let violations = 0;
const started = Date.now();
for (const seed of seeds) {
  const report = await runSeed(seed);
  if (values.seed !== undefined) console.log(JSON.stringify(report.stats));
  if (report.violations.length > 0) {
    violations += report.violations.length;
    console.log(`seed ${seed} (replay: ${replayCommand(seed)}):\n  ${report.violations.join('\n  ')}`);
  }
}
console.error(`${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${seeds.length} seeds, ${violations} violations`);
process.exit(violations > 0 ? 1 : 0);
