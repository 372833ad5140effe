import { describe, expect, it } from 'vitest';
import type { LoanPolicy } from '../../shared/domain';
import { policyKey, resolvePolicy } from '../../electron/core/rules/policy';

function policy(
  patronCategory: LoanPolicy['patronCategory'],
  materialType: LoanPolicy['materialType'],
  loanDays: number,
) {
  return { patronCategory, materialType, loanDays, maxItems: 5, maxRenewals: 2, graceDays: 3, dailyFee: 0 };
}

const all: LoanPolicy[] = [
  policy('*', '*', 14),
  policy('child', '*', 10),
  policy('*', 'periodical', 7),
  policy('child', 'periodical', 3),
];

describe('resolvePolicy', () => {
  it('takes the exact pair first', () => {
    expect(resolvePolicy(all, 'child', 'periodical')?.loanDays).toBe(3);
  });

  it('then the category with any type', () => {
    expect(resolvePolicy(all, 'child', 'book')?.loanDays).toBe(10);
  });

  it('then any category with the type', () => {
    expect(resolvePolicy(all, 'adult', 'periodical')?.loanDays).toBe(7);
  });

  it('prefers category/* over */type', () => {
    const noExact = all.filter((p) => policyKey(p) !== 'child/periodical');
    expect(resolvePolicy(noExact, 'child', 'periodical')?.loanDays).toBe(10);
  });

  it('falls back to */*', () => {
    expect(resolvePolicy(all, 'adult', 'book')?.loanDays).toBe(14);
  });

  it('does not depend on the order of the list', () => {
    const reversed = [...all].reverse();
    for (const [c, m] of [
      ['child', 'periodical'],
      ['child', 'book'],
      ['adult', 'periodical'],
      ['adult', 'book'],
    ] as const) {
      expect(resolvePolicy(reversed, c, m)).toEqual(resolvePolicy(all, c, m));
    }
  });

  it('answers undefined when nothing matches', () => {
    expect(resolvePolicy([policy('child', '*', 10)], 'adult', 'book')).toBeUndefined();
    expect(resolvePolicy([], 'adult', 'book')).toBeUndefined();
  });
});
