import { describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../src-central/bus';
import { coalesceNotices } from '../../src-central/pokes/notice-coalescer';

/** A bus whose sends finish when the test says so. */
function heldBus() {
  const sent: { notice: ChangeNotice; finish: (error?: Error) => void }[] = [];
  const send = (notice: ChangeNotice) =>
    new Promise<void>((resolve, reject) => {
      sent.push({ notice, finish: (error) => (error === undefined ? resolve() : reject(error)) });
    });
  return { sent, send };
}

const settled = async (promise: Promise<void>) => {
  let state = 'pending';
  promise.then(
    () => (state = 'sent'),
    () => (state = 'failed'),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('coalesced change notices', () => {
  it('sends the first at once and those arriving meanwhile as one, with their departments and the last version', async () => {
    const bus = heldBus();
    const publish = coalesceNotices(bus.send);
    const first = publish({ departments: ['a'], version: 10 });
    const second = publish({ departments: ['b'], version: 12 });
    const third = publish({ departments: ['a', 'c'], version: 11 });
    expect(bus.sent.map((entry) => entry.notice)).toEqual([{ departments: ['a'], version: 10 }]);
    bus.sent[0]?.finish();
    expect(await settled(first)).toBe('sent');
    expect(await settled(second)).toBe('pending');
    expect(bus.sent.map((entry) => entry.notice)).toEqual([
      { departments: ['a'], version: 10 },
      { departments: ['b', 'a', 'c'], version: 12 },
    ]);
    bus.sent[1]?.finish();
    expect([await settled(second), await settled(third)]).toEqual(['sent', 'sent']);
    // Idle again: the next notice leaves at once.
    const fourth = publish({ departments: ['d'], version: 13 });
    expect(bus.sent).toHaveLength(3);
    bus.sent[2]?.finish();
    expect(await settled(fourth)).toBe('sent');
  });

  it('keeps a reference-data notice (no department) concerning everyone once merged', async () => {
    const bus = heldBus();
    const publish = coalesceNotices(bus.send);
    void publish({ departments: ['a'], version: 1 });
    void publish({ departments: [], version: 2 });
    void publish({ departments: ['b'], version: 3 });
    bus.sent[0]?.finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(bus.sent[1]?.notice).toEqual({ departments: ['*'], version: 3 });
    bus.sent[1]?.finish();
  });

  it('fails the callers of a notice that could not be sent, and only them', async () => {
    const bus = heldBus();
    const publish = coalesceNotices(bus.send);
    const first = publish({ departments: ['a'], version: 1 });
    const second = publish({ departments: ['b'], version: 2 });
    bus.sent[0]?.finish(new Error('listener connection lost'));
    await expect(first).rejects.toThrow('listener connection lost');
    await new Promise((resolve) => setImmediate(resolve));
    bus.sent[1]?.finish();
    expect(await settled(second)).toBe('sent');
  });
});
