/** Time as the service sees it; tests pass a clock they move by hand (session expiry, throttling). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
