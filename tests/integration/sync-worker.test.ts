import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibraryBarcode } from '../../shared/barcode';
import { erasedName } from '../../shared/patron-record';
import type { SyncStatus } from '../../shared/contract/sync';
import type { PullChange } from '../../shared/sync-protocol';
import { startSyncWorker, stopSyncWorker } from '../../electron/core/services/sync';
import { addTitle, ok, refused, registerReader, snapshotTables, tempDesk, type TempDesk } from '../helpers/desk';
import { startStubHub, type Fault, type StubHub } from '../helpers/stub-hub';
import { appendEvents, expectHubHoldsOutbox } from '../helpers/sync';

const CODE = 'K7Q2-M9XD-4412';

let desk: TempDesk;
let hub: StubHub;
let fault: ((route: string, n: number) => Fault | undefined) | undefined;

beforeEach(async () => {
  desk = tempDesk();
  fault = undefined;
  hub = await startStubHub({ codes: [CODE, 'SECOND-CODE'], fault: (route, n) => fault?.(route, n) });
});

afterEach(async () => {
  await stopSyncWorker(desk.core.db);
  await hub.close();
  desk.dispose();
});

async function enrol(): Promise<SyncStatus> {
  return ok(await desk.core.call('sync.enrol', { hubUrl: hub.url, code: CODE }));
}

