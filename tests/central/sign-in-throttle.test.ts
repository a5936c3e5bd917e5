import { describe, expect, it } from 'vitest';
import { createSignInThrottle, type SignInThrottle, type ThrottleOptions } from '../../src-central/auth/sign-in-throttle';
import { ManualClock } from './support/test-server';

const minute = 60_000;

function setup(options: Omit<ThrottleOptions, 'clock'> = {}) {
  const clock = new ManualClock();
  return { clock, throttle: createSignInThrottle({ clock, ...options }) };
}

function failTimes(throttle: SignInThrottle, times: number, email: string, ip: string) {
  for (let i = 0; i < times; i++) throttle.recordFailure(email, ip);
}

describe('sign-in throttle', () => {
  it('lets four failures through and locks at the fifth, for 30 s', () => {
    const { throttle } = setup();
    failTimes(throttle, 4, 'a@x.example', '10.0.0.1');
    expect(throttle.retryAfter('a@x.example', '10.0.0.1')).toBe(0);
    throttle.recordFailure('a@x.example', '10.0.0.1');
    expect(throttle.retryAfter('a@x.example', '10.0.0.1')).toBe(30);
  });

  it('doubles the lock at each further failure, up to the cap', () => {
    const { clock, throttle } = setup({ maxLockSeconds: 200 });
    failTimes(throttle, 5, 'a@x.example', '10.0.0.1');
    const locks: number[] = [];
    for (let i = 0; i < 4; i++) {
      const wait = throttle.retryAfter('a@x.example', '10.0.0.1');
      locks.push(wait);
      clock.advance(wait * 1000);
      throttle.recordFailure('a@x.example', '10.0.0.1');
    }
    expect(locks).toEqual([30, 60, 120, 200]);
  });

  it('counts failures within 15 minutes only, and forgives a key quiet for a window', () => {
    const { clock, throttle } = setup();
    failTimes(throttle, 4, 'a@x.example', '10.0.0.1');
    clock.advance(15 * minute);
    throttle.recordFailure('a@x.example', '10.0.0.1');
    expect(throttle.retryAfter('a@x.example', '10.0.0.1')).toBe(0);
    failTimes(throttle, 4, 'a@x.example', '10.0.0.1');
    expect(throttle.retryAfter('a@x.example', '10.0.0.1')).toBe(30);
    clock.advance(15 * minute);
    failTimes(throttle, 5, 'a@x.example', '10.0.0.1');
    expect(throttle.retryAfter('a@x.example', '10.0.0.1')).toBe(30);
  });

  it('locks an address that tries many accounts, at a higher limit (a city hall shares one address)', () => {
    const { throttle } = setup();
    for (let i = 0; i < 19; i++) throttle.recordFailure(`agent${i}@x.example`, '10.0.0.9');
    expect(throttle.retryAfter('someone@x.example', '10.0.0.9')).toBe(0);
    throttle.recordFailure('agent19@x.example', '10.0.0.9');
    expect(throttle.retryAfter('someone@x.example', '10.0.0.9')).toBe(30);
    expect(throttle.retryAfter('someone@x.example', '10.0.0.10')).toBe(0);
  });

  it('clears the account on success but not what the address did to others', () => {
    const { throttle } = setup({ perIpLimit: 6 });
    failTimes(throttle, 4, 'a@x.example', '10.0.0.1');
    throttle.recordSuccess('a@x.example', '10.0.0.1');
    failTimes(throttle, 1, 'a@x.example', '10.0.0.1');
    expect(throttle.retryAfter('a@x.example', '10.0.0.1')).toBe(0);
    throttle.recordFailure('b@x.example', '10.0.0.1');
    expect(throttle.retryAfter('a@x.example', '10.0.0.1')).toBe(30);
  });

  it('keeps at most maxEntries keys, forgetting the oldest', () => {
    const { throttle } = setup({ maxEntries: 4, perAccountLimit: 1 });
    throttle.recordFailure('first@x.example', '10.0.0.1');
    expect(throttle.retryAfter('first@x.example', '10.0.0.1')).toBe(30);
    throttle.recordFailure('second@x.example', '10.0.0.2');
    throttle.recordFailure('third@x.example', '10.0.0.3');
    expect(throttle.retryAfter('first@x.example', '10.0.0.1')).toBe(0);
    expect(throttle.retryAfter('third@x.example', '10.0.0.3')).toBe(30);
  });
});
