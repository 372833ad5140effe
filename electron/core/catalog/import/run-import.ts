import type { ColumnMapping, ImportFormat, ImportIssue, ImportReport } from '../../../../shared/contract/catalog-io';
import { foldText } from '../../../../shared/text';
import type { Ctx } from '../../context';
import { DeskRefusal } from '../../errors';
import { yieldToDesk, type JobCtx } from '../../job';
import {
  checkParsedTitle,
  findByIsbn,
  findByTitleAuthorYear,
  isbnForms,
  writeCheckedTitle,
  yearDigits,
  type CheckedTitle,
} from '../store';
import { readEntries, type ImportEntry } from './entries';

/** Records per transaction: small enough that a batch holds the desk for tens of milliseconds. */
export const importBatchSize = 250;
const maxListed = 1000;

export interface Duplicate {
  titleId: number;
  title: string;
  by: 'isbn' | 'titleAuthorYear';
}

/** The same ISBN (either form), else the same title, first author and year, already in the catalogue. */
export function findDuplicate(ctx: Ctx, entry: ImportEntry): Duplicate | null {
  const bib = entry.bib!;
  for (const isbn of bib.isbn) {
    const match = findByIsbn(ctx.db, isbn)[0];
    if (match) return { titleId: match.id, title: match.title, by: 'isbn' };
  }
  const match = findByTitleAuthorYear(ctx.db, bib.title, bib.authors[0] ?? null, bib.year)[0];
  return match ? { titleId: match.id, title: match.title, by: 'titleAuthorYear' } : null;
}

/** Keys of records a dry run would have saved, so that a repeat later in the file is still seen. */
function dryRunKeys(entry: ImportEntry): string[] {
  const bib = entry.bib!;
  return [
    ...bib.isbn.flatMap((i) => isbnForms(i).map((f) => `isbn:${f}`)),
    `tay:${foldText(bib.title)}|${foldText(bib.authors[0] ?? '')}|${yearDigits(bib.year) ?? ''}`,
  ];
}

class DryRunRollback extends Error {}

export interface ImportRun {
  format: ImportFormat;
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  mapping?: ColumnMapping;
  dryRun: boolean;
  /** Called after each batch with the records handled so far. */
  onBatch?: (records: number) => void;
}

/**
 * Read a file as a stream and save it in batches. Each record with its copies
 * is saved whole or not at all (checked before anything of it is written;
 * see `checkParsedTitle`); a batch is one transaction, and the desk serves other calls
 * between batches. A file is therefore not one transaction: if the desk
 * stops midway, the batches before stay imported and the report of a second
 * run lists them as duplicates, so running the same file again completes it.
 * A dry run does everything but rolls each batch back.
 */
export async function runImport(job: JobCtx, run: ImportRun): Promise<ImportReport> {
  const started = performance.now();
  const report: ImportReport = {
    format: run.format,
    dryRun: run.dryRun,
    records: 0,
    imported: 0,
    copies: 0,
    duplicates: 0,
    failed: 0,
    issues: [],
    issueCount: 0,
    skipped: [],
    milliseconds: 0,
  };
  const seenInDryRun = new Set<string>();
  const addIssues = (issues: ImportIssue[]) => {
    report.issueCount += issues.length;
    for (const i of issues) if (report.issues.length < maxListed) report.issues.push(i);
  };

  const saveBatch = (batch: ImportEntry[]) => {
    const counts = { imported: 0, copies: 0 };
    const work = (ctx: Ctx) => {
      // One 'changed' event per batch, not one per title.
      const quiet: Ctx = { ...ctx, emit: () => {} };
      for (const entry of batch) {
        report.records += 1;
        if (entry.issues.length > 0 || !entry.bib) {
          report.failed += 1;
          addIssues(entry.issues);
          continue;
        }
        const keys = run.dryRun ? dryRunKeys(entry) : [];
        const duplicate =
          findDuplicate(ctx, entry) ??
          (keys.some((k) => seenInDryRun.has(k))
            ? {
                titleId: 0,
                title: entry.bib.title,
                by: keys.some((k) => k.startsWith('isbn:') && seenInDryRun.has(k))
                  ? ('isbn' as const)
                  : ('titleAuthorYear' as const),
              }
            : null);
        if (duplicate) {
          report.duplicates += 1;
          if (report.skipped.length < maxListed) report.skipped.push({ recordNumber: entry.recordNumber, duplicate });
          continue;
        }
        let checked: CheckedTitle;
        try {
          // Every refusal (a barcode already in use, say) comes from the check, which writes
          // nothing, so a refused record leaves no trace without a savepoint of its own (a
          // savepoint per record copied each page the record touched into a journal file).
          // The entry's bib and copies were parsed as they were read: not parsed again.
          checked = checkParsedTitle(quiet, {
            bib: entry.bib,
            marcxml: entry.marcxml,
            needsCompletion: false,
            copies: entry.copies,
          });
        } catch (error) {
          if (!(error instanceof DeskRefusal)) throw error;
          report.failed += 1;
          addIssues([
            {
              recordNumber: entry.recordNumber,
              field: error.messageKey.startsWith('CONFLICT_') ? error.messageKey.slice('CONFLICT_'.length) : null,
              code: error.messageKey,
              reason: ctx.t(`errors.${error.messageKey}`, error.params),
            },
          ]);
          continue;
        }
        // Whatever fails from here on fails the whole batch: its transaction rolls back.
        writeCheckedTitle(quiet, checked);
        counts.imported += 1;
        counts.copies += entry.copies.length;
        for (const k of keys) seenInDryRun.add(k);
      }
      if (counts.imported > 0) ctx.emit({ type: 'changed', domain: 'catalog' });
      if (run.dryRun) throw new DryRunRollback();
    };
    try {
      job.transact(work);
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
    }
    report.imported += counts.imported;
    report.copies += counts.copies;
  };

  const { entries } = readEntries(run.format, run.source, run.mapping);
  let batch: ImportEntry[] = [];
  for await (const entry of entries) {
    batch.push(entry);
    if (batch.length >= importBatchSize) {
      saveBatch(batch);
      batch = [];
      run.onBatch?.(report.records);
      await yieldToDesk();
    }
  }
  if (batch.length > 0) saveBatch(batch);
  run.onBatch?.(report.records);
  report.milliseconds = Math.round(performance.now() - started);
  return report;
}
