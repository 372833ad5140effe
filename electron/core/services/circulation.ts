import { uuidv7 } from '../uuid7';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { Ctx } from '../context';
import { DeskRefusal } from '../errors';
import { dueDate } from '../rules/calendar';
import { decideCheckout, decideRenew, overdueAndFee, renewedDueOn, type Verdict } from '../rules/circulation';
import { applyNeeds } from '../rules/needs';
import { resolvePolicy } from '../rules/policy';
import type { LoanPolicy } from '../../../shared/domain';
import { needsOfPatron, readNeedPolicies } from './needs';
import { requireProxyOf } from './proxies';
import { localDate } from '../clock';
import { requirePatron } from './patrons';
import { readCalendar, readPolicies } from './policies';
import {
  findItem,
  findPatron,
  loanSelect,
  refuseMisread,
  openLoansOfPatron,
  toLoanView,
  type ItemRow,
  type LoanRow,
  type PatronRow,
} from './rows';
import { stmt } from '../db/statements';

function enforce(verdict: Verdict, ctx: Ctx): void {
  if (verdict.ok) return;
  const params = { ...verdict.params };
  if (typeof params.reason === 'string' && verdict.code === 'NOT_LOANABLE')
    params.reason = ctx.t(`reasons.${params.reason}`);
  throw new DeskRefusal(verdict.code, params, verdict.key);
}

function requireItem(ctx: Ctx, barcode: string): ItemRow {
  refuseMisread(barcode);
  const item = findItem(ctx.db, barcode);
  if (!item) throw new DeskRefusal('NOT_FOUND', { code: barcode }, 'NOT_FOUND_item');
  return item;
}

function openLoanOfItem(ctx: Ctx, itemId: number): LoanRow | undefined {
  return stmt(ctx.db, `${loanSelect} WHERE l.item_id = ? AND l.returned_at IS NULL`).get(itemId) as LoanRow | undefined;
}

function patronState(row: PatronRow) {
  return {
    cardNumber: row.card_number,
    fullName: row.full_name,
    expiresOn: row.expires_on,
    blocked: row.blocked === 1,
    blockReason: row.block_reason,
  };
}

/** The policy with the extras of the reader's needs (none without consent). */
function withNeeds(ctx: Ctx, patronId: number, policy: LoanPolicy): LoanPolicy {
  const needs = needsOfPatron(ctx.db, patronId);
  return needs.length === 0 ? policy : applyNeeds(policy, needs, readNeedPolicies(ctx.db));
}

function loanById(ctx: Ctx, id: number) {
  return toLoanView(stmt(ctx.db, `${loanSelect} WHERE l.id = ?`).get(id) as LoanRow, ctx.today);
}

