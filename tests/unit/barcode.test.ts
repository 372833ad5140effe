import { describe, expect, it } from 'vitest';
import {
  classifyBarcode,
  defaultBarcodePatterns,
  hasValidCheckDigit,
  makeLibraryBarcode,
  mod10CheckDigit,
  stripCodabarGuards,
} from '../../shared/barcode';

/** Luhn as usually stated: a full number is valid when the weighted digit sum is a multiple of 10. */
function luhnValid(full: string): boolean {
  let sum = 0;
  [...full].reverse().forEach((c, i) => {
    let d = Number(c);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  });
  return sum % 10 === 0;
}

/** A deterministic pseudo-random digit string (LCG), so the test is repeatable. */
function digits(seed: number, length: number): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += String(x % 10);
  }
  return s;
}

describe('mod10CheckDigit', () => {
  it('matches published Luhn examples', () => {
    expect(mod10CheckDigit('7992739871')).toBe(3); // 79927398713
    expect(mod10CheckDigit('453914880343646')).toBe(7); // Visa test number 4539148803436467
    expect(mod10CheckDigit('37828224631000')).toBe(5); // Amex test number 378282246310005
    expect(mod10CheckDigit('0')).toBe(0);
  });

  it('always yields a number that passes the Luhn test', () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const body = digits(seed, 13);
      expect(luhnValid(`${body}${mod10CheckDigit(body)}`)).toBe(true);
    }
  });
});

describe('hasValidCheckDigit', () => {
  const good = makeLibraryBarcode(3, 1, 4711);

  it('accepts a correct 14-digit barcode and refuses other shapes', () => {
    expect(hasValidCheckDigit(good)).toBe(true);
    expect(hasValidCheckDigit(good.slice(0, 13))).toBe(false);
    expect(hasValidCheckDigit(`${good}0`)).toBe(false);
    expect(hasValidCheckDigit(`${good.slice(0, 13)}x`)).toBe(false);
  });

  it('refuses every single-digit misread, in every position', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const body = digits(seed, 13);
      const code = `${body}${mod10CheckDigit(body)}`;
      expect(hasValidCheckDigit(code)).toBe(true);
      for (let pos = 0; pos < 14; pos += 1) {
        for (let d = 0; d <= 9; d += 1) {
          if (String(d) === code[pos]) continue;
          const misread = `${code.slice(0, pos)}${d}${code.slice(pos + 1)}`;
          expect(hasValidCheckDigit(misread), misread).toBe(false);
        }
      }
    }
  });

  it('refuses a transposition of adjacent digits, except 09 ↔ 90 which Luhn cannot see', () => {
    let caught = 0;
    for (let seed = 1; seed <= 50; seed += 1) {
      const body = digits(seed, 13);
      const code = `${body}${mod10CheckDigit(body)}`;
      for (let pos = 0; pos < 13; pos += 1) {
        const a = code[pos]!;
        const b = code[pos + 1]!;
        if (a === b) continue;
        const swapped = `${code.slice(0, pos)}${b}${a}${code.slice(pos + 2)}`;
        const invisible = (a === '0' && b === '9') || (a === '9' && b === '0');
        expect(hasValidCheckDigit(swapped), swapped).toBe(invisible);
        if (!invisible) caught += 1;
      }
    }
    expect(caught).toBeGreaterThan(400);
  });
});

describe('makeLibraryBarcode', () => {
  it('builds type digit, 4-digit institution, 8-digit sequence and a check digit', () => {
    const card = makeLibraryBarcode(2, 17, 123);
    expect(card).toMatch(/^\d{14}$/u);
    expect(card.slice(0, 1)).toBe('2');
    expect(card.slice(1, 5)).toBe('0017');
    expect(card.slice(5, 13)).toBe('00000123');
    expect(hasValidCheckDigit(card)).toBe(true);
    expect(makeLibraryBarcode(3, 1, 1).startsWith('300010000000')).toBe(true);
  });

  it('gives distinct codes for distinct sequences', () => {
    const codes = new Set(Array.from({ length: 1000 }, (_, i) => makeLibraryBarcode(3, 1, i + 1)));
    expect(codes.size).toBe(1000);
  });
});

describe('classifyBarcode', () => {
  it('tells cards from items with the default patterns', () => {
    expect(classifyBarcode(makeLibraryBarcode(2, 1, 5))).toBe('patron');
    expect(classifyBarcode(makeLibraryBarcode(3, 1, 5))).toBe('item');
    expect(classifyBarcode('40001000000001')).toBe('unknown');
    expect(classifyBarcode('2000100000001')).toBe('unknown'); // 13 digits
    expect(classifyBarcode(`${makeLibraryBarcode(2, 1, 5)}9`)).toBe('unknown'); // whole-scan match only
    expect(classifyBarcode('')).toBe('unknown');
  });

  it('follows custom patterns', () => {
    const patterns = { patron: '^TV-\\d{6}$', item: '^[A-Z]{2}\\d{5}$' };
    expect(classifyBarcode('TV-000123', patterns)).toBe('patron');
    expect(classifyBarcode('LC12345', patterns)).toBe('item');
    expect(classifyBarcode(makeLibraryBarcode(2, 1, 5), patterns)).toBe('unknown');
    expect(classifyBarcode('TV-000123', defaultBarcodePatterns)).toBe('unknown');
  });
});

describe('stripCodabarGuards', () => {
  it('drops the start/stop letters a Codabar scanner passes on', () => {
    expect(stripCodabarGuards('A20001000000012B')).toBe('20001000000012');
    expect(stripCodabarGuards('c123-45d')).toBe('123-45');
  });

  it('lets a Codabar-wrapped card be told from an item', () => {
    expect(classifyBarcode('A20001000000012B')).toBe('patron');
  });

  it('leaves everything else alone', () => {
    expect(stripCodabarGuards('20001000000012')).toBe('20001000000012');
    expect(stripCodabarGuards('AB')).toBe('AB');
    expect(stripCodabarGuards('A12X4B')).toBe('A12X4B');
    expect(stripCodabarGuards('VV-00012')).toBe('VV-00012');
  });
});
