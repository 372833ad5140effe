import type { Database } from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { Calendar, LoanPolicy } from '../../../shared/domain';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { requireKnownCategory } from './categories';

interface PolicyRow {
  patron_category: string;
  material_type: string;
  loan_days: number;
  max_items: number;
  max_renewals: number;
  grace_days: number;
  daily_fee: number;
}

export function readPolicies(db: Database): LoanPolicy[] {
  return (stmt(db, 'SELECT * FROM loan_policies ORDER BY patron_category, material_type').all() as PolicyRow[]).map(
    (r) =>
      ({
        patronCategory: r.patron_category,
        materialType: r.material_type,
        loanDays: r.loan_days,
        maxItems: r.max_items,
        maxRenewals: r.max_renewals,
        graceDays: r.grace_days,
        dailyFee: r.daily_fee,
      }) as LoanPolicy,
  );
}

export function readCalendar(db: Database): Calendar {
  const openWeekdays = (
    stmt(db, 'SELECT weekday FROM opening_weekdays WHERE open = 1 ORDER BY weekday').all() as {
      weekday: number;
    }[]
  ).map((r) => r.weekday);
  const closedDates = stmt(db, 'SELECT date, reason FROM closed_dates ORDER BY date').all() as Calendar['closedDates'];
  return { openWeekdays, closedDates };
}

export function list(_input: ParsedInput<'policies.list'>, ctx: Ctx): ChannelOutput<'policies.list'> {
  return readPolicies(ctx.db);
}

export function upsert(input: ParsedInput<'policies.upsert'>, ctx: Ctx): ChannelOutput<'policies.upsert'> {
  // A policy names a category of the desk's list (retired ones too: their readers still borrow), or '*'.
  if (input.patronCategory !== '*') requireKnownCategory(ctx.db, input.patronCategory);
  stmt(
    ctx.db,
    `INSERT INTO loan_policies (patron_category, material_type, loan_days, max_items, max_renewals, grace_days, daily_fee)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (patron_category, material_type) DO UPDATE SET loan_days = excluded.loan_days,
         max_items = excluded.max_items, max_renewals = excluded.max_renewals,
         grace_days = excluded.grace_days, daily_fee = excluded.daily_fee`,
  ).run(
    input.patronCategory,
    input.materialType,
    input.loanDays,
    input.maxItems,
    input.maxRenewals,
    input.graceDays,
    input.dailyFee,
  );
  ctx.audit('policy.changed', `${input.patronCategory}/${input.materialType}`, input);
  return readPolicies(ctx.db);
}

export function getCalendar(_input: ParsedInput<'calendar.get'>, ctx: Ctx): ChannelOutput<'calendar.get'> {
  return readCalendar(ctx.db);
}

export function updateCalendar(input: ParsedInput<'calendar.update'>, ctx: Ctx): ChannelOutput<'calendar.update'> {
  const setWeekday = stmt(ctx.db, 'UPDATE opening_weekdays SET open = ? WHERE weekday = ?');
  for (let d = 0; d <= 6; d += 1) setWeekday.run(input.openWeekdays.includes(d) ? 1 : 0, d);
  stmt(ctx.db, 'DELETE FROM closed_dates').run();
  const addClosed = stmt(ctx.db, 'INSERT OR REPLACE INTO closed_dates (date, reason) VALUES (?, ?)');
  for (const c of input.closedDates) addClosed.run(c.date, c.reason);
  ctx.audit('calendar.changed', 'calendar', input);
  return readCalendar(ctx.db);
}
