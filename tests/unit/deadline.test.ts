import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  computeDeadline,
  daysLeft,
  extendDeadline,
  isOverdue,
  isWorkingDay,
  parisDate,
  publicHolidays,
} from '../../src-shared/domain/deadline';
import type { CaseStatus, DeadlineKind } from '../../src-shared/schemas/common';

const at = (iso: string): Date => new Date(iso);

describe('parisDate', () => {
  it.each([
    // Spring forward: 2026-03-29 at 01:00 UTC Paris goes from UTC+1 to UTC+2.
    ['2026-03-28T22:59:59Z', '2026-03-28'],
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-28T23:30:00Z', '2026-03-29'],
    ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    // Fall back: 2026-10-25 at 01:00 UTC Paris goes from UTC+2 to UTC+1.
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:30:00Z', '2026-10-25'],
    ['2026-10-25T22:59:59Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
    ['2025-12-31T22:59:59Z', '2025-12-31'],
    ['2025-12-31T23:00:00Z', '2026-01-01'],
    ['2026-07-01T21:59:00Z', '2026-07-01'],
    ['2026-07-01T22:00:00Z', '2026-07-02'],
    ['2026-05-04T12:00:00+02:00', '2026-05-04'],
  ])('%s is %s in Paris', (instant, expected) => {
    expect(parisDate(at(instant))).toBe(expected);
  });
});

describe('publicHolidays', () => {
  it.each([
    // Easter 2024-03-31, 2025-04-20, 2026-04-05, 2027-03-28: Easter Monday, Ascension and Whit Monday move.
    [
      2024,
      [
        '2024-01-01',
        '2024-04-01',
        '2024-05-01',
        '2024-05-08',
        '2024-05-09',
        '2024-05-20',
        '2024-07-14',
        '2024-08-15',
        '2024-11-01',
        '2024-11-11',
        '2024-12-25',
      ],
    ],
    [
      2025,
      [
        '2025-01-01',
        '2025-04-21',
        '2025-05-01',
        '2025-05-08',
        '2025-05-29',
        '2025-06-09',
        '2025-07-14',
        '2025-08-15',
        '2025-11-01',
        '2025-11-11',
        '2025-12-25',
      ],
    ],
    [
      2026,
      [
        '2026-01-01',
        '2026-04-06',
        '2026-05-01',
        '2026-05-08',
        '2026-05-14',
        '2026-05-25',
        '2026-07-14',
        '2026-08-15',
        '2026-11-01',
        '2026-11-11',
        '2026-12-25',
      ],
    ],
    [
      2027,
      [
        '2027-01-01',
        '2027-03-29',
        '2027-05-01',
        '2027-05-06',
        '2027-05-08',
        '2027-05-17',
        '2027-07-14',
        '2027-08-15',
        '2027-11-01',
        '2027-11-11',
        '2027-12-25',
      ],
    ],
  ])('%i (metropolitan France, no Alsace-Moselle days)', (year, expected) => {
    expect(publicHolidays(year)).toEqual(expected);
  });
});

describe('publicHolidays whatever the process time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
    vi.resetModules();
  });

  // Sydney leaves DST on Easter Sunday 2026: the library's 24-hour steps land on 23:00 the day before.
  it.each(['Australia/Sydney', 'America/Sao_Paulo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])(
    'moveable holidays stay right in %s',
    async (zone) => {
      process.env.TZ = zone;
      vi.resetModules();
      const fresh = await import('../../src-shared/domain/deadline');
      expect(fresh.publicHolidays(2026)).toEqual(publicHolidays(2026));
      expect(fresh.isWorkingDay('2026-04-06')).toBe(false);
      expect(fresh.isWorkingDay('2026-05-13')).toBe(true);
    },
  );
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-12-24', true],
    ['2025-12-25', false], // Christmas
    ['2025-12-26', true], // Saint-Étienne is an Alsace-Moselle holiday only
    ['2025-12-27', false], // Saturday
    ['2025-12-28', false], // Sunday
    ['2026-01-01', false],
    ['2026-01-02', true],
    ['2026-04-03', true], // Good Friday: Alsace-Moselle only
    ['2026-04-06', false], // Easter Monday
    ['2026-05-01', false],
    ['2026-05-08', false],
    ['2026-05-14', false], // Ascension
    ['2026-05-15', true],
    ['2026-05-25', false], // Whit Monday
    ['2026-07-14', false],
    ['2026-08-14', true],
    ['2026-11-11', false],
  ])('%s → %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each(['2026-02-30', '2026-5-1', 'tomorrow', ''])('rejects %j', (date) => {
    expect(() => isWorkingDay(date)).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  it.each([
    ['2026-02-27', 2, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-05-04', 0, '2026-05-04'],
  ])('%s + %i → %s', (date, days, expected) => {
    expect(addCalendarDays(date, days)).toBe(expected);
  });

  it('refuses fractional days', () => {
    expect(() => addCalendarDays('2026-05-04', 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2025-12-22', 3, '2025-12-26', 'over Christmas'],
    ['2025-12-24', 1, '2025-12-26', 'Christmas eve'],
    ['2025-12-24', 2, '2025-12-29', 'Christmas then a weekend'],
    ['2025-12-31', 1, '2026-01-02', "over New Year's day"],
    ['2026-04-30', 1, '2026-05-04', '1 May on a Friday'],
    ['2026-05-07', 1, '2026-05-11', '8 May on a Friday'],
    ['2026-05-13', 1, '2026-05-15', 'Ascension'],
    ['2026-05-22', 1, '2026-05-26', 'Whit Monday'],
    ['2026-05-13', 10, '2026-05-29', 'Ascension and Whit Monday'],
    ['2026-01-09', 5, '2026-01-16', 'a plain week'],
    ['2026-05-02', 1, '2026-05-04', 'from a Saturday'],
    ['2026-05-04', 0, '2026-05-04', 'zero days on a working day'],
    ['2026-05-02', 0, '2026-05-04', 'zero days on a Saturday'],
    ['2026-05-01', 0, '2026-05-04', 'zero days on 1 May'],
  ])('%s + %i → %s (%s)', (date, days, expected) => {
    expect(addWorkingDays(date, days)).toBe(expected);
  });

  it.each([-1, 0.5])('refuses %d days', (days) => {
    expect(() => addWorkingDays('2026-05-04', days)).toThrow(RangeError);
  });

  it('always lands on a working day after the start', () => {
    const dates = fc.integer({ min: 0, max: 3_650 }).map((offset) => addCalendarDays('2024-01-01', offset));
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 40 }), (date, days) => {
        const result = addWorkingDays(date, days);
        expect(isWorkingDay(result)).toBe(true);
        expect(result > date).toBe(true);
        expect(addWorkingDays(date, days + 1) > result).toBe(true);
      }),
    );
  });
});

