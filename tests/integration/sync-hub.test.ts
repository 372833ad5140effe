import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeskCode, createLibrary, type Library } from '../../hub/src/admin';
import { startSyncWorker, stopSyncWorker } from '../../electron/core/services/sync';
import { erasedName } from '../../shared/patron-record';
import { addTitle, ok, refused, registerReader, tempDesk, type TempDesk } from '../helpers/desk';
import { hubTargets, type OpenedHubDb } from '../helpers/hub-db';
import { startHub, type RunningHub } from '../helpers/hub-server';

/**
 * The desk's real sync worker against the real hub (hub/, on PGlite, and on
 * the PostgreSQL server when DATABASE_URL is set): enrolment, push, pull
 * between desks, a conflict resolved by staff, an erasure, a month offline,
 * and desks whose clocks are three days off.
 */
const DAY = 86_400_000;

describe.each(hubTargets)('the desk against the real hub ($name)', (target) => {
  let opened: OpenedHubDb;
  let hub: RunningHub;
  let library: Library;
  let desks: TempDesk[];

  beforeEach(async () => {
    opened = await target.open();
    hub = await startHub(opened.db);
    library = await createLibrary(opened.db, 'Thư viện huyện Tam Đường');
    desks = [];
  });

  afterEach(async () => {
    for (const desk of desks) {
      await stopSyncWorker(desk.core.db);
      desk.dispose();
    }
    await hub.close();
    await opened.dispose();
  });

  function newDesk(startIso?: string): TempDesk {
    const desk = tempDesk(startIso);
    desks.push(desk);
    return desk;
  }

  async function enrol(desk: TempDesk, name: string) {
    const { code } = await createDeskCode(opened.db, library.id, name);
    const enrolled = ok(await desk.core.call('sync.enrol', { hubUrl: hub.url, code, deviceName: name }));
    // The worker sync.now runs: the desk's own clock (sentAt, createdAt), rounds only when asked, and
    // patience with a hub on PGlite sharing two cores with the rest of the suite.
    startSyncWorker(desk.core, { now: desk.clock.now, idleMs: 3_600_000, onEvent: undefined, timeoutMs: 600_000 });
    return enrolled;
  }

  const syncNow = async (desk: TempDesk) => ok(await desk.core.call('sync.now', {}));
  const outboxCount = (desk: TempDesk) =>
    (desk.core.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
  const hubEvents = async (desk: TempDesk) =>
    Number(
      (
        await opened.db.query<{ n: string }>('SELECT count(*)::text AS n FROM events WHERE device_id = $1', [
          desk.core.deviceId,
        ])
      ).rows[0]!.n,
    );

  it('enrols, pushes, pulls the other desk’s readers and titles, brings a conflict to staff, passes an erasure on', async () => {
    const a = newDesk();
    const b = newDesk();
    const wrong = refused(await a.core.call('sync.enrol', { hubUrl: hub.url, code: 'WRONG-CODE-123' }));
    expect(wrong.code).toBe('HUB_REFUSED');
    expect(ok(a.core.call('sync.status', {})).state).toBe('never_enrolled');
    expect((await enrol(a, 'Quầy 1')).libraryName).toBe('Thư viện huyện Tam Đường');
    await enrol(b, 'Điểm sách xã Bình Lư');

    const reader = registerReader(a.core, { fullName: 'Lò Văn Đức' });
    const [c1, c2] = addTitle(a.core, { title: 'Truyện cổ dân tộc Thái', copies: 2, authors: ['Cầm Trọng'] });
    ok(a.core.call('circulation.checkout', { patron: reader, item: c1! }));
    const pushed = await syncNow(a);
    expect(pushed).toMatchObject({ state: 'online', pending: 0, lastError: null, ackedThrough: outboxCount(a) });
    expect(await hubEvents(a)).toBe(outboxCount(a));

    // Desk B pulls A's reader and title; pulling appends nothing to B's outbox.
    const before = outboxCount(b);
    const pulled = await syncNow(b);
    expect(pulled).toMatchObject({ state: 'online', lastError: null });
    expect(outboxCount(b)).toBe(before);
    expect(ok(b.core.call('patrons.get', { cardNumber: reader })).patron.fullName).toBe('Lò Văn Đức');
    expect(ok(b.core.call('catalog.item', { barcode: c2! })).title).toBe('Truyện cổ dân tộc Thái');
    expect(
      (
        b.core.db.prepare('SELECT home_device_id FROM patrons WHERE card_number = ?').get(reader) as {
          home_device_id: string;
        }
      ).home_device_id,
    ).toBe(a.core.deviceId);

    // B lends c1, which A has on loan: the hub closes A's loan as unverified and raises a conflict.
    const other = registerReader(b.core, { fullName: 'Hà Thị Hoa' });
    ok(b.core.call('circulation.checkout', { patron: other, item: c1! }));
    const afterConflict = await syncNow(b);
    expect(afterConflict.pending).toBe(0);
    expect(afterConflict.openExceptions).toBeGreaterThanOrEqual(1);
    const listed = ok(await b.core.call('sync.exceptions', { status: 'open' }));
    expect(listed.refreshed).toBe(true);
    const conflict = listed.exceptions.find((e) => e.kind === 'loan_conflict');
    expect(conflict).toMatchObject({ subject: c1, deviceId: b.core.deviceId });
    const resolved = ok(
      await b.core.call('sync.resolve', { id: conflict!.id, resolution: 'Đã gọi cho bạn đọc Đức: sách đã trả.' }),
    );
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'Đã gọi cho bạn đọc Đức: sách đã trả.' });
    const atHub = await opened.db.query<{ status: string }>('SELECT status FROM exceptions WHERE id::text = $1', [
      conflict!.id,
    ]);
    expect(atHub.rows[0]?.status).toBe('resolved');

    // A takes its copy back and erases the reader; B's copy of the reader is erased at the next pull.
    ok(a.core.call('circulation.return', { item: c1! }));
    ok(a.core.call('patrons.erase', { cardNumber: reader, confirmCardNumber: reader }));
    expect((await syncNow(a)).pending).toBe(0);
    const beforeErase = outboxCount(b);
    await syncNow(b);
    const erased = b.core.db.prepare('SELECT full_name, erased_at FROM patrons WHERE card_number = ?').get(reader) as {
      full_name: string;
      erased_at: string | null;
    };
    expect(erased.full_name).toBe(erasedName);
    expect(erased.erased_at).not.toBeNull();
    expect(outboxCount(b)).toBe(beforeErase);
  }, 300_000);

  it('a desk offline for 30 days with 10,000 events catches up in one go', async () => {
    const desk = newDesk('2026-03-10T01:00:00.000Z');
    await enrol(desk, 'Thư viện lưu động');
    ok(
      desk.core.call('policies.upsert', {
        patronCategory: '*',
        materialType: '*',
        loanDays: 14,
        maxItems: 100,
        maxRenewals: 2,
        graceDays: 3,
        dailyFee: 0,
      }),
    );
    const readers = Array.from({ length: 20 }, (_, i) =>
      registerReader(desk.core, { fullName: `Bạn đọc bản ${i + 1}` }),
    );
    const copies = addTitle(desk.core, { title: 'Sổ tay trồng chè Shan tuyết', copies: 40 });
    // A month of lending and taking back, without the network: the clock moves with the work.
    let i = 0;
    const start = desk.clock.now().getTime();
    while (outboxCount(desk) < 10_000) {
      const item = copies[i % copies.length]!;
      ok(desk.core.call('circulation.checkout', { patron: readers[i % readers.length]!, item }));
      ok(desk.core.call('circulation.return', { item }));
      desk.clock.advanceMs(Math.round((30 * DAY) / 5_000));
      i += 1;
    }
    expect(desk.clock.now().getTime() - start).toBeGreaterThanOrEqual(29 * DAY);
    const waiting = outboxCount(desk);
    expect(ok(desk.core.call('sync.status', {})).pending).toBe(waiting);

    const caughtUp = await syncNow(desk);
    expect(caughtUp).toMatchObject({ state: 'online', pending: 0, ackedThrough: waiting, lastError: null });
    expect(await hubEvents(desk)).toBe(waiting);
    const outcomes = await opened.db.query<{ outcome: string; n: string }>(
      'SELECT outcome, count(*)::text AS n FROM events WHERE device_id = $1 GROUP BY outcome',
      [desk.core.deviceId],
    );
    // Every event was applied or parked as an exception; none was lost.
    const total = outcomes.rows.reduce((sum, r) => sum + Number(r.n), 0);
    expect(total).toBe(waiting);
    // Lending and taking back on one desk raise no conflict: every loan event was applied.
    expect(outcomes.rows.filter((r) => r.outcome === 'exception')).toEqual([]);
    expect(Number(outcomes.rows.find((r) => r.outcome === 'applied')?.n)).toBeGreaterThanOrEqual(2 * i);
    // The hub's loans agree with the desk: all returned.
    const open = await opened.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM loans l WHERE l.closed_at IS NULL',
    );
    expect(open.rows[0]!.n).toBe('0');
  }, 600_000);

  it('desks whose clocks are three days ahead or behind are recorded with their skew, never refused', async () => {
    for (const [name, offset] of [
      ['Quầy nhanh 3 ngày', 3 * DAY],
      ['Quầy chậm 3 ngày', -3 * DAY],
    ] as const) {
      const desk = newDesk(new Date(Date.now() + offset).toISOString());
      await enrol(desk, name);
      registerReader(desk.core, { fullName: `Bạn đọc của ${name}` });
      addTitle(desk.core, { title: `Sách của ${name}` });
      // The worker (started at enrolment) reads the desk's own, skewed clock for sentAt.
      const after = await syncNow(desk);
      expect(after).toMatchObject({ state: 'online', pending: 0, lastError: null });
      expect(await hubEvents(desk)).toBe(outboxCount(desk));
      const skew = await opened.db.query<{ clock_skew_ms: string }>(
        'SELECT clock_skew_ms::text FROM devices WHERE device_id = $1',
        [desk.core.deviceId],
      );
      expect(Math.abs(Number(skew.rows[0]!.clock_skew_ms) - offset)).toBeLessThan(120_000);
    }
  }, 300_000);
});
