import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibraryBarcode } from '../../shared/barcode';
import { patronCategories, type Patron } from '../../shared/domain';
import { compareVietnamese, foldText } from '../../shared/text';
import { makeName } from '../../electron/core/demo/names';
import { Prng } from '../../electron/core/demo/prng';
import { searchColumns } from '../../electron/core/demo/readers';
import { ok, tempDesk, type TempDesk } from '../helpers/desk';

let desk: TempDesk;

beforeEach(() => {
  desk = tempDesk();
});

afterEach(() => desk.dispose());

function register(fullName: string, extra: Record<string, unknown> = {}): Patron {
  return ok(desk.core.call('patrons.register', { fullName, acceptDuplicates: true, ...extra }));
}

function search(query: string, limit?: number): string[] {
  return ok(desk.core.call('patrons.search', limit === undefined ? { query } : { query, limit })).map(
    (p) => p.fullName,
  );
}

describe('patrons.search by name', () => {
  beforeEach(() => {
    for (const name of [
      'Lò Văn Đức',
      'Lò Thị Hoa',
      'Nguyễn Thị Hoà',
      'Trần Văn Hòa',
      'Giàng A Páo',
      "Hờ Thị H'Mông",
      'Đặng Văn Long',
      'Dương Thị Lan',
      'Vàng Thị Dua',
      'Lường Văn Duẩn',
    ])
      register(name);
  });

  it('"duc" finds "Đức" (đ folded to d), and "Đức" finds it too', () => {
    expect(search('duc')).toEqual(['Lò Văn Đức']);
    expect(search('Đức')).toEqual(['Lò Văn Đức']);
    expect(search('ĐỨC')).toEqual(['Lò Văn Đức']);
    expect(search('đ')).toEqual(['Dương Thị Lan', 'Đặng Văn Long', 'Lò Văn Đức', 'Lường Văn Duẩn', 'Vàng Thị Dua']);
  });

  it('"hoa" finds both "Hoà" and "Hòa" (old and new tone placement), NFC or NFD', () => {
    const both = ['Lò Thị Hoa', 'Nguyễn Thị Hoà', 'Trần Văn Hòa'];
    expect(search('hoa')).toEqual(both);
    expect(search('Hoà')).toEqual(both);
    expect(search('Hòa')).toEqual(both);
    expect(search('Hòa'.normalize('NFD'))).toEqual(both);
  });

  it('"lo van" finds "Lò Văn Đức", words in any order, each a prefix of a word', () => {
    // "Lò Văn Đức" first (in order from the first word); "Đặng Văn Long" also has words beginning "lo" and "van".
    expect(search('lo van')).toEqual(['Lò Văn Đức', 'Đặng Văn Long']);
    expect(search('van lo')).toEqual(['Đặng Văn Long', 'Lò Văn Đức']);
    expect(search('lo van du')).toEqual(['Lò Văn Đức']);
    // Initials: "Lò Văn Đức" and "Lường Văn Duẩn" in order, then "Đặng Văn Long" (đ, v, l in another order).
    expect(search('l v d')).toEqual(['Lò Văn Đức', 'Lường Văn Duẩn', 'Đặng Văn Long']);
    // "Dương…" begins with "du"; then the others in Vietnamese order.
    expect(search('du')).toEqual(['Dương Thị Lan', 'Lò Văn Đức', 'Lường Văn Duẩn', 'Vàng Thị Dua']);
    expect(search('lo   VĂN  đức')).toEqual(['Lò Văn Đức']);
  });

  it('"h mong" and "h\'mông" find a name holding "H\'Mông"', () => {
    expect(search('h mong')).toEqual(["Hờ Thị H'Mông"]);
    expect(search("h'mông")).toEqual(["Hờ Thị H'Mông"]);
    expect(search("H'MONG")).toEqual(["Hờ Thị H'Mông"]);
    expect(search('mong')).toEqual(["Hờ Thị H'Mông"]);
  });

  it('every word must match: a word that begins no word of the name finds nothing', () => {
    expect(search('lo xyz')).toEqual([]);
    expect(search('oa')).toEqual([]); // inside a word, not at its start
    expect(search('   ')).toEqual([]);
    expect(search("'-.")).toEqual([]);
  });

  it('ranks the exact name first, then names in order from the first word, then the rest, each in Vietnamese order', () => {
    register('Hoa Thị Lò');
    register('Lò Hoa');
    // "lo hoa": exact "Lò Hoa", then in order ("Lò Thị Hoa"), then any order ("Hoa Thị Lò").
    expect(search('lo hoa')).toEqual(['Lò Hoa', 'Lò Thị Hoa', 'Hoa Thị Lò']);
    // "hoa": "Hoa Thị Lò" begins with it; the rest in collator order.
    expect(search('hoa')).toEqual(['Hoa Thị Lò', 'Lò Hoa', 'Lò Thị Hoa', 'Nguyễn Thị Hoà', 'Trần Văn Hòa']);
  });

  it('sorts within a rank with Intl.Collator("vi"): Dương before Đặng, Lò before Lường', () => {
    const names = search('v'); // Văn, Vàng: none begins with "v" except Vàng Thị Dua
    expect(names[0]).toBe('Vàng Thị Dua');
    const rest = names.slice(1);
    expect(rest).toEqual([...rest].sort(compareVietnamese));
    expect(rest).toEqual(['Đặng Văn Long', 'Lò Văn Đức', 'Lường Văn Duẩn', 'Trần Văn Hòa']);
    expect(search('thi')).toEqual(['Dương Thị Lan', "Hờ Thị H'Mông", 'Lò Thị Hoa', 'Nguyễn Thị Hoà', 'Vàng Thị Dua']);
  });

  it('answers at most `limit` readers, the best first', () => {
    expect(search('thi', 2)).toEqual(['Dương Thị Lan', "Hờ Thị H'Mông"]);
    expect(search('lo', 1)).toEqual(['Lò Thị Hoa']);
  });

  it('stores names in NFC and finds what was typed in NFD', () => {
    const p = register('Nguyễn Thị Thu Hằng'.normalize('NFD'));
    expect(p.fullName).toBe('Nguyễn Thị Thu Hằng'.normalize('NFC'));
    expect(search('hang')).toEqual(['Nguyễn Thị Thu Hằng']);
  });

  it('follows name changes, and finds nobody by a name no longer held', () => {
    const card = ok(desk.core.call('patrons.search', { query: 'vang dua' }))[0]!.cardNumber;
    ok(desk.core.call('patrons.update', { cardNumber: card, fullName: 'Vàng Thị Mỷ' }));
    expect(search('vang dua')).toEqual([]);
    expect(search('dua')).toEqual(['Lường Văn Duẩn']);
    expect(search('my')).toEqual(['Vàng Thị Mỷ']);
  });
});

