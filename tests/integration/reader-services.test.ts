import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../shared/contract';
import { addTitle, ok, refused, registerReader, snapshotTables, tempDesk, type TempDesk } from '../helpers/desk';

/** Tuesday 10 March 2026, 10:00 in Hà Nội (the default calendar closes on Mondays). */
let desk: TempDesk;
const call = <C extends Channel>(channel: C, input: unknown) => desk.core.call(channel, input);

beforeEach(() => {
  desk = tempDesk('2026-03-10T03:00:00.000Z');
});
afterEach(() => desk.dispose());

function outboxTypes(): string[] {
  return (desk.core.db.prepare('SELECT type FROM outbox ORDER BY device_seq').all() as { type: string }[]).map(
    (r) => r.type,
  );
}
function lastEvent(): { type: string; payload: Record<string, unknown> } {
  const row = desk.core.db.prepare('SELECT type, payload FROM outbox ORDER BY device_seq DESC LIMIT 1').get() as {
    type: string;
    payload: string;
  };
  return { type: row.type, payload: JSON.parse(row.payload) as Record<string, unknown> };
}

function withConsent(card: string) {
  ok(call('patrons.setSensitive', { cardNumber: card, consent: true, disability: 'Nhìn kém' }));
}

describe('needs profile', () => {
  it('is refused without consent, and nothing changes', () => {
    const card = registerReader(desk.core, { fullName: 'Lò Văn Đức' });
    const before = snapshotTables(desk.core.db);
    expect(refused(call('needs.set', { cardNumber: card, kinds: ['visual'] })).code).toBe('NO_CONSENT');
    expect(snapshotTables(desk.core.db)).toEqual(before);
  });

  it('is kept with consent, shown on the record, and its event never carries what it says', () => {
    const card = registerReader(desk.core, { fullName: 'Lò Văn Đức' });
    withConsent(card);
    expect(
      ok(call('needs.set', { cardNumber: card, kinds: ['mobility', 'visual', 'visual'], note: '  Xe lăn ' })),
    ).toEqual({
      kinds: ['visual', 'mobility'],
      note: 'Xe lăn',
    });
    expect(ok(call('patrons.get', { cardNumber: card })).record.needs).toEqual({
      kinds: ['visual', 'mobility'],
      note: 'Xe lăn',
    });
    const event = lastEvent();
    expect(event).toEqual({ type: 'patron.needsChanged', payload: { cardNumber: card, held: true } });
  });

  it('goes when consent is withdrawn', () => {
    const card = registerReader(desk.core, { fullName: 'Lò Văn Đức' });
    withConsent(card);
    ok(call('needs.set', { cardNumber: card, kinds: ['visual'] }));
    ok(call('patrons.setSensitive', { cardNumber: card, consent: false }));
    expect(ok(call('patrons.get', { cardNumber: card })).record.needs).toBeNull();
    expect(desk.core.db.prepare('SELECT needs, needs_note FROM patrons').get()).toEqual({
      needs: null,
      needs_note: null,
    });
  });

  it('gives longer loans and a higher limit by the need policies', () => {
    const card = registerReader(desk.core, { fullName: 'Lò Văn Đức' });
    const books = addTitle(desk.core, { title: 'Truyện cổ', copies: 9 });
    const plain = registerReader(desk.core, { fullName: 'Hà Thị Hoa' });
    // 14 days from Tuesday 10 March is Tuesday 24 March; +14 is Tuesday 7 April.
    expect(ok(call('circulation.checkout', { patron: plain, item: books[0] })).dueOn).toBe('2026-03-24');
    withConsent(card);
    ok(call('needs.set', { cardNumber: card, kinds: ['visual'] }));
    expect(ok(call('circulation.checkout', { patron: card, item: books[1] })).dueOn).toBe('2026-04-07');
    // Adult limit 5, +2 for a visual need: 7 items, the 8th refused.
    for (const item of books.slice(2, 8)) ok(call('circulation.checkout', { patron: card, item }));
    const limit = refused(call('circulation.checkout', { patron: card, item: books[8] }));
    expect(limit.code).toBe('LIMIT_REACHED');
    expect(limit.details).toMatchObject({ count: 7, max: 7 });
    // The librarian changes what a visual need gives: +21 days.
    ok(call('needs.setPolicy', { need: 'visual', extraLoanDays: 21, extraItems: 3, extraRenewals: 1 }));
    ok(call('circulation.return', { item: books[1] }));
    expect(ok(call('circulation.checkout', { patron: card, item: books[1] })).dueOn).toBe('2026-04-14');
    // A renewal is counted with the needs too (from today: 14 + 21 days).
    desk.clock.advanceDays(2);
    expect(ok(call('circulation.renew', { item: books[2] })).dueOn).toBe('2026-04-16');
  });
});

