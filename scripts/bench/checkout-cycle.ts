import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeLibraryBarcode } from '../../shared/barcode';
import { createDeskCore } from '../../electron/core/desk';
import { median, round } from './stats';
import type { Figure } from './types';

const CYCLES = 1000;
const WARMUP = 50;
/** Core and bare runs alternate in rounds, so that a busy machine weighs on both alike. */
const ROUNDS = 10;

interface Bench {
  /** One checkout-and-return cycle of the n-th copy: two durable transactions. */
  cycle(n: number): void;
  close(): void;
}

function must<T>(result: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

const barcodes = Array.from({ length: CYCLES + WARMUP }, (_, i) => makeLibraryBarcode(3, 1, i + 1));

/** Through the core: circulation.checkout then circulation.return, as the desk calls them. */
function coreBench(dir: string): Bench {
  const core = createDeskCore({ dataDir: dir });
  must(core.call('system.setup', { mode: 'empty' }));
  const reader = must(core.call('patrons.register', { fullName: 'Lò Văn Đức', category: 'adult' }));
  for (let i = 0; i < barcodes.length; i += 500) {
    must(
      core.call('catalog.addTitle', {
        title: `Kỹ thuật trồng chè Shan tuyết, tập ${i / 500 + 1}`,
        authors: ['Nguyễn Văn Minh'],
        copies: barcodes.slice(i, i + 500).map((barcode) => ({ barcode })),
      }),
    );
  }
  return {
    cycle(n) {
      const item = barcodes[n]!;
      must(core.call('circulation.checkout', { patron: reader.cardNumber, item }));
      must(core.call('circulation.return', { item }));
    },
    close: () => core.close(),
  };
}

/**
 * Bare durable transactions: one insert and one update each, two per cycle,
 * with the desk's pragmas (WAL, synchronous=FULL).
 */
function bareBench(file: string): Bench {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE events (id INTEGER PRIMARY KEY, item TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL) STRICT;
    CREATE TABLE items (id INTEGER PRIMARY KEY, barcode TEXT NOT NULL UNIQUE, status TEXT NOT NULL) STRICT;
  `);
  const addItem = db.prepare(`INSERT INTO items (barcode, status) VALUES (?, 'available')`);
  db.transaction(() => {
    for (const barcode of barcodes) addItem.run(barcode);
  })();
  const insert = db.prepare('INSERT INTO events (item, kind, at) VALUES (?, ?, ?)');
  const update = db.prepare('UPDATE items SET status = ? WHERE barcode = ?');
  const step = db.transaction((item: string, kind: string, status: string) => {
    insert.run(item, kind, new Date().toISOString());
    update.run(status, item);
  });
  return {
    cycle(n) {
      const item = barcodes[n]!;
      step.immediate(item, 'checkout', 'on_loan');
      step.immediate(item, 'return', 'available');
    },
    close: () => db.close(),
  };
}

function timeCycles(bench: Bench, from: number, count: number): number {
  const started = performance.now();
  for (let n = from; n < from + count; n += 1) bench.cycle(n);
  return performance.now() - started;
}

export const checkoutCycleRatio: Figure = {
  name: 'checkout_cycle_ratio',
  unit: 'ratio',
  target: '≥ 0.5',
  meets: (value) => value >= 0.5,
  async run(log) {
    const dir = mkdtempSync(path.join(tmpdir(), 'desk-bench-cycle-'));
    const bare = bareBench(path.join(dir, 'bare.sqlite'));
    const core = coreBench(path.join(dir, 'desk'));
    try {
      log(
        `${CYCLES} checkout+return cycles (${2 * CYCLES} durable transactions) each way, ` +
          `alternating in ${ROUNDS} rounds, in ${tmpdir()}`,
      );
      timeCycles(bare, 0, WARMUP);
      timeCycles(core, 0, WARMUP);
      const per = CYCLES / ROUNDS;
      let bareMs = 0;
      let coreMs = 0;
      const ratios: number[] = [];
      for (let r = 0; r < ROUNDS; r += 1) {
        const from = WARMUP + r * per;
        const b = timeCycles(bare, from, per);
        const c = timeCycles(core, from, per);
        bareMs += b;
        coreMs += c;
        ratios.push(b / c);
      }
      const coreRate = CYCLES / (coreMs / 1000);
      const bareRate = CYCLES / (bareMs / 1000);
      return {
        value: round(coreRate / bareRate),
        details: [
          `core:  ${coreRate.toFixed(0)} cycles/s (${(coreMs / CYCLES).toFixed(2)} ms per cycle)`,
          `bare:  ${bareRate.toFixed(0)} cycles/s (${(bareMs / CYCLES).toFixed(2)} ms per cycle)`,
          `per-round ratios: median ${median(ratios).toFixed(2)}, ` +
            `min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}`,
        ],
      };
    } finally {
      core.close();
      bare.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