export function checkout(input: ParsedInput<'circulation.checkout'>, ctx: Ctx): ChannelOutput<'circulation.checkout'> {
  const patron = requirePatron(ctx.db, input.patron);
  const item = requireItem(ctx, input.item);
  const open = openLoanOfItem(ctx, item.id);
  const policies = readPolicies(ctx.db);
  const policy = resolvePolicy(policies, patron.category, item.material_type);
  if (!policy) throw new DeskRefusal('NOT_LOANABLE', { title: item.title, reason: ctx.t('reasons.policy') });
  // Open loans of this reader that the same policy governs count towards its limit.
  const openTypes = stmt(
    ctx.db,
    `SELECT t.material_type FROM loans l JOIN items i ON i.id = l.item_id JOIN titles t ON t.id = i.title_id
     WHERE l.patron_id = ? AND l.returned_at IS NULL`,
  ).all(patron.id) as { material_type: string }[];
  const loansUnderPolicy = openTypes.filter(
    (l) => resolvePolicy(policies, patron.category, l.material_type) === policy,
  ).length;
  const granted = withNeeds(ctx, patron.id, policy);
  // Refused before any rule on the reader or the item: a stranger learns nothing about them.
  const proxy = input.proxy ? requireProxyOf(ctx, patron, input.proxy) : null;
  enforce(
    decideCheckout({
      patron: patronState(patron),
      item: { barcode: item.barcode, title: item.title, status: item.status, loanable: item.loanable === 1 },
      openLoan: open
        ? {
            patronCard: open.card_number,
            patronName: open.full_name,
            loanedOn: localDate(new Date(open.loaned_at), ctx.settings.timeZone),
          }
        : null,
      loansUnderPolicy,
      policy: granted,
      today: ctx.today,
      noReason: ctx.t('reasons.noReason'),
    }),
    ctx,
  );
  const dueOn = dueDate(ctx.today, granted.loanDays, readCalendar(ctx.db));
  const uuid = uuidv7();
  const info = stmt(
    ctx.db,
    'INSERT INTO loans (uuid, item_id, patron_id, loaned_at, due_on, proxy_card, proxy_name) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(uuid, item.id, patron.id, ctx.nowIso, dueOn, proxy?.card ?? null, proxy?.name ?? null);
  stmt(ctx.db, `UPDATE items SET status = 'on_loan', updated_at = ? WHERE id = ?`).run(ctx.nowIso, item.id);
  const loan = loanById(ctx, Number(info.lastInsertRowid));
  ctx.record('loan.checkedOut', item.barcode, {
    loanId: uuid,
    item: item.barcode,
    patron: patron.card_number,
    loanedAt: ctx.nowIso,
    dueOn,
    // A proxy travels by card only: one without a card is known only to this desk.
    ...(proxy ? { proxy: { card: proxy.card } } : {}),
  });
  ctx.emit({ type: 'changed', domain: 'circulation' });
  return { ...loan, proxy };
}

export function checkin(input: ParsedInput<'circulation.return'>, ctx: Ctx): ChannelOutput<'circulation.return'> {
  const item = requireItem(ctx, input.item);
  const open = openLoanOfItem(ctx, item.id);
  if (!open) throw new DeskRefusal('NOT_ON_LOAN', { title: item.title });
  const patron = stmt(ctx.db, 'SELECT category FROM patrons WHERE id = ?').get(open.patron_id) as {
    category: string;
  };
  const proxy = input.proxy ? requireProxyOf(ctx, findPatron(ctx.db, open.card_number)!, input.proxy) : null;
  const policy = resolvePolicy(readPolicies(ctx.db), patron.category, item.material_type);
  const { overdueDays, fee } = overdueAndFee({
    dueOn: open.due_on,
    returnedOn: ctx.today,
    graceDays: policy?.graceDays ?? 0,
    dailyFee: policy?.dailyFee ?? 0,
    feesEnabled: ctx.settings.feesEnabled,
  });
  stmt(
    ctx.db,
    `UPDATE loans SET returned_at = ?, overdue_days = ?, fee = ?, return_proxy_card = ?, return_proxy_name = ?
      WHERE id = ?`,
  ).run(ctx.nowIso, overdueDays, fee, proxy?.card ?? null, proxy?.name ?? null, open.id);
  stmt(ctx.db, `UPDATE items SET status = 'available', updated_at = ? WHERE id = ?`).run(ctx.nowIso, item.id);
  const view = toLoanView(open, ctx.today);
  ctx.record('loan.returned', item.barcode, {
    loanId: open.uuid,
    item: item.barcode,
    patron: open.card_number,
    returnedAt: ctx.nowIso,
    overdueDays,
    fee,
    ...(proxy ? { proxy: { card: proxy.card } } : {}),
  });
  ctx.emit({ type: 'changed', domain: 'circulation' });
  return {
    proxy,
    loan: {
      id: view.id,
      item: view.item,
      patron: view.patron,
      loanedAt: view.loanedAt,
      dueOn: view.dueOn,
      renewals: view.renewals,
    },
    overdueDays,
    fee,
    title: item.title,
    patronName: open.full_name,
    returnedAt: ctx.nowIso,
  };
}

export function renew(input: ParsedInput<'circulation.renew'>, ctx: Ctx): ChannelOutput<'circulation.renew'> {
  return renewItem(ctx, input.item);
}

/** The rules a renewal of this open loan is judged by (the reader's needs included). */
function renewFacts(ctx: Ctx, patron: PatronRow, open: LoanRow) {
  const base = resolvePolicy(readPolicies(ctx.db), patron.category, open.material_type);
  const policy = base ? withNeeds(ctx, patron.id, base) : undefined;
  const facts = {
    patron: patronState(patron),
    title: open.title,
    renewals: open.renewals,
    maxRenewals: policy?.maxRenewals ?? 0,
    today: ctx.today,
    noReason: ctx.t('reasons.noReason'),
  };
  return { policy, facts };
}

/** May this open loan be renewed today? For the kiosk, which offers only what would succeed. */
export function mayRenew(ctx: Ctx, patron: PatronRow, open: LoanRow): boolean {
  return decideRenew(renewFacts(ctx, patron, open).facts).ok;
}

/**
 * Renew an item on loan. With `onlyFor`, the loan must be that reader's (the
 * kiosk renews a reader's own loans only; another's answers NOT_ON_LOAN, as if
 * the item were not on loan at all).
 */
export function renewItem(ctx: Ctx, barcode: string, onlyFor?: number, via?: string) {
  const item = requireItem(ctx, barcode);
  const open = openLoanOfItem(ctx, item.id);
  if (!open || (onlyFor !== undefined && open.patron_id !== onlyFor))
    throw new DeskRefusal('NOT_ON_LOAN', { title: item.title });
  const patron = findPatron(ctx.db, open.card_number)!;
  const { policy, facts } = renewFacts(ctx, patron, open);
  enforce(decideRenew(facts), ctx);
  const dueOn = renewedDueOn(open.due_on, dueDate(ctx.today, policy?.loanDays ?? 0, readCalendar(ctx.db)));
  stmt(ctx.db, 'UPDATE loans SET due_on = ?, renewals = renewals + 1 WHERE id = ?').run(dueOn, open.id);
  ctx.record('loan.renewed', item.barcode, {
    loanId: open.uuid,
    item: item.barcode,
    patron: patron.card_number,
    dueOn,
    renewals: open.renewals + 1,
    ...(via ? { via } : {}),
  });
  ctx.emit({ type: 'changed', domain: 'circulation' });
  return loanById(ctx, open.id);
}

export { openLoanOfItem };

export function loans(input: ParsedInput<'circulation.loans'>, ctx: Ctx): ChannelOutput<'circulation.loans'> {
  const patron = requirePatron(ctx.db, input.patron);
  return openLoansOfPatron(ctx.db, patron.id, ctx.today);
}
