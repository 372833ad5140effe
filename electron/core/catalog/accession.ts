import type { Database } from 'better-sqlite3';
import type { AccessionSettings } from '../../../shared/contract/catalog';
import { stmt } from '../db/statements';
import { readSetting, writeSetting } from '../settings-store';

/**
 * Accession numbers (số đăng ký cá biệt, "số ĐKCB"): a prefix naming the
 * register (VV, VN, TN…) and a zero-padded number. The next number continues
 * from the highest in use for the prefix, whatever its width, so numbers
 * imported from another system are never reused.
 */

const settingKey = 'catalog.accession';

export const defaultAccessionSettings: AccessionSettings = {
  prefixes: [
    { code: 'VV', label: 'Sách tiếng Việt' },
    { code: 'VN', label: 'Sách ngoại văn' },
    { code: 'TN', label: 'Sách thiếu nhi' },
  ],
  digits: 5,
};

export function readAccessionSettings(db: Database): AccessionSettings {
  return (readSetting(db, settingKey) as AccessionSettings | undefined) ?? defaultAccessionSettings;
}

export function writeAccessionSettings(db: Database, settings: AccessionSettings): void {
  writeSetting(db, settingKey, settings);
}

export function formatAccession(prefix: string, seq: number, digits: number): string {
  return `${prefix}${String(seq).padStart(digits, '0')}`;
}

/** The highest number in use for a prefix (0 when none). One seek on items_accession_seq. */
export function highestAccession(db: Database, prefix: string): number {
  const row = stmt(db, 'SELECT MAX(accession_seq) AS n FROM items WHERE accession_prefix = ?').get(prefix) as {
    n: number | null;
  };
  return row.n ?? 0;
}

/** The next `count` numbers of a prefix. */
export function nextAccessions(db: Database, prefix: string, count: number): string[] {
  const { digits } = readAccessionSettings(db);
  const from = highestAccession(db, prefix) + 1;
  return Array.from({ length: count }, (_, i) => formatAccession(prefix, from + i, digits));
}
