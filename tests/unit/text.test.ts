import { describe, expect, it } from 'vitest';
import { makeName } from '../../electron/core/demo/names';
import { Prng } from '../../electron/core/demo/prng';
import {
  collationKey,
  collationKeyGeneral,
  compareVietnamese,
  foldText,
  foldTextGeneral,
  foldedTokens,
  joinFolded,
  normalizeText,
} from '../../shared/text';

describe('foldText', () => {
  it('folds đ to d and removes tone marks', () => {
    expect(foldText('Đức')).toBe('duc');
    expect(foldText('đường')).toBe('duong');
  });

  it('folds "Hoà" and "Hòa", in NFC and NFD, to the same "hoa"', () => {
    const spellings = ['Hoà', 'Hòa'].flatMap((s) => [s.normalize('NFC'), s.normalize('NFD')]);
    // Four distinct code-unit sequences…
    expect(new Set(spellings).size).toBe(4);
    // …one folded form.
    for (const s of spellings) expect(foldText(s)).toBe('hoa');
  });

  it('turns apostrophes and punctuation into spaces', () => {
    expect(foldText("H'Mông")).toBe('h mong');
    expect(foldText('Tày-Nùng, Thái.')).toBe('tay nung thai');
  });

  it('folds upper case', () => {
    expect(foldText('NGUYỄN THỊ')).toBe('nguyen thi');
    expect(foldText('  ĐẶNG   Ư  ')).toBe('dang u');
  });

  it('keeps digits', () => {
    expect(foldText('Lớp 5A')).toBe('lop 5a');
  });
});

describe('foldedTokens', () => {
  it('splits a folded query into words, none for blank input', () => {
    expect(foldedTokens('  Lò  Văn ')).toEqual(['lo', 'van']);
    expect(foldedTokens(' - ')).toEqual([]);
  });
});

describe('normalizeText', () => {
  it('stores NFC', () => {
    const nfd = 'Nguyễn Thị Hòa'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Hòa'.normalize('NFC'));
    expect(normalizeText(nfd)).toBe('Nguyễn Thị Hòa'.normalize('NFC'));
  });

  it('collapses runs of whitespace and trims', () => {
    expect(normalizeText('  Lò \t Văn\n\nĐức  ')).toBe('Lò Văn Đức');
  });
});

describe('compareVietnamese', () => {
  it('uses a real Vietnamese collation (ICU knows "vi")', () => {
    expect(Intl.Collator.supportedLocalesOf(['vi'])).toEqual(['vi']);
  });

  it('sorts the 29 letters in the Vietnamese alphabet order', () => {
    const alphabet = 'a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y'.split(' ');
    // A fixed shuffle (reverse, then interleave) so the input is far from sorted.
    const reversed = [...alphabet].reverse();
    const shuffled = [...reversed.filter((_, i) => i % 2 === 0), ...reversed.filter((_, i) => i % 2 === 1)];
    expect(shuffled).not.toEqual(alphabet);
    expect([...shuffled].sort(compareVietnamese)).toEqual(alphabet);
  });

  it('puts "Đặng" after "Dương" (đ is a letter after d), and "Âu" before "Bùi"', () => {
    expect(compareVietnamese('Đặng', 'Dương')).toBeGreaterThan(0);
    expect(compareVietnamese('Âu', 'Bùi')).toBeLessThan(0);
    // Code-point order would say the same for the first and the opposite for the second.
    const codePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    expect(codePoint('Âu', 'Bùi')).toBeGreaterThan(0);
  });

  it('sorts names as a Vietnamese reader expects', () => {
    const names = [
      'Đặng Thị Lan',
      'Âu Văn Ngọc',
      'Dương Thị Mai',
      'Bùi Thị Hà',
      'An Văn Hoa',
      'Ơn Văn Tú',
      'Ông Thị Sợi',
    ];
    expect([...names].sort(compareVietnamese)).toEqual([
      'An Văn Hoa',
      'Âu Văn Ngọc',
      'Bùi Thị Hà',
      'Dương Thị Mai',
      'Đặng Thị Lan',
      'Ông Thị Sợi',
      'Ơn Văn Tú',
    ]);
  });

  it('treats tone marks and case as equal at base strength, in NFC or NFD', () => {
    expect(compareVietnamese('Hoà', 'Hòa')).toBe(0);
    expect(compareVietnamese('hoà'.normalize('NFD'), 'HÒA')).toBe(0);
  });

  it('compares numbers numerically', () => {
    expect(compareVietnamese('Lớp 9', 'Lớp 10')).toBeLessThan(0);
  });
});

