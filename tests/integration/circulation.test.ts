import type { Result } from '../../shared/result';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibraryBarcode } from '../../shared/barcode';
import type { Channel } from '../../shared/contract';
import { addTitle, ok, refused, registerReader, snapshotTables, tempDesk, type TempDesk } from '../helpers/desk';

/** Tuesday 10 March 2026, 10:00 in Hà Nội. The default calendar closes on Mondays. */
const TUESDAY = '2026-03-10T03:00:00.000Z';

let desk: TempDesk;
const call = <C extends Channel>(channel: C, input: unknown) => desk.core.call(channel, input);

beforeEach(() => {
  desk = tempDesk(TUESDAY);
});

afterEach(() => desk.dispose());

function reader(fullName = 'Lò Văn Đức', options: { category?: 'child' | 'adult'; expiresOn?: string } = {}) {
  return registerReader(desk.core, { fullName, ...options });
}

function books(count = 1, title = 'Truyện cổ dân tộc Thái', materialType: 'book' | 'periodical' | 'map' = 'book') {
  return addTitle(desk.core, { title, copies: count, materialType });
}

function checkout(patron: string, item: string) {
  return call('circulation.checkout', { patron, item });
}

describe('checkout refusals', () => {
  it('an unknown card: NOT_FOUND', () => {
    const [item] = books();
    const error = refused(checkout(makeLibraryBarcode(2, 1, 424242), item!));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.details).toMatchObject({ code: makeLibraryBarcode(2, 1, 424242) });
  });

  it('an unknown item: NOT_FOUND', () => {
    const card = reader();
    expect(refused(checkout(card, makeLibraryBarcode(3, 1, 999_999))).code).toBe('NOT_FOUND');
  });

  it('a card with a wrong check digit: VALIDATION, without looking it up', () => {
    const card = reader();
    const [item] = books();
    const wrong = `${card.slice(0, 13)}${(Number(card[13]) + 1) % 10}`;
    // Even a reader stored under that very number (by an older version, say) is not looked up.
    desk.core.db
      .prepare(
        `INSERT INTO patrons (card_number, full_name, name_folded, category, expires_on, created_at, updated_at)
         VALUES (?, 'Trùng Số', 'trung so', 'adult', '2030-01-01', '', '')`,
      )
      .run(wrong);
    const error = refused(checkout(wrong, item!));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain(wrong);
  });

  it('the check-digit refusal is worded in the UI language only', () => {
    const card = reader();
    const wrong = `${card.slice(0, 13)}${(Number(card[13]) + 1) % 10}`;
    expect(refused(call('patrons.get', { cardNumber: wrong })).message).toBe(
      `Mã ${wrong} sai số kiểm tra: có thể quét nhầm, hãy quét lại.`,
    );
  });

  it('a card scanned as Codabar with its start/stop letters lends like the bare number', () => {
    const card = reader();
    const [item] = books();
    const loan = ok(checkout(`A${card}B`, item!));
    expect(loan.patron).toBe(card);
  });

  it('an item barcode with a wrong check digit: VALIDATION at checkout, return and when catalogued', () => {
    const card = reader();
    const [item] = books();
    const wrong = `${item!.slice(0, 13)}${(Number(item![13]) + 1) % 10}`;
    expect(refused(checkout(card, wrong)).code).toBe('VALIDATION');
    expect(refused(call('circulation.return', { item: wrong })).code).toBe('VALIDATION');
    expect(refused(call('catalog.addTitle', { title: 'Sai mã', copies: [{ barcode: wrong }] })).code).toBe(
      'VALIDATION',
    );
  });

  it('an expired card: CARD_EXPIRED, naming the date', () => {
    const card = reader('Lò Văn Đức', { expiresOn: '2026-03-09' });
    const [item] = books();
    const error = refused(checkout(card, item!));
    expect(error.code).toBe('CARD_EXPIRED');
    expect(error.details).toMatchObject({ name: 'Lò Văn Đức', date: '2026-03-09' });
    expect(error.message).toBe('Thẻ của Lò Văn Đức đã hết hạn ngày 2026-03-09.');
  });

  it('a card valid until today still lends', () => {
    const card = reader('Lò Văn Đức', { expiresOn: '2026-03-10' });
    const [item] = books();
    expect(ok(checkout(card, item!)).item).toBe(item);
  });

  it('a blocked card: BLOCKED with the reason; unblocked it lends again', () => {
    const card = reader();
    const [item] = books();
    ok(call('patrons.setBlock', { cardNumber: card, blocked: true, reason: 'Làm mất sách chưa đền' }));
    const error = refused(checkout(card, item!));
    expect(error.code).toBe('BLOCKED');
    expect(error.details).toMatchObject({ reason: 'Làm mất sách chưa đền' });
    expect(error.message).toContain('Làm mất sách chưa đền');
    ok(call('patrons.setBlock', { cardNumber: card, blocked: false }));
    expect(ok(checkout(card, item!)).patron).toBe(card);
  });

  it('an item already on loan to the same reader: ALREADY_ON_LOAN_TO_PATRON', () => {
    const card = reader();
    const [item] = books();
    ok(checkout(card, item!));
    expect(refused(checkout(card, item!)).code).toBe('ALREADY_ON_LOAN_TO_PATRON');
  });

  it('an item on loan to another reader: ALREADY_ON_LOAN, naming who and since when', () => {
    const first = reader('Hà Thị Hoa');
    const second = reader('Lò Văn Đức');
    const [item] = books();
    ok(checkout(first, item!));
    desk.clock.advanceDays(2);
    const error = refused(checkout(second, item!));
    expect(error.code).toBe('ALREADY_ON_LOAN');
    expect(error.details).toMatchObject({ name: 'Hà Thị Hoa', card: first, date: '2026-03-10' });
    expect(error.message).toContain('Hà Thị Hoa');
    expect(error.message).toContain(first);
  });

  it('a reference-only item: NOT_LOANABLE', () => {
    const card = reader();
    const [item] = books();
    desk.core.db.prepare('UPDATE items SET loanable = 0 WHERE barcode = ?').run(item);
    const error = refused(checkout(card, item!));
    expect(error.code).toBe('NOT_LOANABLE');
    expect(error.details).toMatchObject({ reason: 'chỉ đọc tại chỗ' });
  });

  it.each([
    ['lost', 'đã mất'],
    ['damaged', 'hư hỏng'],
    ['withdrawn', 'đã thanh lý'],
    ['in_transit', 'đang vận chuyển'],
    ['in_rotation', 'đang luân chuyển'],
  ])('an item whose status is %s: NOT_LOANABLE (%s)', (status, reason) => {
    const card = reader();
    const [item] = books();
    desk.core.db.prepare('UPDATE items SET status = ? WHERE barcode = ?').run(status, item);
    const error = refused(checkout(card, item!));
    expect(error.code).toBe('NOT_LOANABLE');
    expect(error.details).toMatchObject({ reason });
    expect(error.message).toContain(reason);
  });

  it('a material type whose policy lends for 0 days: NOT_LOANABLE', () => {
    ok(
      call('policies.upsert', {
        patronCategory: '*',
        materialType: 'map',
        loanDays: 0,
        maxItems: 5,
        maxRenewals: 0,
        graceDays: 0,
        dailyFee: 0,
      }),
    );
    const card = reader();
    const [map] = books(1, 'Bản đồ tỉnh Lai Châu', 'map');
    const error = refused(checkout(card, map!));
    expect(error.code).toBe('NOT_LOANABLE');
    expect(error.details).toMatchObject({ reason: 'chính sách mượn không cho phép' });
  });

  it('an adult reaches the default limit of 5 (policy */*)', () => {
    const card = reader();
    const items = books(6);
    for (const item of items.slice(0, 5)) ok(checkout(card, item));
    const error = refused(checkout(card, items[5]!));
    expect(error.code).toBe('LIMIT_REACHED');
    expect(error.details).toMatchObject({ count: 5, max: 5 });
    // Returning one frees a place.
    ok(call('circulation.return', { item: items[0]! }));
    expect(ok(checkout(card, items[5]!)).item).toBe(items[5]);
  });

  it('a child reaches the limit of 3 (policy child/*)', () => {
    const card = reader('Lò Thị Hương', { category: 'child' });
    const items = books(4);
    for (const item of items.slice(0, 3)) ok(checkout(card, item));
    const error = refused(checkout(card, items[3]!));
    expect(error.code).toBe('LIMIT_REACHED');
    expect(error.details).toMatchObject({ count: 3, max: 3 });
  });

  it('periodicals count under their own policy, apart from books', () => {
    const card = reader();
    const bookItems = books(5);
    const magazines = books(4, 'Tạp chí Dân tộc', 'periodical');
    for (const item of bookItems) ok(checkout(card, item));
    for (const item of magazines.slice(0, 3)) expect(ok(checkout(card, item)).dueOn).toBe('2026-03-17');
    const error = refused(checkout(card, magazines[3]!));
    expect(error.code).toBe('LIMIT_REACHED');
    expect(error.details).toMatchObject({ count: 3, max: 3 });
  });

  it('a refusal changes nothing at all', () => {
    const card = reader();
    const items = books(6);
    for (const item of items.slice(0, 5)) ok(checkout(card, item));
    const before = snapshotTables(desk.core.db);
    refused(checkout(card, items[5]!));
    refused(checkout(card, items[0]!));
    expect(snapshotTables(desk.core.db)).toEqual(before);
  });
});

