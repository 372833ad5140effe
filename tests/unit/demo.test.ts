import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasValidCheckDigit, makeLibraryBarcode } from '../../shared/barcode';
import { phoneKey } from '../../shared/patron-record';
import { collationKey, foldText } from '../../shared/text';
import { localDate, localInstant } from '../../electron/core/clock';
import { createDeskCore, type DeskCore } from '../../electron/core/desk';
import { demoTargets } from '../../electron/core/demo/generate';
import { Prng } from '../../electron/core/demo/prng';
import { dueDate, isOpen } from '../../electron/core/rules/calendar';
import { resolvePolicy } from '../../electron/core/rules/policy';
import { readCalendar, readPolicies } from '../../electron/core/services/policies';

const timeZone = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-03-15T09:30:00+07:00');
const today = localDate(now, timeZone);
const dirs: string[] = [];

function freshDesk(at: Date = now): DeskCore {
  const dir = mkdtempSync(path.join(tmpdir(), 'desk-demo-'));
  dirs.push(dir);
  return createDeskCore({ dataDir: dir, now: () => at });
}

function demoDesk(at: Date = now): DeskCore {
  const core = freshDesk(at);
  const loaded = core.call('system.setup', { mode: 'demo' });
  if (!loaded.ok) throw new Error(loaded.error.message);
  return core;
}

