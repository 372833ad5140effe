import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasValidCheckDigit, makeLibraryBarcode } from '../../shared/barcode';
import type { Patron } from '../../shared/domain';
import { addTitle, ok, refused, snapshotTables, tempDesk, type TempDesk } from '../helpers/desk';

let desk: TempDesk;

beforeEach(() => {
  desk = tempDesk();
});

afterEach(() => desk.dispose());

function register(input: Record<string, unknown>): Patron {
  return ok(desk.core.call('patrons.register', input));
}

function events(type?: string) {
  return desk.core.outbox.read().filter((e) => type === undefined || e.type === type);
}

function auditLines(subject: string) {
  return desk.core.db.prepare('SELECT action, details FROM audit_log WHERE subject = ? ORDER BY id').all(subject) as {
    action: string;
    details: string | null;
  }[];
}

const tinyPng =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const fullDetails = {
  fullName: '  Lò   Văn Đức  '.normalize('NFD'),
  dateOfBirth: '1988-02-01',
  sex: 'male',
  phone: '0912 345.678',
  address: 'Bản Nà Luồng',
  commune: 'Bình Lư',
  idNumber: '012 088 000 111',
  introducedBy: 'UBND xã Bình Lư',
  guardianName: '',
  guardianPhone: '',
  notes: 'Thích sách trồng chè',
  photo: tinyPng,
  category: 'adult',
};

