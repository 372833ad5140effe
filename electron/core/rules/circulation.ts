import type { ErrorCode } from '../../../shared/result';
import { daysBetween } from './dates';

/** A rule's verdict: allowed, or refused with a code and what the message needs. */
export type Verdict =
  { ok: true } | { ok: false; code: ErrorCode; key?: string; params: Record<string, string | number> };

const allow: Verdict = { ok: true };
const refuse = (code: ErrorCode, params: Record<string, string | number>, key?: string): Verdict =>
  key ? { ok: false, code, key, params } : { ok: false, code, params };

export interface PatronState {
  cardNumber: string;
  fullName: string;
  expiresOn: string;
  blocked: boolean;
  blockReason: string | null;
}

export interface ItemState {
  barcode: string;
  title: string;
  status: string;
  loanable: boolean;
}

export interface OpenLoanState {
  patronCard: string;
  patronName: string;
  loanedOn: string;
}

/** May this reader borrow at all today? Expired and blocked cards may not. */
export function checkPatron(patron: PatronState, today: string, noReason: string): Verdict {
  if (patron.blocked) return refuse('BLOCKED', { name: patron.fullName, reason: patron.blockReason || noReason });
  if (patron.expiresOn < today) return refuse('CARD_EXPIRED', { name: patron.fullName, date: patron.expiresOn });
  return allow;
}

export interface CheckoutFacts {
  patron: PatronState;
  item: ItemState;
  openLoan: OpenLoanState | null;
  /** Open loans of this reader that fall under the same policy. */
  loansUnderPolicy: number;
  policy: { loanDays: number; maxItems: number };
  today: string;
  noReason: string;
}

/** Every checkout rule, in the order a librarian would want to hear them. */
export function decideCheckout(f: CheckoutFacts): Verdict {
  const patron = checkPatron(f.patron, f.today, f.noReason);
  if (!patron.ok) return patron;
  if (f.openLoan) {
    if (f.openLoan.patronCard === f.patron.cardNumber) {
      return refuse('ALREADY_ON_LOAN_TO_PATRON', { title: f.item.title, card: f.patron.cardNumber });
    }
    return refuse('ALREADY_ON_LOAN', {
      title: f.item.title,
      name: f.openLoan.patronName,
      card: f.openLoan.patronCard,
      date: f.openLoan.loanedOn,
    });
  }
  if (!f.item.loanable) return refuse('NOT_LOANABLE', { title: f.item.title, reason: 'reference' });
  if (f.item.status !== 'available')
    return refuse('NOT_LOANABLE', { title: f.item.title, reason: `status_${f.item.status}` });
  if (f.policy.loanDays <= 0 || f.policy.maxItems <= 0)
    return refuse('NOT_LOANABLE', { title: f.item.title, reason: 'policy' });
  if (f.loansUnderPolicy >= f.policy.maxItems) {
    return refuse('LIMIT_REACHED', { name: f.patron.fullName, count: f.loansUnderPolicy, max: f.policy.maxItems });
  }
  return allow;
}

export interface RenewFacts {
  patron: PatronState;
  title: string;
  renewals: number;
  maxRenewals: number;
  today: string;
  noReason: string;
}

export function decideRenew(f: RenewFacts): Verdict {
  const patron = checkPatron(f.patron, f.today, f.noReason);
  if (!patron.ok) return patron;
  if (f.renewals >= f.maxRenewals)
    return refuse('RENEWAL_LIMIT', { title: f.title, count: f.renewals, max: f.maxRenewals });
  return allow;
}

/** A renewal never brings a due date forward. */
export function renewedDueOn(currentDueOn: string, computedDueOn: string): string {
  return computedDueOn > currentDueOn ? computedDueOn : currentDueOn;
}

export interface ReturnFacts {
  dueOn: string;
  returnedOn: string;
  graceDays: number;
  dailyFee: number;
  feesEnabled: boolean;
}

/**
 * Days overdue are calendar days after the due date. A fee, when fees are on,
 * runs only for the days beyond the grace period: a book back within grace
 * costs nothing.
 */
export function overdueAndFee(f: ReturnFacts): { overdueDays: number; fee: number } {
  const overdueDays = Math.max(0, daysBetween(f.dueOn, f.returnedOn));
  const chargeable = Math.max(0, overdueDays - f.graceDays);
  return { overdueDays, fee: f.feesEnabled ? chargeable * f.dailyFee : 0 };
}