describe('due dates', () => {
  it('are loanDays after today by the policy of the reader category', () => {
    const adult = reader('Lò Văn Đức');
    const elderly = ok(call('patrons.register', { fullName: 'Hà Văn Sáu', category: 'elderly' })).cardNumber;
    const disabled = ok(call('patrons.register', { fullName: 'Vàng A Sùng', category: 'disabled' })).cardNumber;
    const items = books(3);
    expect(ok(checkout(adult, items[0]!)).dueOn).toBe('2026-03-24'); // 14 days
    expect(ok(checkout(elderly, items[1]!)).dueOn).toBe('2026-03-31'); // 21 days
    expect(ok(checkout(disabled, items[2]!)).dueOn).toBe('2026-04-07'); // 28 days
  });

  it('move off a closed Monday', () => {
    desk.clock.set('2026-03-09T03:00:00.000Z'); // Monday: +14 = Monday 23 March, closed
    const card = reader();
    const [item] = books();
    expect(ok(checkout(card, item!)).dueOn).toBe('2026-03-24');
  });

  it('move off closed dates set in the calendar', () => {
    ok(
      call('calendar.update', {
        openWeekdays: [0, 2, 3, 4, 5, 6],
        closedDates: [
          { date: '2026-03-24', reason: 'Kiểm kê kho' },
          { date: '2026-03-25', reason: 'Kiểm kê kho' },
        ],
      }),
    );
    const card = reader();
    const [item] = books();
    expect(ok(checkout(card, item!)).dueOn).toBe('2026-03-26');
  });

  it('follow the library time zone: at 23:30 in Hà Nội (16:30 UTC) it is already today there', () => {
    desk.clock.set('2026-03-09T17:30:00.000Z'); // 00:30 on Tuesday 10 March in Hà Nội
    const card = reader();
    const [item] = books();
    const loan = ok(checkout(card, item!));
    expect(loan.dueOn).toBe('2026-03-24');
    expect(loan.loanedAt).toBe('2026-03-10T00:30:00.000+07:00');
  });
});

