import { describe, expect, it } from 'vitest';
import { itemStatuses } from '../../shared/domain';
import {
  decideCheckout,
  decideRenew,
  overdueAndFee,
  renewedDueOn,
  type CheckoutFacts,
} from '../../electron/core/rules/circulation';

const today = '2026-03-10';

function facts(overrides: Partial<CheckoutFacts> = {}): CheckoutFacts {
  return {
    patron: {
      cardNumber: '20001000000017',
      fullName: 'Lò Văn Đức',
      expiresOn: '2027-03-10',
      blocked: false,
      blockReason: null,
    },
    item: { barcode: '30001000000015', title: 'Truyện cổ Thái', status: 'available', loanable: true },
    openLoan: null,
    loansUnderPolicy: 0,
    policy: { loanDays: 14, maxItems: 5 },
    today,
    noReason: '(none)',
    ...overrides,
  };
}

describe('decideCheckout', () => {
  it('allows an ordinary loan', () => {
    expect(decideCheckout(facts())).toEqual({ ok: true });
  });

  it('refuses a blocked card, with the reason', () => {
    const verdict = decideCheckout(facts({ patron: { ...facts().patron, blocked: true, blockReason: 'Nợ sách' } }));
    expect(verdict).toEqual({ ok: false, code: 'BLOCKED', params: { name: 'Lò Văn Đức', reason: 'Nợ sách' } });
  });

  it('words a block without a reason with the given placeholder', () => {
    const verdict = decideCheckout(facts({ patron: { ...facts().patron, blocked: true, blockReason: null } }));
    expect(verdict).toMatchObject({ ok: false, code: 'BLOCKED', params: { reason: '(none)' } });
  });

  it('refuses an expired card, naming the date; the last day of validity still lends', () => {
    const expired = decideCheckout(facts({ patron: { ...facts().patron, expiresOn: '2026-03-09' } }));
    expect(expired).toEqual({ ok: false, code: 'CARD_EXPIRED', params: { name: 'Lò Văn Đức', date: '2026-03-09' } });
    expect(decideCheckout(facts({ patron: { ...facts().patron, expiresOn: today } }))).toEqual({ ok: true });
  });

  it('names the block before the expiry when both hold', () => {
    const verdict = decideCheckout(
      facts({ patron: { ...facts().patron, expiresOn: '2026-01-01', blocked: true, blockReason: 'x' } }),
    );
    expect(verdict).toMatchObject({ ok: false, code: 'BLOCKED' });
  });

  it('tells an item already on loan to the same reader from one on loan to another', () => {
    const same = decideCheckout(
      facts({ openLoan: { patronCard: '20001000000017', patronName: 'Lò Văn Đức', loanedOn: '2026-03-01' } }),
    );
    expect(same).toMatchObject({ ok: false, code: 'ALREADY_ON_LOAN_TO_PATRON', params: { title: 'Truyện cổ Thái' } });

    const other = decideCheckout(
      facts({ openLoan: { patronCard: '20001000000025', patronName: 'Hà Thị Hoa', loanedOn: '2026-03-01' } }),
    );
    expect(other).toEqual({
      ok: false,
      code: 'ALREADY_ON_LOAN',
      params: { title: 'Truyện cổ Thái', name: 'Hà Thị Hoa', card: '20001000000025', date: '2026-03-01' },
    });
  });

  it('refuses a reference-only item', () => {
    expect(decideCheckout(facts({ item: { ...facts().item, loanable: false } }))).toEqual({
      ok: false,
      code: 'NOT_LOANABLE',
      params: { title: 'Truyện cổ Thái', reason: 'reference' },
    });
  });

  it.each(itemStatuses.filter((s) => s !== 'available'))('refuses an item whose status is %s', (status) => {
    expect(decideCheckout(facts({ item: { ...facts().item, status } }))).toEqual({
      ok: false,
      code: 'NOT_LOANABLE',
      params: { title: 'Truyện cổ Thái', reason: `status_${status}` },
    });
  });

  it('refuses when the policy lends for 0 days or 0 items', () => {
    for (const policy of [
      { loanDays: 0, maxItems: 5 },
      { loanDays: 14, maxItems: 0 },
    ]) {
      expect(decideCheckout(facts({ policy }))).toMatchObject({
        ok: false,
        code: 'NOT_LOANABLE',
        params: { reason: 'policy' },
      });
    }
  });

  it('refuses at the limit, allows one below it', () => {
    expect(decideCheckout(facts({ loansUnderPolicy: 5 }))).toEqual({
      ok: false,
      code: 'LIMIT_REACHED',
      params: { name: 'Lò Văn Đức', count: 5, max: 5 },
    });
    expect(decideCheckout(facts({ loansUnderPolicy: 4 }))).toEqual({ ok: true });
  });
});