describe('computeDeadline', () => {
  it.each<[string, number, DeadlineKind, string]>([
    // Paris date of 2026-03-28T23:30Z is Sunday 29 (DST night): counting starts Monday 30.
    ['2026-03-28T23:30:00Z', 5, 'working', '2026-04-03'],
    ['2026-03-28T23:30:00Z', 1, 'calendar', '2026-03-30'],
    ['2026-03-28T22:30:00Z', 1, 'calendar', '2026-03-29'],
    ['2026-10-24T22:30:00Z', 2, 'calendar', '2026-10-27'],
    ['2025-12-31T23:30:00Z', 2, 'calendar', '2026-01-03'],
    ['2025-12-24T10:00:00Z', 2, 'working', '2025-12-29'],
    ['2026-04-30T09:00:00Z', 10, 'working', '2026-05-19'],
    ['2026-05-22T08:00:00Z', 3, 'working', '2026-05-28'],
    ['2026-05-02T10:00:00Z', 0, 'working', '2026-05-04'],
    ['2026-05-04T10:00:00Z', 0, 'calendar', '2026-05-04'],
    ['2026-01-15T10:00:00Z', 30, 'calendar', '2026-02-14'],
    // A calendar target may end on a weekend: dangerous tree, 2 calendar days from a Thursday.
    ['2026-05-07T10:00:00Z', 2, 'calendar', '2026-05-09'],
  ])('opened %s, %i %s days → %s', (openedAt, days, kind, expected) => {
    expect(computeDeadline(at(openedAt), { days, kind })).toBe(expected);
  });
});

