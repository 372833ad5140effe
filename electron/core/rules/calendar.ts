import type { Calendar } from '../../../shared/domain';
import { addDays, weekday } from './dates';

export function isOpen(date: string, calendar: Calendar): boolean {
  if (!calendar.openWeekdays.includes(weekday(date))) return false;
  return !calendar.closedDates.some((c) => c.date === date);
}

/** The first open day on or after `date`. A calendar with no open day at all is refused. */
export function nextOpenDay(date: string, calendar: Calendar): string {
  let day = date;
  // A year and a week covers any run of closed dates a real calendar holds.
  for (let i = 0; i < 373; i += 1) {
    if (isOpen(day, calendar)) return day;
    day = addDays(day, 1);
  }
  throw new Error('The opening calendar has no open day within a year');
}

/** Due date: `loanDays` after the loan date, moved forward off closed days. */
export function dueDate(loanDate: string, loanDays: number, calendar: Calendar): string {
  return nextOpenDay(addDays(loanDate, loanDays), calendar);
}
