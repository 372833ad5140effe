import type { Database } from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { ItemStatus, MaterialType, Title } from '../../../shared/domain';
import { normalizeText } from '../../../shared/text';
import type { Ctx } from '../context';
import { DeskRefusal } from '../errors';
import { nextAccessions, readAccessionSettings, writeAccessionSettings } from '../catalog/accession';
import { attachCopies, loadTitles, searchTitles, toHit } from '../catalog/search';
import { findTitleByUuid, readTitleRecord, saveTitle } from '../catalog/store';
import { documentHandler } from '../handlers';
import { renderLabels, type LabelData } from '../print/catalog-labels';
import { renderRegister, type RegisterHeader, type RegisterLine } from '../print/catalog-register';
import { findItem } from './rows';
import { stmt } from '../db/statements';

interface TitleRow {
  id: number;
  title: string;
  authors: string;
  material_type: string;
}

function copiesOf(db: Database, titleId: number): Title['copies'] {
  return (
    stmt(db, 'SELECT barcode, status FROM items WHERE title_id = ? ORDER BY barcode').all(titleId) as {
      barcode: string;
      status: ItemStatus;
    }[]
  ).map((c) => ({ barcode: c.barcode, status: c.status }));
}

function toTitle(db: Database, row: TitleRow): Title {
  return {
    id: row.id,
    title: row.title,
    authors: JSON.parse(row.authors) as string[],
    materialType: row.material_type as MaterialType,
    copies: copiesOf(db, row.id),
  };
}

export function addTitle(input: ParsedInput<'catalog.addTitle'>, ctx: Ctx): ChannelOutput<'catalog.addTitle'> {
  const saved = saveTitle(ctx, {
    bib: { title: input.title, authors: input.authors ?? [], materialType: input.materialType ?? 'book' },
    copies: (input.copies ?? []).map((c) => ({ barcode: c.barcode })),
  });
  const row = stmt(ctx.db, 'SELECT * FROM titles WHERE id = ?').get(saved.id) as TitleRow;
  return toTitle(ctx.db, row);
}

/** Ranked catalogue search (see catalog/search.ts). */
export function search(input: ParsedInput<'catalog.search'>, ctx: Ctx): ChannelOutput<'catalog.search'> {
  return searchTitles(ctx.db, {
    query: input.query,
    limit: input.limit ?? 20,
    offset: input.offset ?? 0,
    fields: input.fields,
    materialTypes: input.materialTypes,
    accessible: input.accessible,
    availableOnly: input.availableOnly,
  });
}

export function item(input: ParsedInput<'catalog.item'>, ctx: Ctx): ChannelOutput<'catalog.item'> {
  const row = findItem(ctx.db, input.barcode);
  if (!row) throw new DeskRefusal('NOT_FOUND', { code: input.barcode }, 'NOT_FOUND_item');
  return {
    barcode: row.barcode,
    status: row.status as ItemStatus,
    loanable: row.loanable === 1,
    title: row.title,
    authors: JSON.parse(row.authors) as string[],
    materialType: row.material_type as MaterialType,
  };
}

function titleIdOf(ctx: Ctx, ref: { id: number } | { uuid: string }): number {
  const id =
    'id' in ref
      ? (stmt(ctx.db, 'SELECT id FROM titles WHERE id = ?').get(ref.id) as { id: number } | undefined)?.id
      : findTitleByUuid(ctx.db, ref.uuid)?.id;
  if (id === undefined)
    throw new DeskRefusal('NOT_FOUND', { code: 'id' in ref ? String(ref.id) : ref.uuid }, 'NOT_FOUND_title');
  return id;
}

export function getTitle(input: ParsedInput<'catalog.getTitle'>, ctx: Ctx): ChannelOutput<'catalog.getTitle'> {
  const id = titleIdOf(ctx, input);
  const loans = stmt(
    ctx.db,
    `SELECT i.barcode, l.due_on AS dueOn, p.full_name AS patronName
       FROM loans l JOIN items i ON i.id = l.item_id JOIN patrons p ON p.id = l.patron_id
      WHERE i.title_id = ? AND l.returned_at IS NULL ORDER BY i.barcode`,
  ).all(id) as { barcode: string; dueOn: string; patronName: string }[];
  return { id, record: readTitleRecord(ctx.db, id)!, loans };
}

export function saveTitleChannel(
  input: ParsedInput<'catalog.saveTitle'>,
  ctx: Ctx,
): ChannelOutput<'catalog.saveTitle'> {
  if (input.uuid !== undefined && !findTitleByUuid(ctx.db, input.uuid))
    throw new DeskRefusal('NOT_FOUND', { code: input.uuid }, 'NOT_FOUND_title');
  return saveTitle(ctx, input);
}