const syncNow = async () => ok(await desk.core.call('sync.now', {}));
const status = () => ok(desk.core.call('sync.status', {}));
const outboxCount = () => (desk.core.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;

describe('enrolment', () => {
  it('a wrong code or an unreachable hub is refused in words and changes nothing', async () => {
    const before = snapshotTables(desk.core.db);
    const wrong = refused(await desk.core.call('sync.enrol', { hubUrl: hub.url, code: 'NOT-A-CODE' }));
    expect(wrong.code).toBe('HUB_REFUSED');
    expect(wrong.message).toMatch(/Mã đăng ký không đúng/u);
    expect(snapshotTables(desk.core.db)).toEqual(before);

    // A port nothing listens on: the hub is unreachable.
    const closed = await startStubHub();
    const url = closed.url;
    await closed.close();
    const unreachable = refused(await desk.core.call('sync.enrol', { hubUrl: url, code: CODE }));
    expect(unreachable.code).toBe('HUB_UNREACHABLE');
    expect(unreachable.message).toContain(url);
    expect(snapshotTables(desk.core.db)).toEqual(before);
    expect(status().state).toBe('never_enrolled');
  });

  it('a right code enrols the desk once; the token is in no answer, setting or audit line', async () => {
    expect(status()).toMatchObject({ state: 'never_enrolled', hubUrl: null, pending: 0 });
    const enrolled = await enrol();
    expect(enrolled).toMatchObject({ hubUrl: hub.url, libraryName: 'Thư viện huyện Tam Đường' });
    const [token] = [...hub.tokens.keys()];
    expect(token).toBeDefined();
    const everywhere = JSON.stringify([
      enrolled,
      status(),
      ok(desk.core.call('settings.get', {})),
      desk.core.db.prepare('SELECT * FROM settings').all(),
      desk.core.db.prepare('SELECT * FROM audit_log').all(),
    ]);
    expect(everywhere).not.toContain(token!);
    // The code is one-time: a second exchange is refused.
    const again = refused(await desk.core.call('sync.enrol', { hubUrl: hub.url, code: CODE }));
    expect(again.code).toBe('HUB_REFUSED');
    expect(again.details).toMatchObject({ code: 'CODE_USED' });
  });

  it('sync.now before enrolment is refused as NOT_ENROLLED', async () => {
    expect(refused(await desk.core.call('sync.now', {})).code).toBe('NOT_ENROLLED');
  });
});

describe('push', () => {
  it('sends the outbox in device_seq order, in batches, each event once; acknowledges what the hub stores', async () => {
    registerReader(desk.core, { fullName: 'Lò Văn Đức' });
    appendEvents(desk.core, 1_234);
    await enrol();
    expect(status().pending).toBe(1_235);
    const after = await syncNow();
    expect(after).toMatchObject({ state: 'online', pending: 0, ackedThrough: 1_235, lastError: null });
    expect(after.lastPushAt).not.toBeNull();
    expectHubHoldsOutbox(expect, desk.core, hub);
    // 500 per batch by default: 3 pushes.
    expect(hub.requests.filter((r) => r.route === '/v1/push')).toHaveLength(3);
    const unacked = desk.core.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE acked_at IS NULL').get() as {
      n: number;
    };
    expect(unacked.n).toBe(0);
  });

  it('a reply lost after the hub stored the batch: the resend is skipped by the hub, nothing doubled', async () => {
    appendEvents(desk.core, 800);
    await enrol();
    // The first push and its immediate retry both lose their answers: the round fails.
    fault = (route) =>
      route === '/v1/push' && hub.requests.filter((r) => r.route === '/v1/push').length < 2 ? 'lose-reply' : undefined;
    const failed = await syncNow();
    expect(failed.state).toBe('offline');
    expect(failed.lastError).toMatch(/unreachable/u);
    expect(failed.lastErrorKind).toBe('unreachable');
    expect(failed.ackedThrough).toBe(0);
    expect(hub.stored.get(desk.core.deviceId)).toHaveLength(500);
    fault = undefined;
    const after = await syncNow();
    expect(after).toMatchObject({ state: 'online', pending: 0, ackedThrough: 800, lastError: null });
    expectHubHoldsOutbox(expect, desk.core, hub);
  });

  it('one cut connection is tried again at once within the round', async () => {
    appendEvents(desk.core, 300);
    await enrol();
    fault = (route) =>
      route === '/v1/push' && hub.requests.filter((r) => r.route === '/v1/push').length === 0
        ? 'lose-reply'
        : undefined;
    const after = await syncNow();
    expect(after).toMatchObject({ state: 'online', pending: 0, ackedThrough: 300, lastError: null });
    expect(hub.requests.filter((r) => r.route === '/v1/push')).toHaveLength(2);
    expectHubHoldsOutbox(expect, desk.core, hub);
  });

  it('SEQUENCE_GAP: a hub that lost events (restored from a backup) gets them again from resendFrom', async () => {
    appendEvents(desk.core, 1_000);
    await enrol();
    await syncNow();
    hub.truncate(desk.core.deviceId, 400);
    appendEvents(desk.core, 50);
    const after = await syncNow();
    expect(after).toMatchObject({ state: 'online', pending: 0, ackedThrough: 1_050 });
    expect(hub.requests.some((r) => r.route === '/v1/push' && r.status === 409)).toBe(true);
    expectHubHoldsOutbox(expect, desk.core, hub);
  });

  it('backs off exponentially while the hub fails, and "sync now" retries at once', async () => {
    appendEvents(desk.core, 10);
    await enrol();
    fault = () => 'fail';
    const asked: number[] = [];
    const worker = startSyncWorker(desk.core, {
      backoffMs: (failures) => {
        asked.push(failures);
        return failures < 3 ? 5 : 3_600_000;
      },
      idleMs: 3_600_000,
    });
    await expect.poll(() => asked.length, { timeout: 5_000 }).toBe(3);
    expect(asked).toEqual([1, 2, 3]);
    const waiting = worker.status();
    expect(waiting).toMatchObject({ state: 'offline', pending: 10 });
    expect(waiting.nextAttemptAt).not.toBeNull();
    expect(waiting.lastErrorKind).toBe('unreachable');
    // The hub is back; the backoff says an hour, staff say now.
    fault = undefined;
    const now = await syncNow();
    expect(now).toMatchObject({ state: 'online', pending: 0, lastError: null });
    expectHubHoldsOutbox(expect, desk.core, hub);
  });

  it('the running worker pushes a local change soon after it is made, and says so in a sync event', async () => {
    await enrol();
    const seen: SyncStatus[] = [];
    desk.core.onEvent((e) => {
      if (e.type === 'sync') seen.push(e.status);
    });
    startSyncWorker(desk.core, { changeDelayMs: 20, idleMs: 3_600_000 });
    await expect.poll(() => seen.some((s) => s.state === 'online'), { timeout: 5_000 }).toBe(true);
    registerReader(desk.core, { fullName: 'Hà Thị Hoa' });
    await expect.poll(() => hub.stored.get(desk.core.deviceId)?.length ?? 0, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => seen.at(-1)?.pending, { timeout: 5_000 }).toBe(0);
  });
});

