import { uuidv7 } from '../uuid7';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  titleRecordSchema,
  type BibRecordInput,
  type CopyRecord,
  type CopyRecordInput,
  type TitleRecord,
} from '../../../shared/bib';
import type { ItemStatus, MaterialType } from '../../../shared/domain';
import { collationKey, foldText, joinFolded, normalizeText } from '../../../shared/text';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { DeskRefusal } from '../errors';
import { refuseMisread } from '../services/rows';

/**
 * The catalogue's store: titles and their copies as `TitleRecord`s (shared/bib.ts).
 * Every writer of the catalogue (the catalogue screen, quick-add, the MARC and
 * spreadsheet import, sync pulls) goes through `saveTitle`, so that the folded
 * search columns, the ISBN index and the outbox event never drift apart.
 */

/** A TitleRecord as callers hand it in: the uuid may be left out on create, defaults filled in. */
export type SaveTitleRecord = Omit<z.input<typeof titleRecordSchema>, 'uuid' | 'bib' | 'copies'> & {
  uuid?: string;
  bib: BibRecordInput;
  copies?: CopyRecordInput[];
};

export interface SaveTitleOptions {
  /**
   * The record came from the hub (a pulled change): apply it, but append no
   * outbox event, or it would travel back up as this desk's change.
   */
  fromSync?: boolean;
}

export interface SavedTitle {
  id: number;
  uuid: string;
}

/** A possible duplicate, as the import and the catalogue screen show it. */
export interface TitleMatch {
  id: number;
  uuid: string;
  title: string;
  authors: string[];
  year: string | null;
  isbn: string[];
}

interface TitleRow {
  id: number;
  uuid: string;
  title: string;
  responsibility: string | null;
  authors: string;
  isbn: string;
  ddc: string | null;
  edition: string | null;
  place: string | null;
  publisher: string | null;
  year: string | null;
  extent: string | null;
  series: string;
  subjects: string;
  languages: string;
  material_type: string;
  marcxml: string | null;
  needs_completion: number;
}

interface CopyRow {
  id: number;
  barcode: string;
  accession_number: string | null;
  call_number: string | null;
  location: string | null;
  status: string;
  loanable: number;
  price: number | null;
  acquisition_kind: string | null;
  acquisition_donor: string | null;
  acquisition_date: string | null;
}

/** A title row with its kept MARC record: select from `titlesWithMarc`. */
const titleColumns = `t.id, t.uuid, t.title, t.responsibility, t.authors, t.isbn, t.ddc, t.edition, t.place,
  t.publisher, t.year, t.extent, t.series, t.subjects, t.languages, t.material_type, m.marcxml, t.needs_completion`;
const titlesWithMarc = 'titles t LEFT JOIN marc_records m ON m.id = t.marc_id';
const copyColumns = `id, barcode, accession_number, call_number, location, status, loanable, price,
  acquisition_kind, acquisition_donor, acquisition_date`;

/** Accession numbers are a prefix of letters and a run of digits: "VV00123". */
export const accessionPattern = /^([A-Z]{1,6})(\d{1,9})$/u;

/** Split an accession number into its prefix and number (for "the highest in use"), or null when it has another form. */
export function splitAccession(value: string): { prefix: string; seq: number } | null {
  const match = accessionPattern.exec(value);
  return match ? { prefix: match[1]!, seq: Number(match[2]) } : null;
}

/** Strings of the record in NFC with single spaces; empty optional text becomes null. */
function tidy(value: string | null): string | null {
  if (value === null) return null;
  const t = normalizeText(value);
  return t === '' ? null : t;
}

