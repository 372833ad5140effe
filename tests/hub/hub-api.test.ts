import { describe, expect, it } from 'vitest';
import { createDeskCode, createLibrary, revokeDevice } from '../../hub/src/admin';
import { latestHubSchemaVersion, migrate, NewerSchemaError } from '../../hub/src/db/migrations';
import { libraryStats } from '../../hub/src/stats';
import { sha256 } from '../../hub/src/tokens';
import {
  exceptionListResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  syncErrorSchema,
  syncExceptionSchema,
  type PullChange,
} from '../../shared/sync-protocol';
import { SimDesk } from '../helpers/desk-events';
import { hubTargets } from '../helpers/hub-db';
import { hubForSuite } from '../helpers/hub-suite';
import { libraryWithDesks, postJson, type EnrolledDesk } from '../helpers/hub-server';
import { pushAll } from '../helpers/push-client';

let libraries = 0;

describe.each(hubTargets)('hub API on $name', { timeout: 600_000 }, (target) => {
  const suite = hubForSuite(target);

  /** A fresh library with its desks, so tests on one database do not see each other. */
  const setUp = (deviceIds: string[]) => {
    libraries += 1;
    return libraryWithDesks(
      suite.db,
      suite.hub.url,
      `Thư viện ${target.name} ${libraries}`,
      deviceIds.map((d) => `${d}-${libraries}`),
    );
  };
  const push = (desk: EnrolledDesk, events: unknown[], sentAt = new Date().toISOString(), token = desk.token) =>
    postJson(`${suite.hub.url}/v1/push`, { deviceId: desk.deviceId, sentAt, events }, token);
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await suite.db.query<{ n: number }>(sql, params)).rows[0]!.n);
  const pullAll = async (desk: EnrolledDesk, limit = 3) => {
    const changes: PullChange[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 1000; page += 1) {
      const answer = await postJson(`${suite.hub.url}/v1/pull`, { deviceId: desk.deviceId, cursor, limit }, desk.token);
      expect(answer.status).toBe(200);
      const body = pullResponseSchema.parse(answer.body);
      changes.push(...body.changes);
      cursor = body.cursor;
      if (!body.more) break;
    }
    return { changes, cursor };
  };

  it('migrates to the latest version and refuses a database from a newer hub', async () => {
    const version = await suite.db.query<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'schema_version'`);
    expect(Number(version.rows[0]!.value)).toBe(latestHubSchemaVersion);
    await suite.db.query(`UPDATE hub_meta SET value = $1 WHERE key = 'schema_version'`, [
      String(latestHubSchemaVersion + 1),
    ]);
    try {
      await expect(migrate(suite.db)).rejects.toBeInstanceOf(NewerSchemaError);
    } finally {
      await suite.db.query(`UPDATE hub_meta SET value = $1 WHERE key = 'schema_version'`, [
        String(latestHubSchemaVersion),
      ]);
    }
  });

  it('trades a one-time code for a token it stores only hashed; a used or expired code is refused', async () => {
    const library = await createLibrary(suite.db, `Thư viện mã ${target.name}`);
    const { code } = await createDeskCode(suite.db, library.name, 'Quầy 1');
    const first = await postJson(`${suite.hub.url}/v1/enrol`, {
      code: code.toLowerCase(),
      deviceId: `enrol-${target.name}`,
    });
    expect(first.status).toBe(200);
    const token = (first.body as { deviceToken: string }).deviceToken;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
    const stored = await suite.db.query<{ token_hash: string }>('SELECT token_hash FROM devices WHERE device_id = $1', [
      `enrol-${target.name}`,
    ]);
    expect(stored.rows[0]!.token_hash).toBe(sha256(token));
    expect(await count(`SELECT count(*) AS n FROM devices WHERE token_hash = $1 OR name = $1`, [token])).toBe(0);

    const again = await postJson(`${suite.hub.url}/v1/enrol`, { code, deviceId: 'another-desk' });
    expect(again.status).toBe(410);
    expect(syncErrorSchema.parse(again.body).error.code).toBe('CODE_USED');
    const expired = await createDeskCode(suite.db, library.id, 'Quầy 2', -1);
    const late = await postJson(`${suite.hub.url}/v1/enrol`, { code: expired.code, deviceId: 'late-desk' });
    expect(late.status).toBe(410);
    expect(await count(`SELECT count(*) AS n FROM devices WHERE device_id IN ('another-desk', 'late-desk')`)).toBe(0);
  });

  it('refuses wrong, revoked and mismatched tokens on every endpoint, and changes nothing', async () => {
    const { desks } = await setUp(['auth-a', 'auth-b']);
    const [a, b] = desks as [EnrolledDesk, EnrolledDesk];
    const desk = new SimDesk(a.deviceId);
    desk.register('AUTH-1', 'Giàng A Páo');
    const before = await count('SELECT count(*) AS n FROM events');
    const bodies = {
      push: { deviceId: a.deviceId, sentAt: new Date().toISOString(), events: desk.events },
      pull: { deviceId: a.deviceId, cursor: null },
      'exceptions/list': { deviceId: a.deviceId },
      'exceptions/resolve': { deviceId: a.deviceId, id: '1', resolution: 'x', operator: 'y' },
    };
    for (const [endpoint, body] of Object.entries(bodies)) {
      const none = await postJson(`${suite.hub.url}/v1/${endpoint}`, body);
      expect(none.status, endpoint).toBe(401);
      const wrong = await postJson(`${suite.hub.url}/v1/${endpoint}`, body, 'x'.repeat(43));
      expect(wrong.status, endpoint).toBe(401);
      expect(syncErrorSchema.parse(wrong.body).error.code).toBe('UNAUTHORIZED');
      const mismatched = await postJson(`${suite.hub.url}/v1/${endpoint}`, body, b.token);
      expect(mismatched.status, endpoint).toBe(403);
      expect(syncErrorSchema.parse(mismatched.body).error.code).toBe('DEVICE_MISMATCH');
    }
    expect(await revokeDevice(suite.db, a.deviceId)).toBe(true);
    expect(await revokeDevice(suite.db, a.deviceId)).toBe(false);
    for (const [endpoint, body] of Object.entries(bodies)) {
      const revoked = await postJson(`${suite.hub.url}/v1/${endpoint}`, body, a.token);
      expect(revoked.status, endpoint).toBe(401);
    }
    expect(await count('SELECT count(*) AS n FROM events')).toBe(before);
    expect(await count(`SELECT stored_through AS n FROM devices WHERE device_id = $1`, [a.deviceId])).toBe(0);
    // The other desk still works.
    const ok = await postJson(`${suite.hub.url}/v1/pull`, { deviceId: b.deviceId, cursor: null }, b.token);
    expect(ok.status).toBe(200);
  });

  it('stores each event once, refuses a gap with where to resend from, and stores unknown types', async () => {
    const { desks } = await setUp(['push']);
    const d = desks[0]!;
    const desk = new SimDesk(d.deviceId);
    desk.register('P-1', 'Lò Văn Đức');
    desk.custom('visit.future', { note: 'a type this hub does not know' });
    desk.register('P-2', 'Hoàng Thị Mỷ');
    desk.register('P-3', 'Vàng Seo Chứ');
    const first = await push(d, desk.events.slice(0, 2));
    expect(pushResponseSchema.parse(first.body)).toMatchObject({ storedThrough: 2, stored: 2, duplicates: 0 });
    const gap = await push(d, desk.events.slice(3));
    expect(gap.status).toBe(409);
    expect(syncErrorSchema.parse(gap.body).error).toMatchObject({ code: 'SEQUENCE_GAP', resendFrom: 3 });
    const shuffled = await push(d, [desk.events[2], desk.events[1]]);
    expect(shuffled.status).toBe(400);
    const overlap = await push(d, desk.events);
    expect(pushResponseSchema.parse(overlap.body)).toMatchObject({ storedThrough: 4, stored: 2, duplicates: 2 });
    const again = await push(d, desk.events);
    expect(pushResponseSchema.parse(again.body)).toMatchObject({ storedThrough: 4, stored: 0, duplicates: 4 });
    const rows = await suite.db.query<{ device_seq: number; outcome: string }>(
      'SELECT device_seq, outcome FROM events WHERE device_id = $1 ORDER BY device_seq',
      [d.deviceId],
    );
    expect(rows.rows).toEqual([
      { device_seq: 1, outcome: 'applied' },
      { device_seq: 2, outcome: 'stored' },
      { device_seq: 3, outcome: 'applied' },
      { device_seq: 4, outcome: 'applied' },
    ]);
    const malformed = await postJson(`${suite.hub.url}/v1/push`, { deviceId: d.deviceId, events: 'no' }, d.token);
    expect(malformed.status).toBe(400);
    expect(syncErrorSchema.parse(malformed.body).error.code).toBe('VALIDATION');
  });

  it('records a clock skew of ± 3 days and refuses nothing for it', async () => {
    const day = 86_400_000;
    const { desks } = await setUp(['ahead', 'behind']);
    for (const [d, skew] of [
      [desks[0]!, 3 * day],
      [desks[1]!, -3 * day],
    ] as const) {
      const desk = new SimDesk(d.deviceId, Date.now() - 3600_000, skew, 1000);
      desk.addTitle('Truyện cổ tích Thái', [`${d.deviceId}-B1`]);
      desk.register(`${d.deviceId}-C1`, 'Tòng Thị Ánh Nguyệt');
      desk.checkout(`${d.deviceId}-B1`, `${d.deviceId}-C1`);
      desk.giveBack(`${d.deviceId}-B1`);
      const report = await pushAll({
        url: suite.hub.url,
        deviceId: d.deviceId,
        token: d.token,
        events: desk.events,
        sentAt: () => new Date(Date.now() + skew).toISOString(),
      });
      expect(report.storedThrough).toBe(4);
      const row = (
        await suite.db.query<{ clock_skew_ms: number }>('SELECT clock_skew_ms FROM devices WHERE device_id = $1', [
          d.deviceId,
        ])
      ).rows[0]!;
      expect(Math.abs(row.clock_skew_ms - skew)).toBeLessThan(120_000);
      expect(
        await count(`SELECT count(*) AS n FROM events WHERE device_id = $1 AND outcome = 'applied'`, [d.deviceId]),
      ).toBe(4);
    }
  });

  it('applies the conflict rules: second checkout, blocked reader, unknown barcode and card, duplicate card, late return', async () => {
    const { desks } = await setUp(['rule-a', 'rule-b']);
    const [a, b] = desks as [EnrolledDesk, EnrolledDesk];
    const deskA = new SimDesk(a.deviceId, Date.parse('2026-10-01T01:00:00Z'));
    const deskB = new SimDesk(b.deviceId, Date.parse('2026-10-01T02:00:00Z'));
    deskA.addTitle('Đất rừng phương Nam', ['R-1', 'R-2']);
    deskA.register('R-C1', 'Sùng A Dếnh');
    deskA.register('R-C2', 'Lường Văn Thưởng');
    deskA.block('R-C2', 'Sách quá hạn');
    const firstLoan = deskA.checkout('R-1', 'R-C1');
    await pushAll({ url: suite.hub.url, deviceId: a.deviceId, token: a.token, events: deskA.events });
    // Desk B, offline, lends R-1 again (A's loan still open), lends to the blocked reader, and meets unknowns.
    deskB.checkout('R-1', 'R-C2');
    deskB.checkout('NO-SUCH-BOOK', 'R-C1');
    deskB.checkout('R-2', 'NO-SUCH-CARD');
    deskB.register('R-C1', 'Someone else');
    await pushAll({ url: suite.hub.url, deviceId: b.deviceId, token: b.token, events: deskB.events });
    // Desk A's offline return of its own loan arrives last, at its own (earlier) time.
    deskA.giveBack('R-1');
    await pushAll({ url: suite.hub.url, deviceId: a.deviceId, token: a.token, events: deskA.events });

    const kinds = await suite.db.query<{ kind: string; subject: string }>(
      `SELECT kind, subject FROM exceptions WHERE device_id IN ($1, $2) ORDER BY id`,
      [a.deviceId, b.deviceId],
    );
    expect(kinds.rows).toEqual([
      { kind: 'loan_conflict', subject: 'R-1' },
      { kind: 'blocked_patron_loan', subject: 'R-C2' },
      { kind: 'unknown_item', subject: 'NO-SUCH-BOOK' },
      { kind: 'unknown_patron', subject: 'NO-SUCH-CARD' },
      { kind: 'duplicate_registration', subject: 'R-C1' },
    ]);
    const loans = await suite.db.query<{ loan_uuid: string; card_number: string; closed_as: string | null }>(
      `SELECT loan_uuid, card_number, closed_as FROM loans WHERE barcode = 'R-1' AND device_id IN ($1, $2) ORDER BY id`,
      [a.deviceId, b.deviceId],
    );
    // The first loan, closed as unverified by B's checkout, became returned when A's return arrived.
    expect(loans.rows).toEqual([
      { loan_uuid: (firstLoan.payload as { loanId: string }).loanId, card_number: 'R-C1', closed_as: 'returned' },
      { loan_uuid: expect.any(String), card_number: 'R-C2', closed_as: null },
    ]);
    const copy = await suite.db.query<{ status: string }>(`SELECT status FROM copies WHERE barcode = 'R-1'`);
    expect(copy.rows[0]!.status).toBe('on_loan');

    const list = await postJson(
      `${suite.hub.url}/v1/exceptions/list`,
      { deviceId: a.deviceId, status: 'open' },
      a.token,
    );
    const open = exceptionListResponseSchema.parse(list.body).exceptions;
    expect(open).toHaveLength(5);
    const conflict = open.find((e) => e.kind === 'loan_conflict')!;
    const resolved = await postJson(
      `${suite.hub.url}/v1/exceptions/resolve`,
      { deviceId: a.deviceId, id: conflict.id, resolution: 'Đã gọi bạn đọc, sách đã trả', operator: 'Thu' },
      a.token,
    );
    expect(resolved.status).toBe(200);
    expect(syncExceptionSchema.parse(resolved.body)).toMatchObject({ status: 'resolved', resolvedBy: 'Thu' });
    const missing = await postJson(
      `${suite.hub.url}/v1/exceptions/resolve`,
      { deviceId: a.deviceId, id: '999999999', resolution: 'x', operator: 'y' },
      a.token,
    );
    expect(missing.status).toBe(404);
    // Desk B pulls the resolution.
    const { changes } = await pullAll(b, 4);
    const pulled = changes.filter((c) => c.kind === 'exception').map((c) => c.exception);
    expect(pulled.find((e) => e.id === conflict.id)?.status).toBe('resolved');
  });

  it('serves the registry without personal details, titles with copies and copy statuses, by pages', async () => {
    const { desks } = await setUp(['pull-a', 'pull-b']);
    const [a, b] = desks as [EnrolledDesk, EnrolledDesk];
    const desk = new SimDesk(a.deviceId);
    const title = desk.addTitle('Vợ chồng A Phủ', ['PULL-1', 'PULL-2']);
    desk.register('PULL-C1', 'Nguyễn Thị Thu Hằng');
    desk.checkout('PULL-1', 'PULL-C1');
    desk.custom('catalog.titleAdded', {
      id: 7,
      title: 'Quick add',
      authors: [],
      materialType: 'book',
      copies: [{ barcode: 'PULL-Q', status: 'available' }],
    });
    await pushAll({ url: suite.hub.url, deviceId: a.deviceId, token: a.token, events: desk.events });
    const { changes, cursor } = await pullAll(b, 2);
    const text = JSON.stringify(changes);
    expect(text).not.toContain('0912345678');
    expect(text).not.toContain('1990-05-01');
    const patron = changes.find((c) => c.kind === 'patron');
    expect(patron).toEqual({
      kind: 'patron',
      patron: {
        cardNumber: 'PULL-C1',
        fullName: 'Nguyễn Thị Thu Hằng',
        category: 'adult',
        expiresOn: '2027-12-31',
        blocked: false,
        blockReason: null,
        homeDeviceId: a.deviceId,
        erased: false,
      },
    });
    const titles = changes.filter((c) => c.kind === 'title').map((c) => c.title);
    const uuid = (title.payload as { uuid: string }).uuid;
    expect(titles.find((t) => t.uuid === uuid)?.copies.map((c) => [c.barcode, c.status])).toEqual([
      ['PULL-1', 'on_loan'],
      ['PULL-2', 'available'],
    ]);
    expect(titles.find((t) => t.bib.title === 'Quick add')?.needsCompletion).toBe(true);
    const copies = changes.filter((c) => c.kind === 'copy').map((c) => c.copy.barcode);
    expect(copies).toContain('PULL-1');
    // Nothing new: the cursor stays and nothing comes back.
    const next = await postJson(`${suite.hub.url}/v1/pull`, { deviceId: b.deviceId, cursor, limit: 10 }, b.token);
    expect(pullResponseSchema.parse(next.body)).toEqual({ changes: [], cursor, more: false });
    const bad = await postJson(`${suite.hub.url}/v1/pull`, { deviceId: b.deviceId, cursor: 'nonsense' }, b.token);
    expect(bad.status).toBe(400);
  });

  it('erases a reader at the hub, down to the stored events, and tells the other desks', async () => {
    const { desks } = await setUp(['erase-a', 'erase-b']);
    const [a, b] = desks as [EnrolledDesk, EnrolledDesk];
    const desk = new SimDesk(a.deviceId);
    desk.addTitle('Nhật ký trong tù', ['ERASE-1']);
    desk.register('ERASE-C1', 'Đèo Văn Khẩm');
    desk.custom('patron.updated', {
      cardNumber: 'ERASE-C1',
      fields: ['phone'],
      changes: { phone: '0987654321' },
    });
    desk.checkout('ERASE-1', 'ERASE-C1');
    desk.giveBack('ERASE-1');
    desk.erase('ERASE-C1');
    await pushAll({ url: suite.hub.url, deviceId: a.deviceId, token: a.token, events: desk.events });
    const leftovers = await count(
      `SELECT count(*) AS n FROM events WHERE device_id = $1
          AND (payload::text LIKE '%Khẩm%' OR payload::text LIKE '%0987654321%' OR payload::text LIKE '%0912345678%'
               OR (type LIKE 'loan.%' AND payload::text LIKE '%ERASE-C1%'))`,
      [a.deviceId],
    );
    expect(leftovers).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM events WHERE device_id = $1`, [a.deviceId])).toBe(6);
    const patron = await suite.db.query(
      `SELECT full_name, details, erased FROM patrons WHERE card_number = 'ERASE-C1'`,
    );
    expect(patron.rows[0]).toEqual({ full_name: '', details: null, erased: true });
    expect(await count(`SELECT count(*) AS n FROM loans WHERE card_number = 'ERASE-C1'`)).toBe(0);
    const { changes } = await pullAll(b, 50);
    const registry = changes.find((c) => c.kind === 'patron' && c.patron.cardNumber === 'ERASE-C1');
    expect(registry).toMatchObject({ patron: { erased: true, fullName: '' } });
  });

  it('catches up a desk offline for 30 days with 10,000 events in one go', async () => {
    const { desks, libraryId } = await setUp(['offline']);
    const d = desks[0]!;
    // 10,000 events over 30 days: one every 259 s.
    const desk = new SimDesk(d.deviceId, Date.parse('2026-09-01T01:00:00Z'), 0, Math.floor((30 * 86_400_000) / 10_000));
    const items = Array.from({ length: 300 }, (_, i) => `OFF-${i}`);
    for (let t = 0; t < 100; t += 1) desk.addTitle(`Sách ${t}`, items.slice(t * 3, t * 3 + 3));
    for (let r = 0; r < 200; r += 1) desk.register(`OFF-C${r}`, `Bạn đọc ${r}`);
    let n = 0;
    while (desk.events.length < 10_000) {
      const item = items[n % items.length]!;
      if (desk.isOut(item)) desk.giveBack(item);
      else desk.checkout(item, `OFF-C${n % 200}`);
      n += 7;
    }
    const report = await pushAll({
      url: suite.hub.url,
      deviceId: d.deviceId,
      token: d.token,
      events: desk.events,
      batchSize: 2000,
    });
    expect(report).toMatchObject({ storedThrough: 10_000, stored: 10_000, duplicates: 0, failures: 0, gaps: 0 });
    expect(
      await count(`SELECT count(*) AS n FROM events WHERE device_id = $1 AND outcome = 'applied'`, [d.deviceId]),
    ).toBe(10_000);
    const stats = await libraryStats(suite.db, libraryId, '2026-09-01', '2026-10-01');
    const byType = (type: string) => desk.events.filter((e) => e.type === type).length;
    // A visit: a reader who borrowed or returned, once a day in the library's time zone.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
    const readerDays = new Set(
      desk.events
        .filter((e) => e.type === 'loan.checkedOut' || e.type === 'loan.returned')
        .map((e) => `${(e.payload as { patron: string }).patron} ${day.format(new Date(e.createdAt))}`),
    );
    expect(stats).toMatchObject({
      readersRegistered: 200,
      loans: byType('loan.checkedOut'),
      returns: byType('loan.returned'),
      copiesAdded: 300,
      copiesHeld: 300,
      visits: readerDays.size,
    });
    const overHttp = await postJson(
      `${suite.hub.url}/v1/stats`,
      { deviceId: d.deviceId, from: '2026-09-01', to: '2026-10-01' },
      d.token,
    );
    expect(overHttp.body).toEqual(stats);
    const september = await libraryStats(suite.db, libraryId, '2026-09-01', '2026-09-15');
    expect(september.loans).toBeLessThan(stats.loans);
    expect(september.loans).toBeGreaterThan(0);
  });
});