describe('patrons.search by card number, phone and ID number', () => {
  it('finds a card by its number or a prefix of it, the exact card first', () => {
    const a = register('Lò Văn Đức', { cardNumber: makeLibraryBarcode(2, 1, 12) });
    const b = register('Cầm Thị Ín', { cardNumber: makeLibraryBarcode(2, 1, 123) });
    expect(ok(desk.core.call('patrons.search', { query: a.cardNumber })).map((p) => p.cardNumber)).toEqual([
      a.cardNumber,
    ]);
    const prefix = b.cardNumber.slice(0, 10);
    expect(prefix).toBe('2000100000');
    expect(search(b.cardNumber.slice(0, 12))).toEqual(['Cầm Thị Ín']);
    expect(search(prefix)).toEqual(['Cầm Thị Ín', 'Lò Văn Đức']);
    expect(search(` ${a.cardNumber} `)).toEqual(['Lò Văn Đức']);
  });

  it('finds a phone written as 0…, +84… or with spaces and dots, and by its first digits', () => {
    register('Lò Văn Đức', { phone: '0912 345 678' });
    register('Giàng A Páo', { phone: '+84388111222' });
    register('Tẩn Láo Lở', { guardianPhone: '0912.345.999' });
    for (const q of ['0912345678', '+84912345678', '+84 912 345 678', '0912.345.678', '84912345678'])
      expect(search(q), q).toEqual(['Lò Văn Đức']);
    for (const q of ['0388111222', '+84 388 111 222', '0388 111 222']) expect(search(q), q).toEqual(['Giàng A Páo']);
    // A child is found by the guardian's phone.
    expect(search('0912345999')).toEqual(['Tẩn Láo Lở']);
    // First digits: every phone that begins so, in name order.
    expect(search('0912 345')).toEqual(['Lò Văn Đức', 'Tẩn Láo Lở']);
    expect(search('+84 91')).toEqual(['Lò Văn Đức', 'Tẩn Láo Lở']);
  });

  it('finds an ID number exactly or by prefix, letters in any case', () => {
    register('Lò Văn Đức', { idNumber: '012088000111' });
    register('Nguyễn Văn Minh', { idNumber: 'c1234567' });
    expect(search('012088000111')).toEqual(['Lò Văn Đức']);
    expect(search('012088')).toEqual(['Lò Văn Đức']);
    expect(search('C1234567')).toEqual(['Nguyễn Văn Minh']);
    expect(search('c123')).toEqual(['Nguyễn Văn Minh']);
  });

  it('puts an exact card, phone or ID match before name matches and prefix matches', () => {
    const exact = register('Vừ A Dình', { phone: '0977000111' });
    register('Sùng A Chứ', { phone: '0977000111222' });
    expect(search('0977000111')).toEqual(['Vừ A Dình', 'Sùng A Chứ']);
    expect(ok(desk.core.call('patrons.search', { query: exact.cardNumber }))[0]!.cardNumber).toBe(exact.cardNumber);
  });

  it('does not take digits for a name', () => {
    register('Lò Văn Đức');
    expect(search('123456')).toEqual([]);
  });
});