function tidyList(values: string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const t = normalizeText(v);
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

/** Parse and normalise a record; a malformed one is refused as VALIDATION, nothing written. */
function parseRecord(record: SaveTitleRecord, uuid: string): TitleRecord {
  const parsed = titleRecordSchema.safeParse({ ...record, uuid });
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || 'record'}: ${i.message}`);
    throw new DeskRefusal('VALIDATION', { details: details.join('; ') });
  }
  return normaliseRecord(parsed.data);
}

/** NFC, single spaces, empty optional text as null, repeats dropped: the record as it is stored. */
export function normaliseRecord(r: TitleRecord): TitleRecord {
  const title = normalizeText(r.bib.title);
  if (title === '') throw new DeskRefusal('VALIDATION', { details: 'bib.title: empty' });
  return {
    ...r,
    marcxml: r.marcxml === null ? null : r.marcxml.normalize('NFC'),
    bib: {
      ...r.bib,
      title,
      responsibility: tidy(r.bib.responsibility),
      authors: tidyList(r.bib.authors),
      isbn: [...new Set(r.bib.isbn)],
      ddc: tidy(r.bib.ddc),
      edition: tidy(r.bib.edition),
      place: tidy(r.bib.place),
      publisher: tidy(r.bib.publisher),
      year: tidy(r.bib.year),
      extent: tidy(r.bib.extent),
      series: tidyList(r.bib.series),
      subjects: tidyList(r.bib.subjects),
    },
    copies: r.copies.map((c) => ({
      ...c,
      barcode: c.barcode.trim(),
      accessionNumber: c.accessionNumber === null ? null : (tidy(c.accessionNumber)?.toUpperCase() ?? null),
      callNumber: tidy(c.callNumber),
      location: tidy(c.location),
      acquisition: c.acquisition === null ? null : { ...c.acquisition, donor: tidy(c.acquisition.donor) },
    })),
  };
}

export function findTitleByUuid(db: Database, uuid: string): SavedTitle | undefined {
  return stmt(db, 'SELECT id, uuid FROM titles WHERE uuid = ?').get(uuid) as SavedTitle | undefined;
}

function toCopyRecord(row: CopyRow): CopyRecord {
  return {
    barcode: row.barcode,
    accessionNumber: row.accession_number,
    callNumber: row.call_number,
    location: row.location,
    status: row.status as ItemStatus,
    loanable: row.loanable === 1,
    price: row.price,
    acquisition:
      row.acquisition_kind === null
        ? null
        : {
            kind: row.acquisition_kind as 'purchase' | 'donation',
            donor: row.acquisition_donor,
            date: row.acquisition_date,
          },
  };
}

/** The copies of a title, ordered by accession number then barcode. */
export function readCopies(db: Database, titleId: number): (CopyRecord & { id: number })[] {
  const rows = stmt(
    db,
    `SELECT ${copyColumns} FROM items WHERE title_id = ?
      ORDER BY accession_prefix IS NULL, accession_prefix, accession_seq, barcode`,
  ).all(titleId) as CopyRow[];
  return rows.map((r) => ({ id: r.id, ...toCopyRecord(r) }));
}

function toTitleRecord(row: TitleRow, copies: CopyRecord[]): TitleRecord {
  return {
    uuid: row.uuid,
    bib: {
      title: row.title,
      responsibility: row.responsibility,
      authors: JSON.parse(row.authors) as string[],
      isbn: JSON.parse(row.isbn) as string[],
      ddc: row.ddc,
      edition: row.edition,
      place: row.place,
      publisher: row.publisher,
      year: row.year,
      extent: row.extent,
      series: JSON.parse(row.series) as string[],
      subjects: JSON.parse(row.subjects) as string[],
      languages: JSON.parse(row.languages) as string[],
      materialType: row.material_type as MaterialType,
    },
    marcxml: row.marcxml,
    needsCompletion: row.needs_completion === 1,
    copies,
  };
}

/** A title with its copies, as stored; undefined when there is no such title. */
export function readTitleRecord(db: Database, id: number): TitleRecord | undefined {
  const row = stmt(db, `SELECT ${titleColumns} FROM ${titlesWithMarc} WHERE t.id = ?`).get(id) as TitleRow | undefined;
  if (!row) return undefined;
  return toTitleRecord(
    row,
    readCopies(db, id).map(({ id: _id, ...copy }) => copy),
  );
}

function toMatch(row: Pick<TitleRow, 'id' | 'uuid' | 'title' | 'authors' | 'year' | 'isbn'>): TitleMatch {
  return {
    id: row.id,
    uuid: row.uuid,
    title: row.title,
    authors: JSON.parse(row.authors) as string[],
    year: row.year,
    isbn: JSON.parse(row.isbn) as string[],
  };
}

/** ISBN as stored: digits and X only (hyphens and spaces dropped, x upper-cased). */
export function normalizeIsbn(value: string): string {
  return value.replace(/[\s-]/gu, '').toUpperCase();
}

/** Titles carrying this ISBN (10 or 13 digits; an ISBN-10 also finds its ISBN-13 form and back). */
export function findByIsbn(db: Database, isbn: string): TitleMatch[] {
  return findByIsbns(db, [isbn]).get(isbn) ?? [];
}

/** `findByIsbn` for many ISBNs in one query: for each ISBN that matches titles, those titles by id. */
export function findByIsbns(db: Database, isbns: string[]): Map<string, TitleMatch[]> {
  const formsOf = new Map<string, string[]>();
  for (const isbn of isbns) {
    const forms = isbnForms(normalizeIsbn(isbn));
    if (forms.length > 0) formsOf.set(isbn, forms);
  }
  const found = new Map<string, TitleMatch[]>();
  if (formsOf.size === 0) return found;
  const rows = stmt(
    db,
    `SELECT i.isbn AS form, t.id, t.uuid, t.title, t.authors, t.year, t.isbn
       FROM title_isbns i JOIN titles t ON t.id = i.title_id
      WHERE i.isbn IN (SELECT value FROM json_each(?)) ORDER BY t.id`,
  ).all(JSON.stringify([...formsOf.values()].flat())) as (TitleRow & { form: string })[];
  if (rows.length === 0) return found;
  for (const [isbn, forms] of formsOf) {
    const matches: TitleMatch[] = [];
    for (const row of rows) if (forms.includes(row.form) && matches.at(-1)?.id !== row.id) matches.push(toMatch(row));
    if (matches.length > 0) found.set(isbn, matches);
  }
  return found;
}

/** The four digits of a year statement ("c2019", "[2020?]"), or null. */
export function yearDigits(year: string | null): string | null {
  return year === null ? null : (/\d{4}/u.exec(year)?.[0] ?? null);
}

/**
 * Titles with the same title (folded: case, tone marks and đ ignored), by the
 * same author (any of the title's authors, folded) and of the same year (its
 * four digits). A null author or year is not compared.
 */
export function findByTitleAuthorYear(
  db: Database,
  title: string,
  author: string | null,
  year: string | null,
): TitleMatch[] {
  return findByTitlesAuthorYear(db, [{ title, author, year }])[0] ?? [];
}

/** `findByTitleAuthorYear` for many titles in one query: the matches of each, in the order given. */
export function findByTitlesAuthorYear(
  db: Database,
  wanted: { title: string; author: string | null; year: string | null }[],
): TitleMatch[][] {
  const folded = wanted.map((w) => foldText(w.title));
  const asked = [...new Set(folded.filter((f) => f !== ''))];
  const rows =
    asked.length === 0
      ? []
      : (stmt(
          db,
          `SELECT id, uuid, title, authors, year, isbn, title_folded FROM titles
            WHERE title_folded IN (SELECT value FROM json_each(?)) ORDER BY id`,
        ).all(JSON.stringify(asked)) as (TitleRow & { title_folded: string })[]);
  const byTitle = new Map<string, (TitleRow & { title_folded: string })[]>();
  for (const row of rows) {
    const same = byTitle.get(row.title_folded);
    if (same) same.push(row);
    else byTitle.set(row.title_folded, [row]);
  }
  return wanted.map((w, i) => {
    const candidates = byTitle.get(folded[i]!) ?? [];
    if (candidates.length === 0) return [];
    const wantAuthor = w.author === null ? null : foldText(w.author);
    const wantYear = yearDigits(w.year);
    return candidates
      .filter((r) => {
        if (wantAuthor !== null && wantAuthor !== '') {
          const authors = (JSON.parse(r.authors) as string[]).map(foldText);
          if (!authors.includes(wantAuthor)) return false;
        }
        if (wantYear !== null && yearDigits(r.year) !== wantYear) return false;
        return true;
      })
      .map(toMatch);
  });
}

/** ISBN-10 ↔ ISBN-13 (978 prefix): both forms of one number, the given one first. */
export function isbnForms(isbn: string): string[] {
  if (/^\d{9}[\dX]$/u.test(isbn)) {
    const core = `978${isbn.slice(0, 9)}`;
    return [isbn, core + ean13Check(core)];
  }
  if (/^\d{13}$/u.test(isbn)) {
    if (isbn.startsWith('978')) {
      const core = isbn.slice(3, 12);
      return [isbn, core + isbn10Check(core)];
    }
    return [isbn];
  }
  return [];
}

function ean13Check(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

function isbn10Check(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(nine[i]) * (10 - i);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

/** Barcodes and accession numbers that copies not yet written have claimed (a batch of new titles). */
export interface ClaimedCodes {
  barcodes: ReadonlySet<string>;
  accessions: ReadonlySet<string>;
}

/**
 * Refuse a record whose barcodes or accession numbers repeat, or belong to another title's copies
 * (or are `claimed` by copies about to be written).
 */
export function checkCopies(
  db: Database,
  titleId: number | null,
  copies: CopyRecord[],
  claimed: ClaimedCodes | null = null,
): void {
  const barcodes = new Set<string>();
  const accessions = new Set<string>();
  for (const copy of copies) {
    refuseMisread(copy.barcode);
    if (barcodes.has(copy.barcode) || claimed?.barcodes.has(copy.barcode))
      throw new DeskRefusal('CONFLICT', { code: copy.barcode }, 'CONFLICT_barcode');
    barcodes.add(copy.barcode);
    const owner = stmt(db, 'SELECT title_id FROM items WHERE barcode = ?').get(copy.barcode) as
      { title_id: number } | undefined;
    if (owner && owner.title_id !== titleId)
      throw new DeskRefusal('CONFLICT', { code: copy.barcode }, 'CONFLICT_barcode');
    if (copy.accessionNumber !== null) {
      if (accessions.has(copy.accessionNumber) || claimed?.accessions.has(copy.accessionNumber))
        throw new DeskRefusal('CONFLICT', { code: copy.accessionNumber }, 'CONFLICT_accession');
      accessions.add(copy.accessionNumber);
      const holder = stmt(db, 'SELECT barcode FROM items WHERE accession_number = ?').get(copy.accessionNumber) as
        { barcode: string } | undefined;
      if (holder && holder.barcode !== copy.barcode)
        throw new DeskRefusal('CONFLICT', { code: copy.accessionNumber }, 'CONFLICT_accession');
    }
  }
}

/**
 * Create or update a title and its copies.
 *
 * - No uuid, or a uuid the desk does not know: a new title (with a fresh uuid when none was given).
 * - A known uuid: the description is replaced; copies are matched by barcode,
 *   listed ones written, new ones added. A copy left out of the record is kept
 *   (copies are never deleted: they are withdrawn, and loans refer to them).
 * - A copy's on-loan state belongs to circulation: a copy with an open loan
 *   stays on loan whatever the record says, and a record cannot put a copy
 *   on loan that has no loan here (it keeps its status, or is available).
 * - A barcode or accession number that belongs to another copy: CONFLICT,
 *   nothing written (the caller's transaction rolls back).
 *
 * Appends `catalog.titleSaved` with the record as stored, unless `fromSync`.
 */
export function saveTitle(ctx: Ctx, record: SaveTitleRecord, options: SaveTitleOptions = {}): SavedTitle {
  const existing = record.uuid === undefined ? undefined : findTitleByUuid(ctx.db, record.uuid);
  return writeTitle(ctx, existing, parseRecord(record, record.uuid ?? uuidv7()), options);
}

/** A TitleRecord that already went through `titleRecordSchema` (or its bib and copy schemas); the uuid may be left out on create. */
export type ParsedTitleRecord = Omit<TitleRecord, 'uuid'> & { uuid?: string };

/**
 * `saveTitle` for a caller that has parsed the record with the shared schemas
 * already (the import parses each bib and copy as it reads them; a sync pull
 * parses the hub's answer): the same normalising, checks, writes and outbox
 * event, without validating the record a second time. The schema's size
 * limits on the record as a whole are still checked, as they may be crossed
 * by assembling parsed parts.
 */
export function saveParsedTitle(ctx: Ctx, record: ParsedTitleRecord, options: SaveTitleOptions = {}): SavedTitle {
  return writeCheckedTitle(ctx, checkParsedTitle(ctx, record, options));
}

/** A title normalised and checked against the catalogue, ready to be written: see `checkParsedTitle`. */
export interface CheckedTitle {
  readonly existing: SavedTitle | undefined;
  readonly record: TitleRecord;
  readonly options: SaveTitleOptions;
}

/**
 * The first half of `saveParsedTitle`: normalise the record and make every
 * check that can refuse it (VALIDATION, a misread or repeated barcode,
 * CONFLICT with another title's copy), writing nothing. Its second half,
 * `writeCheckedTitle`, refuses nothing, so a caller that saves many records
 * in one transaction (the import) needs no savepoint per record to keep a
 * refused record from leaving half of itself behind. The check holds for the
 * catalogue as it is when checked: write it before anything else changes.
 */
export function checkParsedTitle(ctx: Ctx, record: ParsedTitleRecord, options: SaveTitleOptions = {}): CheckedTitle {
  const existing = record.uuid === undefined ? undefined : findTitleByUuid(ctx.db, record.uuid);
  const r = prepareTitleRecord(record);
  checkCopies(ctx.db, existing?.id ?? null, r.copies);
  return { existing, record: r, options };
}

/**
 * A parsed record as it will be stored (a fresh uuid when it has none),
 * normalised; VALIDATION when it is empty or crosses the limits of the record
 * as a whole (which assembling parsed parts can do).
 */
export function prepareTitleRecord(record: ParsedTitleRecord): TitleRecord {
  return record.copies.length > 1000 || (record.marcxml !== null && record.marcxml.length > 200_000)
    ? parseRecord(record, record.uuid ?? uuidv7())
    : normaliseRecord({ ...record, uuid: record.uuid ?? uuidv7() });
}

function writeTitle(ctx: Ctx, existing: SavedTitle | undefined, r: TitleRecord, options: SaveTitleOptions): SavedTitle {
  checkCopies(ctx.db, existing?.id ?? null, r.copies);
  return writeCheckedTitle(ctx, { existing, record: r, options });
}

/** The second half of `saveParsedTitle`: the writes and the outbox event of a checked title. Refuses nothing. */
export function writeCheckedTitle(ctx: Ctx, checked: CheckedTitle): SavedTitle {
  const { existing, record: r, options } = checked;
  const db = ctx.db;
  const columns = titleColumnValues(r);
  const marc = r.marcxml === null ? null : keptMarcRecord(db, existing?.id ?? null, r.marcxml);
  let id: number;
  if (existing) {
    id = existing.id;
    stmt(
      db,
      `UPDATE titles SET title = ?, responsibility = ?, authors = ?, isbn = ?, ddc = ?, edition = ?, place = ?,
         publisher = ?, year = ?, extent = ?, series = ?, subjects = ?, languages = ?, material_type = ?,
         needs_completion = ?, sort_key = ?, title_folded = ?, authors_folded = ?, subjects_folded = ?,
         series_folded = ?, search_folded = ?, marc_id = ?, updated_at = ?
       WHERE id = ?`,
    ).run(...columns, marc, ctx.nowIso, id);
    stmt(db, 'DELETE FROM title_isbns WHERE title_id = ?').run(id);
  } else {
    const info = stmt(
      db,
      `INSERT INTO titles (${titleInsertColumns}, marc_id, created_at, updated_at)
       VALUES (${titleInsertColumns.replace(/\w+/gu, '?')}, ?, ?, ?)`,
    ).run(...columns, r.uuid, marc, ctx.nowIso, ctx.nowIso);
    id = Number(info.lastInsertRowid);
  }
  const addIsbn = stmt(db, 'INSERT OR IGNORE INTO title_isbns (isbn, title_id) VALUES (?, ?)');
  for (const isbn of r.bib.isbn) addIsbn.run(isbn, id);

  const statuses = r.copies.map((copy) => writeCopy(ctx, id, copy, existing === undefined));

  if (!options.fromSync) {
    // The event carries the record as stored. The description is stored as
    // given (r is normalised), so it is not read back; the copies are, unless
    // this is a new title with at most one copy (then they are exactly r's,
    // with the status writeCopy settled on), since an existing title keeps
    // copies the record left out and the order is the database's.
    const copies =
      !existing && r.copies.length <= 1
        ? r.copies.map((c, i) => storedCopy(c, statuses[i]!))
        : readCopies(db, id).map(({ id: _id, ...copy }) => copy);
    // The MARC record is the one kept with the title, named, not written again.
    ctx.record('catalog.titleSaved', r.uuid, storedRecord({ ...r, marcxml: null }, copies), marc);
  }
  ctx.emit({ type: 'changed', domain: 'catalog' });
  return { id, uuid: r.uuid };
}

/**
 * Keep a MARC record (MARCXML, as text or UTF-8 bytes) in marc_records: its
 * id. A title's record that has not changed is the one it has, not a copy.
 */
export function keptMarcRecord(db: Database, titleId: number | null, marcxml: string | Uint8Array): number {
  if (titleId !== null) {
    const current = stmt(
      db,
      'SELECT m.id, m.marcxml FROM titles t JOIN marc_records m ON m.id = t.marc_id WHERE t.id = ?',
    ).get(titleId) as { id: number; marcxml: string } | undefined;
    const text = typeof marcxml === 'string' ? marcxml : Buffer.from(marcxml).toString('utf8');
    if (current?.marcxml === text) return current.id;
  }
  return Number(stmt(db, 'INSERT INTO marc_records (marcxml) VALUES (CAST(? AS TEXT))').run(marcxml).lastInsertRowid);
}

/** A record in the shape (and key order) `readTitleRecord` gives, so the event's JSON is the same. */
export function storedRecord(r: TitleRecord, copies: CopyRecord[]): TitleRecord {
  const b = r.bib;
  return {
    uuid: r.uuid,
    bib: {
      title: b.title,
      responsibility: b.responsibility,
      authors: b.authors,
      isbn: b.isbn,
      ddc: b.ddc,
      edition: b.edition,
      place: b.place,
      publisher: b.publisher,
      year: b.year,
      extent: b.extent,
      series: b.series,
      subjects: b.subjects,
      languages: b.languages,
      materialType: b.materialType,
    },
    marcxml: r.marcxml,
    needsCompletion: r.needsCompletion,
    copies,
  };
}

/**
 * The JSON of `storedRecord(r, copies)` up to its copies, the record's last
 * key: the copies' JSON and a closing brace complete it (NewTitleBatch does,
 * once the copies are written), so a new title's event can be serialised off
 * the desk's thread before its copies are stored.
 */
export function titleEventHead(r: TitleRecord): string {
  const json = JSON.stringify(storedRecord(r, []));
  if (!json.endsWith('"copies":[]}')) throw new Error('the copies are not the last key of a stored record');
  return json.slice(0, -'[]}'.length);
}

/** A copy in the shape (and key order) `readCopies` gives, with the status stored. */
export function storedCopy(c: CopyRecord, status: ItemStatus): CopyRecord {
  return {
    barcode: c.barcode,
    accessionNumber: c.accessionNumber,
    callNumber: c.callNumber,
    location: c.location,
    status,
    loanable: c.loanable,
    price: c.price,
    acquisition:
      c.acquisition === null
        ? null
        : { kind: c.acquisition.kind, donor: c.acquisition.donor, date: c.acquisition.date },
  };
}

/**
 * Insert or update one copy of title `titleId` (matched by barcode); checks are the caller's. Returns the status stored.
 * A new title's copies are new (checkCopies found none of their barcodes in use), so they are not looked up again.
 */
function writeCopy(ctx: Ctx, titleId: number, copy: CopyRecord, newTitle: boolean): ItemStatus {
  const db = ctx.db;
  const current = newTitle
    ? undefined
    : (stmt(
        db,
        `SELECT i.id, i.status, EXISTS (SELECT 1 FROM loans l WHERE l.item_id = i.id AND l.returned_at IS NULL) AS on_loan
       FROM items i WHERE i.barcode = ?`,
      ).get(copy.barcode) as { id: number; status: string; on_loan: number } | undefined);
  let status: ItemStatus = copy.status;
  if (current?.on_loan === 1) status = 'on_loan';
  else if (status === 'on_loan')
    status = current ? (current.status === 'on_loan' ? 'available' : (current.status as ItemStatus)) : 'available';
  const values = copyColumnValues(copy, status);
  if (current) {
    stmt(
      db,
      `UPDATE items SET status = ?, loanable = ?, accession_number = ?, accession_prefix = ?, accession_seq = ?,
         call_number = ?, call_number_key = ?, location = ?, price = ?, acquisition_kind = ?, acquisition_donor = ?,
         acquisition_date = ?, updated_at = ?
       WHERE id = ?`,
    ).run(...values, ctx.nowIso, current.id);
  } else {
    stmt(
      db,
      `INSERT INTO items (status, loanable, accession_number, accession_prefix, accession_seq, call_number,
         call_number_key, location, price, acquisition_kind, acquisition_donor, acquisition_date, title_id, barcode,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...values, titleId, copy.barcode, ctx.nowIso, ctx.nowIso);
  }
  return status;
}

