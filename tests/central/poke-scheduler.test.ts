import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_POKE_INTERVAL_MS, PokeScheduler } from '../../src-central/pokes/poke-scheduler';

// Timers and the clock move by hand: what is checked is which pokes leave, and when, not how fast.
describe('pokes', () => {
  let now = 0;
  let sent: { socket: object; version: number; at: number }[] = [];
  const scheduler = (connected: number, budget: number) =>
    new PokeScheduler<object>(
      () => connected,
      (socket, version) => sent.push({ socket, version, at: now }),
      budget,
      () => now,
    );
  // Millisecond by millisecond, so the clock reads the time a timer was due when it fires.
  const advance = (ms: number) => {
    for (let i = 0; i < ms; i++) {
      now++;
      vi.advanceTimersByTime(1);
    }
  };

  beforeEach(() => {
    vi.useFakeTimers();
    now = 10_000;
    sent = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pokes a lone change at once, and a burst once more at the end of the gap with its last version', () => {
    const pokes = scheduler(50, 1_000);
    const socket = {};
    pokes.poke(socket, 1);
    expect(sent).toEqual([{ socket, version: 1, at: 10_000 }]);
    advance(2);
    pokes.poke(socket, 2);
    pokes.poke(socket, 4);
    pokes.poke(socket, 3);
    expect(sent).toHaveLength(1);
    advance(MIN_POKE_INTERVAL_MS);
    expect(sent.map((poke) => [poke.version, poke.at])).toEqual([
      [1, 10_000],
      [4, 10_000 + MIN_POKE_INTERVAL_MS],
    ]);
    // Quiet since: the next change goes at once.
    advance(100);
    pokes.poke(socket, 5);
    expect(sent.at(-1)).toEqual({ socket, version: 5, at: now });
    pokes.close();
  });

  it('spaces each workspace out to connected / budget seconds once the instance sends its budget', () => {
    const pokes = scheduler(200, 100);
    const sockets = Array.from({ length: 200 }, () => ({}));
    for (const socket of sockets) pokes.poke(socket, 1);
    expect(sent).toHaveLength(200);
    // Over budget: a workspace poked again now waits 200 / 100 = 2 seconds after its last poke.
    expect(pokes.gap(now)).toBe(2_000);
    const first = sockets[0] as object;
    pokes.poke(first, 2);
    advance(1_999);
    expect(sent).toHaveLength(200);
    advance(1);
    expect(sent.at(-1)).toEqual({ socket: first, version: 2, at: 12_000 });
    // A quiet second later the rate is under budget again: at once.
    advance(2_000);
    pokes.poke(first, 3);
    expect(sent.at(-1)).toEqual({ socket: first, version: 3, at: now });
    pokes.close();
  });

  it('forgets a closed socket: no poke after it is gone', () => {
    const pokes = scheduler(1, 1_000);
    const socket = {};
    pokes.poke(socket, 1);
    pokes.poke(socket, 2);
    pokes.forget(socket);
    advance(1_000);
    expect(sent.map((poke) => poke.version)).toEqual([1]);
    pokes.close();
  });
});
