/**
 * Time as the code sees it, on either side of the sync: the system's, or one that a test or the simulation
 * moves by hand (deadlines, session expiry, throttling, a replica's skewed clock).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