export function addCopies(input: ParsedInput<'catalog.addCopies'>, ctx: Ctx): ChannelOutput<'catalog.addCopies'> {
  const id = titleIdOf(ctx, { uuid: input.uuid });
  for (const copy of input.copies) {
    if (findItem(ctx.db, copy.barcode)) throw new DeskRefusal('CONFLICT', { code: copy.barcode }, 'CONFLICT_barcode');
  }
  const missing = input.copies.filter((c) => c.accessionNumber === null).length;
  const numbers = input.accessionPrefix && missing > 0 ? nextAccessions(ctx.db, input.accessionPrefix, missing) : [];
  const copies = input.copies.map((c) =>
    c.accessionNumber === null && numbers.length > 0 ? { ...c, accessionNumber: numbers.shift()! } : c,
  );
  const record = readTitleRecord(ctx.db, id)!;
  saveTitle(ctx, { ...record, copies });
  return readTitleRecord(ctx.db, id)!;
}

export function updateCopy(input: ParsedInput<'catalog.updateCopy'>, ctx: Ctx): ChannelOutput<'catalog.updateCopy'> {
  const row = findItem(ctx.db, input.barcode);
  if (!row) throw new DeskRefusal('NOT_FOUND', { code: input.barcode }, 'NOT_FOUND_item');
  const record = readTitleRecord(ctx.db, row.title_id)!;
  const copy = record.copies.find((c) => c.barcode === row.barcode)!;
  if (input.status !== undefined && input.status !== copy.status && copy.status === 'on_loan') {
    throw new DeskRefusal('CONFLICT', { code: row.barcode, title: row.title }, 'CONFLICT_onLoan');
  }
  const changed = {
    ...copy,
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.location !== undefined ? { location: input.location } : {}),
    ...(input.callNumber !== undefined ? { callNumber: input.callNumber } : {}),
    ...(input.accessionNumber !== undefined ? { accessionNumber: input.accessionNumber } : {}),
    ...(input.price !== undefined ? { price: input.price } : {}),
    ...(input.loanable !== undefined ? { loanable: input.loanable } : {}),
  };
  saveTitle(ctx, { ...record, copies: [changed] });
  const hit = readTitleRecord(ctx.db, row.title_id)!.copies.find((c) => c.barcode === row.barcode)!;
  return {
    barcode: hit.barcode,
    status: hit.status,
    accessionNumber: hit.accessionNumber,
    callNumber: hit.callNumber,
    location: hit.location,
    loanable: hit.loanable,
    available: hit.status === 'available' && hit.loanable,
  };
}

export function quickAdd(input: ParsedInput<'catalog.quickAdd'>, ctx: Ctx): ChannelOutput<'catalog.quickAdd'> {
  if (findItem(ctx.db, input.barcode)) throw new DeskRefusal('CONFLICT', { code: input.barcode }, 'CONFLICT_barcode');
  const author = input.author === undefined ? '' : normalizeText(input.author);
  const saved = saveTitle(ctx, {
    bib: { title: input.title, authors: author === '' ? [] : [author], materialType: input.materialType },
    needsCompletion: true,
    copies: [{ barcode: input.barcode }],
  });
  return { ...saved, barcode: input.barcode };
}

export function incomplete(input: ParsedInput<'catalog.incomplete'>, ctx: Ctx): ChannelOutput<'catalog.incomplete'> {
  const total = (stmt(ctx.db, 'SELECT COUNT(*) AS n FROM titles WHERE needs_completion = 1').get() as { n: number }).n;
  const ids = (
    stmt(ctx.db, 'SELECT id FROM titles WHERE needs_completion = 1 ORDER BY id LIMIT ? OFFSET ?').all(
      input.limit ?? 50,
      input.offset ?? 0,
    ) as { id: number }[]
  ).map((r) => r.id);
  const rows = loadTitles(ctx.db, ids);
  const titles = ids.map((id) => toHit(rows.get(id)!, 'list', []));
  attachCopies(ctx.db, titles);
  return { total, titles };
}

export function nextAccession(
  input: ParsedInput<'catalog.nextAccession'>,
  ctx: Ctx,
): ChannelOutput<'catalog.nextAccession'> {
  return { numbers: nextAccessions(ctx.db, input.prefix, input.count ?? 1) };
}