describe('patrons.register', () => {
  it('stores every detail in NFC, empty ones as null, and answers the v1 Patron', () => {
    const patron = register(fullDetails);
    expect(Object.keys(patron).sort()).toEqual(['blocked', 'cardNumber', 'category', 'expiresOn', 'fullName', 'id']);
    expect(patron).toMatchObject({
      fullName: 'Lò Văn Đức',
      category: 'adult',
      blocked: false,
      expiresOn: '2027-03-10',
    });
    expect(patron.fullName).toBe(patron.fullName.normalize('NFC'));
    const { record } = ok(desk.core.call('patrons.get', { cardNumber: patron.cardNumber }));
    expect(record).toMatchObject({
      cardNumber: patron.cardNumber,
      fullName: 'Lò Văn Đức',
      dateOfBirth: '1988-02-01',
      sex: 'male',
      phone: '0912345678',
      address: 'Bản Nà Luồng',
      commune: 'Bình Lư',
      idNumber: '012088000111',
      introducedBy: 'UBND xã Bình Lư',
      guardianName: null,
      guardianPhone: null,
      notes: 'Thích sách trồng chè',
      photo: tinyPng,
      sensitive: null,
      expired: false,
      blockReason: null,
      blockedBy: null,
      blockedAt: null,
      registeredAt: '2026-03-10T10:00:00.000+07:00',
      erased: false,
    });
  });

  it('stores what was not given as NULL', () => {
    const patron = register({ fullName: 'Giàng A Páo' });
    const row = desk.core.db.prepare('SELECT * FROM patrons WHERE card_number = ?').get(patron.cardNumber) as Record<
      string,
      unknown
    >;
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
      'notes',
      'photo',
      'ethnicity',
      'disability',
      'consent_given_at',
      'blocked_by',
      'erased_at',
    ])
      expect(row[column], column).toBeNull();
    expect(row).toMatchObject({ category: 'adult', name_folded: 'giang a pao' });
  });

  it('issues 14-digit card numbers with the institution code from the settings and a valid check digit', () => {
    const first = register({ fullName: 'Lò Văn Đức' });
    expect(first.cardNumber).toBe(makeLibraryBarcode(2, 1, 1));
    ok(desk.core.call('settings.update', { institutionCode: 4207 }));
    // A number given by hand is skipped over by the sequence.
    register({ fullName: 'Cầm Thị Ín', cardNumber: makeLibraryBarcode(2, 4207, 2) });
    const third = register({ fullName: 'Tòng Văn Inh' });
    expect(third.cardNumber).toBe(makeLibraryBarcode(2, 4207, 3));
    expect(third.cardNumber).toMatch(/^24207\d{9}$/u);
    expect(hasValidCheckDigit(third.cardNumber)).toBe(true);
  });

  it('runs the card for the validity in the settings, or to the date given', () => {
    ok(desk.core.call('settings.update', { cardValidityMonths: 18 }));
    expect(register({ fullName: 'Lò Thị Mai' }).expiresOn).toBe('2027-09-10');
    expect(register({ fullName: 'Lò Thị Ban', expiresOn: '2026-12-31' }).expiresOn).toBe('2026-12-31');
  });

  it('refuses a misread card number and a card number already issued, writing nothing', () => {
    const bad = makeLibraryBarcode(2, 1, 9).slice(0, 13) + '0';
    const taken = register({ fullName: 'Lò Văn Đức' }).cardNumber;
    const before = snapshotTables(desk.core.db);
    expect(refused(desk.core.call('patrons.register', { fullName: 'X', cardNumber: bad })).code).toBe('VALIDATION');
    expect(refused(desk.core.call('patrons.register', { fullName: 'X', cardNumber: taken })).code).toBe('CONFLICT');
    expect(snapshotTables(desk.core.db)).toEqual(before);
  });

  it('refuses malformed details with VALIDATION: a phone of letters, a photo that is not an image, an unknown sex', () => {
    for (const bad of [
      { phone: 'không có' },
      { phone: '12' },
      { photo: 'data:text/html;base64,PGgxPg==' },
      { sex: 'unknown' },
      { dateOfBirth: '01/02/1988' },
      { idNumber: '012-088' },
      { category: 'Người lớn' },
    ]) {
      const error = refused(desk.core.call('patrons.register', { fullName: 'Lò Văn Đức', ...bad }));
      expect(error.code, JSON.stringify(bad)).toBe('VALIDATION');
    }
  });

  it('writes a patron.registered event with the details, the photo and notes only as "present", no sensitive values', () => {
    const patron = register({
      ...fullDetails,
      sensitive: { consent: true, ethnicity: 'Thái', disability: 'Nhìn kém' },
    });
    const [event] = events('patron.registered');
    expect(event?.payload).toMatchObject({
      cardNumber: patron.cardNumber,
      fullName: 'Lò Văn Đức',
      details: { phone: '0912345678', idNumber: '012088000111', dateOfBirth: '1988-02-01' },
      photo: true,
      notes: true,
      consent: true,
    });
    const text = JSON.stringify(event?.payload);
    for (const secret of ['Thái', 'Nhìn kém', 'iVBORw0KGgo', 'Thích sách']) expect(text).not.toContain(secret);
    expect(auditLines(patron.cardNumber).map((l) => l.action)).toEqual(['patron.registered']);
  });
});

describe('patrons.update', () => {
  it('changes only the fields given, clears a field given empty, and keeps the rest', () => {
    const { cardNumber } = register(fullDetails);
    const record = ok(
      desk.core.call('patrons.update', { cardNumber, phone: '+84 388 111 222', notes: '', commune: 'Sơn Bình' }),
    );
    expect(record).toMatchObject({
      fullName: 'Lò Văn Đức',
      phone: '+84388111222',
      notes: null,
      commune: 'Sơn Bình',
      address: 'Bản Nà Luồng',
      photo: tinyPng,
      idNumber: '012088000111',
    });
    // The new phone is searchable in either form; the old one is not.
    expect(ok(desk.core.call('patrons.search', { query: '0388111222' })).map((p) => p.cardNumber)).toEqual([
      cardNumber,
    ]);
    expect(ok(desk.core.call('patrons.search', { query: '0912345678' }))).toEqual([]);
  });

  it('records patron.updated with the changed field names, values only of fields that may travel', () => {
    const { cardNumber } = register(fullDetails);
    ok(
      desk.core.call('patrons.update', {
        cardNumber,
        fullName: 'Lò Văn Đức', // unchanged: not listed
        address: 'Bản Phiêng Phát',
        photo: null,
        notes: 'Khiếm thị một bên mắt',
        category: 'elderly',
      }),
    );
    const [event] = events('patron.updated');
    expect(event?.payload).toEqual({
      cardNumber,
      fields: ['address', 'notes', 'photo', 'category'],
      changes: { address: 'Bản Phiêng Phát', category: 'elderly' },
    });
    expect(JSON.stringify(event?.payload)).not.toContain('Khiếm thị');
    expect(auditLines(cardNumber).map((l) => l.action)).toEqual(['patron.registered', 'patron.updated']);
  });

  it('writes no event when nothing changes', () => {
    const { cardNumber } = register(fullDetails);
    const before = events().length;
    ok(desk.core.call('patrons.update', { cardNumber, commune: 'Bình Lư', sex: 'male' }));
    expect(events()).toHaveLength(before);
  });

  it('refuses an unknown card with NOT_FOUND', () => {
    expect(
      refused(desk.core.call('patrons.update', { cardNumber: makeLibraryBarcode(2, 1, 99), notes: 'x' })).code,
    ).toBe('NOT_FOUND');
  });
});

