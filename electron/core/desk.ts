import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import i18next, { type i18n } from 'i18next';
import { contract, isChannel, type Channel, type ChannelOutput } from '../../shared/contract';
import type { Settings } from '../../shared/domain';
import type { DeskEvent } from '../../shared/events';
import { catalogues } from '../../shared/i18n';
import type { DeskError, Result } from '../../shared/result';
import { localDate, localInstant } from './clock';
import { auditLine, type Ctx } from './context';
import { migrate, openDatabase } from './db/open';
import { DeskRefusal } from './errors';
import {
  documentChannels,
  handlers,
  jobChannels,
  readOnlyChannels,
  type DocumentChannel,
  type DocumentHandler,
  type JobChannel,
  type JobHandler,
} from './handlers';
import { sourceReaderWorker, type ReaderWorkerScript } from './catalog/import/reader-thread';
import type { JobCtx } from './job';
import { Outbox } from './outbox';
import { readSetting, readSettings, writeSetting } from './settings-store';

export interface DeskCoreOptions {
  /** Folder holding desk.sqlite (created when missing). */
  dataDir: string;
  /** Wall clock; tests move it. */
  now?: () => Date;
  /** better-sqlite3 binding built for Electron's ABI, when run inside Electron. */
  nativeBinding?: string;
  /**
   * The import's reader thread (catalog/import/reader-worker.ts): the built
   * shells name their bundled script; from source (tests, benchmarks) the
   * TypeScript file is found by itself. Null reads imports on the desk's thread.
   */
  importReader?: ReaderWorkerScript | null;
}

/** Document and job channels answer with a promise; every other channel answers at once. */
export type CallResult<C extends Channel> = C extends DocumentChannel | JobChannel
  ? Promise<Result<ChannelOutput<C>>>
  : Result<ChannelOutput<C>>;

export interface DeskCore {
  /** Call a channel with untrusted input: parsed by the contract, answered as a value, never thrown. */
  call<C extends Channel>(channel: C, input: unknown): CallResult<C>;
  call(channel: string, input: unknown): Result<unknown> | Promise<Result<unknown>>;
  onEvent(listener: (event: DeskEvent) => void): () => void;
  /** Push an event from outside a channel call (devices: scans, plug and unplug) to every listener. */
  publish(event: DeskEvent): void;
  /** A job's context outside any channel (an import read from a file path, the bench). */
  jobContext(): JobCtx;
  readonly db: Database;
  readonly outbox: Outbox;
  readonly deviceId: string;
  readonly dataDir: string;
  close(): void;
}

export const databaseFileName = 'desk.sqlite';

