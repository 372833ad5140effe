import type { Database } from 'better-sqlite3';
import type { SyncStatus } from '../../../shared/contract/sync';
import type { DeskEvent } from '../../../shared/events';
import type { SyncEvent } from '../../../shared/sync-protocol';
import { localInstant } from '../clock';
import type { Outbox, OutboxEvent } from '../outbox';
import { readSettings } from '../settings-store';
import { applyPage } from './apply';
import { backoffDelay } from './backoff';
import { HubClient, HubRefusal, HubUnreachable } from './client';
import { acknowledge, readSyncState, recordSyncError, syncStatus } from './state';
import { syncCtx } from './titles';

export interface SyncWorkerOptions {
  db: Database;
  deviceId: string;
  outbox: Outbox;
  /** Where the state goes out as a 'sync' event (the shells' event stream). */
  publish?: (event: DeskEvent) => void;
  /** Told of the desk's own changes, to push them soon after. */
  onEvent?: (listener: (event: DeskEvent) => void) => () => void;
  fetch?: typeof fetch;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** Events per push (the protocol allows 2,000). */
  batchSize?: number;
  /** Changes per pull page (the protocol allows 5,000). */
  pageSize?: number;
  /** Pause between rounds when all went well (pulls what other desks did). */
  idleMs?: number;
  /** Pause after a local change before pushing it (a run of scans goes up together). */
  changeDelayMs?: number;
  /** Pause after the n-th failure in a row. */
  backoffMs?: (failures: number) => number;
  now?: () => Date;
}

const toSyncEvent = (e: OutboxEvent): SyncEvent => ({
  deviceSeq: e.deviceSeq,
  eventId: e.eventId,
  hlc: e.hlc,
  operator: e.operator,
  type: e.type,
  payload: e.payload,
  createdAt: e.createdAt,
});

