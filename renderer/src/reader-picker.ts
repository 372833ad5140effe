import type { BarcodeKind } from '../../shared/barcode';

/**
 * Typed text that is no barcode but a name to look up: it matches neither
 * pattern and has a space, a letter beyond ASCII (tone marks, đ), or no digit
 * at all ("lo van duc", "Đức", "hoa"). A scanner never sends those.
 */
export function looksLikeName(code: string, kind: BarcodeKind): boolean {
  if (kind !== 'unknown') return false;
  return /\s/u.test(code) || /[^\x21-\x7e]/u.test(code) || !/\d/u.test(code);
}
