import type { Database } from 'better-sqlite3';
import type { ParsedInput } from '../../../shared/contract';
import type { SyncStatus } from '../../../shared/contract/sync';
import type { SyncException } from '../../../shared/sync-protocol';
import type { Ctx } from '../context';
import { auditLine } from '../context';
import { stmt } from '../db/statements';
import type { DeskCore } from '../desk';
import { DeskRefusal } from '../errors';
import type { DocumentHandler } from '../handlers';
import { Outbox } from '../outbox';
import { HubClient, HubRefusal, HubUnreachable } from '../sync/client';
import { cacheException, cachedExceptions, readSyncState, syncStatus, writeEnrolment } from '../sync/state';
import { SyncWorker, type SyncWorkerOptions } from '../sync/worker';

/**
 * The sync.* channels. Those that talk to the hub answer asynchronously, as
 * document channels do: `gather` reads inside the channel's transaction, the
 * HTTP exchange runs after it, and what it brings back is written in a
 * transaction of its own, so no transaction ever waits on the network.
 */
const workers = new WeakMap<Database, SyncWorker>();

type SyncAsyncChannel = 'sync.enrol' | 'sync.now' | 'sync.exceptions' | 'sync.resolve';

/** As cards.ts: gather and render checked against each other, then erased (a type import only: no load-time cycle). */
function documentHandler<C extends SyncAsyncChannel, G>(handler: DocumentHandler<C, G>): DocumentHandler<C> {
  return handler as unknown as DocumentHandler<C>;
}

/** Start the background sync worker for a desk (both shells call this; stop it before closing). */
export function startSyncWorker(
  core: Pick<DeskCore, 'db' | 'deviceId' | 'outbox' | 'publish' | 'onEvent'>,
  options: Partial<SyncWorkerOptions> = {},
): SyncWorker {
  workers
    .get(core.db)
    ?.stop()
    .catch(() => {});
  const worker = new SyncWorker({
    db: core.db,
    deviceId: core.deviceId,
    outbox: core.outbox,
    publish: core.publish,
    onEvent: core.onEvent,
    ...options,
  });
  workers.set(core.db, worker);
  worker.start();
  return worker;
}

export async function stopSyncWorker(db: Database): Promise<void> {
  const worker = workers.get(db);
  workers.delete(db);
  await worker?.stop();
}

/** The running worker, or one made for this call (tests and tools that started none). */
function workerFor(db: Database, deviceId: string): SyncWorker {
  return workers.get(db) ?? new SyncWorker({ db, deviceId, outbox: new Outbox(db, deviceId, () => new Date()) });
}

function currentStatus(db: Database, deviceId: string): SyncStatus {
  const worker = workers.get(db);
  return worker ? worker.status() : syncStatus(db, deviceId, { online: null, syncing: false, nextAttemptAt: null });
}

/** A hub that cannot be reached or refuses, as a refusal in the UI's words (never with the token). */
function refusalFrom(error: unknown, hubUrl: string): DeskRefusal {
  if (error instanceof HubUnreachable) return new DeskRefusal('HUB_UNREACHABLE', { hub: hubUrl });
  if (error instanceof HubRefusal) {
    return new DeskRefusal('HUB_REFUSED', { hub: hubUrl, code: error.code, message: error.message });
  }
  return new DeskRefusal('INTERNAL', { details: error instanceof Error ? error.message : String(error) });
}

export function status(_input: ParsedInput<'sync.status'>, ctx: Ctx): SyncStatus {
  return currentStatus(ctx.db, ctx.deviceId);
}

interface EnrolGathered {
  db: Database;
  deviceId: string;
  hubUrl: string;
  code: string;
  deviceName: string;
  operator: string;
  nowIso: string;
}