/** The search rule on folded text: every query word begins some word of the name. */
function matches(query: string, name: string): boolean {
  const words = foldedTokens(name);
  const tokens = foldedTokens(query);
  return tokens.length > 0 && tokens.every((t) => words.some((w) => w.startsWith(t)));
}

describe('searching names through foldText', () => {
  it('"duc" finds "Đức", "hoa" both "Hoà" and "Hòa"', () => {
    expect(matches('duc', 'Lò Văn Đức')).toBe(true);
    expect(matches('hoa', 'Nguyễn Thị Hoà')).toBe(true);
    expect(matches('hoa', 'Trần Văn Hòa')).toBe(true);
    expect(matches('Hòa', 'Nguyễn Thị Hoà')).toBe(true);
  });

  it('"lo van" finds "Lò Văn Đức", in any order, by prefixes', () => {
    expect(matches('lo van', 'Lò Văn Đức')).toBe(true);
    expect(matches('van lo', 'Lò Văn Đức')).toBe(true);
    expect(matches('l v đ', 'Lò Văn Đức')).toBe(true);
    expect(matches('lo vat', 'Lò Văn Đức')).toBe(false);
  });

  it('"h mong" and "h\'mông" find "H\'Mông"', () => {
    expect(foldedTokens("H'Mông")).toEqual(['h', 'mong']);
    expect(matches('h mong', "Vàng Thị H'Mông")).toBe(true);
    expect(matches("h'mông", "Vàng Thị H'Mông")).toBe(true);
    expect(matches('hmong', "Vàng Thị H'Mông")).toBe(false);
  });

  it('folds the letters of the minority languages written in Vietnamese script', () => {
    expect(foldText('Tẩn Láo Lở')).toBe('tan lao lo');
    expect(foldText('Sùng Thị Mỷ')).toBe('sung thi my');
    expect(foldText('Lường Thị Ưởn')).toBe('luong thi uon');
    expect(foldText('Giàng A Páo')).toBe('giang a pao');
    expect(foldText('Đèo Văn Ơn')).toBe('deo van on');
  });

  it('folds the same in NFC and NFD, and upper case with stacked marks', () => {
    for (const name of ['Nguyễn Thị Thu Hằng', 'Đặng Văn Ước', 'Hoàng Thị Phượng'])
      expect(foldText(name.normalize('NFD'))).toBe(foldText(name.normalize('NFC')));
    expect(foldText('ĐẶNG THỊ HỒNG NHUNG')).toBe('dang thi hong nhung');
  });
});