describe('extendDeadline', () => {
  it.each<[string, string, string, DeadlineKind, string]>([
    ['2026-06-10', '2026-06-01T08:00:00Z', '2026-06-04T08:00:00Z', 'calendar', '2026-06-13'],
    ['2026-06-10', '2026-06-01T08:00:00Z', '2026-06-04T08:00:00Z', 'working', '2026-06-15'],
    // Friday to Monday: only Monday is a working day lost.
    ['2026-06-10', '2026-06-05T15:00:00Z', '2026-06-08T07:00:00Z', 'working', '2026-06-11'],
    ['2026-06-10', '2026-06-05T15:00:00Z', '2026-06-08T07:00:00Z', 'calendar', '2026-06-13'],
    // Paused over a weekend only.
    ['2026-06-10', '2026-06-05T15:00:00Z', '2026-06-06T09:00:00Z', 'working', '2026-06-10'],
    // Same day.
    ['2026-06-10', '2026-06-03T07:00:00Z', '2026-06-03T16:00:00Z', 'working', '2026-06-10'],
    ['2026-06-10', '2026-06-03T07:00:00Z', '2026-06-03T16:00:00Z', 'calendar', '2026-06-10'],
    // Resume before pause (skewed clocks): nothing to add.
    ['2026-06-10', '2026-06-05T07:00:00Z', '2026-06-03T16:00:00Z', 'calendar', '2026-06-10'],
    // Across the DST night: Paris dates 28 and 29 March although both instants are on 28 March in UTC.
    ['2026-04-10', '2026-03-28T22:30:00Z', '2026-03-28T23:30:00Z', 'calendar', '2026-04-11'],
    // Across Ascension: 13 and 15 May lost; the new deadline skips no holiday between 20 and 22 May.
    ['2026-05-20', '2026-05-12T10:00:00Z', '2026-05-15T10:00:00Z', 'working', '2026-05-22'],
    // The shifted deadline jumps Whit Monday.
    ['2026-05-22', '2026-05-18T10:00:00Z', '2026-05-19T10:00:00Z', 'working', '2026-05-26'],
  ])('%s paused %s resumed %s (%s) → %s', (deadline, pausedAt, resumedAt, kind, expected) => {
    expect(extendDeadline(deadline, at(pausedAt), at(resumedAt), kind)).toBe(expected);
  });
});

describe('isOverdue', () => {
  it.each<[string | null, CaseStatus, string, boolean]>([
    [null, 'in_progress', '2030-01-01T10:00:00Z', false],
    ['2026-05-04', 'in_progress', '2026-05-04T21:59:00Z', false], // 23:59 in Paris: last day still on time
    ['2026-05-04', 'in_progress', '2026-05-04T22:00:00Z', true], // midnight in Paris
    ['2026-05-04', 'new', '2026-05-06T10:00:00Z', true],
    ['2026-05-04', 'qualified', '2026-05-06T10:00:00Z', true],
    ['2026-05-04', 'assigned', '2026-05-06T10:00:00Z', true],
    ['2026-05-04', 'waiting_citizen', '2026-05-06T10:00:00Z', false],
    ['2026-05-04', 'resolved', '2026-05-06T10:00:00Z', false],
    ['2026-05-04', 'closed', '2026-05-06T10:00:00Z', false],
    ['2026-05-04', 'rejected', '2026-05-06T10:00:00Z', false],
    ['2026-05-04', 'cancelled', '2026-05-06T10:00:00Z', false],
    ['2026-05-04', 'merged', '2026-05-06T10:00:00Z', false],
    ['2026-05-04', 'in_progress', '2026-05-01T10:00:00Z', false],
  ])('deadline %s, %s, at %s → %s', (deadline, status, now, expected) => {
    expect(isOverdue(deadline, status, at(now))).toBe(expected);
  });
});

describe('daysLeft', () => {
  it.each([
    ['2026-05-10', '2026-05-04T10:00:00Z', 6],
    ['2026-05-04', '2026-05-04T10:00:00Z', 0],
    ['2026-05-01', '2026-05-04T10:00:00Z', -3],
    ['2026-03-30', '2026-03-28T23:30:00Z', 1],
    ['2026-11-02', '2026-10-24T22:30:00Z', 8],
    ['2027-01-01', '2026-12-31T22:59:00Z', 1],
    ['2027-01-01', '2026-12-31T23:00:00Z', 0],
  ])('deadline %s at %s → %i', (deadline, now, expected) => {
    expect(daysLeft(deadline, at(now))).toBe(expected);
  });
});
