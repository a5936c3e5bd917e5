import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Seeds every CI run covers, the same each time: 1…200. */
export const FIXED_SEEDS = 200;
/** Seeds of the explored window: a share of runs that changes with the commit, so CI keeps finding new seeds. */
export const EXPLORED_SEEDS = 150;
/** How many windows a commit's hash chooses among; the last ends well below 2³² (the PRNG's seed space). */
const WINDOWS = 10_000_000;

const repoRoot = join(import.meta.dirname, '..', '..');

export interface SeedWindow {
  from: number;
  count: number;
  /** Where the window comes from, for the test's title and failure message. */
  source: string;
}

/**
 * The window a commit explores: aligned windows of `count` seeds above the fixed ones, one picked by the
 * commit's hash, so two commits share a window or none of it, and never re-run the fixed seeds.
 */
export function commitWindow(commit: string, count = EXPLORED_SEEDS): SeedWindow {
  if (!/^[0-9a-f]{8}/i.test(commit)) throw new Error(`not a commit hash: ${commit}`);
  const hash = Number.parseInt(commit.slice(0, 8), 16);
  return { from: FIXED_SEEDS + 1 + (hash % WINDOWS) * count, count, source: `commit ${commit.slice(0, 12)}` };
}

/** The checked-out commit, or null where git or the repository is missing (an exported tree). */
export function headCommit(cwd = repoRoot): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
  } catch {
    return null;
  }
}

/**
 * This run's explored window: from `SIM_FROM` when set (`SIM_EXPLORE` seeds, default 150), else the
 * commit's, else (no git) the first window above the fixed seeds.
 */
export function exploredWindow(env: Record<string, string | undefined> = process.env, cwd = repoRoot): SeedWindow {
  const count = positiveInteger(env.SIM_EXPLORE, 'SIM_EXPLORE') ?? EXPLORED_SEEDS;
  const from = positiveInteger(env.SIM_FROM, 'SIM_FROM');
  if (from !== null) return { from, count, source: 'SIM_FROM' };
  const commit = headCommit(cwd);
  if (commit !== null && /^[0-9a-f]{8}/i.test(commit)) return commitWindow(commit, count);
  return { from: FIXED_SEEDS + 1, count, source: 'no git commit: the first window' };
}

function positiveInteger(value: string | undefined, name: string): number | null {
  if (value === undefined || value === '') return null;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${name} must be a positive integer, not ${value}`);
  return number;
}

/** The command that replays one seed, printed for every failing seed. */
export const replayCommand = (seed: number) => `npm run sim -- --seed ${seed}`;