export function getAccessionSettings(
  _input: ParsedInput<'catalog.getAccessionSettings'>,
  ctx: Ctx,
): ChannelOutput<'catalog.getAccessionSettings'> {
  return readAccessionSettings(ctx.db);
}

export function configureAccession(
  input: ParsedInput<'catalog.configureAccession'>,
  ctx: Ctx,
): ChannelOutput<'catalog.configureAccession'> {
  const codes = input.prefixes.map((p) => p.code);
  if (new Set(codes).size !== codes.length) throw new DeskRefusal('VALIDATION', { details: 'prefixes: repeated code' });
  writeAccessionSettings(ctx.db, input);
  ctx.audit('settings.accession', 'catalog', { prefixes: codes, digits: input.digits });
  return input;
}

interface LabelsGathered {
  labels: LabelData[];
  layout: ParsedInput<'catalog.labelsPdf'>['layout'];
  skip: number;
  library: string;
  today: string;
}

export const labelsPdf = documentHandler<'catalog.labelsPdf', LabelsGathered>({
  gather(input, ctx) {
    const labels = input.barcodes.map((barcode) => {
      const row = stmt(
        ctx.db,
        `SELECT i.barcode, i.accession_number, i.call_number, t.title
           FROM items i JOIN titles t ON t.id = i.title_id WHERE i.barcode = ?`,
      ).get(barcode) as
        { barcode: string; accession_number: string | null; call_number: string | null; title: string } | undefined;
      if (!row) throw new DeskRefusal('NOT_FOUND', { code: barcode }, 'NOT_FOUND_item');
      return {
        barcode: row.barcode,
        accessionNumber: row.accession_number,
        callNumber: row.call_number,
        title: row.title,
      };
    });
    ctx.audit('catalog.labelsPrinted', input.layout, { count: labels.length });
    return { labels, layout: input.layout, skip: input.skip ?? 0, library: ctx.settings.libraryName, today: ctx.today };
  },
  async render({ labels, layout, skip, library, today }) {
    const pdf = await renderLabels(labels, layout, library, skip);
    return {
      filename: `nhan-ma-vach-${today}.pdf`,
      mimeType: 'application/pdf' as const,
      base64: pdf.buffer.toString('base64'),
      pages: pdf.pages,
    };
  },
});

interface RegisterGathered {
  lines: RegisterLine[];
  header: RegisterHeader;
}

export const registerPdf = documentHandler<'catalog.registerPdf', RegisterGathered>({
  gather(input, ctx) {
    const rows = stmt(
      ctx.db,
      `SELECT i.accession_number, COALESCE(i.acquisition_date, substr(i.created_at, 1, 10)) AS date, t.title,
              t.authors, t.publisher, t.year, i.call_number, i.price, i.acquisition_kind, i.acquisition_donor,
              i.barcode, i.status
         FROM items i JOIN titles t ON t.id = i.title_id
        WHERE COALESCE(i.acquisition_date, substr(i.created_at, 1, 10)) BETWEEN ? AND ?
          AND (? IS NULL OR i.accession_prefix = ?)
        ORDER BY i.accession_prefix IS NULL, i.accession_prefix, i.accession_seq, i.accession_number, i.barcode`,
    ).all(input.from, input.to, input.prefix ?? null, input.prefix ?? null) as {
      accession_number: string | null;
      date: string;
      title: string;
      authors: string;
      publisher: string | null;
      year: string | null;
      call_number: string | null;
      price: number | null;
      acquisition_kind: 'purchase' | 'donation' | null;
      acquisition_donor: string | null;
      barcode: string;
      status: string;
    }[];
    ctx.audit('catalog.registerPrinted', `${input.from}..${input.to}`, { count: rows.length });
    return {
      lines: rows.map((r) => ({
        accessionNumber: r.accession_number,
        date: r.date,
        title: r.title,
        authors: JSON.parse(r.authors) as string[],
        publisher: r.publisher,
        year: r.year,
        callNumber: r.call_number,
        price: r.price,
        kind: r.acquisition_kind,
        donor: r.acquisition_donor,
        barcode: r.barcode,
        status: r.status,
      })),
      header: {
        library: ctx.settings.libraryName,
        from: input.from,
        to: input.to,
        prefix: input.prefix ?? null,
        printedOn: ctx.today,
      },
    };
  },
  async render({ lines, header }) {
    const pdf = await renderRegister(lines, header);
    return {
      filename: `so-dang-ky-ca-biet-${header.from}-${header.to}.pdf`,
      mimeType: 'application/pdf' as const,
      base64: pdf.buffer.toString('base64'),
      pages: pdf.pages,
    };
  },
});
