/**
 * What can be wrong with one record, as a stable code (the UI translates it:
 * `ui.catalogIo.issue.<code>`) with the record number (1-based, in file
 * order), the field tag when one is to blame, and an English reason for logs
 * and tests. A record with an issue produces nothing: it is reported and
 * skipped, and reading carries on at the next record terminator.
 */
export const marcIssueCodes = [
  'BAD_LEADER',
  'LENGTH_MISMATCH',
  'BAD_BASE_ADDRESS',
  'BAD_DIRECTORY',
  'FIELD_OUTSIDE_RECORD',
  'MISSING_FIELD_TERMINATOR',
  'NO_FIELDS',
  'TRUNCATED',
  'RECORD_TOO_LONG',
  'BAD_UTF8',
  'BAD_MARC8',
  'MARC8_EACC_UNSUPPORTED',
  'BAD_XML',
  'BAD_FIELD',
  'NOT_ENCODABLE',
  'NO_TITLE',
] as const;
export type MarcIssueCode = (typeof marcIssueCodes)[number];

export interface MarcIssue {
  recordNumber: number;
  /** Tag of the field at fault, or null when the record as a whole is. */
  field: string | null;
  code: MarcIssueCode;
  reason: string;
}

/** Thrown inside a decoder for one record; the reader turns it into a MarcIssue. */
export class MarcFault extends Error {
  constructor(
    readonly code: MarcIssueCode,
    readonly field: string | null,
    reason: string,
  ) {
    super(reason);
  }
}
