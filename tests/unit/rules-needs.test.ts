import { describe, expect, it } from 'vitest';
import { canMoveDelivery } from '../../electron/core/rules/delivery';
import { applyNeeds, parseNeeds } from '../../electron/core/rules/needs';
import { retryAfterMs, withinWindow } from '../../electron/core/rules/rate-limit';
import type { LoanPolicy } from '../../shared/domain';
import type { NeedPolicy } from '../../shared/reader-services';

const adult: LoanPolicy = {
  patronCategory: '*',
  materialType: '*',
  loanDays: 14,
  maxItems: 5,
  maxRenewals: 2,
  graceDays: 3,
  dailyFee: 0,
};

const defaults: NeedPolicy[] = [
  { need: 'visual', extraLoanDays: 14, extraItems: 2, extraRenewals: 0 },
  { need: 'mobility', extraLoanDays: 14, extraItems: 2, extraRenewals: 0 },
  { need: 'hearing', extraLoanDays: 0, extraItems: 0, extraRenewals: 0 },
  { need: 'other', extraLoanDays: 0, extraItems: 0, extraRenewals: 0 },
];

describe('needs → loan days and limits', () => {
  it('no needs: the policy as it is', () => {
    expect(applyNeeds(adult, [], defaults)).toBe(adult);
  });

  it('a visual need: +14 days and +2 items, renewals unchanged, grace and fee untouched', () => {
    expect(applyNeeds(adult, ['visual'], defaults)).toEqual({ ...adult, loanDays: 28, maxItems: 7 });
  });

  it('hearing only adds nothing by default', () => {
    expect(applyNeeds(adult, ['hearing'], defaults)).toEqual(adult);
  });

  it('several needs: the largest extra of each kind, not the sum', () => {
    const policies: NeedPolicy[] = [
      { need: 'visual', extraLoanDays: 14, extraItems: 1, extraRenewals: 0 },
      { need: 'mobility', extraLoanDays: 7, extraItems: 3, extraRenewals: 2 },
    ];
    expect(applyNeeds(adult, ['visual', 'mobility'], policies)).toEqual({
      ...adult,
      loanDays: 28,
      maxItems: 8,
      maxRenewals: 4,
    });
  });

  it('a policy that does not lend stays so (a reference book is not made loanable)', () => {
    const reference = { ...adult, loanDays: 0 };
    expect(applyNeeds(reference, ['visual'], defaults)).toBe(reference);
    const none = { ...adult, maxItems: 0 };
    expect(applyNeeds(none, ['mobility'], defaults)).toBe(none);
  });

  it('stays within the policy limits the contract allows', () => {
    const big: NeedPolicy[] = [{ need: 'other', extraLoanDays: 180, extraItems: 50, extraRenewals: 10 }];
    expect(applyNeeds({ ...adult, loanDays: 300, maxItems: 90, maxRenewals: 15 }, ['other'], big)).toMatchObject({
      loanDays: 365,
      maxItems: 100,
      maxRenewals: 20,
    });
  });

  it('a need without a configured extra adds nothing', () => {
    expect(applyNeeds(adult, ['other'], defaults.slice(0, 2))).toBe(adult);
  });

  it('reads the stored needs defensively', () => {
    expect(parseNeeds(null)).toEqual([]);
    expect(parseNeeds('["visual","flying",3]')).toEqual(['visual']);
    expect(parseNeeds('not json')).toEqual([]);
    expect(parseNeeds('{"visual":true}')).toEqual([]);
  });
});

describe('home delivery transitions', () => {
  it('requested → delivered → collected, or requested → cancelled', () => {
    expect(canMoveDelivery('requested', 'delivered')).toBe(true);
    expect(canMoveDelivery('delivered', 'collected')).toBe(true);
    expect(canMoveDelivery('requested', 'cancelled')).toBe(true);
  });

  it('nothing skips a step, goes back, or leaves an end', () => {
    expect(canMoveDelivery('requested', 'collected')).toBe(false);
    expect(canMoveDelivery('delivered', 'requested')).toBe(false);
    expect(canMoveDelivery('delivered', 'cancelled')).toBe(false);
    expect(canMoveDelivery('collected', 'delivered')).toBe(false);
    expect(canMoveDelivery('collected', 'collected')).toBe(false);
    expect(canMoveDelivery('cancelled', 'delivered')).toBe(false);
  });
});

describe('sliding-window rate limit', () => {
  const limit = { max: 3, windowMs: 1000 };

  it('allows up to max events in the window', () => {
    expect(retryAfterMs([], 5000, limit)).toBe(0);
    expect(retryAfterMs([4100, 4500], 5000, limit)).toBe(0);
  });

  it('refuses the next one until the oldest leaves the window', () => {
    expect(retryAfterMs([4100, 4500, 4900], 5000, limit)).toBe(100);
    expect(retryAfterMs([4100, 4500, 4900], 5100, limit)).toBe(0);
  });

  it('forgets events older than the window', () => {
    expect(withinWindow([1000, 3999, 4001, 5000], 5000, limit)).toEqual([4001, 5000]);
  });
});
