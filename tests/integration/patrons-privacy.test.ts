import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibraryBarcode } from '../../shared/barcode';
import { erasedName } from '../../shared/patron-record';
import { addTitle, ok, refused, snapshotTables, tempDesk, type TempDesk } from '../helpers/desk';

let desk: TempDesk;

beforeEach(() => {
  desk = tempDesk();
  ok(desk.core.call('settings.update', { operator: 'Lò Thị Mai' }));
});

afterEach(() => desk.dispose());

const details = {
  fullName: 'Tòng Văn Xiêng',
  dateOfBirth: '1979-11-23',
  sex: 'male',
  phone: '0977 246 810',
  address: 'Bản Nà Khum',
  commune: 'Bình Lư',
  idNumber: '012079004455',
  guardianName: 'Tòng Thị Pọm',
  notes: 'Hay đọc báo Nông nghiệp buổi sáng',
  category: 'elderly',
};

function register(extra: Record<string, unknown> = {}): string {
  return ok(desk.core.call('patrons.register', { ...details, ...extra })).cardNumber;
}

function row(cardNumber: string): Record<string, unknown> {
  return desk.core.db.prepare('SELECT * FROM patrons WHERE card_number = ?').get(cardNumber) as Record<string, unknown>;
}

const outboxText = () => JSON.stringify(desk.core.outbox.read().map((e) => e.payload));

describe('sensitive data (ethnicity, disability) only with consent', () => {
  it('is not held at all without consent', () => {
    const card = register();
    expect(row(card)).toMatchObject({ ethnicity: null, disability: null, consent_given_at: null });
    expect(ok(desk.core.call('patrons.get', { cardNumber: card })).record.sensitive).toBeNull();
  });

  it('cannot be given without consent, nor through the ordinary details', () => {
    for (const sensitive of [
      { consent: false, ethnicity: 'Thái' },
      { ethnicity: 'Thái' },
      { consent: 'yes', ethnicity: 'Thái' },
    ]) {
      expect(refused(desk.core.call('patrons.register', { ...details, sensitive })).code).toBe('VALIDATION');
    }
    const card = register();
    expect(refused(desk.core.call('patrons.update', { cardNumber: card, ethnicity: 'Thái' })).code).toBe('VALIDATION');
    expect(
      refused(desk.core.call('patrons.setSensitive', { cardNumber: card, ethnicity: 'Thái', disability: null })).code,
    ).toBe('VALIDATION');
    expect(row(card)).toMatchObject({ ethnicity: null, disability: null });
  });

  it('is kept with the date of consent and the staff member who recorded it', () => {
    const card = register({ sensitive: { consent: true, ethnicity: 'Thái', disability: 'Nhìn kém' } });
    expect(ok(desk.core.call('patrons.get', { cardNumber: card })).record.sensitive).toEqual({
      ethnicity: 'Thái',
      disability: 'Nhìn kém',
      consentGivenAt: '2026-03-10T10:00:00.000+07:00',
      consentRecordedBy: 'Lò Thị Mai',
    });
  });

  it('can be given later, changed, and withdrawn: withdrawal removes the values and the consent', () => {
    const card = register();
    desk.clock.advanceDays(1);
    ok(desk.core.call('settings.update', { operator: 'Cầm Văn Hặc' }));
    const given = ok(desk.core.call('patrons.setSensitive', { cardNumber: card, consent: true, ethnicity: 'Thái' }));
    expect(given.sensitive).toEqual({
      ethnicity: 'Thái',
      disability: null,
      consentGivenAt: '2026-03-11T10:00:00.000+07:00',
      consentRecordedBy: 'Cầm Văn Hặc',
    });
    const withdrawn = ok(desk.core.call('patrons.setSensitive', { cardNumber: card, consent: false }));
    expect(withdrawn.sensitive).toBeNull();
    expect(row(card)).toMatchObject({
      ethnicity: null,
      disability: null,
      consent_given_at: null,
      consent_recorded_by: null,
    });
  });

  it('never travels in the outbox: the events say which fields, not what they hold', () => {
    const card = register({ sensitive: { consent: true, ethnicity: 'Thái', disability: 'Khiếm thính' } });
    ok(desk.core.call('patrons.setSensitive', { cardNumber: card, consent: true, disability: 'Khiếm thị' }));
    ok(desk.core.call('patrons.setSensitive', { cardNumber: card, consent: false }));
    const changes = desk.core.outbox.read().filter((e) => e.type === 'patron.consentChanged');
    expect(changes.map((e) => e.payload)).toEqual([
      { cardNumber: card, consent: true, held: ['disability'] },
      { cardNumber: card, consent: false, held: [] },
    ]);
    for (const secret of ['Thái', 'Khiếm thính', 'Khiếm thị']) expect(outboxText()).not.toContain(secret);
    const actions = desk.core.db.prepare('SELECT action FROM audit_log WHERE subject = ? ORDER BY id').all(card);
    expect(actions).toEqual([
      { action: 'patron.registered' },
      { action: 'patron.consentChanged' },
      { action: 'patron.consentChanged' },
    ]);
  });
});