describe('proxy borrowers', () => {
  function setUp() {
    const reader = registerReader(desk.core, { fullName: 'Lò Văn Đức', category: 'adult' });
    const carer = registerReader(desk.core, { fullName: 'Lò Thị Mai' });
    const stranger = registerReader(desk.core, { fullName: 'Vàng A Sử' });
    const [book, other] = addTitle(desk.core, { title: 'Sách nói', copies: 2 });
    ok(call('proxies.add', { cardNumber: reader, proxyCard: carer, relation: 'con gái' }));
    ok(call('proxies.add', { cardNumber: reader, fullName: 'Lò Thị Xuân', idNumber: '012 190 000 321' }));
    return { reader, carer, stranger, book: book!, other: other! };
  }

  it('a named proxy borrows and returns for the reader; the loan, the events and the answers say so', () => {
    const s = setUp();
    expect(ok(call('proxies.actingFor', { card: s.carer })).map((p) => p.cardNumber)).toEqual([s.reader]);
    const loan = ok(call('circulation.checkout', { patron: s.reader, item: s.book, proxy: { card: s.carer } }));
    expect(loan.patron).toBe(s.reader);
    expect(loan.proxy).toEqual({ card: s.carer, name: 'Lò Thị Mai' });
    expect(lastEvent()).toMatchObject({
      type: 'loan.checkedOut',
      payload: { patron: s.reader, proxy: { card: s.carer } },
    });
    // The loan is the reader's: it counts on their card, not the carer's.
    expect(ok(call('circulation.loans', { patron: s.reader }))).toHaveLength(1);
    expect(ok(call('circulation.loans', { patron: s.carer }))).toHaveLength(0);

    const back = ok(call('circulation.return', { item: s.book, proxy: { idNumber: '012190000321' } }));
    expect(back.proxy).toEqual({ card: null, name: 'Lò Thị Xuân' });
    expect(lastEvent()).toMatchObject({ type: 'loan.returned', payload: { proxy: { card: null } } });
    // Someone without a card is known only to this desk: their name never enters the outbox.
    expect(JSON.stringify(desk.core.db.prepare('SELECT payload FROM outbox').all())).not.toContain('Xuân');
    expect(
      desk.core.db.prepare('SELECT proxy_card, proxy_name, return_proxy_card, return_proxy_name FROM loans').get(),
    ).toEqual({
      proxy_card: s.carer,
      proxy_name: 'Lò Thị Mai',
      return_proxy_card: null,
      return_proxy_name: 'Lò Thị Xuân',
    });
  });

  it('someone the reader has not named is refused with NOT_A_PROXY, and nothing changes', () => {
    const s = setUp();
    const before = snapshotTables(desk.core.db);
    for (const proxy of [{ card: s.stranger }, { idNumber: '999' }, { card: s.reader }]) {
      const error = refused(call('circulation.checkout', { patron: s.reader, item: s.book, proxy }));
      expect(error.code).toBe('NOT_A_PROXY');
      expect(error.message).toContain('Lò Văn Đức');
    }
    expect(snapshotTables(desk.core.db)).toEqual(before);
    ok(call('circulation.checkout', { patron: s.reader, item: s.book }));
    const beforeReturn = snapshotTables(desk.core.db);
    expect(refused(call('circulation.return', { item: s.book, proxy: { card: s.stranger } })).code).toBe('NOT_A_PROXY');
    expect(snapshotTables(desk.core.db)).toEqual(beforeReturn);
  });

  it('a removed proxy can no longer act; a reader cannot be their own proxy; no proxy twice', () => {
    const s = setUp();
    expect(refused(call('proxies.add', { cardNumber: s.reader, proxyCard: s.reader })).code).toBe('VALIDATION');
    expect(refused(call('proxies.add', { cardNumber: s.reader, proxyCard: s.carer })).code).toBe('CONFLICT');
    const proxies = ok(call('proxies.list', { cardNumber: s.reader }));
    const carer = proxies.find((p) => p.card === s.carer)!;
    expect(ok(call('proxies.remove', { cardNumber: s.reader, id: carer.id })).map((p) => p.fullName)).toEqual([
      'Lò Thị Xuân',
    ]);
    expect(outboxTypes().slice(-1)).toEqual(['patron.proxyRemoved']);
    expect(
      refused(call('circulation.checkout', { patron: s.reader, item: s.other, proxy: { card: s.carer } })).code,
    ).toBe('NOT_A_PROXY');
  });
});

