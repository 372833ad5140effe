import type { z } from 'zod';
import { copyRecordSchema, type CopyRecord, type TitleRecord } from '../../shared/bib';
import type { registryPatronSchema, SyncException } from '../../shared/sync-protocol';

export interface ExceptionRow {
  id: number;
  kind: SyncException['kind'];
  status: SyncException['status'];
  device_id: string;
  device_seq: number;
  event_type: string;
  subject: string | null;
  message: string;
  details: Record<string, unknown>;
  raised_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: string | null;
}

export const exceptionColumns = `id, kind, status, device_id, device_seq, event_type, subject, message, details,
  raised_at, resolved_at, resolved_by, resolution`;

export function toException(row: ExceptionRow): SyncException {
  return {
    id: String(row.id),
    kind: row.kind,
    status: row.status,
    deviceId: row.device_id,
    deviceSeq: row.device_seq,
    eventType: row.event_type,
    subject: row.subject,
    message: row.message,
    details: row.details,
    raisedAt: row.raised_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolvedBy: row.resolved_by,
    resolution: row.resolution,
  };
}

export interface PatronRow {
  card_number: string;
  full_name: string;
  category: string;
  expires_on: string;
  blocked: boolean;
  block_reason: string | null;
  home_device_id: string;
  erased: boolean;
}

/** The registry's view of a reader: never the details, never anything sensitive. */
export function toRegistryPatron(row: PatronRow): z.output<typeof registryPatronSchema> {
  return {
    cardNumber: row.card_number,
    fullName: row.full_name,
    category: row.category,
    expiresOn: row.expires_on,
    blocked: row.blocked,
    blockReason: row.block_reason,
    homeDeviceId: row.home_device_id,
    erased: row.erased,
  };
}

export interface CopyRow {
  barcode: string;
  title_uuid: string;
  record: Record<string, unknown>;
  status: string;
}

export function toCopy(row: CopyRow): CopyRecord {
  return copyRecordSchema.parse({ ...row.record, barcode: row.barcode, status: row.status });
}

export interface TitleRow {
  uuid: string;
  bib: TitleRecord['bib'];
  marcxml: string | null;
  needs_completion: boolean;
}

export function toTitle(row: TitleRow, copies: CopyRecord[]): TitleRecord {
  return { uuid: row.uuid, bib: row.bib, marcxml: row.marcxml, needsCompletion: row.needs_completion, copies };
}
