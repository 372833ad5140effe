import { z } from 'zod';
import { copyRecordSchema, titleRecordSchema } from './bib';

/**
 * The sync protocol between a desk and the hub (HTTP + JSON, version 1).
 * The hub (hub/) and the desk's sync worker (electron/core/sync/) both parse
 * with these schemas; neither trusts the other's bodies.
 *
 *   POST /v1/enrol   no auth             EnrolRequest  → EnrolResponse
 *   POST /v1/push    Bearer device token PushRequest   → PushResponse | 409 SEQUENCE_GAP
 *   POST /v1/pull    Bearer device token PullRequest   → PullResponse
 *   POST /v1/exceptions/list     Bearer  ExceptionListRequest → ExceptionListResponse
 *   POST /v1/exceptions/resolve  Bearer  ResolveRequest → SyncException
 *   GET  /v1/health  no auth             { ok: true, hubId, protocol }
 *
 * Errors: any non-2xx answer has the body `{ error: { code, message, resendFrom? } }`.
 *   400 VALIDATION       the body does not parse (nothing stored)
 *   401 UNAUTHORIZED     no token, unknown token or revoked token
 *   403 DEVICE_MISMATCH  the body's deviceId is not the token's device
 *   409 SEQUENCE_GAP     the batch does not continue the stored sequence; resend from `resendFrom`
 *   410 CODE_USED        an enrolment code already exchanged or expired
 */
export const SYNC_PROTOCOL_VERSION = 1;

export const syncErrorCodes = [
  'VALIDATION',
  'UNAUTHORIZED',
  'DEVICE_MISMATCH',
  'SEQUENCE_GAP',
  'CODE_USED',
  'NOT_FOUND',
  'INTERNAL',
] as const;
export const syncErrorSchema = z.object({
  error: z.object({
    code: z.enum(syncErrorCodes),
    message: z.string(),
    /** With SEQUENCE_GAP: the first device_seq the hub is missing. */
    resendFrom: z.number().int().min(1).optional(),
  }),
});
export type SyncError = z.infer<typeof syncErrorSchema>;

const deviceIdSchema = z.string().min(1).max(100);

/** A desk trades a one-time enrolment code (printed by the hub's admin command) for a device token. */
export const enrolRequestSchema = z
  .object({
    code: z.string().min(6).max(64),
    deviceId: deviceIdSchema,
    /** A name staff will recognise, e.g. "Quầy 1 — Thư viện huyện Tam Đường". */
    deviceName: z.string().max(200).optional(),
  })
  .strict();
export const enrolResponseSchema = z.object({
  deviceToken: z.string().min(32),
  deviceId: deviceIdSchema,
  libraryId: z.string(),
  libraryName: z.string(),
  hubId: z.string(),
});

/** One outbox row, as the desk stores it (electron/core/outbox.ts). */
export const syncEventSchema = z
  .object({
    deviceSeq: z.number().int().min(1),
    eventId: z.uuid(),
    hlc: z.string().min(1).max(100),
    operator: z.string().max(200),
    type: z.string().min(1).max(100),
    payload: z.unknown(),
    /** The desk's wall clock when the change was made (ISO 8601 with offset). */
    createdAt: z.string().max(40),
  })
  .strict();
export type SyncEvent = z.infer<typeof syncEventSchema>;

/**
 * Events in device_seq order, contiguous, starting at most one past what the
 * hub has stored (resending already-stored events is fine: they are skipped).
 */
export const pushRequestSchema = z
  .object({
    deviceId: deviceIdSchema,
    /** The desk's clock at sending; the hub records the skew, never refuses for it. */
    sentAt: z.string().max(40),
    events: z.array(syncEventSchema).min(1).max(2000),
  })
  .strict();
export const pushResponseSchema = z.object({
  /** Highest device_seq the hub now holds for this device (contiguous from 1). */
  storedThrough: z.number().int().min(0),
  /** How many of this batch were new. */
  stored: z.number().int().min(0),
  /** How many of this batch the hub already had. */
  duplicates: z.number().int().min(0),
  serverTime: z.string(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** A reader as the shared registry carries it: no sensitive fields, ever. */
export const registryPatronSchema = z.object({
  cardNumber: z.string(),
  fullName: z.string(),
  category: z.string(),
  expiresOn: z.string(),
  blocked: z.boolean(),
  blockReason: z.string().nullable(),
  /** The desk that registered the reader. */
  homeDeviceId: z.string(),
  /** Erased at its home desk: the receiving desk erases its copy too. */
  erased: z.boolean(),
});

export const exceptionKinds = [
  /** A checkout of an item the hub had on loan to someone else: the old loan was closed as unverified. */
  'loan_conflict',
  /** A loan to a reader blocked at the hub (the book is out all the same). */
  'blocked_patron_loan',
  /** An event names a barcode the hub does not know. */
  'unknown_item',
  /** An event names a card number the hub does not know. */
  'unknown_patron',
  /** A registration whose card number is already another reader's. */
  'duplicate_registration',
  /** A return with no matching open loan (accepted, recorded). */
  'return_without_loan',
  /** An event the hub cannot apply for another reason (details in `message`). */
  'unapplied',
] as const;
export const syncExceptionSchema = z.object({
  id: z.string(),
  kind: z.enum(exceptionKinds),
  status: z.enum(['open', 'resolved']),
  deviceId: z.string(),
  deviceSeq: z.number().int(),
  eventType: z.string(),
  /** Barcode or card number the exception is about. */
  subject: z.string().nullable(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type SyncException = z.infer<typeof syncExceptionSchema>;

/** What a desk pulls: the rows of its library system changed since its cursor. */
export const pullChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('patron'), patron: registryPatronSchema }),
  z.object({ kind: z.literal('title'), title: titleRecordSchema }),
  /** A copy's status (and details) as the hub last knows them. */
  z.object({ kind: z.literal('copy'), titleUuid: z.uuid(), copy: copyRecordSchema }),
  z.object({ kind: z.literal('exception'), exception: syncExceptionSchema }),
]);
export type PullChange = z.infer<typeof pullChangeSchema>;

export const pullRequestSchema = z
  .object({
    deviceId: deviceIdSchema,
    /** Opaque; null on the first pull. */
    cursor: z.string().max(200).nullable(),
    limit: z.number().int().min(1).max(5000).default(1000),
  })
  .strict();
export const pullResponseSchema = z.object({
  changes: z.array(pullChangeSchema),
  /** Store it with the page, in the transaction that applies the page. */
  cursor: z.string(),
  /** More pages are waiting. */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const exceptionListRequestSchema = z
  .object({
    deviceId: deviceIdSchema,
    status: z.enum(['open', 'resolved', 'all']).default('open'),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export const exceptionListResponseSchema = z.object({ exceptions: z.array(syncExceptionSchema) });

export const resolveRequestSchema = z
  .object({
    deviceId: deviceIdSchema,
    id: z.string(),
    /** What staff decided, in their words. */
    resolution: z.string().min(1).max(1000),
    operator: z.string().max(200),
  })
  .strict();
