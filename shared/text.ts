/**
 * Vietnamese text rules shared by every side. One folding function, so that
 * search in the core, in SQL and in the UI agree on what "the same" means.
 */

/** Store and print text in NFC with single spaces; pdfmake and SQLite expect NFC. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Fold for search: lower case, tone marks and other diacritics removed, đ→d,
 * apostrophes and punctuation turned into spaces.
 * "Đức" → "duc"; "Hoà" and "Hòa" → "hoa"; "H'Mông" → "h mong".
 */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
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