describe('reader services data: exported and erased with the reader', () => {
  function setUp() {
    const reader = registerReader(desk.core, { fullName: 'Lò Văn Đức' });
    const carer = registerReader(desk.core, { fullName: 'Lò Thị Mai' });
    const [book] = addTitle(desk.core, { title: 'Sách nói', copies: 1 });
    withConsent(reader);
    ok(call('patrons.update', { cardNumber: reader, preferredLanguage: 'en' }));
    ok(call('needs.set', { cardNumber: reader, kinds: ['visual'], note: 'Mù hoàn toàn' }));
    ok(call('proxies.add', { cardNumber: reader, proxyCard: carer }));
    ok(call('proxies.add', { cardNumber: reader, fullName: 'Lò Thị Xuân', idNumber: '012190000321' }));
    ok(call('deliveries.request', { cardNumber: reader, text: 'Sách chữ nổi về cây chè' }));
    ok(call('circulation.checkout', { patron: reader, item: book, proxy: { idNumber: '012190000321' } }));
    ok(call('circulation.return', { item: book, proxy: { card: carer } }));
    return { reader, carer, book: book! };
  }

  it('the export holds the needs, the language, the proxies, whom they act for and the deliveries', () => {
    const s = setUp();
    const data = ok(call('patrons.exportData', { cardNumber: s.reader }));
    expect(data.record.needs).toEqual({ kinds: ['visual'], note: 'Mù hoàn toàn' });
    expect(data.record.preferredLanguage).toBe('en');
    expect(data.proxies.map((p) => p.fullName)).toEqual(['Lò Thị Mai', 'Lò Thị Xuân']);
    expect(data.deliveries.map((d) => d.text)).toEqual(['Sách chữ nổi về cây chè']);
    const carer = ok(call('patrons.exportData', { cardNumber: s.carer }));
    expect(carer.actingFor.map((p) => p.cardNumber)).toEqual([s.reader]);
  });

  it('erasure removes needs, language, proxies, unregistered proxies’ names and what deliveries said', () => {
    const s = setUp();
    ok(call('patrons.erase', { cardNumber: s.reader, confirmCardNumber: s.reader }));
    expect(
      desk.core.db
        .prepare('SELECT preferred_language, needs, needs_note FROM patrons WHERE card_number = ?')
        .get(s.reader),
    ).toEqual({ preferred_language: null, needs: null, needs_note: null });
    expect(desk.core.db.prepare('SELECT COUNT(*) AS n FROM patron_proxies').get()).toEqual({ n: 0 });
    expect(
      desk.core.db.prepare('SELECT proxy_card, proxy_name, return_proxy_card, return_proxy_name FROM loans').get(),
    ).toEqual({
      proxy_card: null,
      proxy_name: null,
      return_proxy_card: s.carer,
      return_proxy_name: 'Lò Thị Mai',
    });
    const texts = desk.core.db.prepare('SELECT text FROM deliveries').all() as { text: string }[];
    expect(texts.map((t) => t.text)).not.toContain('Sách chữ nổi về cây chè');
    const dump = JSON.stringify(snapshotTables(desk.core.db));
    for (const secret of ['Mù hoàn toàn', 'Lò Thị Xuân', '012190000321', 'Sách chữ nổi'])
      expect(dump).not.toContain(secret);
  });

  it('a proxy who is erased disappears from the loans they made for others', () => {
    const s = setUp();
    ok(call('patrons.erase', { cardNumber: s.carer, confirmCardNumber: s.carer }));
    const row = desk.core.db.prepare('SELECT return_proxy_name FROM loans').get() as { return_proxy_name: string };
    expect(row.return_proxy_name).not.toBe('Lò Thị Mai');
    expect(ok(call('proxies.list', { cardNumber: s.reader })).map((p) => p.fullName)).toEqual(['Lò Thị Xuân']);
  });
});