const otherDesk = 'desk-sin-ho-2';
const registryPatron = (
  cardNumber: string,
  fullName: string,
  more: Partial<Record<string, unknown>> = {},
): PullChange =>
  ({
    kind: 'patron',
    patron: {
      cardNumber,
      fullName,
      category: 'adult',
      expiresOn: '2027-12-31',
      blocked: false,
      blockReason: null,
      homeDeviceId: otherDesk,
      erased: false,
      ...more,
    },
  }) as PullChange;

describe('pull', () => {
  it('applies registry readers, titles, copies and exceptions without one outbox event', async () => {
    const own = registerReader(desk.core, { fullName: 'Lò Văn Đức' });
    const [ownCopy] = addTitle(desk.core, { title: 'Truyện cổ dân tộc Thái' });
    await enrol();
    await syncNow();
    const before = outboxCount();
    const card = makeLibraryBarcode(2, 7, 41);
    const barcode = makeLibraryBarcode(3, 7, 77);
    hub.changes.push(
      registryPatron(card, 'Vàng Thị Dua'),
      // This desk's own reader, as the hub knows it: never overwrites what the desk holds.
      registryPatron(own, 'Tên cũ hơn', { homeDeviceId: desk.core.deviceId }),
      {
        kind: 'title',
        title: {
          uuid: '5b0f1d9e-8a55-4a1e-9a43-2f0d8d6a1c11',
          bib: { title: 'Sống chụ son sao', authors: ['Khuyết danh'] },
          copies: [{ barcode }],
        },
      } as PullChange,
      {
        kind: 'copy',
        titleUuid: '5b0f1d9e-8a55-4a1e-9a43-2f0d8d6a1c11',
        copy: { barcode, status: 'in_rotation' },
      } as PullChange,
    );
    hub.addException({ deviceId: desk.core.deviceId, kind: 'unknown_item', subject: ownCopy!, message: 'unknown' });
    const after = await syncNow();
    expect(after.lastPullAt).not.toBeNull();
    expect(after.openExceptions).toBe(1);
    expect(outboxCount()).toBe(before);

    const found = ok(desk.core.call('patrons.search', { query: 'vang thi dua' }));
    expect(found.map((p) => p.cardNumber)).toContain(card);
    expect(ok(desk.core.call('patrons.get', { cardNumber: own })).patron.fullName).toBe('Lò Văn Đức');
    expect(ok(desk.core.call('catalog.item', { barcode }))).toMatchObject({
      title: 'Sống chụ son sao',
      status: 'in_rotation',
    });
    // The title is the catalogue's, under the uuid it has everywhere.
    expect(
      desk.core.db.prepare('SELECT title FROM titles WHERE uuid = ?').get('5b0f1d9e-8a55-4a1e-9a43-2f0d8d6a1c11'),
    ).toEqual({
      title: 'Sống chụ son sao',
    });
    // A later copy of that title, known to the hub first, comes down as a 'copy' change.
    const later = makeLibraryBarcode(3, 7, 78);
    hub.changes.push({
      kind: 'copy',
      titleUuid: '5b0f1d9e-8a55-4a1e-9a43-2f0d8d6a1c11',
      copy: { barcode: later, status: 'available' },
    } as PullChange);
    await syncNow();
    expect(ok(desk.core.call('catalog.item', { barcode: later }))).toMatchObject({ title: 'Sống chụ son sao' });
    expect(outboxCount()).toBe(before);
    // The pulled reader can borrow here like any other.
    ok(desk.core.call('circulation.checkout', { patron: card, item: ownCopy! }));
    expect(outboxCount()).toBe(before + 1);
  });

  it('a reader erased at the home desk is erased here the same way', async () => {
    await enrol();
    const card = makeLibraryBarcode(2, 7, 42);
    hub.changes.push(registryPatron(card, 'Giàng A Páo'));
    await syncNow();
    expect(ok(desk.core.call('patrons.get', { cardNumber: card })).patron.fullName).toBe('Giàng A Páo');
    const before = outboxCount();
    hub.changes.push(registryPatron(card, 'Giàng A Páo', { erased: true }));
    await syncNow();
    const row = desk.core.db
      .prepare('SELECT full_name, name_folded, erased_at FROM patrons WHERE card_number = ?')
      .get(card) as { full_name: string; name_folded: string; erased_at: string | null };
    expect(row).toMatchObject({ full_name: erasedName, name_folded: '' });
    expect(row.erased_at).not.toBeNull();
    expect(ok(desk.core.call('patrons.search', { query: 'giang a pao' }))).toEqual([]);
    // A stale page cannot bring the name back.
    hub.changes.push(registryPatron(card, 'Giàng A Páo'));
    await syncNow();
    expect(
      (desk.core.db.prepare('SELECT full_name FROM patrons WHERE card_number = ?').get(card) as { full_name: string })
        .full_name,
    ).toBe(erasedName);
    expect(outboxCount()).toBe(before);
  });

  it('a page and its cursor are applied together: a failure in the middle keeps neither, the retry applies each once', async () => {
    await enrol();
    for (let i = 1; i <= 30; i += 1) hub.changes.push(registryPatron(makeLibraryBarcode(2, 8, i), `Bạn đọc kéo ${i}`));
    // The transaction of the second page fails when it stores its cursor.
    desk.core.db.exec(`CREATE TEMP TRIGGER fail_cursor BEFORE UPDATE OF pull_cursor ON sync_state
      WHEN NEW.pull_cursor = '20' BEGIN SELECT RAISE(ABORT, 'power cut'); END`);
    const { SyncWorker } = await import('../../electron/core/sync/worker');
    const worker = new SyncWorker({
      db: desk.core.db,
      deviceId: desk.core.deviceId,
      outbox: desk.core.outbox,
      pageSize: 10,
    });
    const failed = await worker.syncNow();
    expect(failed.lastError).toMatch(/power cut/u);
    expect(failed.lastErrorKind).toBe('failed');
    const count = () =>
      (
        desk.core.db.prepare('SELECT COUNT(*) AS n FROM patrons WHERE home_device_id = ?').get(otherDesk) as {
          n: number;
        }
      ).n;
    expect(count()).toBe(10);
    expect(
      (desk.core.db.prepare('SELECT pull_cursor FROM sync_state').get() as { pull_cursor: string }).pull_cursor,
    ).toBe('10');
    desk.core.db.exec('DROP TRIGGER fail_cursor');
    const pulls = hub.requests.filter((r) => r.route === '/v1/pull').length;
    const after = await worker.syncNow();
    expect(after.lastError).toBeNull();
    expect(count()).toBe(30);
    // It started from the stored cursor: pages 2 and 3 (and the last, empty answer is not needed: more=false).
    expect(hub.requests.filter((r) => r.route === '/v1/pull').length - pulls).toBe(2);
  });
});

