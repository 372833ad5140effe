import type { Settings } from '../../shared/domain';
import type { DeskEvent } from '../../shared/events';
import type { ReaderWorkerScript } from './catalog/import/reader-thread';
import type { Ctx } from './context';

/**
 * What a job channel's handler gets instead of one Ctx. A job (a catalogue
 * import of a 100,000-record file, an export) cannot be one transaction:
 * better-sqlite3 transactions are synchronous and would hold the desk for the
 * whole file. So the job is an async function that reads its input as a
 * stream and writes in batches, each batch one `transact` call (one
 * immediate transaction with a Ctx like a channel's: outbox, audit, events
 * after commit), awaiting between batches so that checkouts and scans are
 * served in between.
 */
export interface JobCtx {
  settings: Settings;
  /** Run `work` in one immediate (write) transaction; rolled back whole if it throws. */
  transact: <T>(work: (ctx: Ctx) => T) => T;
  /** Run `work` in one deferred (read) transaction. */
  read: <T>(work: (ctx: Ctx) => T) => T;
  /** Push an event (progress) to the shells at once. */
  publish: (event: DeskEvent) => void;
  t: (key: string, params?: Record<string, string | number>) => string;
  /** Where an import reads its file: a thread of its own (see catalog/import/reader-thread.ts), or null for this one. */
  readerWorker: ReaderWorkerScript | null;
}

/** Give the event loop a turn: pending HTTP requests and IPC calls run before the next batch. */
export function yieldToDesk(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
