/**
 * Vietnamese text rules shared by every side. One folding function, so that
 * search in the core, in SQL and in the UI agree on what "the same" means.
 */

/** Two white-space characters in a row, or one that is not a plain space. */
const untidySpace = /\s\s|[^\S ]/u;

function isAscii(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) if (value.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Store and print text in NFC with single spaces; pdfmake and SQLite expect NFC. */
export function normalizeText(value: string): string {
  const nfc = value.normalize('NFC');
  // Most text has single spaces already: then only its ends need trimming.
  return (untidySpace.test(nfc) ? nfc.replace(/\s+/gu, ' ') : nfc).trim();
}

/**
 * Fold for search: lower case, tone marks and other diacritics removed, đ→d,
 * apostrophes and punctuation turned into spaces.
 * "Đức" → "duc"; "Hoà" and "Hòa" → "hoa"; "H'Mông" → "h mong".
 */
export function foldText(value: string): string {
  // ASCII has no marks and no đ, and its letters and digits are [a-z0-9] once lower-cased.
  if (isAscii(value))
    return value
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, ' ')
      .trim();
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * `foldText` of the parts joined by spaces, from the parts already folded:
 * folding never carries across a space, so fold(a + ' ' + b) is fold(a) and
 * fold(b) joined by a space, the empty ones left out.
 */
export function joinFolded(folded: string[]): string {
  return folded.filter((f) => f !== '').join(' ');
}

/** The words of a folded query, for "every word must match" search. */
export function foldedTokens(value: string): string[] {
  const folded = foldText(value);
  return folded === '' ? [] : folded.split(' ');
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Sort order for Vietnamese names and titles. */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}

// The letters in the order of the Vietnamese alphabet, with f, j, w and z where
// ICU's "vi" collation puts them.
const letterOrder = 'a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z'.split(' ');
const letterCode = new Map(letterOrder.map((l, i) => [l, String.fromCharCode(0x41 + i)]));
// ICU's root order of common punctuation (all of it before digits and letters).
const punctuationOrder = '_-,;:!?.\'\u2018\u2019"\u201c\u201d()[]{}@*/\\&#%`^+<=>|~$';
// The marks that make a letter of its own (ă â ê ô ơ ư); tone marks and the rest only vary it.
const letterMarks = /[\u0306\u0302\u031b]/u;
const expansions: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', ı: 'i' };

/**
 * A key whose plain (code-unit or SQLite BINARY) order is the order of
 * `compareVietnamese`: letters by the Vietnamese alphabet, tone marks and case
 * ignored, spaces before punctuation before digits (compared as numbers)
 * before letters. Stored beside names so that SQLite can sort and page them.
 */
// What collationKey asks of a character, asked once per character.
const isMark = 1;
const isDigit = 2;
const isSpace = 4;
const isLetter = 8;
const classes = new Map<string, number>();
function classOf(c: string): number {
  let k = classes.get(c);
  if (k === undefined) {
    k =
      (/\p{M}/u.test(c) ? isMark : 0) |
      (/\d/u.test(c) ? isDigit : 0) |
      (/\s/u.test(c) ? isSpace : 0) |
      (/\p{L}/u.test(c) ? isLetter : 0);
    // Bounded: a text of rare characters must not grow the table without end.
    if (classes.size < 10_000) classes.set(c, k);
  }
  return k;
}

// A letter's (or a letter pair's, "ss" for ß) place in the alphabet, or null for any other character.
const letterKeys = new Map<string, string | null>();
function letterKeyOf(base: string): string | null {
  let k = letterKeys.get(base);
  if (k === undefined) {
    const letters = [...base].map((b) => letterCode.get(b));
    k = letters.every((l) => l !== undefined) ? letters.join('') : null;
    if (letterKeys.size < 10_000) letterKeys.set(base, k);
  }
  return k;
}

/** The code point at `i` as a string (a surrogate pair whole, a lone surrogate alone). */
function codePointAt(s: string, i: number): string {
  const high = s.charCodeAt(i);
  if (high >= 0xd800 && high <= 0xdbff && i + 1 < s.length) {
    const low = s.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return s.slice(i, i + 2);
  }
  return s[i]!;
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export function collationKey(value: string): string {
  let key = '';
  const s = value.normalize('NFD').toLowerCase();
  let i = 0;
  while (i < s.length) {
    const c = codePointAt(s, i);
    const k = classOf(c);
    i += c.length;
    if (k & isMark) continue;
    if (k & isDigit) {
      const start = i - 1;
      while (i < s.length && isAsciiDigit(s.charCodeAt(i))) i += 1;
      const digits = s.slice(start, i).replace(/^0+(?=\d)/u, '');
      key += `\u0020${String.fromCharCode(0x21 + Math.min(digits.length, 0x1e))}${digits}`;
      continue;
    }
    if (k & isSpace) {
      key += '\u0001';
      continue;
    }
    let base = expansions[c] ?? c;
    // The next marks, up to the next base character, may make this a letter of its own.
    while (i < s.length) {
      const mark = codePointAt(s, i);
      if (!(classOf(mark) & isMark)) break;
      if (letterMarks.test(mark) && letterCode.has((base + mark).normalize('NFC'))) {
        base = (base + mark).normalize('NFC');
      }
      i += mark.length;
    }
    if (c === 'đ') base = 'đ';
    const letters = letterKeyOf(base);
    if (letters !== null) {
      key += letters;
    } else if (k & isLetter) {
      // Other scripts after the Latin letters, among themselves by code point.
      key += `\u007f${c}`;
    } else {
      const p = punctuationOrder.indexOf(c);
      key += String.fromCharCode(p >= 0 ? 0x02 + p : 0x1f);
    }
  }
  return key;
}