describe('renewals', () => {
  it('count up to the policy limit, then RENEWAL_LIMIT', () => {
    const card = reader();
    const [item] = books();
    ok(checkout(card, item!));
    desk.clock.advanceDays(7); // Tuesday 17 March
    const first = ok(call('circulation.renew', { item: item! }));
    expect(first.renewals).toBe(1);
    expect(first.dueOn).toBe('2026-03-31');
    desk.clock.advanceDays(7); // Tuesday 24 March
    const second = ok(call('circulation.renew', { item: item! }));
    expect(second.renewals).toBe(2);
    expect(second.dueOn).toBe('2026-04-07');
    desk.clock.advanceDays(1);
    const error = refused(call('circulation.renew', { item: item! }));
    expect(error.code).toBe('RENEWAL_LIMIT');
    expect(error.details).toMatchObject({ count: 2, max: 2 });
    expect(ok(call('circulation.loans', { patron: card }))[0]).toMatchObject({ renewals: 2, dueOn: '2026-04-07' });
  });

  it('never bring the due date forward', () => {
    const card = reader('Hà Văn Sáu');
    const [item] = books();
    ok(checkout(card, item!)); // due 24 March
    ok(
      call('policies.upsert', {
        patronCategory: '*',
        materialType: '*',
        loanDays: 3,
        maxItems: 5,
        maxRenewals: 2,
        graceDays: 3,
        dailyFee: 0,
      }),
    );
    const renewed = ok(call('circulation.renew', { item: item! }));
    expect(renewed.dueOn).toBe('2026-03-24');
    expect(renewed.renewals).toBe(1);
  });

  it('are refused to a blocked reader', () => {
    const card = reader();
    const [item] = books();
    ok(checkout(card, item!));
    ok(call('patrons.setBlock', { cardNumber: card, blocked: true }));
    const error = refused(call('circulation.renew', { item: item! }));
    expect(error.code).toBe('BLOCKED');
    expect(error.details).toMatchObject({ reason: 'không ghi lý do' });
  });

  it('after the return: NOT_ON_LOAN', () => {
    const card = reader();
    const [item] = books();
    ok(checkout(card, item!));
    ok(call('circulation.return', { item: item! }));
    expect(refused(call('circulation.renew', { item: item! })).code).toBe('NOT_ON_LOAN');
    expect(refused(call('circulation.return', { item: item! })).code).toBe('NOT_ON_LOAN');
  });
});