/** A digest of every demo row, in id order. */
function digest(core: DeskCore): string {
  const hash = createHash('sha256');
  for (const table of ['patrons', 'titles', 'items', 'loans']) {
    for (const row of core.db.prepare(`SELECT * FROM ${table} ORDER BY id`).iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

const all = <T>(core: DeskCore, sql: string, ...args: unknown[]) => core.db.prepare(sql).all(...args) as T[];
const one = <T>(core: DeskCore, sql: string, ...args: unknown[]) => core.db.prepare(sql).get(...args) as T;

interface LoanRow {
  id: number;
  uuid: string;
  item_id: number;
  patron_id: number;
  loaned_at: string;
  due_on: string;
  renewals: number;
  returned_at: string | null;
  overdue_days: number | null;
  fee: number | null;
}

describe('demo data', () => {
  let core: DeskCore;
  let loadMs = 0;

  beforeAll(() => {
    core = freshDesk();
    const started = performance.now();
    const loaded = core.call('system.setup', { mode: 'demo' });
    loadMs = performance.now() - started;
    expect(loaded.ok).toBe(true);
  });

  afterAll(() => {
    core.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the district plan’s stock, 2,000 readers and six months of loans', () => {
    const status = core.call('system.status', {});
    if (!status.ok) throw new Error(status.error.message);
    expect(status.data.titles).toBeGreaterThanOrEqual(1200);
    expect(status.data.items).toBeGreaterThanOrEqual(16_000);
    expect(status.data.patrons).toBe(2000);
    expect(status.data.openLoans).toBeGreaterThan(300);
    expect(status.data.firstRunPending).toBe(false);
    const loans = one<{ n: number; returned: number }>(
      core,
      'SELECT COUNT(*) AS n, COUNT(returned_at) AS returned FROM loans',
    );
    expect(loans.returned).toBeGreaterThan(5000);
    const first = one<{ at: string }>(core, 'SELECT MIN(loaned_at) AS at FROM loans').at;
    // Six months back, give or take a week.
    const days = (now.getTime() - new Date(first).getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(demoTargets.historyDays - 7);
    expect(days).toBeLessThanOrEqual(demoTargets.historyDays + 1);
    console.info(`demo load through system.setup: ${loadMs.toFixed(0)} ms`);
  });

  it('is the same library for the same date, and another for another date', () => {
    const again = demoDesk(new Date('2026-03-15T16:45:00+07:00'));
    expect(digest(again)).toBe(digest(core));
    again.close();
    const other = demoDesk(new Date('2026-03-16T09:30:00+07:00'));
    expect(digest(other)).not.toBe(digest(core));
    other.close();
  });

  it('passes SQLite’s own checks and writes one outbox event only', () => {
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(core.db.pragma('foreign_key_check')).toEqual([]);
    const events = all<{ type: string }>(core, 'SELECT type FROM outbox');
    expect(events.map((e) => e.type)).toEqual(['system.demoLoaded']);
  });

  it('never lends one copy twice at a time, and on_loan means an open loan', () => {
    expect(
      all(core, 'SELECT item_id FROM loans WHERE returned_at IS NULL GROUP BY item_id HAVING COUNT(*) > 1'),
    ).toEqual([]);
    const mismatched = all(
      core,
      `SELECT i.id, i.status FROM items i
       LEFT JOIN loans l ON l.item_id = i.id AND l.returned_at IS NULL
       WHERE (i.status = 'on_loan') <> (l.id IS NOT NULL)`,
    );
    expect(mismatched).toEqual([]);
    // Loans of one copy follow each other: each starts after the previous came back.
    const loans = all<LoanRow>(core, 'SELECT * FROM loans ORDER BY item_id, loaned_at');
    for (let i = 1; i < loans.length; i += 1) {
      const [a, b] = [loans[i - 1]!, loans[i]!];
      if (a.item_id !== b.item_id) continue;
      expect(a.returned_at).not.toBeNull();
      expect(new Date(a.returned_at!).getTime()).toBeLessThan(new Date(b.loaned_at).getTime());
    }
    // Nothing unloanable, lost or damaged is out.
    expect(
      all(
        core,
        `SELECT l.id FROM loans l JOIN items i ON i.id = l.item_id
         WHERE l.returned_at IS NULL AND (i.loanable = 0 OR i.status IN ('lost', 'damaged'))`,
      ),
    ).toEqual([]);
    const kinds = all<{ status: string; loanable: number; n: number }>(
      core,
      'SELECT status, loanable, COUNT(*) AS n FROM items GROUP BY status, loanable',
    );
    const count = (pred: (k: { status: string; loanable: number }) => boolean) =>
      kinds.filter(pred).reduce((s, k) => s + k.n, 0);
    expect(count((k) => k.loanable === 0)).toBeGreaterThan(0);
    expect(count((k) => k.status === 'lost')).toBeGreaterThan(0);
    expect(count((k) => k.status === 'damaged')).toBeGreaterThan(0);
  });

  it('lends on open days only, with due dates from the policies and the calendar', () => {
    const calendar = readCalendar(core.db);
    const policies = readPolicies(core.db);
    const loans = all<LoanRow & { category: string; material_type: string; expires_on: string }>(
      core,
      `SELECT l.*, p.category, p.expires_on, t.material_type FROM loans l
       JOIN patrons p ON p.id = l.patron_id JOIN items i ON i.id = l.item_id JOIN titles t ON t.id = i.title_id`,
    );
    // Instants carry the library's wall-clock time (checked against localInstant below): the date is their start.
    const problems: string[] = [];
    const check = (ok: boolean, what: string, loan: LoanRow) => {
      if (!ok) problems.push(`${what}: ${JSON.stringify(loan)}`);
    };
    let overdueOpen = 0;
    for (const loan of loans) {
      const loanedOn = loan.loaned_at.slice(0, 10);
      check(isOpen(loanedOn, calendar), 'lent on a closed day', loan);
      check(loanedOn < today, 'lent today or later', loan);
      check(loanedOn <= loan.expires_on, 'lent on an expired card', loan);
      const policy = resolvePolicy(policies, loan.category, loan.material_type)!;
      const due = dueDate(loanedOn, policy.loanDays, calendar);
      check(loan.renewals === 0 ? loan.due_on === due : loan.due_on > due, 'due date', loan);
      check(loan.renewals <= policy.maxRenewals, 'renewals', loan);
      if (loan.returned_at === null) {
        check(loan.overdue_days === null && loan.fee === null, 'open loan with a settlement', loan);
        if (loan.due_on < today) overdueOpen += 1;
      } else {
        const returnedOn = loan.returned_at.slice(0, 10);
        check(isOpen(returnedOn, calendar), 'returned on a closed day', loan);
        check(returnedOn > loanedOn && returnedOn < today, 'return date', loan);
        check(loan.fee === 0, 'fee', loan);
        const late = Math.max(0, Math.round((Date.parse(returnedOn) - Date.parse(loan.due_on)) / 86_400_000));
        check(loan.overdue_days === late, 'overdue days', loan);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    const open = loans.filter((l) => l.returned_at === null).length;
    expect(overdueOpen).toBeGreaterThan(0);
    expect(overdueOpen).toBeLessThan(open / 2);
  });

  it('writes instants as localInstant does, and UUID-shaped loan ids', () => {
    const rows = all<{ loaned_at: string; returned_at: string | null; uuid: string }>(
      core,
      'SELECT loaned_at, returned_at, uuid FROM loans WHERE id % 97 = 0',
    );
    for (const row of rows) {
      expect(localInstant(new Date(row.loaned_at), timeZone)).toBe(row.loaned_at);
      if (row.returned_at) expect(localInstant(new Date(row.returned_at), timeZone)).toBe(row.returned_at);
      expect(row.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    }
    const created = all<{ created_at: string }>(core, 'SELECT created_at FROM patrons WHERE id % 50 = 0');
    for (const row of created) expect(localInstant(new Date(row.created_at), timeZone)).toBe(row.created_at);
  });

  it('follows the library’s time zone, daylight saving included', () => {
    const paris = freshDesk(new Date('2026-04-10T10:00:00+02:00'));
    expect(paris.call('settings.update', { timeZone: 'Europe/Paris' }).ok).toBe(true);
    expect(paris.call('system.setup', { mode: 'demo' }).ok).toBe(true);
    const rows = all<{ loaned_at: string }>(paris, 'SELECT loaned_at FROM loans WHERE id % 23 = 0');
    const offsets = new Set(rows.map((r) => r.loaned_at.slice(-6)));
    expect(offsets).toEqual(new Set(['+01:00', '+02:00']));
    for (const row of rows) expect(localInstant(new Date(row.loaned_at), 'Europe/Paris')).toBe(row.loaned_at);
    paris.close();
  });

  it('stores NFC text with folded search columns', () => {
    const patrons = all<{ full_name: string; name_folded: string }>(core, 'SELECT full_name, name_folded FROM patrons');
    for (const p of patrons) {
      expect(p.full_name).toBe(p.full_name.normalize('NFC'));
      expect(p.name_folded).toBe(foldText(p.full_name));
    }
    const titles = all<{ title: string; authors: string; search_folded: string; material_type: string }>(
      core,
      'SELECT title, authors, search_folded, material_type FROM titles',
    );
    for (const t of titles) {
      const authors = JSON.parse(t.authors) as unknown;
      expect(Array.isArray(authors)).toBe(true);
      expect(t.title).toBe(t.title.normalize('NFC'));
      expect(t.search_folded).toBe(foldText([t.title, ...(authors as string[])].join(' ')));
    }
    expect(new Set(titles.map((t) => t.title)).size).toBe(titles.length);
    const types = new Set(titles.map((t) => t.material_type));
    for (const type of ['book', 'braille', 'large_print', 'audio', 'periodical']) expect(types).toContain(type);
    const text = titles.map((t) => t.title).join('\n');
    for (const word of ['lúa', 'chè', 'thảo quả', 'Thái', "H'Mông", 'Dao', 'Giáy', 'Lự', 'Luật'])
      expect(text).toContain(word);
  });

  it('names readers as the district’s peoples do, with diacritics', () => {
    const names = all<{ full_name: string }>(core, 'SELECT full_name FROM patrons').map((p) => p.full_name);
    const families = new Set(names.map((n) => n.split(' ')[0]));
    for (const family of ['Nguyễn', 'Lò', 'Lường', 'Tòng', 'Giàng', 'Sùng', 'Thào', 'Tẩn', 'Triệu', 'Lù', 'Sần', 'Tao'])
      expect(families).toContain(family);
    expect(names.some((n) => /^(Giàng|Sùng|Vàng|Thào) A \S+$/u.test(n))).toBe(true);
    expect(names.some((n) => /^\S+ Láo \S+$/u.test(n))).toBe(true);
    expect(names.filter((n) => /[^\u0020-\u007e]/u.test(n)).length).toBeGreaterThan(names.length / 2);
    // Someone searching without tone marks finds them.
    const found = core.call('patrons.search', { query: 'giang a' });
    expect(found.ok && found.data.length > 0).toBe(true);
  });

  it('gives readers details (birth date, phone, commune, guardians for children) and keeps sensitive data with consent only', () => {
    interface Row {
      full_name: string;
      category: string;
      date_of_birth: string | null;
      phone: string | null;
      phone_key: string | null;
      commune: string | null;
      guardian_name: string | null;
      guardian_phone: string | null;
      guardian_phone_key: string | null;
      ethnicity: string | null;
      disability: string | null;
      consent_given_at: string | null;
      sort_key: string;
      blocked: number;
      blocked_by: string | null;
    }
    const rows = all<Row>(core, 'SELECT * FROM patrons');
    const share = (f: (r: Row) => boolean) => rows.filter(f).length / rows.length;
    expect(share((r) => r.date_of_birth !== null)).toBeGreaterThan(0.85);
    expect(share((r) => r.phone !== null)).toBeGreaterThan(0.2);
    expect(share((r) => r.commune !== null)).toBe(1);
    for (const r of rows) {
      expect(r.sort_key).toBe(collationKey(r.full_name));
      expect(r.phone_key).toBe(r.phone === null ? null : phoneKey(r.phone));
      expect(r.guardian_phone_key).toBe(r.guardian_phone === null ? null : phoneKey(r.guardian_phone));
      if (r.ethnicity !== null || r.disability !== null) expect(r.consent_given_at).not.toBeNull();
      if (r.blocked === 1) expect(r.blocked_by).not.toBeNull();
    }
    expect(rows.some((r) => r.category === 'child' && r.guardian_name !== null && r.guardian_phone !== null)).toBe(
      true,
    );
    expect(share((r) => r.ethnicity !== null)).toBeGreaterThan(0.1);
    // A reader is found by phone as the search box takes it.
    const withPhone = rows.find((r) => r.phone !== null)!;
    const found = core.call('patrons.search', { query: `+84${withPhone.phone!.slice(1)}` });
    expect(found.ok && found.data.some((p) => p.fullName === withPhone.full_name)).toBe(true);
  });

  it('has readers of every category, some expired and some blocked with a reason', () => {
    const rows = all<{ category: string; n: number }>(
      core,
      'SELECT category, COUNT(*) AS n FROM patrons GROUP BY category',
    );
    const by = Object.fromEntries(rows.map((r) => [r.category, r.n]));
    for (const c of ['child', 'pupil', 'adult', 'elderly', 'disabled']) expect(by[c]).toBeGreaterThan(0);
    expect(by.pupil).toBeGreaterThan(by.adult! * 0.8);
    expect(by.disabled! / 2000).toBeGreaterThan(0.01);
    expect(by.disabled! / 2000).toBeLessThan(0.08);
    const expired = one<{ n: number }>(core, 'SELECT COUNT(*) AS n FROM patrons WHERE expires_on < ?', today).n;
    expect(expired / 2000).toBeGreaterThan(0.02);
    expect(expired / 2000).toBeLessThan(0.1);
    const blocked = all<{ block_reason: string | null }>(core, 'SELECT block_reason FROM patrons WHERE blocked = 1');
    expect(blocked.length).toBeGreaterThan(0);
    for (const b of blocked) expect(b.block_reason).toBeTruthy();
    const cards = all<{ card_number: string }>(core, 'SELECT card_number FROM patrons ORDER BY id');
    cards.forEach((c, i) => expect(c.card_number).toBe(makeLibraryBarcode(2, 1, i + 1)));
    const barcodes = all<{ barcode: string }>(core, 'SELECT barcode FROM items WHERE id % 101 = 0');
    for (const b of barcodes) expect(hasValidCheckDigit(b.barcode) && b.barcode.startsWith('3')).toBe(true);
  });

  it('issues the next card number after the demo cards', () => {
    const registered = core.call('patrons.register', { fullName: 'Lò Thị Xuân', category: 'pupil' });
    if (!registered.ok) throw new Error(registered.error.message);
    expect(registered.data.cardNumber).toBe(makeLibraryBarcode(2, 1, 2001));
    const next = core.call('patrons.register', { fullName: 'Giàng A Tủa' });
    expect(next.ok && next.data.cardNumber).toBe(makeLibraryBarcode(2, 1, 2002));
  });

  it('is ready for the desk: an available copy goes out and a borrowed one comes back', () => {
    const reader = one<{ card_number: string }>(
      core,
      `SELECT card_number FROM patrons p WHERE blocked = 0 AND expires_on >= ? AND category = 'adult'
       AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.patron_id = p.id AND l.returned_at IS NULL) ORDER BY id LIMIT 1`,
      today,
    );
    const copy = one<{ barcode: string }>(
      core,
      `SELECT i.barcode FROM items i JOIN titles t ON t.id = i.title_id
       WHERE i.status = 'available' AND i.loanable = 1 AND t.material_type = 'book' ORDER BY i.id LIMIT 1`,
    );
    const out = core.call('circulation.checkout', { patron: reader.card_number, item: copy.barcode });
    expect(out.ok).toBe(true);
    const borrowed = one<{ barcode: string }>(
      core,
      `SELECT i.barcode FROM loans l JOIN items i ON i.id = l.item_id WHERE l.returned_at IS NULL ORDER BY l.id LIMIT 1`,
    );
    const back = core.call('circulation.return', { item: borrowed.barcode });
    expect(back.ok).toBe(true);
  });

  it('refuses to load twice', () => {
    const again = core.call('system.setup', { mode: 'demo' });
    expect(again.ok).toBe(false);
  });
});

describe('demo PRNG', () => {
  it('repeats itself for a seed and differs between seeds', () => {
    const a = new Prng('seed');
    const b = new Prng('seed');
    const c = new Prng('other');
    const seq = (p: Prng) => Array.from({ length: 20 }, () => p.u32());
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
    const p = new Prng('range');
    for (let i = 0; i < 1000; i += 1) {
      const x = p.int(5, 25);
      expect(x >= 5 && x <= 25 && Number.isInteger(x)).toBe(true);
      const f = p.next();
      expect(f >= 0 && f < 1).toBe(true);
    }
  });
});