describe('collationKey', () => {
  it('orders as compareVietnamese does, letter by letter', () => {
    const names = [
      'Đặng Thị Lan',
      'Âu Văn Ngọc',
      'Dương Thị Mai',
      'Bùi Thị Hà',
      'An Văn Hoa',
      'Ơn Văn Tú',
      'Ông Thị Sợi',
      'Anh Văn',
      "H'Mông",
      'H Mông',
      'Hmông',
      'Lớp 9',
      'Lớp 10',
      'Ưng Thị Ả',
      'Uông Văn Bé',
    ];
    const byKey = [...names].sort((a, b) => (collationKey(a) < collationKey(b) ? -1 : 1));
    expect(byKey).toEqual([...names].sort(compareVietnamese));
  });

  it('gives one key to names equal for the collator (tone marks, case, NFC or NFD)', () => {
    expect(collationKey('Hoà')).toBe(collationKey('Hòa'));
    expect(collationKey('HÒA'.normalize('NFD'))).toBe(collationKey('hoà'));
    expect(collationKey('Đức')).not.toBe(collationKey('Duc'));
    expect(collationKey('Ă')).not.toBe(collationKey('A'));
  });

  it('agrees with Intl.Collator("vi") on 20,000 names of the district and random strings', () => {
    const prng = new Prng('collation key test');
    const samples: string[] = [];
    for (let i = 0; i < 15_000; i += 1) samples.push(makeName(prng).fullName);
    const alphabet =
      "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐÂfjwz0129 '-.";
    for (let i = 0; i < 5_000; i += 1) {
      let s = '';
      for (let n = prng.int(1, 8); n > 0; n -= 1) s += alphabet[prng.int(0, alphabet.length - 1)];
      samples.push(s);
    }
    const keyed = samples.map((s) => ({ s, k: collationKey(s) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    for (let i = 1; i < keyed.length; i += 1) {
      const [a, b] = [keyed[i - 1]!, keyed[i]!];
      const order = compareVietnamese(a.s, b.s);
      expect(order <= 0, `${a.s} | ${b.s}`).toBe(true);
      expect(order === 0, `${a.s} | ${b.s}`).toBe(a.k === b.k);
    }
  });
});

describe('the Vietnamese fast paths of foldText and collationKey', () => {
  it('give what the general rules give, on Vietnamese, Latin, other scripts, odd spaces and stray marks', () => {
    const prng = new Prng('fast path test');
    const pieces = [
      ...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ',
      ...'AĂÂĐÊÔƠƯÀẶỄỰfjwzFJWZ0123456789',
      ...' \t\n\u00a0\u2003\u3000',
      ...'\'"-,;:!?.()[]{}@*/\\&#%`^+<=>|~$_\u0000\u001f\u007f',
      ...'ßæœøłıİñçéüÅΣσςαβЖжड़中',
      '\u0300',
      '\u0301',
      '\u0302',
      '\u0306',
      '\u031b',
      '\u0323',
      '\u0338',
      '\u20d0',
      '00',
      '007',
      '😀',
    ];
    for (let i = 0; i < 20_000; i += 1) {
      let s = '';
      for (let n = prng.int(0, 12); n > 0; n -= 1) s += pieces[prng.int(0, pieces.length - 1)];
      if (prng.int(0, 1) === 1) s = s.normalize('NFD');
      expect(foldText(s), JSON.stringify(s)).toBe(foldTextGeneral(s));
      expect(collationKey(s), JSON.stringify(s)).toBe(collationKeyGeneral(s));
    }
    for (let i = 0; i < 5_000; i += 1) {
      const name = makeName(prng).fullName;
      expect(foldText(name)).toBe(foldTextGeneral(name));
      expect(collationKey(name)).toBe(collationKeyGeneral(name));
    }
  });
});

// The definitions as first written: the general rules kept in shared/text.ts, and normalizeText's one line.
// The faster functions must give exactly what these give.
const reference = {
  normalizeText: (value: string) => value.normalize('NFC').replace(/\s+/gu, ' ').trim(),
  foldText: foldTextGeneral,
  collationKey: collationKeyGeneral,
};

describe('the fast text functions agree with their plain definitions', () => {
  // Plain and Vietnamese letters (composed and not), marks alone, digits, every kind of space,
  // punctuation, Greek with its final sigma, ß and æ, İ, CJK, emoji and a lone surrogate.
  const pieces = [
    ...'aAzZ09 .,-\'"/:;()[]&'.split(''),
    ...'ĐđƯưƠơĂăÂâÊêÔô'.split(''),
    ...['Hòa', 'Hoà', 'Nguyễn', 'Tập', 'ĐẶNG', 'Ưởn', 'Mỷ'].flatMap((w) => [w, w.normalize('NFD')]),
    '\u0300',
    '\u0301',
    '\u0303',
    '\u0309',
    '\u0323',
    '\u0306',
    '\u0302',
    '\u031b',
    '\t',
    '\n',
    '\r',
    '\u00a0',
    '\u3000',
    '\u2028',
    '\ufeff',
    '  ',
    'ΟΔΟΣ',
    'Σ',
    'ς',
    'ß',
    'Æ',
    'œ',
    'ø',
    'ł',
    'ı',
    'İ',
    '漢字',
    '😀',
    '\ud800',
    '007',
    '12',
    '0',
    '\u0000',
    '\u001f',
    '\u007f',
    '\u0085',
    '$',
    '~',
    '\u201c',
    '\u2019',
    '_',
  ];
  let seed = 20261126;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const samples = Array.from({ length: 4000 }, () =>
    Array.from({ length: Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join(''),
  );

  it('normalizeText, foldText and collationKey give what the plain definitions give', () => {
    for (const s of samples) {
      expect([s, normalizeText(s)]).toEqual([s, reference.normalizeText(s)]);
      expect([s, foldText(s)]).toEqual([s, reference.foldText(s)]);
      expect([s, collationKey(s)]).toEqual([s, reference.collationKey(s)]);
    }
  });

  it('normalizeText agrees with its definition on every BMP character, alone and beside letters, marks and spaces', () => {
    for (let c = 0; c <= 0xffff; c += 1) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}`, `${ch}\u0301`, `Hòa ${ch} Đức`, ` ${ch}`, `ệ${ch}${ch}`])
        if (normalizeText(s) !== reference.normalizeText(s))
          expect([s, normalizeText(s)]).toEqual([s, reference.normalizeText(s)]);
    }
  });

  it('joinFolded of folded parts is foldText of the parts joined by spaces', () => {
    for (let i = 0; i + 2 < samples.length; i += 3) {
      const parts = samples.slice(i, i + 3);
      expect([parts, joinFolded(parts.map(foldText))]).toEqual([parts, reference.foldText(parts.join(' '))]);
    }
  });
});
