import { describe, expect, it } from 'vitest';
import { compareVietnamese, foldText, foldedTokens, normalizeText } from '../../shared/text';

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
