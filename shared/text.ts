/**
 * Vietnamese text rules shared by every side. One folding function, so that
 * search in the core, in SQL and in the UI agree on what "the same" means.
 */

/** Two white-space characters in a row, or one that is not a plain space. */
const untidySpace = /\s\s|[^\S ]/u;

/**
 * Words of printable characters from U+0021–U+007E, U+00A1–U+02FF and
 * U+1E00–U+1EFF (Latin with Vietnamese) between single spaces. None of these
 * is white space, and each is NFC on its own and never composes with its
 * neighbour (a mark cannot follow: marks start at U+0300), so such text is
 * NFC as it stands.
 */
const tidyText = /^[!-~\u00a1-\u02ff\u1e00-\u1eff]+(?: [!-~\u00a1-\u02ff\u1e00-\u1eff]+)*$/u;

/** Store and print text in NFC with single spaces; pdfmake and SQLite expect NFC. */
export function normalizeText(value: string): string {
  // Most text is tidy already: one native scan says so faster than normalising it.
  if (tidyText.test(value)) return value;
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
  // Vietnamese as it is stored (NFC: ASCII, precomposed letters, đ) folded as it stands, without
  // decomposing it first; stray combining marks are dropped as the decomposed text would have them dropped.
  // Lower-case letters and digits are copied a stretch at a time. Anything else goes the decomposed way.
  let out = '';
  let gap = false;
  let stretch = -1; // where the lower-case letters and digits being copied start
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      if (stretch < 0) {
        if (gap) out += ' ';
        gap = false;
        stretch = i;
      }
      continue;
    }
    if (stretch >= 0) {
      out += value.slice(stretch, i);
      stretch = -1;
    }
    if (c >= 0x300 && c <= 0x36f) continue;
    let ch: string | undefined;
    if (c >= 0x41 && c <= 0x5a) ch = String.fromCharCode(c + 0x20);
    else if (c === 0x110 || c === 0x111) ch = 'd';
    else if (c < 0x80) {
      gap = out !== '';
      continue;
    } else {
      ch = foldedLetter.get(c);
      if (ch === undefined) return foldDecomposed(value);
    }
    if (gap) out += ' ';
    gap = false;
    out += ch;
  }
  return stretch < 0 ? out : out + value.slice(stretch);
}

/** `foldText` by way of NFD: the same answer for any text. */
function foldDecomposed(value: string): string {
  const nfd = value.normalize('NFD');
  // Vietnamese (ASCII letters, combining marks U+0300–U+036F, đ) folded by hand, without five passes of
  // regular expressions; anything else by the general rule below, which this gives the same answer as.
  let out = '';
  let gap = false;
  for (let i = 0; i < nfd.length; i += 1) {
    const c = nfd.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) continue;
    let ch: string;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) ch = nfd[i]!;
    else if (c >= 0x41 && c <= 0x5a) ch = String.fromCharCode(c + 0x20);
    else if (c === 0x110 || c === 0x111) ch = 'd';
    else if (c < 0x80) {
      gap = out !== '';
      continue;
    } else return foldTextGeneral(value);
    if (gap) out += ' ';
    gap = false;
    out += ch;
  }
  return out;
}

/** `foldText` for any script, as the rule says it. */
export function foldTextGeneral(value: string): string {
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
  let joined = '';
  for (const f of folded) if (f !== '') joined = joined === '' ? f : `${joined} ${f}`;
  return joined;
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
export function collationKey(value: string): string {
  // Vietnamese as it is stored (NFC: ASCII, precomposed letters, đ) keyed as it stands, each precomposed
  // letter by the key its decomposition gets below. A combining mark in the text, which may combine with
  // the letter before it in another order once decomposed, and anything else go the decomposed way.
  let key = '';
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      const end = digitsEnd(value, i);
      key += numberKey(value, i, end);
      i = end - 1;
      continue;
    }
    let letter: string | undefined;
    if (c >= 0x61 && c <= 0x7a) letter = asciiLetterKey[c - 0x61];
    else if (c >= 0x41 && c <= 0x5a) letter = asciiLetterKey[c - 0x41];
    else if (c === 0x110 || c === 0x111) letter = letterCode.get('đ');
    else if (c < 0x80) letter = asciiKey[c];
    else if (c < 0x300 || c > 0x36f) letter = letterKey.get(c);
    if (letter === undefined) return collationKeyDecomposed(value);
    key += letter;
  }
  return key;
}

/** The end of the run of ASCII digits that starts at `start`. */
function digitsEnd(chars: string, start: number): number {
  let end = start + 1;
  while (end < chars.length && chars.charCodeAt(end) >= 0x30 && chars.charCodeAt(end) <= 0x39) end += 1;
  return end;
}

/** The key of the number written in chars[start, end): its length, then its digits, leading zeros dropped. */
function numberKey(chars: string, start: number, end: number): string {
  let first = start;
  while (first < end - 1 && chars.charCodeAt(first) === 0x30) first += 1;
  const digits = chars.slice(first, end);
  return `\u0020${String.fromCharCode(0x21 + Math.min(digits.length, 0x1e))}${digits}`;
}

