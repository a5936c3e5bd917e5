import { describe, expect, it } from 'vitest';
import { createSignInThrottle, type SignInThrottle, type ThrottleOptions } from '../../src-central/auth/sign-in-throttle';
import { ManualClock } from '../support/manual-clock';

const minute = 60_000;

function setup(options: Omit<ThrottleOptions, 'clock'> = {}) {
  const clock = new ManualClock();
  return { clock, throttle: createSignInThrottle({ clock, ...options }) };
}

/** `times` attempts that fail (begun and never succeeded), returning their admissions. */
function failTimes(throttle: SignInThrottle, times: number, email: string, ip: string) {
  return Array.from({ length: times }, () => throttle.begin(email, ip));
}

const refusal = (throttle: SignInThrottle, email: string, ip: string) => {
  const admission = throttle.begin(email, ip);
  return 'refusedForSeconds' in admission ? admission.refusedForSeconds : 0;
};

describe('sign-in throttle', () => {
  it('admits five attempts of a pair, counted as they begin, and refuses the sixth for 30 s', () => {
    const { throttle } = setup();
    expect(failTimes(throttle, 5, 'a@x.example', '10.0.0.1')).toEqual(Array.from({ length: 5 }, () => ({ delayMs: 0 })));
    expect(throttle.begin('a@x.example', '10.0.0.1')).toEqual({ refusedForSeconds: 30 });
  });

  it('doubles the lock at each further failure, up to the cap', () => {
    const { clock, throttle } = setup({ maxLockSeconds: 200 });
    failTimes(throttle, 5, 'a@x.example', '10.0.0.1');
    const locks: number[] = [];
    for (let i = 0; i < 4; i++) {
      const wait = refusal(throttle, 'a@x.example', '10.0.0.1');
      locks.push(wait);
      clock.advance(wait * 1000);
      throttle.begin('a@x.example', '10.0.0.1');
    }
    expect(locks).toEqual([30, 60, 120, 200]);
  });

  it('counts failures within 15 minutes only, and forgives a key quiet for a window', () => {
    const { clock, throttle } = setup();
    failTimes(throttle, 4, 'a@x.example', '10.0.0.1');
    clock.advance(15 * minute);
    failTimes(throttle, 1, 'a@x.example', '10.0.0.1');
    expect(refusal(throttle, 'a@x.example', '10.0.0.1')).toBe(0);
    failTimes(throttle, 3, 'a@x.example', '10.0.0.1');
    expect(refusal(throttle, 'a@x.example', '10.0.0.1')).toBe(30);
    clock.advance(15 * minute);
    failTimes(throttle, 5, 'a@x.example', '10.0.0.1');
    expect(refusal(throttle, 'a@x.example', '10.0.0.1')).toBe(30);
  });

  it('never locks an address: past 20 failures its attempts wait, doubling from 250 ms up to 5 s', () => {
    const { throttle } = setup();
    const delays = Array.from({ length: 28 }, (_, i) => throttle.begin(`agent${i}@x.example`, '10.0.0.9')).map((admission) =>
      'delayMs' in admission ? admission.delayMs : -1,
    );
    expect(delays.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 0));
    expect(delays.slice(20)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
    expect(throttle.begin('someone@x.example', '10.0.0.9')).toEqual({ delayMs: 5000 });
    expect(throttle.begin('someone@x.example', '10.0.0.10')).toEqual({ delayMs: 0 });
  });

  it('takes back a successful attempt: the pair is cleared, the address keeps what it did to others', () => {
    const { throttle } = setup({ perIpAllowance: 5 });
    failTimes(throttle, 4, 'a@x.example', '10.0.0.1');
    throttle.begin('a@x.example', '10.0.0.1');
    throttle.succeeded('a@x.example', '10.0.0.1');
    expect(throttle.begin('a@x.example', '10.0.0.1')).toEqual({ delayMs: 0 });
    throttle.succeeded('a@x.example', '10.0.0.1');
    expect(throttle.begin('b@x.example', '10.0.0.1')).toEqual({ delayMs: 0 });
    expect(throttle.begin('c@x.example', '10.0.0.1')).toEqual({ delayMs: 250 });
  });

  it('keeps at most maxEntries keys, forgetting the oldest', () => {
    const { throttle } = setup({ maxEntries: 4, perAccountLimit: 1 });
    throttle.begin('first@x.example', '10.0.0.1');
    expect(refusal(throttle, 'first@x.example', '10.0.0.1')).toBe(30);
    throttle.begin('second@x.example', '10.0.0.2');
    throttle.begin('third@x.example', '10.0.0.3');
    expect(refusal(throttle, 'first@x.example', '10.0.0.1')).toBe(0);
    expect(refusal(throttle, 'third@x.example', '10.0.0.3')).toBe(30);
  });
});