export const enrol = documentHandler<'sync.enrol', EnrolGathered>({
  gather: (input, ctx) => ({
    db: ctx.db,
    deviceId: ctx.deviceId,
    hubUrl: input.hubUrl.replace(/\/+$/u, ''),
    code: input.code,
    deviceName: input.deviceName ?? ctx.settings.libraryName,
    operator: ctx.settings.operator,
    nowIso: ctx.nowIso,
  }),
  render: async (g) => {
    let answer;
    try {
      answer = await new HubClient({ hubUrl: g.hubUrl, timeoutMs: 15_000 }).enrol({
        code: g.code,
        deviceId: g.deviceId,
        deviceName: g.deviceName.slice(0, 200),
      });
    } catch (error) {
      // A wrong, used or expired code: the hub's own code tells which; the desk words it for staff.
      if (error instanceof HubRefusal && error.code !== 'PROTOCOL') {
        throw new DeskRefusal('HUB_REFUSED', { hub: g.hubUrl, code: error.code, message: error.message }, 'ENROL_CODE');
      }
      throw refusalFrom(error, g.hubUrl);
    }
    if (answer.deviceId !== g.deviceId) {
      throw new DeskRefusal('HUB_REFUSED', { hub: g.hubUrl, code: 'DEVICE_MISMATCH', message: answer.deviceId });
    }
    g.db
      .transaction(() => {
        writeEnrolment(g.db, {
          hubUrl: g.hubUrl,
          deviceToken: answer.deviceToken,
          hubId: answer.hubId,
          libraryId: answer.libraryId,
          libraryName: answer.libraryName,
          at: g.nowIso,
        });
        auditLine(g.db, g.nowIso, g.operator, 'sync.enrol', g.hubUrl, { library: answer.libraryName });
      })
      .immediate();
    workers.get(g.db)?.kick();
    return currentStatus(g.db, g.deviceId);
  },
});

interface NowGathered {
  db: Database;
  deviceId: string;
}

export const now = documentHandler<'sync.now', NowGathered>({
  gather: (_input, ctx) => {
    if (readSyncState(ctx.db).device_token === null) throw new DeskRefusal('NOT_ENROLLED');
    return { db: ctx.db, deviceId: ctx.deviceId };
  },
  render: (g) => workerFor(g.db, g.deviceId).syncNow(),
});

interface ExceptionsGathered {
  db: Database;
  deviceId: string;
  status: 'open' | 'resolved' | 'all';
  hubUrl: string | null;
  token: string | null;
}

export const exceptions = documentHandler<'sync.exceptions', ExceptionsGathered>({
  gather: (input, ctx) => {
    const state = readSyncState(ctx.db);
    return {
      db: ctx.db,
      deviceId: ctx.deviceId,
      status: input.status,
      hubUrl: state.hub_url,
      token: state.device_token,
    };
  },
  render: async (g) => {
    let refreshed = false;
    if (g.hubUrl !== null && g.token !== null) {
      try {
        // Short: the screen shows the cache at once if the hub is slow.
        const answer = await new HubClient({ hubUrl: g.hubUrl, deviceToken: g.token, timeoutMs: 5_000 }).listExceptions(
          g.deviceId,
          g.status,
        );
        g.db.transaction(() => answer.exceptions.forEach((e) => cacheException(g.db, e))).immediate();
        refreshed = true;
      } catch {
        // Offline: the cached list, marked as such.
      }
    }
    return { exceptions: cachedExceptions(g.db, g.status), refreshed };
  },
});

interface ResolveGathered {
  db: Database;
  deviceId: string;
  id: string;
  resolution: string;
  operator: string;
  nowIso: string;
  hubUrl: string;
  token: string;
}

export const resolve = documentHandler<'sync.resolve', ResolveGathered>({
  gather: (input, ctx) => {
    const state = readSyncState(ctx.db);
    if (state.device_token === null || state.hub_url === null) throw new DeskRefusal('NOT_ENROLLED');
    if (!stmt(ctx.db, 'SELECT 1 FROM sync_exceptions WHERE id = ?').get(input.id))
      throw new DeskRefusal('NOT_FOUND', { code: input.id });
    return {
      db: ctx.db,
      deviceId: ctx.deviceId,
      id: input.id,
      resolution: input.resolution.normalize('NFC'),
      operator: ctx.settings.operator,
      nowIso: ctx.nowIso,
      hubUrl: state.hub_url,
      token: state.device_token,
    };
  },
  render: async (g): Promise<SyncException> => {
    let resolved: SyncException;
    try {
      resolved = await new HubClient({ hubUrl: g.hubUrl, deviceToken: g.token, timeoutMs: 15_000 }).resolve(
        g.deviceId,
        g.id,
        g.resolution,
        g.operator,
      );
    } catch (error) {
      throw refusalFrom(error, g.hubUrl);
    }
    g.db
      .transaction(() => {
        cacheException(g.db, resolved);
        auditLine(g.db, g.nowIso, g.operator, 'sync.resolve', g.id, { resolution: g.resolution });
      })
      .immediate();
    return resolved;
  },
});