describe('patrons.get and blocks', () => {
  it('shows the whole record, open loans, and audits every view', () => {
    const { cardNumber } = register(fullDetails);
    const [item] = addTitle(desk.core, { title: 'Kỹ thuật trồng thảo quả' });
    ok(desk.core.call('circulation.checkout', { patron: cardNumber, item: item! }));
    const view = ok(desk.core.call('patrons.get', { cardNumber }));
    expect(view.loans.map((l) => l.item)).toEqual([item]);
    expect(view.record.cardNumber).toBe(cardNumber);
    ok(desk.core.call('patrons.get', { cardNumber }));
    expect(auditLines(cardNumber).filter((l) => l.action === 'patron.viewed')).toHaveLength(2);
  });

  it('records who blocked the card and when; unblocking clears them', () => {
    const { cardNumber } = register({ fullName: 'Lò Văn Đức' });
    ok(desk.core.call('settings.update', { operator: 'Lò Thị Mai' }));
    desk.clock.advanceMs(3_600_000);
    const blocked = ok(desk.core.call('patrons.setBlock', { cardNumber, blocked: true, reason: 'Làm mất sách' }));
    expect(blocked.blocked).toBe(true);
    let view = ok(desk.core.call('patrons.get', { cardNumber }));
    expect(view.blockReason).toBe('Làm mất sách');
    expect(view.record).toMatchObject({
      blocked: true,
      blockReason: 'Làm mất sách',
      blockedBy: 'Lò Thị Mai',
      blockedAt: '2026-03-10T11:00:00.000+07:00',
    });
    ok(desk.core.call('patrons.setBlock', { cardNumber, blocked: false }));
    view = ok(desk.core.call('patrons.get', { cardNumber }));
    expect(view.record).toMatchObject({ blocked: false, blockReason: null, blockedBy: null, blockedAt: null });
    expect(events().map((e) => e.type)).toEqual(['patron.registered', 'patron.blocked', 'patron.unblocked']);
    expect(events('patron.blocked')[0]?.payload).toEqual({ cardNumber, reason: 'Làm mất sách', by: 'Lò Thị Mai' });
  });

  it('flags an expired card in the record and in the view', () => {
    const { cardNumber } = register({ fullName: 'Lò Văn Đức', expiresOn: '2026-03-20' });
    expect(ok(desk.core.call('patrons.get', { cardNumber })).expired).toBe(false);
    desk.clock.advanceDays(11);
    const view = ok(desk.core.call('patrons.get', { cardNumber }));
    expect(view.expired).toBe(true);
    expect(view.record.expired).toBe(true);
  });
});