describe('exceptions', () => {
  it('are listed from the hub when it answers, from the cache when not, and resolved at the hub with a note', async () => {
    await enrol();
    const e = hub.addException({
      deviceId: desk.core.deviceId,
      kind: 'loan_conflict',
      subject: makeLibraryBarcode(3, 1, 5),
      message: 'on loan to another reader',
    });
    const listed = ok(await desk.core.call('sync.exceptions', { status: 'open' }));
    expect(listed.refreshed).toBe(true);
    expect(listed.exceptions.map((x) => x.id)).toEqual([e.id]);
    const resolved = ok(
      await desk.core.call('sync.resolve', { id: e.id, resolution: 'Đã gọi điện, bạn đọc trả sách ngày 12/3' }),
    );
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'Đã gọi điện, bạn đọc trả sách ngày 12/3' });
    expect(hub.exceptions.get(e.id)?.status).toBe('resolved');
    expect(refused(await desk.core.call('sync.resolve', { id: 'no-such', resolution: 'x' })).code).toBe('NOT_FOUND');

    await hub.close();
    const cached = ok(await desk.core.call('sync.exceptions', { status: 'all' }));
    expect(cached.refreshed).toBe(false);
    expect(cached.exceptions).toHaveLength(1);
    expect(cached.exceptions[0]).toMatchObject({ id: e.id, status: 'resolved' });
    const offline = refused(await desk.core.call('sync.resolve', { id: e.id, resolution: 'again' }));
    expect(offline.code).toBe('HUB_UNREACHABLE');
    hub = await startStubHub();
  });
});