describe('decideRenew', () => {
  const renewFacts = {
    patron: facts().patron,
    title: 'Truyện cổ Thái',
    renewals: 0,
    maxRenewals: 2,
    today,
    noReason: '(none)',
  };

  it('allows below the renewal limit and refuses at it', () => {
    expect(decideRenew({ ...renewFacts, renewals: 1 })).toEqual({ ok: true });
    expect(decideRenew({ ...renewFacts, renewals: 2 })).toEqual({
      ok: false,
      code: 'RENEWAL_LIMIT',
      params: { title: 'Truyện cổ Thái', count: 2, max: 2 },
    });
  });

  it('refuses a blocked or expired card', () => {
    expect(decideRenew({ ...renewFacts, patron: { ...renewFacts.patron, blocked: true } })).toMatchObject({
      ok: false,
      code: 'BLOCKED',
    });
    expect(decideRenew({ ...renewFacts, patron: { ...renewFacts.patron, expiresOn: '2026-03-01' } })).toMatchObject({
      ok: false,
      code: 'CARD_EXPIRED',
    });
  });
});

describe('renewedDueOn', () => {
  it('takes the later date: a renewal never brings the due date forward', () => {
    expect(renewedDueOn('2026-03-24', '2026-03-30')).toBe('2026-03-30');
    expect(renewedDueOn('2026-03-30', '2026-03-24')).toBe('2026-03-30');
    expect(renewedDueOn('2026-03-24', '2026-03-24')).toBe('2026-03-24');
  });
});

describe('overdueAndFee', () => {
  const base = { dueOn: '2026-03-24', graceDays: 3, dailyFee: 1000, feesEnabled: true };

  it('is zero when returned early or on the due date', () => {
    expect(overdueAndFee({ ...base, returnedOn: '2026-03-20' })).toEqual({ overdueDays: 0, fee: 0 });
    expect(overdueAndFee({ ...base, returnedOn: '2026-03-24' })).toEqual({ overdueDays: 0, fee: 0 });
  });

  it('counts overdue days but charges nothing within grace', () => {
    expect(overdueAndFee({ ...base, returnedOn: '2026-03-26' })).toEqual({ overdueDays: 2, fee: 0 });
    expect(overdueAndFee({ ...base, returnedOn: '2026-03-27' })).toEqual({ overdueDays: 3, fee: 0 });
  });

  it('charges the days beyond grace when fees are on', () => {
    expect(overdueAndFee({ ...base, returnedOn: '2026-03-28' })).toEqual({ overdueDays: 4, fee: 1000 });
    expect(overdueAndFee({ ...base, returnedOn: '2026-04-03' })).toEqual({ overdueDays: 10, fee: 7000 });
  });

  it('charges nothing when fees are off, yet still counts the days', () => {
    expect(overdueAndFee({ ...base, feesEnabled: false, returnedOn: '2026-04-03' })).toEqual({
      overdueDays: 10,
      fee: 0,
    });
  });
});