export type TitleColumnValue = string | number | null;

/**
 * The titles columns `titleColumnValues` gives, in its order, then the uuid: for every writer of new titles.
 * The MARC record is not among them: it is kept in marc_records first (`keptMarcRecord`), and marc_id names it.
 */
export const titleInsertColumns = `title, responsibility, authors, isbn, ddc, edition, place, publisher, year, extent,
  series, subjects, languages, material_type, needs_completion, sort_key, title_folded, authors_folded,
  subjects_folded, series_folded, search_folded, uuid`;

/**
 * The values of a titles row as `writeTitle` stores them, in the order of its
 * INSERT and UPDATE: the description, then the sort key and folded search
 * columns. Also for the bulk writer of new titles (new-titles.ts), the demo generator and the benchmarks.
 */
export function titleColumnValues(r: TitleRecord): TitleColumnValue[] {
  const b = r.bib;
  // Folded once: search_folded below is the two joined.
  const titleFolded = foldText(b.title);
  const authorsFolded = joinFolded(b.authors.map(foldText));
  return [
    b.title,
    b.responsibility,
    JSON.stringify(b.authors),
    JSON.stringify(b.isbn),
    b.ddc,
    b.edition,
    b.place,
    b.publisher,
    b.year,
    b.extent,
    JSON.stringify(b.series),
    JSON.stringify(b.subjects),
    JSON.stringify(b.languages),
    b.materialType,
    r.needsCompletion ? 1 : 0,
    collationKey(b.title),
    titleFolded,
    authorsFolded,
    foldText(b.subjects.join(' ')),
    foldText(b.series.join(' ')),
    // search_folded (schema 1): title and authors, kept for what still reads it.
    joinFolded([titleFolded, authorsFolded]),
  ];
}

/**
 * The values of an items row as `writeCopy` stores them (status settled by the caller), in the order of its
 * INSERT and UPDATE. Also for the sync pull's bulk writer.
 */
export function copyColumnValues(copy: CopyRecord, status: ItemStatus): (string | number | null)[] {
  const split = copy.accessionNumber === null ? null : splitAccession(copy.accessionNumber);
  return [
    status,
    copy.loanable ? 1 : 0,
    copy.accessionNumber,
    split?.prefix ?? null,
    split?.seq ?? null,
    copy.callNumber,
    copy.callNumber === null ? null : copy.callNumber.toUpperCase(),
    copy.location,
    copy.price,
    copy.acquisition?.kind ?? null,
    copy.acquisition?.donor ?? null,
    copy.acquisition?.date ?? null,
  ];
}
