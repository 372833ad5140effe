/**
 * Barcode rules. Library barcodes here are the common 14-digit form:
 * type digit (2 reader, 3 item), 4-digit institution code, 8-digit sequence,
 * and a mod-10 (Luhn) check digit, so a misread digit is refused, not looked up.
 */

export type BarcodeKind = 'patron' | 'item' | 'unknown';

export interface BarcodePatterns {
  /** Regular expression sources, matched against the whole scan. */
  patron: string;
  item: string;
}

export const defaultBarcodePatterns: BarcodePatterns = {
  patron: '^2\\d{13}$',
  item: '^3\\d{13}$',
};

/** Luhn check digit for a string of digits (the digits before the check digit). */
export function mod10CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when a 14-digit library barcode carries a correct check digit. */
export function hasValidCheckDigit(code: string): boolean {
  if (!/^\d{14}$/u.test(code)) return false;
  return mod10CheckDigit(code.slice(0, 13)) === Number(code[13]);
}

/** Build a 14-digit library barcode from its parts. */
export function makeLibraryBarcode(type: 2 | 3, institution: number, sequence: number): string {
  const body = `${type}${String(institution).padStart(4, '0')}${String(sequence).padStart(8, '0')}`;
  return `${body}${mod10CheckDigit(body)}`;
}

/**
 * Codabar wraps its data in start/stop letters (A–D), and many scanners pass
 * them on: "A20001000000012B" is card 20001000000012.
 */
export function stripCodabarGuards(code: string): string {
  const match = /^[A-Da-d]([0-9\-$:/.+]+)[A-Da-d]$/u.exec(code);
  return match ? match[1]! : code;
}

/** Tell a reader's card from an item's barcode by the configured patterns. */
export function classifyBarcode(code: string, patterns: BarcodePatterns = defaultBarcodePatterns): BarcodeKind {
  const data = stripCodabarGuards(code);
  if (new RegExp(patterns.patron, 'u').test(data)) return 'patron';
  if (new RegExp(patterns.item, 'u').test(data)) return 'item';
  return 'unknown';
}