describe('patrons.exportData', () => {
  it('answers everything held: the record with sensitive fields, every loan with its title, the audit trail', () => {
    const card = register({ sensitive: { consent: true, ethnicity: 'Thái' } });
    const [a, b] = addTitle(desk.core, { title: 'Kỹ thuật trồng chè Shan tuyết', copies: 2 });
    ok(desk.core.call('circulation.checkout', { patron: card, item: a! }));
    desk.clock.advanceDays(20);
    ok(desk.core.call('circulation.return', { item: a! }));
    ok(desk.core.call('circulation.checkout', { patron: card, item: b! }));
    ok(desk.core.call('patrons.get', { cardNumber: card }));

    const data = ok(desk.core.call('patrons.exportData', { cardNumber: card }));
    expect(data.exportedAt).toBe('2026-03-30T10:00:00.000+07:00');
    expect(data.record).toMatchObject({
      cardNumber: card,
      fullName: 'Tòng Văn Xiêng',
      phone: '0977246810',
      notes: 'Hay đọc báo Nông nghiệp buổi sáng',
      sensitive: { ethnicity: 'Thái', disability: null, consentRecordedBy: 'Lò Thị Mai' },
    });
    expect(data.loans).toEqual([
      {
        item: a,
        title: 'Kỹ thuật trồng chè Shan tuyết',
        loanedAt: '2026-03-10T10:00:00.000+07:00',
        dueOn: expect.any(String),
        returnedAt: '2026-03-30T10:00:00.000+07:00',
        overdueDays: expect.any(Number),
        fee: expect.any(Number),
      },
      {
        item: b,
        title: 'Kỹ thuật trồng chè Shan tuyết',
        loanedAt: '2026-03-30T10:00:00.000+07:00',
        dueOn: expect.any(String),
        returnedAt: null,
        overdueDays: null,
        fee: null,
      },
    ]);
    // The export is itself audited, and shows in its own trail.
    expect(data.auditTrail.map((l) => l.action)).toEqual(['patron.registered', 'patron.viewed', 'patron.exported']);
    expect(data.auditTrail.every((l) => l.operator === 'Lò Thị Mai')).toBe(true);
  });

  it('refuses an unknown card', () => {
    expect(refused(desk.core.call('patrons.exportData', { cardNumber: makeLibraryBarcode(2, 1, 9999) })).code).toBe(
      'NOT_FOUND',
    );
    const before = desk.core.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get();
    expect(desk.core.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual(before);
  });
});

describe('patrons.erase', () => {
  it('leaves no trace of the erased notes and sensitive data in the database files', () => {
    const secret = 'Ghi chú riêng tư Xiêng-7319';
    const card = register({
      notes: secret,
      sensitive: { consent: true, ethnicity: 'Thái-7319', disability: 'Khiếm thị-7319' },
    });
    ok(desk.core.call('patrons.erase', { cardNumber: card, confirmCardNumber: card }));
    const bytes = ['desk.sqlite', 'desk.sqlite-wal']
      .map((f) => path.join(desk.dir, f))
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f));
    for (const needle of ['Xiêng-7319', 'Thái-7319', 'Khiếm thị-7319']) {
      for (const file of bytes) expect(file.includes(Buffer.from(needle.normalize('NFC')))).toBe(false);
    }
  });

  it('is refused while the reader has items on loan, changing nothing', () => {
    const card = register();
    const [item] = addTitle(desk.core, { title: 'Vợ chồng A Phủ' });
    ok(desk.core.call('circulation.checkout', { patron: card, item: item! }));
    const before = snapshotTables(desk.core.db);
    const error = refused(desk.core.call('patrons.erase', { cardNumber: card, confirmCardNumber: card }));
    expect(error.code).toBe('HAS_LOANS');
    expect(error.message).toBe('Tòng Văn Xiêng còn 1 tài liệu đang mượn; hãy nhận trả trước.');
    expect(snapshotTables(desk.core.db)).toEqual(before);
  });

  it('needs the card number typed a second time', () => {
    const card = register();
    const other = register({ fullName: 'Lò Thị Hoa', phone: '', idNumber: '' });
    const error = refused(desk.core.call('patrons.erase', { cardNumber: card, confirmCardNumber: other }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain(other);
    expect(row(card).erased_at).toBeNull();
  });

  it('removes the personal data, keeps category and dates, and the loans count on in statistics', () => {
    const card = register({ sensitive: { consent: true, ethnicity: 'Thái', disability: 'Nhìn kém' } });
    ok(desk.core.call('patrons.setBlock', { cardNumber: card, blocked: true, reason: 'Theo đề nghị của con trai' }));
    ok(desk.core.call('patrons.setBlock', { cardNumber: card, blocked: false }));
    const items = addTitle(desk.core, { title: 'Sổ tay chăn nuôi gà', copies: 3 });
    for (const item of items) {
      ok(desk.core.call('circulation.checkout', { patron: card, item }));
      ok(desk.core.call('circulation.return', { item }));
    }
    const statistics = () =>
      desk.core.db
        .prepare(
          `SELECT p.category, COUNT(*) AS loans FROM loans l JOIN patrons p ON p.id = l.patron_id GROUP BY p.category`,
        )
        .all();
    const statsBefore = statistics();
    const patronsBefore = ok(desk.core.call('system.status', {})).patrons;
    const kept = row(card);

    desk.clock.advanceDays(3);
    const result = ok(desk.core.call('patrons.erase', { cardNumber: card, confirmCardNumber: card }));
    expect(result).toEqual({ cardNumber: card, erasedAt: '2026-03-13T10:00:00.000+07:00', loansAnonymised: 3 });

    const after = row(card);
    expect(after).toMatchObject({
      card_number: card,
      full_name: erasedName,
      name_folded: '',
      category: 'elderly',
      expires_on: kept.expires_on,
      created_at: kept.created_at,
      erased_at: '2026-03-13T10:00:00.000+07:00',
    });
    for (const column of [
      'date_of_birth',
      'sex',
      'phone',
      'phone_key',
      'address',
      'commune',
      'id_number',
      'introduced_by',
      'guardian_name',
      'guardian_phone',
      'guardian_phone_key',
      'notes',
      'photo',
      'ethnicity',
      'disability',
      'consent_given_at',
      'consent_recorded_by',
      'block_reason',
      'blocked_by',
      'blocked_at',
    ])
      expect(after[column], column).toBeNull();

    // Statistics: the same loans per category, the same number of readers.
    expect(statistics()).toEqual(statsBefore);
    expect(ok(desk.core.call('system.status', {})).patrons).toBe(patronsBefore);

    // Not found by name, phone or ID any more; the card lends no more.
    for (const query of ['xieng', 'Tòng Văn', '0977246810', '012079004455', erasedName])
      expect(ok(desk.core.call('patrons.search', { query })), query).toEqual([]);
    const [item] = addTitle(desk.core, { title: 'Truyện cổ Thái' });
    expect(refused(desk.core.call('circulation.checkout', { patron: card, item: item! })).code).toBe('NOT_FOUND');
    expect(refused(desk.core.call('patrons.update', { cardNumber: card, notes: 'x' })).code).toBe('NOT_FOUND');
    expect(refused(desk.core.call('patrons.erase', { cardNumber: card, confirmCardNumber: card })).code).toBe(
      'NOT_FOUND',
    );

    // The anonymous record still answers, flagged erased; its loans are there, nameless.
    const view = ok(desk.core.call('patrons.get', { cardNumber: card }));
    expect(view.record).toMatchObject({ erased: true, fullName: erasedName, sensitive: null, phone: null });
    expect(ok(desk.core.call('patrons.exportData', { cardNumber: card })).loans).toHaveLength(3);
  });

  it('leaves no personal detail anywhere in the database but in events already written; audit lines keep the card only', () => {
    const card = register({ sensitive: { consent: true, ethnicity: 'Thái', disability: 'Nhìn kém' } });
    ok(desk.core.call('patrons.update', { cardNumber: card, address: 'Bản Phiêng Phát' }));
    ok(desk.core.call('patrons.get', { cardNumber: card }));
    ok(desk.core.call('patrons.erase', { cardNumber: card, confirmCardNumber: card }));

    const { outbox, ...rest } = snapshotTables(desk.core.db);
    const text = JSON.stringify(rest);
    for (const personal of [
      'Tòng Văn Xiêng',
      'xieng',
      '0977246810',
      '012079004455',
      'Bản Nà Khum',
      'Bản Phiêng Phát',
      'Tòng Thị Pọm',
      'Hay đọc báo',
      'Thái',
      'Nhìn kém',
      '1979-11-23',
    ])
      expect(text, personal).not.toContain(personal);
    expect(outbox).toBeDefined();

    const audit = desk.core.db.prepare('SELECT subject, details FROM audit_log WHERE subject = ?').all(card) as {
      details: string | null;
    }[];
    expect(audit.length).toBeGreaterThanOrEqual(4);
    expect(audit.every((l) => l.details === null)).toBe(true);

    // The erasure event carries no personal data, and nor does anything written after it.
    const events = desk.core.outbox.read();
    const erased = events.findIndex((e) => e.type === 'patron.erased');
    expect(events[erased]?.payload).toEqual({
      cardNumber: card,
      erasedAt: '2026-03-10T10:00:00.000+07:00',
      loansAnonymised: 0,
    });
    // Sensitive values, notes and the photo were never in the outbox at all.
    for (const secret of ['Thái', 'Nhìn kém', 'Hay đọc báo']) expect(outboxText()).not.toContain(secret);
  });
});
