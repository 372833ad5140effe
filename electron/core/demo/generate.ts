import type { Database } from 'better-sqlite3';

export interface DemoCounts {
  patrons: number;
  titles: number;
  items: number;
  loans: number;
}

/** Placeholder: replaced by the deterministic generator. */
export function loadDemoData(_db: Database, _options: { now: Date; timeZone: string }): DemoCounts {
  return { patrons: 0, titles: 0, items: 0, loans: 0 };
}
