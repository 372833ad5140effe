import type { BibRecord } from '../../../../shared/bib';
import type { ColumnMapping, ImportFormat, ImportIssue, ImportReport } from '../../../../shared/contract/catalog-io';
import { foldText } from '../../../../shared/text';
import type { Ctx } from '../../context';
import { DeskRefusal } from '../../errors';
import { yieldToDesk, type JobCtx } from '../../job';
import { NewTitleBatch } from '../new-titles';
import { findByIsbns, findByTitlesAuthorYear, isbnForms, normalizeIsbn, yearDigits, type TitleMatch } from '../store';
import type { Database } from 'better-sqlite3';
import type { PreparedEntry } from './prepare';
import { readBatches } from './reader-thread';

/** Records per transaction: small enough that a batch holds the desk for tens of milliseconds. */
export const importBatchSize = 250;
const maxListed = 1000;

export interface Duplicate {
  titleId: number;
  title: string;
  by: 'isbn' | 'titleAuthorYear';
}

/**
 * Titles taken by this import but not yet in the catalogue (the batch being
 * saved; in a dry run, every record of the file so far), for the duplicate
 * check the catalogue cannot answer yet. The same matching as `findByIsbn`
 * and `findByTitleAuthorYear`: an ISBN in either form; the folded title, the
 * first author among the title's authors (when given), the year's digits
 * (when given).
 */
export class TakenTitles {
  private readonly titles: { title: string; authors: string[]; year: string | null }[] = [];
  private readonly byIsbn = new Map<string, number>();
  private readonly byTitle = new Map<string, number[]>();

  /** Take a title. Matches give its position: counted from the first taken since `clear`. */
  add(bib: BibRecord): void {
    const at = this.titles.length;
    this.titles.push({ title: bib.title, authors: bib.authors.map(foldText), year: yearDigits(bib.year) });
    for (const isbn of bib.isbn) if (!this.byIsbn.has(isbn)) this.byIsbn.set(isbn, at);
    const folded = foldText(bib.title);
    const same = this.byTitle.get(folded);
    if (same) same.push(at);
    else this.byTitle.set(folded, [at]);
  }

  byIsbnOf(bib: BibRecord): { at: number; title: string } | null {
    for (const isbn of bib.isbn)
      for (const form of isbnForms(normalizeIsbn(isbn))) {
        const at = this.byIsbn.get(form);
        if (at !== undefined) return { at, title: this.titles[at]!.title };
      }
    return null;
  }

  byTitleAuthorYearOf(bib: BibRecord): { at: number; title: string } | null {
    const author = bib.authors[0] === undefined ? '' : foldText(bib.authors[0]);
    const year = yearDigits(bib.year);
    for (const at of this.byTitle.get(foldText(bib.title)) ?? []) {
      const t = this.titles[at]!;
      if (author !== '' && !t.authors.includes(author)) continue;
      if (year !== null && t.year !== year) continue;
      return { at, title: t.title };
    }
    return null;
  }

  clear(): void {
    this.titles.length = 0;
    this.byIsbn.clear();
    this.byTitle.clear();
  }
}

/**
 * The catalogue's titles that records could duplicate (`findByIsbn`,
 * `findByTitleAuthorYear`), looked up for a whole batch of records at once:
 * two queries, not two a record.
 */
export class CatalogueMatches {
  private readonly byIsbn: Map<string, TitleMatch[]>;
  private readonly byTitle = new Map<BibRecord, TitleMatch | undefined>();

  constructor(db: Database, bibs: BibRecord[]) {
    this.byIsbn = findByIsbns(
      db,
      bibs.flatMap((b) => b.isbn),
    );
    const wanted = bibs.map((b) => ({ title: b.title, author: b.authors[0] ?? null, year: b.year }));
    const found = findByTitlesAuthorYear(db, wanted);
    bibs.forEach((bib, i) => this.byTitle.set(bib, found[i]?.[0]));
  }

  /** The first title (by id) carrying one of the record's ISBNs, in their order. */
  isbnMatch(bib: BibRecord): TitleMatch | undefined {
    for (const isbn of bib.isbn) {
      const match = this.byIsbn.get(isbn)?.[0];
      if (match) return match;
    }
    return undefined;
  }

  /** The first title (by id) with the record's title, first author and year. */
  titleAuthorYearMatch(bib: BibRecord): TitleMatch | undefined {
    return this.byTitle.get(bib);
  }
}

/** A duplicate; `at` is set when it is a title taken but not yet saved: its position in `taken`. */
type FoundDuplicate = Duplicate & { at?: number };

/**
 * The same ISBN (either form), else the same title, first author and year,
 * already in the catalogue (`catalogue`, looked up for the record), or (with
 * `taken`) earlier in the same import.
 */
