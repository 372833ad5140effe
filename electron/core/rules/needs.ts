import type { LoanPolicy } from '../../../shared/domain';
import type { NeedKind, NeedPolicy } from '../../../shared/reader-services';

/**
 * The policy a reader with these needs borrows under: the base policy with the
 * largest extra of each kind among the reader's needs (a reader who is both
 * blind and in a wheelchair gets +14 days, not +28). A policy that does not
 * lend (0 days or 0 items) stays so: needs lengthen loans, they do not make a
 * reference book loanable.
 */
export function applyNeeds(
  base: LoanPolicy,
  needs: readonly NeedKind[],
  needPolicies: readonly NeedPolicy[],
): LoanPolicy {
  if (needs.length === 0 || base.loanDays <= 0 || base.maxItems <= 0) return base;
  const mine = needPolicies.filter((p) => needs.includes(p.need));
  if (mine.length === 0) return base;
  const most = (pick: (p: NeedPolicy) => number) => Math.max(0, ...mine.map(pick));
  return {
    ...base,
    loanDays: Math.min(365, base.loanDays + most((p) => p.extraLoanDays)),
    maxItems: Math.min(100, base.maxItems + most((p) => p.extraItems)),
    maxRenewals: Math.min(20, base.maxRenewals + most((p) => p.extraRenewals)),
  };
}

/** The needs column as stored (a JSON array), read defensively: unknown kinds are dropped. */
export function parseNeeds(stored: string | null): NeedKind[] {
  if (!stored) return [];
  const kinds: readonly string[] = ['visual', 'hearing', 'mobility', 'other'];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? (value.filter((k) => typeof k === 'string' && kinds.includes(k)) as NeedKind[]) : [];
  } catch {
    return [];
  }
}