describe('patrons.registeredSince', () => {
  it('lists readers registered on or after a local date, in Vietnamese order, erased ones left out', () => {
    register('Lường Văn Duẩn');
    desk.clock.advanceDays(2);
    register('Đặng Thị Lan');
    register('Dương Văn Minh');
    const gone = register('Cầm Văn Ơn');
    ok(desk.core.call('patrons.erase', { cardNumber: gone.cardNumber, confirmCardNumber: gone.cardNumber }));
    desk.clock.advanceDays(1);
    register('Âu Thị Ngọc');
    const since = (date: string) =>
      ok(desk.core.call('patrons.registeredSince', { since: date })).map((p) => p.fullName);
    expect(since('2026-03-10')).toEqual(['Âu Thị Ngọc', 'Dương Văn Minh', 'Đặng Thị Lan', 'Lường Văn Duẩn']);
    expect(since('2026-03-12')).toEqual(['Âu Thị Ngọc', 'Dương Văn Minh', 'Đặng Thị Lan']);
    expect(since('2026-03-13')).toEqual(['Âu Thị Ngọc']);
    expect(since('2026-03-14')).toEqual([]);
  });
});

describe('patrons.search over thousands of readers', () => {
  /** Readers as the demo names them, written straight into the table (the search keys computed as the core does). */
  function fill(count: number): { name: string; folded: string }[] {
    const prng = new Prng('search test readers');
    const insert = desk.core.db.prepare(
      `INSERT INTO patrons (card_number, full_name, name_folded, sort_key, category, expires_on, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, '2027-01-01', '2026-01-01T09:00:00.000+07:00', '2026-01-01T09:00:00.000+07:00')`,
    );
    const readers: { name: string; folded: string }[] = [];
    desk.core.db.transaction(() => {
      for (let i = 1; i <= count; i += 1) {
        const { fullName } = makeName(prng);
        const keys = searchColumns(fullName, null, null);
        insert.run(makeLibraryBarcode(2, 1, i), fullName, keys.nameFolded, keys.sortKey, prng.pick(patronCategories));
        readers.push({ name: fullName, folded: keys.nameFolded });
      }
    })();
    return readers;
  }

  /** The same search, by brute force: the definition the fast one must agree with. */
  function reference(readers: { name: string; folded: string }[], query: string, limit: number): string[] {
    const tokens = foldText(query).split(' ').filter(Boolean);
    const inOrder = new RegExp(`^${tokens.map((t) => `${t}\\S*`).join('(?: \\S+)* ')}(?: |$)`, 'u');
    return readers
      .filter((r) => tokens.every((t) => r.folded.split(' ').some((w) => w.startsWith(t))))
      .map((r) => ({ r, rank: r.folded === tokens.join(' ') ? 1 : inOrder.test(r.folded) ? 2 : 3 }))
      .sort((a, b) => a.rank - b.rank || compareVietnamese(a.r.name, b.r.name))
      .slice(0, limit)
      .map((x) => x.r.name);
  }

  it('agrees with a brute-force search, for rare and for very common words', () => {
    const readers = fill(6000);
    // Common prefixes ("th", "thi": thousands of readers) take the walk in name order; rare ones the FTS5 index.
    const queries = [
      'th',
      'thi',
      'van',
      'ng',
      'nguyen thi',
      'lo van',
      'a',
      'gi a',
      'h',
      'd',
      'đ',
      'duc',
      'hoa',
      'thi h',
    ];
    const prng = new Prng('search test queries');
    for (let i = 0; i < 40; i += 1) {
      const words = prng.pick(readers).name.split(' ');
      const picked = prng.shuffled(words).slice(0, prng.int(1, Math.min(3, words.length)));
      queries.push(picked.map((w) => (prng.chance(0.5) ? foldText(w) : w).slice(0, prng.int(1, 5))).join(' '));
    }
    for (const query of queries) {
      for (const limit of [1, 20, 50]) {
        expect(search(query, limit), `${query} / ${limit}`).toEqual(reference(readers, query, limit));
      }
    }
    // A card-number prefix every card shares: the first readers in Vietnamese order.
    const all = readers.map((r) => r.name).sort(compareVietnamese);
    expect(search('20001', 30)).toEqual(all.slice(0, 30));
  });
});
