import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibraryBarcode } from '../../shared/barcode';
import { createDeskCore } from '../../electron/core';
import type { OutboxEvent } from '../../electron/core/outbox';
import { addTitle, ok, refused, registerReader, snapshotTables, tempDesk, type TempDesk } from '../helpers/desk';

// Version 7: time-ordered (electron/core/uuid7.ts).
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

let desk: TempDesk;

beforeEach(() => {
  desk = tempDesk();
  ok(desk.core.call('settings.update', { operator: 'Lò Thị Mai' }));
});

afterEach(() => desk.dispose());

function events(): OutboxEvent[] {
  return desk.core.outbox.read(0, 100_000);
}

/** Run one call and answer the events it appended. */
function appendedBy(run: () => unknown): OutboxEvent[] {
  const before = events().length;
  run();
  return events().slice(before);
}

describe('every mutating channel appends exactly one event', () => {
  it('with the right type, device, gap-free sequence, UUID, rising HLC and operator', () => {
    const { core } = desk;
    const seen: { type: string; event: OutboxEvent }[] = [];
    const expectOne = (type: string, run: () => unknown) => {
      const added = appendedBy(run);
      expect(added, type).toHaveLength(1);
      expect(added[0]!.type).toBe(type);
      seen.push({ type, event: added[0]! });
      desk.clock.advanceMs(1000);
      return added[0]!;
    };

    const registered = expectOne('patron.registered', () => registerReader(core, { fullName: 'Lò Văn Đức' }));
    const card = (registered.payload as { cardNumber: string }).cardNumber;
    expect(registered.payload).toMatchObject({ fullName: 'Lò Văn Đức', category: 'adult', blocked: false });

    expectOne('patron.blocked', () =>
      ok(core.call('patrons.setBlock', { cardNumber: card, blocked: true, reason: 'Nợ sách' })),
    );
    expectOne('patron.unblocked', () => ok(core.call('patrons.setBlock', { cardNumber: card, blocked: false })));

    let barcode = '';
    const added = expectOne('catalog.titleSaved', () => {
      barcode = addTitle(core, { title: 'Truyện cổ Thái', copies: 1 })[0]!;
    });
    expect(added.payload).toMatchObject({
      uuid: expect.stringMatching(uuid),
      bib: { title: 'Truyện cổ Thái' },
      copies: [{ barcode, status: 'available' }],
    });

    const out = expectOne('loan.checkedOut', () =>
      ok(core.call('circulation.checkout', { patron: card, item: barcode })),
    );
    expect(out.payload).toMatchObject({ item: barcode, patron: card, dueOn: '2026-03-24' });
    expect((out.payload as { loanId: string }).loanId).toMatch(uuid);

    const renewed = expectOne('loan.renewed', () => ok(core.call('circulation.renew', { item: barcode })));
    expect(renewed.payload).toMatchObject({ item: barcode, patron: card, renewals: 1 });

    const back = expectOne('loan.returned', () => ok(core.call('circulation.return', { item: barcode })));
    expect(back.payload).toMatchObject({ item: barcode, patron: card, overdueDays: 0, fee: 0 });
    expect((back.payload as { loanId: string }).loanId).toBe((out.payload as { loanId: string }).loanId);

    const all = events();
    expect(all.map((e) => e.type)).toEqual(seen.map((s) => s.type));
    expect(all.map((e) => e.deviceSeq)).toEqual(all.map((_, i) => i + 1));
    for (const e of all) {
      expect(e.deviceId).toBe(core.deviceId);
      expect(e.eventId).toMatch(uuid);
      expect(e.operator).toBe('Lò Thị Mai');
      expect(e.hlc.endsWith(`-${core.deviceId}`)).toBe(true);
      expect(e.ackedAt).toBeNull();
    }
    expect(new Set(all.map((e) => e.eventId)).size).toBe(all.length);
    // Made later, sorted later: the event_id index grows at its end.
    const ids = all.map((e) => e.eventId);
    expect([...ids].sort()).toEqual(ids);
    const hlcs = all.map((e) => e.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(hlcs.length);
    expect(core.outbox.pending()).toBe(all.length);
  });

  it('keeps the HLC rising when the wall clock goes backwards', () => {
    const { core, clock } = desk;
    registerReader(core, { fullName: 'A' });
    clock.advanceMs(-3_600_000);
    registerReader(core, { fullName: 'B' });
    clock.advanceMs(-3_600_000);
    registerReader(core, { fullName: 'C' });
    const hlcs = events().map((e) => e.hlc);
    expect(hlcs).toHaveLength(3);
    expect(hlcs[0]! < hlcs[1]! && hlcs[1]! < hlcs[2]!).toBe(true);
  });

  it('carries on the HLC and the sequence after the desk is reopened', () => {
    const { core, clock, dir } = desk;
    registerReader(core, { fullName: 'A' });
    const last = events().at(-1)!;
    core.close();
    clock.advanceMs(-86_400_000); // the new session starts with a clock a day behind
    const reopened = createDeskCore({ dataDir: dir, now: clock.now });
    try {
      expect(reopened.deviceId).toBe(last.deviceId);
      registerReader(reopened, { fullName: 'B' });
      const after = reopened.outbox.read(0, 100);
      expect(after.map((e) => e.deviceSeq)).toEqual([1, 2]);
      expect(after[1]!.hlc > last.hlc).toBe(true);
    } finally {
      reopened.close();
      desk.core = createDeskCore({ dataDir: dir, now: clock.now }); // for dispose
    }
  });

  it('reading channels append nothing', () => {
    const { core } = desk;
    const card = registerReader(core, { fullName: 'Lò Văn Đức' });
    const [barcode] = addTitle(core, { title: 'Truyện cổ Thái' });
    const count = events().length;
    ok(core.call('patrons.search', { query: 'duc' }));
    ok(core.call('patrons.get', { cardNumber: card }));
    ok(core.call('catalog.search', { query: 'thai' }));
    ok(core.call('catalog.item', { barcode: barcode! }));
    ok(core.call('circulation.loans', { patron: card }));
    ok(core.call('system.status', {}));
    ok(core.call('system.info', {}));
    expect(events()).toHaveLength(count);
  });
});

describe('a refused change appends nothing', () => {
  it('an unknown card, a limit reached: no event, no row, no audit line', () => {
    const { core } = desk;
    const card = registerReader(core, { fullName: 'Lò Văn Đức', category: 'child' });
    const barcodes = addTitle(core, { title: 'Truyện cổ Thái', copies: 4 });
    for (const item of barcodes.slice(0, 3)) ok(core.call('circulation.checkout', { patron: card, item }));
    const before = snapshotTables(core.db);

    expect(
      refused(core.call('circulation.checkout', { patron: makeLibraryBarcode(2, 1, 9999), item: barcodes[3]! })).code,
    ).toBe('NOT_FOUND');
    expect(refused(core.call('circulation.checkout', { patron: card, item: barcodes[3]! })).code).toBe('LIMIT_REACHED');
    expect(refused(core.call('circulation.return', { item: barcodes[3]! })).code).toBe('NOT_ON_LOAN');
    expect(snapshotTables(core.db)).toEqual(before);
  });
});

describe('the outbox table defends itself', () => {
  beforeEach(() => {
    registerReader(desk.core, { fullName: 'Lò Văn Đức' });
    registerReader(desk.core, { fullName: 'Hà Thị Hoa' });
  });

  it('refuses edits of an event', () => {
    const { db } = desk.core;
    expect(() => db.prepare(`UPDATE outbox SET payload = '{}' WHERE device_seq = 1`).run()).toThrow(/never edited/u);
    expect(() => db.prepare(`UPDATE outbox SET type = 'x' WHERE device_seq = 1`).run()).toThrow(/never edited/u);
    expect(() => db.prepare(`UPDATE outbox SET operator = 'x' WHERE device_seq = 1`).run()).toThrow(/never edited/u);
    expect(() => db.prepare(`UPDATE outbox SET hlc = 'x' WHERE device_seq = 1`).run()).toThrow(/never edited/u);
    expect(() => db.prepare(`UPDATE outbox SET device_seq = 7 WHERE device_seq = 2`).run()).toThrow(/never edited/u);
    expect(events()[0]!.type).toBe('patron.registered');
  });

  it('refuses deletes', () => {
    const { db } = desk.core;
    expect(() => db.prepare('DELETE FROM outbox WHERE device_seq = 2').run()).toThrow(/never deleted/u);
    expect(() => db.prepare('DELETE FROM outbox').run()).toThrow(/never deleted/u);
    expect(events()).toHaveLength(2);
  });

  it('allows the acknowledgement to be set once, and not changed afterwards', () => {
    const { db } = desk.core;
    expect(
      db.prepare(`UPDATE outbox SET acked_at = '2026-03-10T11:00:00.000+07:00' WHERE device_seq = 1`).run().changes,
    ).toBe(1);
    expect(events()[0]!.ackedAt).toBe('2026-03-10T11:00:00.000+07:00');
    expect(desk.core.outbox.pending()).toBe(1);
    expect(() => db.prepare(`UPDATE outbox SET acked_at = '2027-01-01' WHERE device_seq = 1`).run()).toThrow(
      /never edited/u,
    );
    expect(() => db.prepare('UPDATE outbox SET acked_at = NULL WHERE device_seq = 1').run()).toThrow(/never edited/u);
  });

  it('refuses a gapped or repeated device_seq, and takes the next one', () => {
    const { db, deviceId } = desk.core;
    const insert = db.prepare(
      `INSERT INTO outbox (device_seq, event_id, device_id, hlc, operator, type, payload, created_at)
       VALUES (?, ?, ?, 'h', 'o', 't', '{}', '2026-03-10')`,
    );
    expect(() => insert.run(4, 'e4', deviceId)).toThrow(/gap-free/u);
    expect(() => insert.run(2, 'e2', deviceId)).toThrow(/gap-free/u);
    expect(() => insert.run(null, 'enull', deviceId)).toThrow();
    expect(insert.run(3, 'e3', deviceId).changes).toBe(1);
    expect(events().map((e) => e.deviceSeq)).toEqual([1, 2, 3]);
  });

  it('refuses an append outside a transaction, and takes one inside', () => {
    const { db, outbox } = desk.core;
    expect(() => outbox.append('test.event', { a: 1 }, 'op')).toThrow(/transaction/u);
    expect(events()).toHaveLength(2);
    const seq = db.transaction(() => outbox.append('test.event', { a: 1 }, 'op'))();
    expect(seq).toBe(3);
    expect(events()[2]).toMatchObject({ deviceSeq: 3, type: 'test.event', payload: { a: 1 }, operator: 'op' });
  });
});
