import type { Database } from 'better-sqlite3';
import { defaultBarcodePatterns } from '../../shared/barcode';
import { settingsSchema, type Settings } from '../../shared/domain';
import { stmt } from './db/statements';

export const defaultSettings: Settings = {
  language: 'vi',
  libraryName: 'Thư viện huyện Tam Đường',
  timeZone: 'Asia/Ho_Chi_Minh',
  feesEnabled: false,
  patronPattern: defaultBarcodePatterns.patron,
  itemPattern: defaultBarcodePatterns.item,
  operator: 'thủ thư',
  libraryLogo: null,
  cardSymbology: 'codabar',
  institutionCode: 1,
  cardValidityMonths: 12,
  theme: 'standard',
  displayTheme: 'large',
  speech: 'off',
};

/** Raw key/value access for the desk's own bookkeeping (device id, sequences, first run). */
export function readSetting(db: Database, key: string): unknown {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export function writeSetting(db: Database, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}

/** The user-facing settings, defaults filled in. */
export function readSettings(db: Database): Settings {
  const stored: Record<string, unknown> = {};
  const rows = stmt(db, "SELECT key, value FROM settings WHERE key LIKE 'settings.%'").all() as {
    key: string;
    value: string;
  }[];
  for (const row of rows) {
    const key = row.key.slice('settings.'.length);
    if (key in defaultSettings) stored[key] = JSON.parse(row.value) as unknown;
  }
  return settingsSchema.parse({ ...defaultSettings, ...stored });
}

export function writeSettings(db: Database, patch: Partial<Settings>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) writeSetting(db, `settings.${key}`, value);
  }
}