export function findDuplicate(catalogue: CatalogueMatches, bib: BibRecord, taken?: TakenTitles): FoundDuplicate | null {
  const match = catalogue.isbnMatch(bib);
  if (match) return { titleId: match.id, title: match.title, by: 'isbn' };
  const byIsbn = taken?.byIsbnOf(bib);
  if (byIsbn) return { titleId: 0, title: byIsbn.title, by: 'isbn', at: byIsbn.at };
  const same = catalogue.titleAuthorYearMatch(bib);
  if (same) return { titleId: same.id, title: same.title, by: 'titleAuthorYear' };
  const byTitle = taken?.byTitleAuthorYearOf(bib);
  return byTitle ? { titleId: 0, title: byTitle.title, by: 'titleAuthorYear', at: byTitle.at } : null;
}

class DryRunRollback extends Error {}

/** The description of an entry that has one: prepared to be stored, or refused by the store as read. */
function bibOf(entry: PreparedEntry): BibRecord | undefined {
  return entry.stored?.bib ?? entry.refused?.bib;
}

/** The refusal `work` throws, or null when it takes the record. */
function refusalOf(work: () => void): { messageKey: string; params: Record<string, string | number> } | null {
  try {
    work();
    return null;
  } catch (error) {
    if (error instanceof DeskRefusal) return { messageKey: error.messageKey, params: error.params };
    throw error;
  }
}

export interface ImportRun {
  format: ImportFormat;
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  mapping?: ColumnMapping;
  dryRun: boolean;
  /** Called after each batch with the records handled so far. */
  onBatch?: (records: number) => void;
}

/**
 * Read a file as a stream (on the reader thread, see reader-thread.ts) and save it in batches. Each record with its copies
 * is saved whole or not at all (checked before anything of it is written;
 * see `NewTitleBatch`); a batch is one transaction, and the desk serves other calls
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
  // In a dry run nothing stays saved, so titles taken are remembered across batches.
  const taken = new TakenTitles();
  const addIssues = (issues: ImportIssue[]) => {
    report.issueCount += issues.length;
    for (const i of issues) if (report.issues.length < maxListed) report.issues.push(i);
  };

  const saveBatch = (batch: PreparedEntry[]) => {
    const counts = { imported: 0, copies: 0 };
    // Duplicates of titles of this batch: their ids are known once the batch is written.
    const ofBatch: { duplicate: Duplicate; at: number }[] = [];
    const work = (ctx: Ctx) => {
      // One 'changed' event per batch, not one per title.
      const quiet: Ctx = { ...ctx, emit: () => {} };
      const titles = new NewTitleBatch(quiet, { fromSync: false });
      if (!run.dryRun) taken.clear();
      const bibs = batch.flatMap((entry) => bibOf(entry) ?? []);
      const catalogue = new CatalogueMatches(ctx.db, bibs);
      for (const entry of batch) {
        report.records += 1;
        const { stored, refused } = entry;
        const bib = bibOf(entry);
        if (!bib) {
          report.failed += 1;
          addIssues(entry.issues);
          continue;
        }
        const found = findDuplicate(catalogue, bib, taken);
        if (found) {
          report.duplicates += 1;
          const { at, ...duplicate } = found;
          if (at !== undefined && !run.dryRun) ofBatch.push({ duplicate, at });
          if (report.skipped.length < maxListed) report.skipped.push({ recordNumber: entry.recordNumber, duplicate });
          continue;
        }
        // A record is either prepared to be stored or refused by the store as read.
        const refusal = stored ? refusalOf(() => titles.addPrepared(stored)) : refused;
        if (refusal) {
          // Every refusal (a barcode already in use, say) comes from a check, which takes
          // nothing, so a refused record leaves no trace without a savepoint of its own.
          report.failed += 1;
          addIssues([
            {
              recordNumber: entry.recordNumber,
              field: refusal.messageKey.startsWith('CONFLICT_') ? refusal.messageKey.slice('CONFLICT_'.length) : null,
              code: refusal.messageKey,
              reason: ctx.t(`errors.${refusal.messageKey}`, refusal.params),
            },
          ]);
          continue;
        }
        taken.add(bib);
        counts.imported += 1;
        counts.copies += stored?.copies.length ?? 0;
      }
      // Whatever fails from here on fails the whole batch: its transaction rolls back.
      const saved = titles.flush();
      for (const d of ofBatch) d.duplicate.titleId = saved[d.at]!.id;
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

  const batches = readBatches(job.readerWorker, {
    format: run.format,
    source: run.source,
    mapping: run.mapping,
    batchSize: importBatchSize,
  });
  for await (const batch of batches) {
    saveBatch(batch);
    run.onBatch?.(report.records);
    await yieldToDesk();
  }
  report.milliseconds = Math.round(performance.now() - started);
  return report;
}