describe('returns', () => {
  function lendAndReturnAfter(days: number) {
    const card = reader();
    const [item] = books();
    const loan = ok(checkout(card, item!)); // due Tuesday 24 March
    desk.clock.advanceDays(days);
    return { loan, back: ok(call('circulation.return', { item: item! })), item: item!, card };
  }

  it('on time: no overdue days, no fee; the item is available again', () => {
    const { loan, back, item, card } = lendAndReturnAfter(14);
    expect(back).toMatchObject({ overdueDays: 0, fee: 0, patronName: 'Lò Văn Đức', title: 'Truyện cổ dân tộc Thái' });
    expect(back.loan).toEqual({
      id: loan.id,
      item,
      patron: card,
      loanedAt: loan.loanedAt,
      dueOn: loan.dueOn,
      renewals: 0,
    });
    expect(back.returnedAt).toBe('2026-03-24T10:00:00.000+07:00');
    expect(ok(call('catalog.item', { barcode: item })).status).toBe('available');
    expect(ok(call('circulation.loans', { patron: card }))).toEqual([]);
  });

  it('late with fees off (the default): the days are counted, the fee is 0', () => {
    const { back } = lendAndReturnAfter(24);
    expect(back).toMatchObject({ overdueDays: 10, fee: 0 });
  });

  it('late with fees on: (overdue − grace) × daily fee', () => {
    ok(call('settings.update', { feesEnabled: true }));
    ok(
      call('policies.upsert', {
        patronCategory: '*',
        materialType: '*',
        loanDays: 14,
        maxItems: 5,
        maxRenewals: 2,
        graceDays: 3,
        dailyFee: 2000,
      }),
    );
    const { back } = lendAndReturnAfter(24);
    expect(back).toMatchObject({ overdueDays: 10, fee: (10 - 3) * 2000 });
    const row = desk.core.db.prepare('SELECT overdue_days, fee FROM loans').get();
    expect(row).toEqual({ overdue_days: 10, fee: 14_000 });
  });

  it('late within grace with fees on: no fee', () => {
    ok(call('settings.update', { feesEnabled: true }));
    ok(
      call('policies.upsert', {
        patronCategory: '*',
        materialType: '*',
        loanDays: 14,
        maxItems: 5,
        maxRenewals: 2,
        graceDays: 3,
        dailyFee: 2000,
      }),
    );
    const { back } = lendAndReturnAfter(17);
    expect(back).toMatchObject({ overdueDays: 3, fee: 0 });
  });

  it('an open loan past its due date shows as overdue', () => {
    const card = reader();
    const [item] = books();
    ok(checkout(card, item!));
    desk.clock.advanceDays(14);
    expect(ok(call('circulation.loans', { patron: card }))[0]!.overdue).toBe(false);
    desk.clock.advanceDays(1);
    expect(ok(call('circulation.loans', { patron: card }))[0]!.overdue).toBe(true);
  });
});

