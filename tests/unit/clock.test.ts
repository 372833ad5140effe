import { describe, expect, it } from 'vitest';
import { localDate, localInstant } from '../../electron/core/clock';

const zone = 'Asia/Ho_Chi_Minh';

describe('localDate', () => {
  it('turns the date at 17:00 UTC, which is midnight in Hà Nội', () => {
    expect(localDate(new Date('2026-03-14T16:59:59.999Z'), zone)).toBe('2026-03-14');
    expect(localDate(new Date('2026-03-14T17:00:00.000Z'), zone)).toBe('2026-03-15');
  });

  it('is the next day in Hà Nội while still the previous day in UTC, across a year end', () => {
    expect(localDate(new Date('2026-12-31T18:30:00Z'), zone)).toBe('2027-01-01');
    expect(localDate(new Date('2026-12-31T18:30:00Z'), 'UTC')).toBe('2026-12-31');
  });
});

describe('localInstant', () => {
  it('writes the wall time with a +07:00 offset', () => {
    expect(localInstant(new Date('2026-03-10T03:00:00.000Z'), zone)).toBe('2026-03-10T10:00:00.000+07:00');
    expect(localInstant(new Date('2026-03-14T17:00:00.250Z'), zone)).toBe('2026-03-15T00:00:00.250+07:00');
    expect(localInstant(new Date('2026-03-14T16:59:59.999Z'), zone)).toBe('2026-03-14T23:59:59.999+07:00');
  });

  it('names the same instant it was given', () => {
    for (const iso of ['2026-03-14T16:59:59.999Z', '2026-03-14T17:00:00.000Z', '2028-02-28T17:30:00.001Z']) {
      const text = localInstant(new Date(iso), zone);
      expect(text.endsWith('+07:00')).toBe(true);
      expect(new Date(text).toISOString()).toBe(iso);
    }
  });

  it('writes negative and zero offsets too', () => {
    expect(localInstant(new Date('2026-01-15T12:00:00.000Z'), 'UTC')).toBe('2026-01-15T12:00:00.000+00:00');
    expect(localInstant(new Date('2026-01-15T12:00:00.000Z'), 'America/New_York')).toBe(
      '2026-01-15T07:00:00.000-05:00',
    );
    expect(localInstant(new Date('2026-01-15T12:00:00.000Z'), 'Asia/Kolkata')).toBe('2026-01-15T17:30:00.000+05:30');
  });
});
