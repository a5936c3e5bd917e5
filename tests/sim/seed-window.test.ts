import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitWindow, EXPLORED_SEEDS, exploredWindow, FIXED_SEEDS, headCommit } from './seed-window';

const cli = join(import.meta.dirname, 'sim-cli.ts');

describe('the seed window CI explores', () => {
  it.each([
    ['0000000000000000000000000000000000000000', FIXED_SEEDS + 1],
    ['00000001aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', FIXED_SEEDS + 1 + EXPLORED_SEEDS],
    ['c3448da0c0ffee00000000000000000000000000', FIXED_SEEDS + 1 + (0xc3448da0 % 10_000_000) * EXPLORED_SEEDS],
    ['FFFFFFFF', FIXED_SEEDS + 1 + (0xffffffff % 10_000_000) * EXPLORED_SEEDS],
  ])('of commit %s starts at seed %i, above the fixed seeds, within the PRNG seed space', (commit, from) => {
    const window = commitWindow(commit);
    expect(window).toMatchObject({ from, count: EXPLORED_SEEDS });
    expect((window.from - FIXED_SEEDS - 1) % EXPLORED_SEEDS).toBe(0);
    expect(window.from + window.count - 1).toBeLessThanOrEqual(0xffffffff);
  });

  it('is not chosen from something that is not a commit hash', () => {
    expect(() => commitWindow('main')).toThrow('not a commit hash');
  });

  it('comes from SIM_FROM (and SIM_EXPLORE) when set, else from the checked-out commit', () => {
    expect(exploredWindow({ SIM_FROM: '5000', SIM_EXPLORE: '20' })).toEqual({ from: 5000, count: 20, source: 'SIM_FROM' });
    expect(() => exploredWindow({ SIM_FROM: 'abc' })).toThrow('SIM_FROM must be a positive integer');
    const commit = headCommit();
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    expect(exploredWindow({})).toEqual(commitWindow(commit!));
  });

  it('falls back to the first window above the fixed seeds where git has no commit', () => {
    const outside = mkdtempSync(join(tmpdir(), 'guichet-no-git-'));
    try {
      expect(headCommit(outside)).toBeNull();
      expect(exploredWindow({}, outside)).toMatchObject({ from: FIXED_SEEDS + 1, count: EXPLORED_SEEDS });
    } finally {
      rmSync(outside, { recursive: true });
    }
  });

  it('can be replayed seed by seed by the sim command, up to the last seed of the last window', () => {
    const last = commitWindow('ffffffff');
    const seed = last.from + last.count - 1;
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, '--seed', String(seed)], { encoding: 'utf8' });
    const lines = run.stdout.trim().split('\n');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ syncs: expect.any(Number) as number });
    expect(lines.at(-1)).toMatch(/^1 seeds, \d+ violations$/);
    const refused = spawnSync(process.execPath, ['--import', 'tsx', cli, '--seed', String(2 ** 32)], { encoding: 'utf8' });
    expect(refused.status).toBe(2);
  }, 60_000);
});