describe('patrons.renewCard', () => {
  it('extends an expired card by the validity from today', () => {
    const { cardNumber } = register({ fullName: 'Lò Văn Đức', expiresOn: '2025-12-01' });
    expect(ok(desk.core.call('patrons.renewCard', { cardNumber })).expiresOn).toBe('2027-03-10');
  });

  it('extends a card still valid from its expiry, not from today', () => {
    const { cardNumber } = register({ fullName: 'Lò Văn Đức', expiresOn: '2026-05-31' });
    ok(desk.core.call('settings.update', { cardValidityMonths: 9 }));
    expect(ok(desk.core.call('patrons.renewCard', { cardNumber })).expiresOn).toBe('2027-02-28');
    const [event] = events('patron.cardRenewed');
    expect(event?.payload).toEqual({ cardNumber, expiresOn: '2027-02-28', previousExpiresOn: '2026-05-31' });
  });

  it('sets the date given, but never one already past', () => {
    const { cardNumber } = register({ fullName: 'Lò Văn Đức' });
    expect(ok(desk.core.call('patrons.renewCard', { cardNumber, expiresOn: '2030-01-01' })).expiresOn).toBe(
      '2030-01-01',
    );
    const error = refused(desk.core.call('patrons.renewCard', { cardNumber, expiresOn: '2026-03-09' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('2026-03-09');
  });

  it('lets an expired reader borrow again', () => {
    const { cardNumber } = register({ fullName: 'Lò Văn Đức', expiresOn: '2026-01-01' });
    const [item] = addTitle(desk.core, { title: 'Vợ chồng A Phủ' });
    expect(refused(desk.core.call('circulation.checkout', { patron: cardNumber, item: item! })).code).toBe(
      'CARD_EXPIRED',
    );
    ok(desk.core.call('patrons.renewCard', { cardNumber }));
    ok(desk.core.call('circulation.checkout', { patron: cardNumber, item: item! }));
  });
});

describe('categories', () => {
  it('starts with the five default categories', () => {
    expect(ok(desk.core.call('categories.list', {}))).toEqual([
      { code: 'child', labelVi: 'Thiếu nhi', labelEn: 'Child', active: true },
      { code: 'pupil', labelVi: 'Học sinh', labelEn: 'Pupil', active: true },
      { code: 'adult', labelVi: 'Người lớn', labelEn: 'Adult', active: true },
      { code: 'elderly', labelVi: 'Người cao tuổi', labelEn: 'Elderly', active: true },
      { code: 'disabled', labelVi: 'Người khuyết tật', labelEn: 'Person with a disability', active: true },
    ]);
  });

  it('refuses an unknown category with VALIDATION and a message naming it', () => {
    const error = refused(desk.core.call('patrons.register', { fullName: 'Lò Văn Đức', category: 'teacher' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('Không có loại bạn đọc «teacher».');
    ok(desk.core.call('settings.update', { language: 'en' }));
    expect(refused(desk.core.call('patrons.register', { fullName: 'Lò Văn Đức', category: 'teacher' })).message).toBe(
      'There is no reader category “teacher”.',
    );
  });

  it('a new category is usable at once, with a loan policy of its own', () => {
    const list = ok(
      desk.core.call('categories.upsert', {
        code: 'teacher',
        labelVi: 'Giáo viên',
        labelEn: 'Teacher',
        active: true,
      }),
    );
    expect(list.at(-1)).toEqual({ code: 'teacher', labelVi: 'Giáo viên', labelEn: 'Teacher', active: true });
    ok(
      desk.core.call('policies.upsert', {
        patronCategory: 'teacher',
        materialType: '*',
        loanDays: 30,
        maxItems: 10,
        maxRenewals: 2,
        graceDays: 3,
        dailyFee: 0,
      }),
    );
    const { cardNumber } = register({ fullName: 'Nguyễn Thị Thu Hằng', category: 'teacher' });
    const [item] = addTitle(desk.core, { title: 'Phương pháp dạy đọc' });
    const loan = ok(desk.core.call('circulation.checkout', { patron: cardNumber, item: item! }));
    // 30 days from Tuesday 10 March: Thursday 9 April (an open day).
    expect(loan.dueOn).toBe('2026-04-09');
    const audit = desk.core.db.prepare("SELECT action FROM audit_log WHERE subject = 'teacher'").all();
    expect(audit).toEqual([{ action: 'category.added' }]);
  });

  it('a retired category takes no new readers; its readers keep it and can still be edited', () => {
    const { cardNumber } = register({ fullName: 'Lò Văn Đức', category: 'elderly' });
    ok(
      desk.core.call('categories.upsert', {
        code: 'elderly',
        labelVi: 'Người cao tuổi',
        labelEn: 'Elderly',
        active: false,
      }),
    );
    const error = refused(desk.core.call('patrons.register', { fullName: 'Lò Thị Hoa', category: 'elderly' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('ngừng sử dụng');
    expect(ok(desk.core.call('patrons.update', { cardNumber, notes: 'x', category: 'elderly' })).category).toBe(
      'elderly',
    );
    const other = register({ fullName: 'Lò Thị Hoa' });
    expect(refused(desk.core.call('patrons.update', { cardNumber: other.cardNumber, category: 'elderly' })).code).toBe(
      'VALIDATION',
    );
    // Policies may still name it: its readers still borrow.
    ok(
      desk.core.call('policies.upsert', {
        patronCategory: 'elderly',
        materialType: 'book',
        loanDays: 21,
        maxItems: 5,
        maxRenewals: 2,
        graceDays: 7,
        dailyFee: 0,
      }),
    );
  });

  it('policies.upsert refuses a category code the desk does not know, but takes "*"', () => {
    const policy = { materialType: '*', loanDays: 14, maxItems: 5, maxRenewals: 2, graceDays: 3, dailyFee: 0 };
    const error = refused(desk.core.call('policies.upsert', { ...policy, patronCategory: 'teacher' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('teacher');
    ok(desk.core.call('policies.upsert', { ...policy, patronCategory: '*' }));
  });

  it('renames a category in place and keeps its position', () => {
    ok(
      desk.core.call('categories.upsert', {
        code: 'pupil',
        labelVi: 'Học sinh phổ thông',
        labelEn: 'School pupil',
        active: true,
      }),
    );
    const list = ok(desk.core.call('categories.list', {}));
    expect(list[1]).toEqual({ code: 'pupil', labelVi: 'Học sinh phổ thông', labelEn: 'School pupil', active: true });
    expect(list).toHaveLength(5);
  });

  it('refuses a malformed category code at the contract', () => {
    for (const code of ['Teacher', '1abc', 'giáo_viên', '', 'a'.repeat(33)]) {
      expect(
        refused(desk.core.call('categories.upsert', { code, labelVi: 'x', labelEn: 'x', active: true })).code,
        code,
      ).toBe('VALIDATION');
    }
  });
});

describe('duplicates', () => {
  let existing: Patron;
  beforeEach(() => {
    existing = register({
      fullName: 'Lò Văn Đức',
      dateOfBirth: '1988-02-01',
      phone: '0912345678',
      idNumber: 'C1234567',
    });
  });

  const duplicatesOf = (input: Record<string, unknown>) =>
    ok(desk.core.call('patrons.findDuplicates', input)).map((d) => ({ card: d.patron.cardNumber, reasons: d.reasons }));

  it('a duplicate carries the birth date and phone to compare, without opening (and auditing) the record', () => {
    const audited = () =>
      desk.core.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'patron.viewed'").get();
    const before = audited();
    const [duplicate] = ok(desk.core.call('patrons.findDuplicates', { fullName: 'Lò Thị Hoa', phone: '0912345678' }));
    expect(duplicate).toMatchObject({ dateOfBirth: '1988-02-01', phone: '0912345678', reasons: ['phone'] });
    expect(audited()).toEqual(before);
  });

  it('same folded name and birth date: tone marks, đ and case do not matter', () => {
    for (const fullName of ['Lò Văn Đức', 'lo van duc', 'LÒ VĂN ĐỨC', 'Lo Van Duc'.normalize('NFD')]) {
      expect(duplicatesOf({ fullName, dateOfBirth: '1988-02-01' }), fullName).toEqual([
        { card: existing.cardNumber, reasons: ['name_and_birth_date'] },
      ]);
    }
    // The same name alone, or another birth date, is no duplicate.
    expect(duplicatesOf({ fullName: 'Lò Văn Đức' })).toEqual([]);
    expect(duplicatesOf({ fullName: 'Lò Văn Đức', dateOfBirth: '1988-02-02' })).toEqual([]);
    expect(duplicatesOf({ fullName: 'Lò Văn Đực', dateOfBirth: '1988-02-02' })).toEqual([]);
  });

  it('same phone, written as +84… or 0…, with spaces or dots', () => {
    for (const phone of ['0912345678', '+84 912 345 678', '0912.345.678', '+84912345678']) {
      expect(duplicatesOf({ fullName: 'Lò Thị Hoa', phone }), phone).toEqual([
        { card: existing.cardNumber, reasons: ['phone'] },
      ]);
    }
    expect(duplicatesOf({ fullName: 'Lò Thị Hoa', phone: '0912345679' })).toEqual([]);
  });

  it('same ID number, in any case; several reasons together', () => {
    expect(duplicatesOf({ fullName: 'Nguyễn Văn A', idNumber: 'c1234567' })).toEqual([
      { card: existing.cardNumber, reasons: ['id_number'] },
    ]);
    expect(
      duplicatesOf({ fullName: 'Lo Van Duc', dateOfBirth: '1988-02-01', phone: '+84912345678', idNumber: 'C1234567' }),
    ).toEqual([{ card: existing.cardNumber, reasons: ['id_number', 'name_and_birth_date', 'phone'] }]);
  });

  it('leaves out the reader being edited', () => {
    expect(
      duplicatesOf({ fullName: 'Lò Văn Đức', phone: '0912345678', excludeCardNumber: existing.cardNumber }),
    ).toEqual([]);
  });

  it('register refuses with POSSIBLE_DUPLICATE naming the candidates, and writes nothing', () => {
    const other = register({ fullName: 'Lò Thị Hoa', phone: '0388000111', acceptDuplicates: true });
    const before = snapshotTables(desk.core.db);
    const error = refused(
      desk.core.call('patrons.register', { fullName: 'lo van duc', dateOfBirth: '1988-02-01', phone: '+84388000111' }),
    );
    expect(error.code).toBe('POSSIBLE_DUPLICATE');
    expect(error.details).toMatchObject({
      count: 2,
      // In Vietnamese order of their names: "Lò Thị Hoa" before "Lò Văn Đức".
      cards: `${other.cardNumber},${existing.cardNumber}`,
      reasons: `${other.cardNumber}:phone,${existing.cardNumber}:name_and_birth_date`,
    });
    expect(error.message).toContain(`Lò Văn Đức (${existing.cardNumber})`);
    expect(error.message).toContain(`Lò Thị Hoa (${other.cardNumber})`);
    expect(snapshotTables(desk.core.db)).toEqual(before);
  });

  it('registers anyway when the librarian accepts the duplicates', () => {
    const again = register({ fullName: 'Lò Văn Đức', dateOfBirth: '1988-02-01', acceptDuplicates: true });
    expect(again.cardNumber).not.toBe(existing.cardNumber);
  });

  it('never matches an erased reader', () => {
    ok(desk.core.call('patrons.erase', { cardNumber: existing.cardNumber, confirmCardNumber: existing.cardNumber }));
    expect(
      duplicatesOf({ fullName: 'Lò Văn Đức', dateOfBirth: '1988-02-01', phone: '0912345678', idNumber: 'C1234567' }),
    ).toEqual([]);
    register({ fullName: 'Lò Văn Đức', dateOfBirth: '1988-02-01', phone: '0912345678', idNumber: 'C1234567' });
  });
});
