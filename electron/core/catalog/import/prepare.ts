import type { BibRecord } from '../../../../shared/bib';
import type { ImportIssue } from '../../../../shared/contract/catalog-io';
import { DeskRefusal } from '../../errors';
import { prepareNewTitle, type PreparedTitle } from '../new-titles';
import { prepareTitleRecord } from '../store';
import type { ImportEntry } from './entries';

/**
 * An import entry with the work that needs no database done: the title as
 * `NewTitleBatch.addPrepared` takes it (normalised, with its new uuid, its
 * titles column values, its MARCXML and outbox event already serialised; see
 * `PreparedTitle`). Made on the import's reader thread (reader-worker.ts), so
 * the desk's thread only checks and writes. Plain data: it crosses threads by
 * structured clone.
 */
export interface PreparedEntry {
  recordNumber: number;
  /** Why the record cannot be imported as read; nothing else is set then. */
  issues: ImportIssue[];
  stored: PreparedTitle | null;
  /** The record's description when the store refused it (still checked for duplicates first, as before). */
  refused: { bib: BibRecord; messageKey: string; params: Record<string, string | number> } | null;
}

export function prepareEntry(entry: ImportEntry): PreparedEntry {
  const none = { recordNumber: entry.recordNumber, issues: entry.issues, stored: null, refused: null };
  if (entry.issues.length > 0 || !entry.bib) return none;
  try {
    const record = prepareTitleRecord({
      bib: entry.bib,
      marcxml: entry.marcxml,
      needsCompletion: false,
      copies: entry.copies,
    });
    return { ...none, stored: prepareNewTitle(record, { event: true }) };
  } catch (error) {
    if (!(error instanceof DeskRefusal)) throw error;
    return { ...none, refused: { bib: entry.bib, messageKey: error.messageKey, params: error.params } };
  }
}

/** Prepared entries in batches of `size` (the last may be shorter). */
export async function* preparedBatches(
  entries: AsyncIterable<ImportEntry>,
  size: number,
): AsyncGenerator<PreparedEntry[]> {
  let batch: PreparedEntry[] = [];
  for await (const entry of entries) {
    batch.push(prepareEntry(entry));
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
