import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, daysBetween, weekday } from '../../electron/core/rules/dates';

describe('addDays', () => {
  it('crosses the end of a month', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-04-25', 14)).toBe('2026-05-09');
  });

  it('crosses the end of a year, both ways', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2027-01-03', -5)).toBe('2026-12-29');
  });

  it('knows leap years: 29 February exists in 2028, not in 2026 nor 2100', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
  });

  it('adds zero as the same day and is undone by its negative', () => {
    expect(addDays('2026-03-10', 0)).toBe('2026-03-10');
    for (const n of [1, 13, 28, 365, 400]) expect(addDays(addDays('2026-03-10', n), -n)).toBe('2026-03-10');
  });

  it('does not drift across the DST changes of other zones (it works in UTC)', () => {
    // 29 March 2026 is a DST day in Europe; 1 November in America.
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-31', 2)).toBe('2026-11-02');
  });
});

describe('daysBetween', () => {
  it('counts whole days, negative when the second date is earlier', () => {
    expect(daysBetween('2026-03-10', '2026-03-24')).toBe(14);
    expect(daysBetween('2026-03-24', '2026-03-10')).toBe(-14);
    expect(daysBetween('2026-03-10', '2026-03-10')).toBe(0);
  });

  it('counts across a leap day and a year end', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
  });

  it('agrees with addDays', () => {
    for (const n of [-40, -1, 0, 1, 17, 59, 366]) expect(daysBetween('2027-12-20', addDays('2027-12-20', n))).toBe(n);
  });
});

describe('weekday', () => {
  it('numbers Sunday 0 to Saturday 6', () => {
    expect(weekday('2026-03-08')).toBe(0); // Sunday
    expect(weekday('2026-03-09')).toBe(1); // Monday
    expect(weekday('2026-03-14')).toBe(6); // Saturday
    expect(weekday('2024-02-29')).toBe(4); // Thursday
    expect(weekday('2026-02-17')).toBe(2); // Tết 2026, a Tuesday
  });
});

describe('addYears', () => {
  it('keeps the day of the month', () => {
    expect(addYears('2026-03-10', 1)).toBe('2027-03-10');
    expect(addYears('2026-12-31', 1)).toBe('2027-12-31');
  });

  it('turns 29 February into 28 February in a common year, not 1 March', () => {
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
  });

  it('keeps 29 February when the target year is leap too', () => {
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('addMonths', () => {
  it('adds calendar months, across years', () => {
    expect(addMonths('2026-03-10', 12)).toBe('2027-03-10');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-10', -3)).toBe('2025-12-10');
    expect(addMonths('2026-03-10', 120)).toBe('2036-03-10');
  });

  it('ends on the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-05-31', 9)).toBe('2027-02-28');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
  });
});
