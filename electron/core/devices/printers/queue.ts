import type { Database } from 'better-sqlite3';
import {
  defaultPrinterConfig,
  printerConfigSchema,
  type PrintJob,
  type PrinterConfig,
  type ReceiptWording,
} from '../../../../shared/contract/printing';
import { stmt } from '../../db/statements';
import { readSetting, readSettings, writeSetting } from '../../settings-store';
import { receiptWording, type ReceiptLine } from './receipt';
import { encodeReceipt } from './render';
import { statusProblem } from './status';
import type { SystemPrinter } from './system-printer';
import { createTransport, takesDocuments, type AnyPrinterTransport } from './transports';

/**
 * The persistent print queue. Enqueuing is one INSERT, made inside the
 * circulation transaction (or right after it), so a receipt is never lost and
 * circulation never waits for paper. A worker outside every transaction takes
 * the oldest queued job, asks the printer's status where the link can answer
 * (paper out or cover open → the job stays queued with the reason, nothing is
 * sent, so nothing prints twice), sends the bytes, and marks the job done;
 * a failure leaves it queued and retries it with a growing pause.
 */
export const printerConfigKey = 'printing.config';
export const receiptWordingKey = 'printing.wording';

export function readPrinterConfig(db: Database): PrinterConfig {
  const stored = readSetting(db, printerConfigKey);
  const parsed = printerConfigSchema.safeParse({ ...defaultPrinterConfig, ...((stored as object | undefined) ?? {}) });
  return parsed.success ? parsed.data : defaultPrinterConfig;
}

export function writePrinterConfig(db: Database, patch: Partial<PrinterConfig>): PrinterConfig {
  const config = printerConfigSchema.parse({ ...readPrinterConfig(db), ...patch });
  writeSetting(db, printerConfigKey, config);
  return config;
}

/** The wording as printed now: what was changed over the desk language's defaults. */
export function readReceiptWording(db: Database): ReceiptWording {
  return receiptWording(
    readSetting(db, receiptWordingKey) as Partial<ReceiptWording> | undefined,
    readSettings(db).language,
  );
}

/** What a job holds: the laid-out lines (rendered at print time, at the width configured then). */
export interface PrintPayload {
  lines: ReceiptLine[];
}

interface JobRow {
  id: number;
  kind: string;
  payload: string;
  status: PrintJob['status'];
  attempts: number;
  last_error: string | null;
  created_at: string;
  printed_at: string | null;
}

const toJob = (r: JobRow): PrintJob => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  printedAt: r.printed_at,
});

const jobColumns = 'id, kind, payload, status, attempts, last_error, created_at, printed_at';

/** Queue a receipt. One INSERT: safe inside any transaction. */
export function enqueuePrintJob(db: Database, kind: string, payload: PrintPayload, createdAt: string): PrintJob {
  const info = stmt(db, 'INSERT INTO print_jobs (kind, payload, created_at) VALUES (?, ?, ?)').run(
    kind,
    JSON.stringify(payload),
    createdAt,
  );
  return getPrintJob(db, Number(info.lastInsertRowid))!;
}

export function getPrintJob(db: Database, id: number): PrintJob | undefined {
  const row = stmt(db, `SELECT ${jobColumns} FROM print_jobs WHERE id = ?`).get(id) as JobRow | undefined;
  return row ? toJob(row) : undefined;
}

/** The most recent jobs, newest first. */
export function listPrintJobs(db: Database, limit = 50): PrintJob[] {
  return (stmt(db, `SELECT ${jobColumns} FROM print_jobs ORDER BY id DESC LIMIT ?`).all(limit) as JobRow[]).map(toJob);
}

/** Queue the last receipt (checkout or return) again. */
export function reprintLast(db: Database, createdAt: string): PrintJob | null {
  const row = stmt(
    db,
    `SELECT ${jobColumns} FROM print_jobs WHERE kind IN ('checkout', 'return') ORDER BY id DESC LIMIT 1`,
  ).get() as JobRow | undefined;
  if (!row) return null;
  return enqueuePrintJob(db, row.kind, JSON.parse(row.payload) as PrintPayload, createdAt);
}