describe('error messages follow the UI language', () => {
  it('Vietnamese by default, English after settings.update', () => {
    const unknown = makeLibraryBarcode(2, 1, 777);
    const [item] = books();
    const vi = refused(checkout(unknown, item!));
    expect(vi.message).toBe(`Không tìm thấy thẻ bạn đọc ${unknown}.`);
    ok(call('settings.update', { language: 'en' }));
    const en = refused(checkout(unknown, item!));
    expect(en.code).toBe(vi.code);
    expect(en.message).toBe(`No reader card ${unknown}.`);
    expect(refused(call('patrons.search', { query: 5 })).message).toMatch(/^Invalid input: /u);
    expect(refused(desk.core.call('no.such', {}) as Result<unknown>).message).toBe('There is no function “no.such”.');
  });

  it('every refusal is fully worded (no {{placeholders}} left)', () => {
    const card = reader();
    const other = reader('Hà Thị Hoa');
    const items = books(7);
    for (const item of items.slice(0, 5)) ok(checkout(card, item));
    desk.core.db.prepare("UPDATE items SET status = 'lost' WHERE barcode = ?").run(items[6]);
    const errors = [
      refused(checkout(card, items[5]!)),
      refused(checkout(card, items[0]!)),
      refused(checkout(other, items[0]!)),
      refused(checkout(other, items[6]!)),
      refused(call('circulation.return', { item: items[5]! })),
      refused(call('catalog.addTitle', { title: 'x', copies: [{ barcode: items[0]! }] })),
      refused(call('patrons.register', { fullName: 'y', cardNumber: card })),
    ];
    for (const language of ['vi', 'en'] as const) {
      ok(call('settings.update', { language }));
      for (const e of errors) expect(e.message).not.toMatch(/\{\{|\}\}|^errors\.|reasons\./u);
    }
  });
});