/** `collationKey` by way of NFD: the same key for any text. */
function collationKeyDecomposed(value: string): string {
  const chars = value.normalize('NFD');
  // Vietnamese (ASCII, combining marks U+0300–U+036F, đ) keyed by hand with tables; anything else by the
  // general loop below, which this gives the same key as.
  let key = '';
  for (let i = 0; i < chars.length; i += 1) {
    let c = chars.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) continue;
    if (c >= 0x30 && c <= 0x39) {
      const end = digitsEnd(chars, i);
      key += numberKey(chars, i, end);
      i = end - 1;
      continue;
    }
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    else if (c === 0x110) c = 0x111;
    let letter: string | undefined;
    if ((c >= 0x61 && c <= 0x7a) || c === 0x111) {
      const j = marksEnd(chars, i + 1);
      letter = letterCode.get(letterWithMarks(String.fromCharCode(c), chars.slice(i + 1, j)));
      i = j - 1;
    } else if (c < 0x80) {
      letter = asciiKey[c];
      // Marks after a space, a digit or punctuation vary nothing.
    } else {
      return collationKeyGeneral(value);
    }
    key += letter!;
  }
  return key;
}

/** The end of the combining marks (U+0300–U+036F) that start at `start`. */
function marksEnd(chars: string, start: number): number {
  let end = start;
  while (end < chars.length && chars.charCodeAt(end) >= 0x300 && chars.charCodeAt(end) <= 0x36f) end += 1;
  return end;
}

/** The letter of the alphabet a base letter and the marks after it make: ă â ê ô ơ ư, or the letter itself. */
function letterWithMarks(base: string, marks: string): string {
  let letter = base;
  for (const mark of marks) letter = letterWithMark.get(letter + mark) ?? letter;
  return letter;
}

// Letters of their own made of a letter and one mark (ă â ê ô ơ ư), by their decomposed form.
const letterWithMark = new Map(
  letterOrder.filter((l) => l.normalize('NFD').length === 2).map((l) => [l.normalize('NFD'), l] as const),
);
// Keys of ASCII spaces and punctuation, as the general loop gives them.
const asciiKey = Array.from({ length: 0x80 }, (_, c) => {
  const ch = String.fromCharCode(c);
  if (/\s/u.test(ch)) return '\u0001';
  const p = punctuationOrder.indexOf(ch);
  return String.fromCharCode(p >= 0 ? 0x02 + p : 0x1f);
});
// Keys of a to z.
const asciiLetterKey = Array.from({ length: 26 }, (_, i) => letterCode.get(String.fromCharCode(0x61 + i))!);

// The precomposed Latin letters (Latin-1 to Latin Extended-B, Latin Extended Additional) that decompose to
// one ASCII letter and marks of U+0300–U+036F, as "ệ" to "e" and U+0323 U+0302: all of Vietnamese's. For
// these the decomposed way gives a fold and a key that depend on the letter alone, made here once.
const foldedLetter = new Map<number, string>();
const letterKey = new Map<number, string>();
for (const [first, last] of [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
] as const) {
  for (let c = first; c <= last; c += 1) {
    const nfd = String.fromCharCode(c).normalize('NFD');
    if (!/^[A-Za-z][\u0300-\u036f]+$/u.test(nfd)) continue;
    const base = nfd[0]!.toLowerCase();
    foldedLetter.set(c, base);
    letterKey.set(c, letterCode.get(letterWithMarks(base, nfd.slice(1)))!);
  }
}

/** `collationKey` for any script: the loop the hand-made path above follows. */
export function collationKeyGeneral(value: string): string {
  let key = '';
  const chars = [...value.normalize('NFD').toLowerCase()];
  for (let i = 0; i < chars.length; i += 1) {
    const c = chars[i]!;
    if (/\p{M}/u.test(c)) continue;
    if (/\d/u.test(c)) {
      let run = c;
      while (i + 1 < chars.length && /\d/u.test(chars[i + 1]!)) run += chars[++i]!;
      const digits = run.replace(/^0+(?=\d)/u, '');
      key += `\u0020${String.fromCharCode(0x21 + Math.min(digits.length, 0x1e))}${digits}`;
      continue;
    }
    if (/\s/u.test(c)) {
      key += '\u0001';
      continue;
    }
    let base = expansions[c] ?? c;
    // The next marks, up to the next base character, may make this a letter of its own.
    let j = i + 1;
    while (j < chars.length && /\p{M}/u.test(chars[j]!)) {
      if (letterMarks.test(chars[j]!) && letterCode.has((base + chars[j]).normalize('NFC'))) {
        base = (base + chars[j]).normalize('NFC');
      }
      j += 1;
    }
    i = j - 1;
    if (c === 'đ') base = 'đ';
    const letters = [...base].map((b) => letterCode.get(b));
    if (letters.every((l) => l !== undefined)) {
      key += letters.join('');
    } else if (/\p{L}/u.test(c)) {
      // Other scripts after the Latin letters, among themselves by code point.
      key += `\u007f${c}`;
    } else {
      const p = punctuationOrder.indexOf(c);
      key += String.fromCharCode(p >= 0 ? 0x02 + p : 0x1f);
    }
  }
  return key;
}
