import { describe, expect, it } from 'vitest';
import type { PushOrigin } from '../../src-central/sync/store';
import { createPushSequencer, groupCaps, type PushMember } from '../../src-central/stores/postgres/push-sequencer';

/**
 * A sequencer over a runner that holds a lock as the counter row does (a group takes its members once it
 * has it) and records each group's members; the first group keeps the lock until the test releases it.
 */
function heldSequencer(caps?: Readonly<Record<PushOrigin, number>>) {
  const groups: string[][] = [];
  let release: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (release = resolve));
  let lock = Promise.resolve();
  let started = 0;
  const push = createPushSequencer(async (take: () => readonly PushMember[]) => {
    started++;
    const before = lock;
    let unlock: () => void = () => undefined;
    lock = new Promise((resolve) => (unlock = resolve));
    await before;
    try {
      const labels: string[] = [];
      for (const member of take()) labels.push((await member.fn({} as never)) as string);
      groups.push(labels);
      if (groups.length === 1) await first;
      return labels.map((value) => ({ ok: true, value }));
    } finally {
      unlock();
    }
  }, caps);
  const send = (label: string, origin?: PushOrigin) => push(async () => label, undefined, origin);
  return { groups, release, send, started: () => started };
}

describe('push groups by origin', () => {
  it('takes at most 32 replica pushes a group, and many more service writes', () => {
    expect(groupCaps.replica).toBe(32);
    expect(groupCaps.service).toBeGreaterThanOrEqual(200);
  });

  it('groups the pushes waiting behind a running group, in arrival order, up to each origin’s cap', async () => {
    const { groups, release, send } = heldSequencer({ replica: 2, service: 3 });
    const answers = [send('alone')];
    await new Promise((resolve) => setImmediate(resolve));
    // While the first group runs: replica pushes r1..r3 and service writes s1..s4, interleaved.
    const order: [string, PushOrigin][] = [
      ['s1', 'service'],
      ['r1', 'replica'],
      ['s2', 'service'],
      ['r2', 'replica'],
      ['s3', 'service'],
      ['r3', 'replica'],
      ['s4', 'service'],
    ];
    for (const [label, origin] of order) answers.push(send(label, origin));
    release();
    expect(await Promise.all(answers)).toEqual(['alone', 's1', 'r1', 's2', 'r2', 's3', 'r3', 's4']);
    // r3 would be a third replica push: the group stops before it, whatever service writes follow.
    expect(groups).toEqual([['alone'], ['s1', 'r1', 's2', 'r2', 's3'], ['r3', 's4']]);
  });

  it('counts a push without an origin as a replica’s', async () => {
    const { groups, release, send } = heldSequencer({ replica: 1, service: 10 });
    const answers = [send('alone'), send('a'), send('b'), send('c', 'service')];
    release();
    await Promise.all(answers);
    expect(groups).toEqual([['alone'], ['a'], ['b', 'c']]);
  });

  it('starts the next group while the one before still runs, and lets it take whoever arrived meanwhile', async () => {
    const { groups, release, send, started } = heldSequencer();
    const answers = [send('alone')];
    await new Promise((resolve) => setImmediate(resolve));
    answers.push(send('a'));
    await new Promise((resolve) => setImmediate(resolve));
    // The next group is open, waiting for the lock, and has taken nobody yet.
    expect(started()).toBe(2);
    expect(groups).toEqual([['alone']]);
    answers.push(send('b'), send('c'));
    expect(started()).toBe(2);
    release();
    await Promise.all(answers);
    expect(groups).toEqual([['alone'], ['a', 'b', 'c']]);
  });

  it('runs the members of a failed group alone, and those of a group that could not start too', async () => {
    const runs: string[][] = [];
    // What each transaction does, in the order they start: 'ok', fail before the lock, or fail at its commit.
    const script = ['ok', 'fail at start', 'ok', 'ok', 'ok', 'fail at commit', 'ok', 'ok'];
    const push = createPushSequencer(async (take) => {
      const step = script.shift();
      await new Promise((resolve) => setImmediate(resolve));
      if (step === 'fail at start') throw new Error('connection refused');
      const labels: string[] = [];
      for (const member of take()) labels.push((await member.fn({} as never)) as string);
      runs.push(labels);
      if (step === 'fail at commit') throw new Error('could not serialize access');
      return labels.map((value) => ({ ok: true, value }));
    });
    const send = (label: string) => push(async () => label, undefined, 'service');
    // a wakes the service; b and c wait for a group that cannot start: each then runs alone.
    expect(await Promise.all([send('a'), send('b'), send('c')])).toEqual(['a', 'b', 'c']);
    // d wakes it again; e and f share a group that fails as a whole: each then runs alone.
    expect(await Promise.all([send('d'), send('e'), send('f')])).toEqual(['d', 'e', 'f']);
    expect(runs).toEqual([['a'], ['b'], ['c'], ['d'], ['e', 'f'], ['e'], ['f']]);
    expect(script).toEqual([]);
  });
});