describe('home delivery', () => {
  function setUp() {
    const reader = registerReader(desk.core, { fullName: 'Lò Văn Đức' });
    const [book] = addTitle(desk.core, { title: 'Kỹ thuật trồng chè', copies: 1 });
    return { reader, book: book! };
  }

  it('requested → delivered → collected, with who and when, each step an outbox event', () => {
    const s = setUp();
    const requested = ok(call('deliveries.request', { cardNumber: s.reader, items: [s.book] }));
    expect(requested).toMatchObject({
      status: 'requested',
      items: [{ barcode: s.book, title: 'Kỹ thuật trồng chè' }],
      requestedBy: 'thủ thư',
      deliveredAt: null,
    });
    desk.clock.advanceDays(1);
    const delivered = ok(call('deliveries.advance', { id: requested.id, to: 'delivered' }));
    expect(delivered.status).toBe('delivered');
    expect(delivered.deliveredAt).toMatch(/^2026-03-11T/u);
    desk.clock.advanceDays(14);
    const collected = ok(call('deliveries.advance', { id: requested.id, to: 'collected' }));
    expect(collected).toMatchObject({ status: 'collected', collectedBy: 'thủ thư' });
    expect(collected.collectedAt).toMatch(/^2026-03-25T/u);
    expect(outboxTypes().slice(-3)).toEqual(['delivery.requested', 'delivery.delivered', 'delivery.collected']);
    expect(ok(call('deliveries.list', { status: 'collected' })).map((d) => d.id)).toEqual([requested.id]);
    expect(ok(call('deliveries.list', { status: 'requested' }))).toEqual([]);
  });

  it('bad transitions are refused with BAD_TRANSITION and change nothing', () => {
    const s = setUp();
    const d = ok(call('deliveries.request', { cardNumber: s.reader, text: 'Truyện cười' }));
    const before = snapshotTables(desk.core.db);
    expect(refused(call('deliveries.advance', { id: d.id, to: 'collected' })).code).toBe('BAD_TRANSITION');
    expect(snapshotTables(desk.core.db)).toEqual(before);
    ok(call('deliveries.advance', { id: d.id, to: 'cancelled' }));
    const cancelled = snapshotTables(desk.core.db);
    for (const to of ['delivered', 'collected', 'cancelled'] as const) {
      const error = refused(call('deliveries.advance', { id: d.id, to }));
      expect(error.code).toBe('BAD_TRANSITION');
      expect(error.message.length).toBeGreaterThan(0);
    }
    expect(snapshotTables(desk.core.db)).toEqual(cancelled);
    expect(refused(call('deliveries.advance', { id: 9999, to: 'delivered' })).code).toBe('NOT_FOUND');
  });

  it('a request must ask for something that exists', () => {
    const s = setUp();
    expect(refused(call('deliveries.request', { cardNumber: s.reader })).code).toBe('VALIDATION');
    expect(refused(call('deliveries.request', { cardNumber: s.reader, text: '   ' })).code).toBe('VALIDATION');
    expect(refused(call('deliveries.request', { cardNumber: s.reader, items: ['30001999999990'] })).code).toMatch(
      /NOT_FOUND|VALIDATION/u,
    );
  });

  it('the round prints as a PDF listing what to deliver and what to collect', async () => {
    const s = setUp();
    ok(call('patrons.update', { cardNumber: s.reader, address: 'Bản Nà Luồng', commune: 'Bình Lư' }));
    ok(call('deliveries.request', { cardNumber: s.reader, items: [s.book], text: 'Thêm truyện tranh' }));
    const doc = ok(await call('deliveries.pdf', {}));
    expect(doc.mimeType).toBe('application/pdf');
    expect(doc.pages).toBeGreaterThanOrEqual(1);
    expect(Buffer.from(doc.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
