import type { ChannelOutput } from '../../../shared/contract';
import { normalizeText } from '../../../shared/text';
import { formatDate, formatDateTime, formatMoney } from './format';
import { auditActionText, exportText as T } from './labels';
import { brokenImages, FONT, imageFromDataUrl, mm, renderPdf, type PdfNode, type RenderedPdf } from './pdf';

/**
 * A reader's data as a readable A4 document (Decree 13/2023 access right):
 * the same content as the JSON export, in Vietnamese, for the reader to take
 * home. Every field of the record is listed, the sensitive ones with the
 * consent that allows keeping them or "không lưu" when they are not kept.
 */

export type ExportData = ChannelOutput<'patrons.exportData'>;

export interface ExportDocumentInput {
  data: ExportData;
  libraryName: string;
  /** The category as printed (its Vietnamese label). */
  categoryLabel: string;
  /** Who produced the export (the operator at the desk). */
  exportedBy: string;
}

const colours = {
  accent: '#0f4c5c',
  text: '#1b1f20',
  muted: '#5b6669',
  rule: '#c9d3d6',
  headerFill: '#e9f0f2',
  zebra: '#f6f8f9',
};

/** Text for a value that may be missing. */
const show = (value: string | null | undefined): string =>
  value === null || value === undefined || value === '' ? T.none : normalizeText(value);

