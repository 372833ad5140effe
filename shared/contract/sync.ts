import { z } from 'zod';
import { syncExceptionSchema } from '../sync-protocol';

/**
 * The desk's side of sync upward (electron/core/sync/): its state, enrolment
 * with the hub, "sync now", and the hub's exceptions (conflicts) staff resolve.
 * The device token never appears in any of these answers.
 */
export const syncStatusSchema = z.object({
  /** never_enrolled: no hub yet; online: the last round reached the hub; offline: it did not. */
  state: z.enum(['never_enrolled', 'online', 'offline']),
  hubUrl: z.string().nullable(),
  libraryName: z.string().nullable(),
  deviceId: z.string(),
  /** A round (push, then pull) is running now. */
  syncing: z.boolean(),
  /** Outbox events the hub has not acknowledged yet. */
  pending: z.number().int().min(0),
  /** Highest device_seq the hub has acknowledged. */
  ackedThrough: z.number().int().min(0),
  lastPushAt: z.string().nullable(),
  lastPullAt: z.string().nullable(),
  /** Why the last round failed (words for people; never the token). */
  lastError: z.string().nullable(),
  /** What kind of trouble, for words in the UI language: the hub not reached, refusing, or another failure. */
  lastErrorKind: z.enum(['unreachable', 'refused', 'failed']).nullable(),
  lastErrorAt: z.string().nullable(),
  /** When the worker tries again (after a failure, with backoff), if it is waiting. */
  nextAttemptAt: z.string().nullable(),
  /** Open exceptions in the local cache. */
  openExceptions: z.number().int().min(0),
});
export type SyncStatus = z.output<typeof syncStatusSchema>;

const hubUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((s) => /^https?:\/\/[^\s/]+/u.test(s) && URL.canParse(s), 'an http:// or https:// address');

export const syncChannels = {
  /** Online, offline or never enrolled; last push and pull; events waiting; the last error. */
  'sync.status': {
    input: z.object({}).strict(),
    output: syncStatusSchema,
  },
  /**
   * Enrol this desk: trade the one-time code printed by the hub's administrator
   * for a device token. A wrong code or an unreachable hub is refused and changes nothing.
   */
  'sync.enrol': {
    input: z
      .object({
        hubUrl: hubUrlSchema,
        code: z.string().trim().min(6).max(64),
        /** A name the hub's staff will recognise; the library's name by default. */
        deviceName: z.string().trim().max(200).optional(),
      })
      .strict(),
    output: syncStatusSchema,
  },
  /** Push and pull now (no waiting for the backoff); answers the state after the round. */
  'sync.now': {
    input: z.object({}).strict(),
    output: syncStatusSchema,
  },
  /** The hub's exceptions for this desk: the local cache, refreshed from the hub when it answers. */
  'sync.exceptions': {
    input: z.object({ status: z.enum(['open', 'resolved', 'all']).default('open') }).strict(),
    output: z.object({
      exceptions: z.array(syncExceptionSchema),
      /** False when the hub could not be asked: the list is what the desk last heard. */
      refreshed: z.boolean(),
    }),
  },
  /** Resolve an exception at the hub with a note in staff's words (needs the hub). */
  'sync.resolve': {
    input: z
      .object({
        id: z.string().min(1).max(200),
        resolution: z.string().trim().min(1).max(1000),
      })
      .strict(),
    output: syncExceptionSchema,
  },
} as const;