/** Words for the status bar and the log; never the token (the client never puts it in a message). */
function describe(error: unknown): string {
  if (error instanceof HubUnreachable) return `unreachable: ${error.message}`;
  if (error instanceof HubRefusal) return `refused: ${error.code} ${error.message}`;
  return `failed: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The sync worker: one round = push the outbox in device_seq order, in
 * batches, from what the hub last said it stores (its storedThrough, kept in
 * sync_state: after a crash the desk resends from there and the hub skips
 * what it already has), then pull pages until the hub has no more, each page
 * applied with its cursor in one transaction. A failed round is retried after
 * an exponential, jittered pause; "sync now" retries at once. Nothing here
 * runs inside a channel's transaction; every write is its own short one.
 */
export class SyncWorker {
  private timer: NodeJS.Timeout | undefined;
  private changeTimer: NodeJS.Timeout | undefined;
  private running = false;
  private stopping = false;
  private syncing = false;
  private busy: Promise<void> | undefined;
  private failures = 0;
  private online: boolean | null = null;
  private nextAttemptAt: string | null = null;
  private abort = new AbortController();
  private unsubscribe: (() => void) | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: SyncWorkerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.abort = new AbortController();
    this.unsubscribe = this.options.onEvent?.((event) => {
      if (event.type !== 'changed' || event.domain === 'settings') return;
      clearTimeout(this.changeTimer);
      this.changeTimer = setTimeout(() => {
        // Pulled changes announce themselves too: only the desk's own changes (waiting in the outbox) call for a round.
        if (this.status().pending > 0) this.kick();
      }, this.options.changeDelayMs ?? 2_000);
    });
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    clearTimeout(this.timer);
    clearTimeout(this.changeTimer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.abort.abort();
    await this.busy;
  }

  /** Run a round soon (after an enrolment, or a change to push). */
  kick(): void {
    if (this.running && !this.busy) this.schedule(0);
  }

  /** "Sync now": a round at once, whatever the backoff said; answers the state after it. */
  async syncNow(): Promise<SyncStatus> {
    if (this.busy) await this.busy;
    this.failures = 0;
    clearTimeout(this.timer);
    await this.runRound();
    return this.status();
  }

  status(): SyncStatus {
    return syncStatus(this.options.db, this.options.deviceId, {
      online: this.online,
      syncing: this.syncing,
      nextAttemptAt: this.nextAttemptAt,
    });
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runRound(), ms);
  }

  private publish(): void {
    this.options.publish?.({ type: 'sync', status: this.status() });
  }

  private nowIso(): string {
    return localInstant(this.now(), readSettings(this.options.db).timeZone);
  }

  /** One round; never throws. Schedules the next one when the worker is running. */
  runRound(): Promise<void> {
    if (this.busy) return this.busy;
    const round = (async () => {
      const state = readSyncState(this.options.db);
      if (state.device_token === null || state.hub_url === null) {
        // Not enrolled: nothing to do until sync.enrol kicks the worker.
        this.online = null;
        return;
      }
      this.nextAttemptAt = null;
      this.syncing = true;
      this.publish();
      const client = new HubClient({
        hubUrl: state.hub_url,
        deviceToken: state.device_token,
        // A batch of 500 is applied by the hub before it answers: a slow hub gets a minute.
        timeoutMs: this.options.timeoutMs ?? 60_000,
        fetch: this.options.fetch,
        signal: this.abort.signal,
      });
      try {
        await this.push(client, state.acked_through);
        await this.pull(client, state.pull_cursor);
        this.failures = 0;
        this.online = true;
        recordSyncError(this.options.db, null, this.nowIso());
        this.schedule(this.options.idleMs ?? 60_000);
      } catch (error) {
        this.failures += 1;
        this.online = false;
        recordSyncError(this.options.db, describe(error), this.nowIso());
        const delay = (this.options.backoffMs ?? ((n: number) => backoffDelay(n)))(this.failures);
        if (this.running) this.nextAttemptAt = new Date(this.now().getTime() + delay).toISOString();
        this.schedule(delay);
      }
    })().finally(() => {
      this.busy = undefined;
      this.syncing = false;
      this.publish();
    });
    this.busy = round;
    return round;
  }

  /**
   * Push from one past the hub's storedThrough. The hub's answers move the
   * starting point, never the desk's own guess: a SEQUENCE_GAP says where the
   * hub wants the desk to resend from; a storedThrough beyond what was sent
   * (a reply lost in a crash) skips what the hub already holds.
   */
  private async push(client: HubClient, ackedThrough: number): Promise<void> {
    const { db, outbox, deviceId } = this.options;
    const batchSize = this.options.batchSize ?? 500;
    let from = ackedThrough;
    let gaps = 0;
    while (!this.stopping) {
      const events = outbox.read(from, batchSize);
      if (events.length === 0) return;
      let storedThrough: number;
      try {
        storedThrough = (await client.push(deviceId, events.map(toSyncEvent), this.now().toISOString())).storedThrough;
      } catch (error) {
        if (error instanceof HubRefusal && error.code === 'SEQUENCE_GAP' && error.resendFrom !== undefined) {
          gaps += 1;
          // A hub that keeps asking for what it was just sent is not converging: give up this round.
          if (gaps > 3 || error.resendFrom - 1 === from) throw error;
          from = error.resendFrom - 1;
          continue;
        }
        throw error;
      }
      acknowledge(db, storedThrough, this.nowIso());
      this.publish();
      if (storedThrough < events[events.length - 1]!.deviceSeq && storedThrough <= from) {
        throw new Error(`the hub stored nothing of events ${from + 1}–${events[events.length - 1]!.deviceSeq}`);
      }
      from = storedThrough;
    }
  }

  private async pull(client: HubClient, startCursor: string | null): Promise<void> {
    const { db, deviceId } = this.options;
    let cursor = startCursor;
    for (;;) {
      const page = await client.pull(deviceId, cursor, this.options.pageSize ?? 1000);
      const now = this.now();
      const nowIso = this.nowIso();
      applyPage({ db, deviceId, nowIso, ctx: syncCtx(db, deviceId, now, nowIso) }, page);
      cursor = page.cursor;
      const kinds = new Set(page.changes.map((c) => c.kind));
      if (kinds.has('patron')) this.options.publish?.({ type: 'changed', domain: 'patrons' });
      if (kinds.has('title') || kinds.has('copy')) this.options.publish?.({ type: 'changed', domain: 'catalog' });
      if (!page.more || this.stopping) return;
    }
  }
}