describe('patrons.search', () => {
  beforeEach(() => {
    for (const name of [
      'Lò Văn Đức',
      'Lò Văn Páo',
      'Nguyễn Thị Hoà',
      'Đinh Thị Hòa'.normalize('NFD'),
      'Đặng Thị Lan',
      'Dương Thị Mai',
      'Âu Thị Ngọc',
      'Bùi Thị Hà',
      'An Thị Hoa',
      'Giàng A Dúc',
    ])
      reader(name);
  });

  const search = (query: string, limit?: number) =>
    ok(call('patrons.search', limit ? { query, limit } : { query })).map((p) => p.fullName);

  it('"duc" finds "Lò Văn Đức" (and "Giàng A Dúc"), not Páo', () => {
    expect(search('duc')).toEqual(['Giàng A Dúc', 'Lò Văn Đức']);
    expect(search('Đức')).toEqual(search('duc'));
  });

  it('"hoa" finds "Hoà" and "Hòa" whichever way they were typed, stored as NFC', () => {
    const found = search('hoa');
    expect(found).toEqual(['An Thị Hoa', 'Đinh Thị Hòa', 'Nguyễn Thị Hoà']);
    for (const name of found) expect(name).toBe(name.normalize('NFC'));
    expect(search('Hòa'.normalize('NFD'))).toEqual(found);
  });

  it('"lo van" finds every "Lò Văn …", by the start of each word', () => {
    expect(search('lo van')).toEqual(['Lò Văn Đức', 'Lò Văn Páo']);
    expect(search('van lo')).toEqual(['Lò Văn Đức', 'Lò Văn Páo']);
    expect(search('o an')).toEqual([]);
    expect(search('lo van paol')).toEqual([]);
  });

  it('finds by card-number prefix', () => {
    const card = ok(call('patrons.search', { query: 'Páo' }))[0]!.cardNumber;
    const found = ok(call('patrons.search', { query: card.slice(0, 13) }));
    expect(found.map((p) => p.cardNumber)).toEqual([card]);
    expect(ok(call('patrons.search', { query: card.slice(0, 5) }))).toHaveLength(10);
  });

  it('sorts by Vietnamese collation', () => {
    const found = search('thi');
    expect(found).toEqual([
      'An Thị Hoa',
      'Âu Thị Ngọc',
      'Bùi Thị Hà',
      'Dương Thị Mai',
      'Đặng Thị Lan',
      'Đinh Thị Hòa',
      'Nguyễn Thị Hoà',
    ]);
    expect([...found].sort(new Intl.Collator('vi').compare)).toEqual(found);
  });

  it('honours the limit and answers nothing for an empty query', () => {
    expect(search('thi', 2)).toHaveLength(2);
    expect(search('   ')).toEqual([]);
    expect(search('%')).toEqual([]);
    expect(search('_')).toEqual([]);
    // LIKE wildcards in a card-number query are taken literally.
    expect(search('2000')).toHaveLength(10);
    expect(search('2000%')).toEqual([]);
    expect(search('2_0')).toEqual([]);
  });
});

describe('patrons.register', () => {
  it('issues card numbers with a valid check digit and a one-year card', () => {
    const first = ok(call('patrons.register', { fullName: '  Lò   Văn Đức ' }));
    const second = ok(call('patrons.register', { fullName: 'Hà Thị Hoa' }));
    expect(first).toMatchObject({ fullName: 'Lò Văn Đức', category: 'adult', expiresOn: '2027-03-10', blocked: false });
    expect(first.cardNumber).toBe(makeLibraryBarcode(2, 1, 1));
    expect(second.cardNumber).toBe(makeLibraryBarcode(2, 1, 2));
  });

  it('skips a card number already given by hand', () => {
    ok(call('patrons.register', { fullName: 'A', cardNumber: makeLibraryBarcode(2, 1, 1) }));
    expect(ok(call('patrons.register', { fullName: 'B' })).cardNumber).toBe(makeLibraryBarcode(2, 1, 2));
  });

  it('refuses a card number already taken: CONFLICT', () => {
    const card = reader();
    expect(refused(call('patrons.register', { fullName: 'B', cardNumber: card })).code).toBe('CONFLICT');
  });

  it('refuses a 14-digit card number with a wrong check digit, which could never be scanned', () => {
    const good = makeLibraryBarcode(2, 1, 55);
    const wrong = `${good.slice(0, 13)}${(Number(good[13]) + 1) % 10}`;
    const before = snapshotTables(desk.core.db);
    expect(refused(call('patrons.register', { fullName: 'B', cardNumber: wrong })).code).toBe('VALIDATION');
    expect(snapshotTables(desk.core.db)).toEqual(before);
    // The right number registers, and then lends.
    const card = ok(call('patrons.register', { fullName: 'B', cardNumber: good })).cardNumber;
    const [item] = books();
    expect(ok(checkout(card, item!)).patron).toBe(good);
  });
});
