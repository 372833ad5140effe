import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../shared/domain';
import { dueDate, isOpen, nextOpenDay } from '../../electron/core/rules/calendar';

/** The desk's default: closed on Mondays. */
const closedMondays: Calendar = { openWeekdays: [0, 2, 3, 4, 5, 6], closedDates: [] };

/** Tết Bính Ngọ: 16 to 22 February 2026 closed (Monday 16 to Sunday 22). */
const tet2026: Calendar = {
  openWeekdays: [0, 2, 3, 4, 5, 6],
  closedDates: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22'].map(
    (date) => ({ date, reason: 'Tết Nguyên Đán' }),
  ),
};

describe('isOpen', () => {
  it('is closed on a closed weekday and open on the others', () => {
    expect(isOpen('2026-03-09', closedMondays)).toBe(false); // Monday
    expect(isOpen('2026-03-10', closedMondays)).toBe(true); // Tuesday
    expect(isOpen('2026-03-08', closedMondays)).toBe(true); // Sunday
  });

  it('is closed on a closed date even when its weekday is open', () => {
    expect(isOpen('2026-02-17', tet2026)).toBe(false);
    expect(isOpen('2026-02-17', closedMondays)).toBe(true);
  });
});

describe('nextOpenDay', () => {
  it('answers the day itself when open', () => {
    expect(nextOpenDay('2026-03-10', closedMondays)).toBe('2026-03-10');
  });

  it('skips a closed weekday', () => {
    expect(nextOpenDay('2026-03-09', closedMondays)).toBe('2026-03-10');
  });

  it('skips a run of closed dates such as Tết, and the closed Monday after it', () => {
    // 16–22 Feb closed for Tết, 23 Feb is a Monday: the first open day is Tuesday 24.
    expect(nextOpenDay('2026-02-16', tet2026)).toBe('2026-02-24');
    expect(nextOpenDay('2026-02-20', tet2026)).toBe('2026-02-24');
  });

  it('skips weekends when only weekdays are open', () => {
    const weekdaysOnly: Calendar = { openWeekdays: [1, 2, 3, 4, 5], closedDates: [] };
    expect(nextOpenDay('2026-03-14', weekdaysOnly)).toBe('2026-03-16'); // Saturday → Monday
  });

  it('crosses a year end', () => {
    const closedNewYear: Calendar = {
      openWeekdays: [0, 1, 2, 3, 4, 5, 6],
      closedDates: [
        { date: '2026-12-31', reason: '' },
        { date: '2027-01-01', reason: 'Tết Dương lịch' },
      ],
    };
    expect(nextOpenDay('2026-12-31', closedNewYear)).toBe('2027-01-02');
  });

  it('throws for a calendar with no open weekday', () => {
    expect(() => nextOpenDay('2026-03-10', { openWeekdays: [], closedDates: [] })).toThrow(/no open day/u);
  });

  it('throws when every day for more than a year is a closed date', () => {
    const dates: Calendar['closedDates'] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 6, 1); t += 86_400_000)
      dates.push({ date: new Date(t).toISOString().slice(0, 10), reason: 'renovation' });
    expect(() => nextOpenDay('2026-01-01', { openWeekdays: [0, 1, 2, 3, 4, 5, 6], closedDates: dates })).toThrow();
  });
});

describe('dueDate', () => {
  it('is loanDays after the loan date when that day is open', () => {
    expect(dueDate('2026-03-10', 14, closedMondays)).toBe('2026-03-24');
  });

  it('moves off a closed weekday', () => {
    // Monday 9 March + 14 days = Monday 23 March, closed: due Tuesday 24.
    expect(dueDate('2026-03-09', 14, closedMondays)).toBe('2026-03-24');
  });

  it('moves off closed dates, never earlier', () => {
    // 3 Feb + 14 = 17 Feb, in Tết: due 24 Feb.
    expect(dueDate('2026-02-03', 14, tet2026)).toBe('2026-02-24');
  });
});
