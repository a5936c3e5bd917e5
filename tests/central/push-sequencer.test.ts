import { describe, expect, it } from 'vitest';
import type { PushOrigin } from '../../src-central/sync/store';
import { createPushSequencer, groupCaps, type PushMember } from '../../src-central/stores/postgres/push-sequencer';

/** A sequencer whose groups are recorded (their members' labels) and held until the test lets the first go. */
function heldSequencer(caps?: Readonly<Record<PushOrigin, number>>) {
  const groups: string[][] = [];
  let release: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (release = resolve));
  const push = createPushSequencer(async (members: readonly PushMember[]) => {
    const labels: string[] = [];
    for (const member of members) labels.push((await member.fn({} as never)) as string);
    groups.push(labels);
    if (groups.length === 1) await first;
    return labels.map((value) => ({ ok: true, value }));
  }, caps);
  const send = (label: string, origin?: PushOrigin) => push(async () => label, undefined, origin);
  return { groups, release, send };
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
});