function createTranslator(): i18n {
  const t = i18next.createInstance();
  void t.init({
    resources: { vi: { translation: catalogues.vi }, en: { translation: catalogues.en } },
    lng: 'vi',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  return t;
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || 'input'}: ${i.message}`).join('; ');
}

export function createDeskCore(options: DeskCoreOptions): DeskCore {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(path.join(options.dataDir, databaseFileName), { nativeBinding: options.nativeBinding });
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const now = options.now ?? (() => new Date());
  let deviceId = readSetting(db, 'deviceId') as string | undefined;
  if (!deviceId) {
    deviceId = randomUUID();
    writeSetting(db, 'deviceId', deviceId);
  }
  const outbox = new Outbox(db, deviceId, now);
  const emitter = new EventEmitter();
  const translator = createTranslator();

  const fail = (
    code: DeskError['code'],
    key: string,
    params: Record<string, string | number>,
    lng: string,
  ): Result<never> => ({
    ok: false,
    error: { code, message: translator.t(`errors.${key}`, { ...params, lng }), details: params },
  });

  const isDocumentChannel = (channel: Channel): channel is DocumentChannel =>
    (documentChannels as readonly Channel[]).includes(channel);

  // Settings change only through settings.update; read them once per change, not once per scan.
  let settingsCache: Settings | undefined;

  const isJobChannel = (channel: Channel): channel is JobChannel =>
    (jobChannels as readonly Channel[]).includes(channel);

  /** A handler's context for one transaction: events and follow-ups wait for its commit. */
  function makeCtx(settings: Settings) {
    const lng = settings.language;
    const instant = now();
    const pending: DeskEvent[] = [];
    const followUps: (() => void)[] = [];
    const ctx: Ctx = {
      db,
      deviceId: deviceId!,
      settings,
      now: instant,
      today: localDate(instant, settings.timeZone),
      nowIso: localInstant(instant, settings.timeZone),
      t: (key, params) => translator.t(key, { ...params, lng }),
      record: (type, subject, payload, marcRecord) => {
        outbox.append(type, payload, settings.operator, marcRecord);
        auditLine(db, ctx.nowIso, settings.operator, type, subject);
      },
      audit: (action, subject, details) => auditLine(db, ctx.nowIso, settings.operator, action, subject, details),
      emit: (event) => pending.push(event),
      afterCommit: (work) => followUps.push(work),
    };
    return { ctx, pending, followUps };
  }

  function afterCommit(pending: DeskEvent[], followUps: (() => void)[]) {
    for (const work of followUps) {
      // Committed is committed: a follow-up that fails (a checkpoint kept
      // busy by a reader, say) must not turn the answer into an error.
      try {
        work();
      } catch {
        // The next checkpoint does the same work.
      }
    }
    for (const event of pending) emitter.emit('event', event);
  }

  /** What a job gets: transactions of its own making, each like one channel call's. */
  const readerWorker = options.importReader === undefined ? sourceReaderWorker() : options.importReader;

  function jobCtx(settings: Settings): JobCtx {
    const run =
      (mode: 'immediate' | 'deferred') =>
      <T>(work: (ctx: Ctx) => T): T => {
        const { ctx, pending, followUps } = makeCtx(settings);
        const result = db.transaction(() => work(ctx))[mode]();
        afterCommit(pending, followUps);
        return result;
      };
    return {
      settings,
      transact: run('immediate'),
      read: run('deferred'),
      publish: (event) => emitter.emit('event', event),
      t: (key, params) => translator.t(key, { ...params, lng: settings.language }),
      readerWorker,
    };
  }

  function call(channel: string, input: unknown): Result<unknown> | Promise<Result<unknown>> {
    settingsCache ??= readSettings(db);
    const settings = settingsCache;
    const lng = settings.language;
    if (!isChannel(channel)) return fail('UNKNOWN_CHANNEL', 'UNKNOWN_CHANNEL', { channel }, lng);
    // No input at all stands for {}; null is a malformed input like any other.
    const parsed = contract[channel].input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) return fail('VALIDATION', 'VALIDATION', { details: describeIssues(parsed.error.issues) }, lng);

    const failure = (error: unknown): Result<never> => {
      if (error instanceof DeskRefusal) return fail(error.code, error.messageKey, error.params, lng);
      const message = error instanceof Error ? error.message : String(error);
      return fail('INTERNAL', 'INTERNAL', { details: message }, lng);
    };
    if (isJobChannel(channel)) {
      // A job runs across many transactions of its own (see job.ts); its refusals are values like any other.
      const job = handlers[channel] as JobHandler<JobChannel>;
      return Promise.resolve()
        .then(() => job(parsed.data as never, jobCtx(settings)))
        .then((data): Result<unknown> => ({ ok: true, data }), failure);
    }
    const { ctx, pending, followUps } = makeCtx(settings);
    const handler = handlers[channel];
    const step = isDocumentChannel(channel)
      ? (handler as DocumentHandler<DocumentChannel>).gather
      : (handler as (input: unknown, ctx: Ctx) => unknown);
    let data: unknown;
    try {
      const run = db.transaction(() => step(parsed.data as never, ctx));
      data = readOnlyChannels.has(channel) ? run.deferred() : run.immediate();
      if (channel === 'settings.update') settingsCache = undefined;
      afterCommit(pending, followUps);
    } catch (error) {
      return failure(error);
    }
    if (!isDocumentChannel(channel)) return { ok: true, data };
    return (handler as DocumentHandler<DocumentChannel>)
      .render(data)
      .then((document): Result<unknown> => ({ ok: true, data: document }), failure);
  }

  return {
    call: call as DeskCore['call'],
    onEvent(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    publish: (event) => emitter.emit('event', event),
    jobContext: () => {
      settingsCache ??= readSettings(db);
      return jobCtx(settingsCache);
    },
    db,
    outbox,
    deviceId,
    dataDir: options.dataDir,
    close: () => db.close(),
  };
}
