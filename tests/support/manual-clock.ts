import type { Clock } from '../../src-shared/domain/clock';

/** A clock tests move by hand: deadlines, session expiry and throttling without sleeping. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start = '2026-03-02T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }

  set(iso: string): void {
    this.current = new Date(iso).getTime();
  }
}