export interface PrintWorkerOptions {
  db: Database;
  /** Where jobs go; by default from the configured transport. */
  transportFor?: (config: PrinterConfig) => AnyPrinterTransport | null;
  /** How the shell reaches printers by OS name (Electron: silent printing of HTML); none by default. */
  systemPrinter?: SystemPrinter;
  /** Pause between polls when idle, ms. */
  idleMs?: number;
  /** Retry pause after the n-th failure, ms (default 1 s, doubling, at most 60 s). */
  backoffMs?: (attempts: number) => number;
  timeoutMs?: number;
  nowIso?: () => string;
  /** Told after every attempt (for the status bar and for tests). */
  onAttempt?: (job: PrintJob) => void;
}

const defaultBackoff = (attempts: number) => Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1));

export class PrintWorker {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private busy: Promise<void> | undefined;
  constructor(private readonly options: PrintWorkerOptions) {}

  /** Start polling; jobs a crash left "printing" are queued again (a receipt twice beats none). */
  start(): void {
    if (this.running) return;
    this.running = true;
    stmt(this.options.db, "UPDATE print_jobs SET status = 'queued' WHERE status = 'printing'").run();
    this.schedule(0);
  }

  stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.busy ?? Promise.resolve();
  }

  /** Look at the queue now (after an enqueue). */
  kick(): void {
    if (this.running && !this.busy) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.busy = this.runOnce()
        .catch(() => false)
        .then((worked) => {
          this.busy = undefined;
          this.schedule(worked ? 0 : (this.options.idleMs ?? 500));
        });
    }, ms);
    this.timer.unref?.();
  }

  /** Try the next due job; answers whether there was one. */
  async runOnce(): Promise<boolean> {
    const { db } = this.options;
    if (!db.open) return false;
    const row = stmt(
      db,
      `SELECT ${jobColumns} FROM print_jobs WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT 1`,
    ).get(Date.now()) as JobRow | undefined;
    if (!row) return false;
    const config = readPrinterConfig(db);
    const transport = this.options.transportFor
      ? this.options.transportFor(config)
      : config.transport &&
        createTransport(config.transport, {
          timeoutMs: this.options.timeoutMs,
          systemPrinter: this.options.systemPrinter,
        });
    if (!transport) return false; // no printer chosen: jobs wait
    stmt(db, "UPDATE print_jobs SET status = 'printing' WHERE id = ?").run(row.id);
    const { lines } = JSON.parse(row.payload) as PrintPayload;
    if (takesDocuments(transport)) {
      // The OS prints it (and keeps its own spool): no bytes, no DLE EOT.
      try {
        await transport.printLines(lines, config.width);
        this.finish(row.id, 'done');
        return true;
      } catch (error) {
        this.finish(row.id, 'queued', error);
        return false;
      }
    }
    let bytes: Uint8Array;
    try {
      bytes = encodeReceipt(lines, config.width, config.mode);
    } catch (error) {
      // A payload that cannot be drawn will not get better: failed, visible in the queue.
      this.finish(row.id, 'failed', error);
      return true;
    }
    try {
      // Some printers (and serial links without a return line) never answer DLE EOT: the setting skips it.
      if (transport.status && !config.skipStatus) {
        const problem = statusProblem(await transport.status());
        if (problem) throw new Error(problem);
      }
      await transport.send(bytes);
      this.finish(row.id, 'done');
    } catch (error) {
      this.finish(row.id, 'queued', error);
      return false;
    }
    return true;
  }

  private finish(id: number, status: PrintJob['status'], error?: unknown): void {
    const { db } = this.options;
    if (!db.open) return;
    const message = error === undefined ? null : error instanceof Error ? error.message : String(error);
    const nowIso = this.options.nowIso?.() ?? new Date().toISOString();
    if (status === 'done') {
      stmt(
        db,
        "UPDATE print_jobs SET status = 'done', attempts = attempts + 1, last_error = NULL, printed_at = ? WHERE id = ?",
      ).run(nowIso, id);
    } else {
      const attempts =
        (stmt(db, 'SELECT attempts FROM print_jobs WHERE id = ?').get(id) as { attempts: number }).attempts + 1;
      const pause = (this.options.backoffMs ?? defaultBackoff)(attempts);
      stmt(db, 'UPDATE print_jobs SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?').run(
        status,
        attempts,
        message,
        Date.now() + pause,
        id,
      );
    }
    const job = getPrintJob(db, id);
    if (job) this.options.onAttempt?.(job);
  }
}