function fieldTable(rows: [string, string | PdfNode][]): PdfNode {
  return {
    table: {
      widths: [mm(46), '*'],
      body: rows.map(([label, value]) => [
        { text: label, color: colours.muted },
        typeof value === 'string' ? { text: value, color: colours.text } : value,
      ]),
    },
    layout: {
      hLineWidth: (i: number, node: { table: { body: unknown[] } }) =>
        i === 0 || i === node.table.body.length ? 0 : 0.5,
      vLineWidth: () => 0,
      hLineColor: () => colours.rule,
      paddingLeft: () => 0,
      paddingRight: () => 6,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
  };
}

function sectionTitle(text: string): PdfNode {
  return { text, bold: true, fontSize: 11.5, color: colours.accent, margin: [0, 14, 0, 6] };
}

const gridLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0,
  hLineColor: () => colours.rule,
  fillColor: (row: number) => (row === 0 ? colours.headerFill : row % 2 === 0 ? colours.zebra : null),
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

function headerCells(labels: string[], rightAligned: readonly number[] = []): PdfNode[] {
  return labels.map((text, i) => ({
    text,
    bold: true,
    fontSize: 8,
    color: colours.text,
    alignment: rightAligned.includes(i) ? 'right' : 'left',
  }));
}

function statusText(record: ExportData['record']): string {
  if (record.erased) return T.erased;
  if (record.blocked) {
    return T.blocked(
      record.blockReason ? normalizeText(record.blockReason) : null,
      record.blockedBy ? normalizeText(record.blockedBy) : null,
      record.blockedAt ? formatDateTime(record.blockedAt) : null,
    );
  }
  return record.expired ? T.expired : T.active;
}

/** The pdfmake document for one reader's export. */
export function exportDocument(input: ExportDocumentInput): PdfNode {
  const { data, libraryName } = input;
  const r = data.record;
  const photo = imageFromDataUrl(r.photo);
  const images: Record<string, string> = photo ? { photo } : {};

  const recordRows: [string, string | PdfNode][] = [
    [T.cardNumber, r.cardNumber],
    [T.fullName, { text: show(r.fullName), bold: true, color: colours.text }],
    [T.dateOfBirth, r.dateOfBirth ? formatDate(r.dateOfBirth) : T.none],
    [T.sex, r.sex ? T.sexes[r.sex] : T.none],
    [T.phone, show(r.phone)],
    [T.address, show(r.address)],
    [T.commune, show(r.commune)],
    [T.idNumber, show(r.idNumber)],
    [T.introducedBy, show(r.introducedBy)],
    [T.guardianName, show(r.guardianName)],
    [T.guardianPhone, show(r.guardianPhone)],
    [T.category, show(input.categoryLabel)],
    [T.expiresOn, formatDate(r.expiresOn)],
    [T.status, statusText(r)],
    [T.registeredAt, formatDateTime(r.registeredAt)],
    [T.notes, show(r.notes)],
  ];

  const s = r.sensitive;
  const sensitiveRows: [string, string | PdfNode][] = [
    [T.ethnicity, s?.ethnicity ? normalizeText(s.ethnicity) : T.notKept],
    [T.disability, s?.disability ? normalizeText(s.disability) : T.notKept],
    [T.consent, s ? T.consentGiven(formatDateTime(s.consentGivenAt), normalizeText(s.consentRecordedBy)) : T.notKept],
  ];

  const loans: PdfNode =
    data.loans.length === 0
      ? { text: T.noLoans, color: colours.muted }
      : {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: [mm(5), '*', mm(25), mm(17.5), mm(17.5), mm(17.5), mm(12), mm(16)],
            body: [
              headerCells(
                ['#', T.loanTitle, T.loanItem, T.loanedAt, T.dueOn, T.returnedAt, T.overdueDays, T.fee],
                [6, 7],
              ),
              ...data.loans.map((loan, i) => [
                { text: String(i + 1), color: colours.muted },
                { text: normalizeText(loan.title) },
                { text: loan.item, fontSize: 8 },
                { text: formatDate(loan.loanedAt) },
                { text: formatDate(loan.dueOn) },
                loan.returnedAt
                  ? { text: formatDate(loan.returnedAt) }
                  : { text: T.onLoan, italics: true, color: colours.accent },
                { text: loan.overdueDays ? String(loan.overdueDays) : T.none, alignment: 'right' },
                { text: loan.fee ? formatMoney(loan.fee) : T.none, alignment: 'right' },
              ]),
            ],
          },
          layout: gridLayout,
          fontSize: 8.5,
        };

  const audit: PdfNode =
    data.auditTrail.length === 0
      ? { text: T.noAudit, color: colours.muted }
      : {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths: [mm(32), mm(40), '*'],
            body: [
              headerCells([T.auditAt, T.auditOperator, T.auditAction]),
              ...data.auditTrail.map((line) => [
                { text: formatDateTime(line.at) },
                { text: normalizeText(line.operator) },
                { text: auditActionText[line.action] ?? line.action },
              ]),
            ],
          },
          layout: gridLayout,
          fontSize: 8.5,
        };

  return {
    pageSize: 'A4',
    pageMargins: [mm(18), mm(16), mm(18), mm(18)],
    info: {
      title: `${T.title} — ${r.cardNumber}`,
      subject: normalizeText(libraryName),
      creator: 'Library Desk',
      producer: 'Library Desk',
    },
    defaultStyle: { font: FONT, fontSize: 9.5, lineHeight: 1.15, color: colours.text },
    images,
    footer: (current: number, count: number) => ({
      columns: [
        { text: normalizeText(libraryName), color: colours.muted },
        { text: T.page(current, count), alignment: 'right', color: colours.muted },
      ],
      fontSize: 7.5,
      margin: [mm(18), mm(6), mm(18), 0],
    }),
    content: [
      {
        columns: [
          { text: normalizeText(libraryName), bold: true, fontSize: 11, color: colours.accent },
          {
            text: `${T.exportedAt}: ${formatDateTime(data.exportedAt)}`,
            alignment: 'right',
            fontSize: 8.5,
            color: colours.muted,
          },
        ],
      },
      {
        canvas: [{ type: 'line', x1: 0, y1: 0, x2: mm(174), y2: 0, lineWidth: 1, lineColor: colours.accent }],
        margin: [0, 4, 0, 10],
      },
      { text: T.title, bold: true, fontSize: 15, color: colours.text },
      { text: T.subtitle, fontSize: 8.5, color: colours.muted, margin: [0, 2, 0, 0] },
      {
        text: `${T.exportedBy}: ${normalizeText(input.exportedBy)}`,
        fontSize: 8.5,
        color: colours.muted,
        margin: [0, 1, 0, 0],
      },
      sectionTitle(T.sectionRecord),
      photo
        ? {
            columns: [
              { width: '*', stack: [fieldTable(recordRows)] },
              {
                width: mm(32),
                stack: [
                  { image: 'photo', fit: [mm(30), mm(40)], alignment: 'right' },
                  { text: T.photo, fontSize: 7.5, color: colours.muted, alignment: 'right', margin: [0, 2, 0, 0] },
                ],
              },
            ],
            columnGap: mm(6),
          }
        : fieldTable(recordRows),
      sectionTitle(T.sectionSensitive),
      fieldTable(sensitiveRows),
      sectionTitle(T.sectionLoans),
      loans,
      sectionTitle(T.sectionAudit),
      audit,
    ],
  };
}

/** Render the export; a photo that cannot be read is left out, not fatal. */
export async function renderExport(input: ExportDocumentInput): Promise<RenderedPdf> {
  try {
    return await renderPdf(exportDocument(input));
  } catch (error) {
    const photo = input.data.record.photo;
    if ((await brokenImages([photo])).size === 0) throw error;
    return renderPdf(
      exportDocument({ ...input, data: { ...input.data, record: { ...input.data.record, photo: null } } }),
    );
  }
}
