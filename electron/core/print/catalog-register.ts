import { formatDate } from './format';
import { FONT, mm, renderPdf, type PdfNode, type RenderedPdf } from './pdf';

/**
 * The accession register (sổ đăng ký cá biệt) for a date range: one line per
 * copy in accession-number order, landscape A4, Vietnamese headers (a library's
 * register is a Vietnamese document whatever the screen language), the header
 * row repeated on every page, totals at the end, page numbers in the footer.
 */

export interface RegisterLine {
  accessionNumber: string | null;
  /** YYYY-MM-DD: the acquisition date (or the day the copy was entered). */
  date: string;
  title: string;
  authors: string[];
  publisher: string | null;
  year: string | null;
  callNumber: string | null;
  price: number | null;
  kind: 'purchase' | 'donation' | null;
  donor: string | null;
  barcode: string;
  status: string;
}

export interface RegisterHeader {
  library: string;
  from: string;
  to: string;
  prefix: string | null;
  printedOn: string;
}

export const registerText = {
  title: 'SỔ ĐĂNG KÝ CÁ BIỆT',
  range: (from: string, to: string) => `Từ ngày ${from} đến ngày ${to}`,
  prefix: (p: string) => `Kho / ký hiệu: ${p}`,
  columns: [
    'STT',
    'Số ĐKCB',
    'Ngày vào sổ',
    'Tên tài liệu – tác giả',
    'Nhà xuất bản, năm',
    'Ký hiệu phân loại',
    'Giá (đồng)',
    'Nguồn bổ sung',
    'Mã vạch',
    'Ghi chú',
  ],
  purchase: 'Mua',
  donation: (donor: string | null) => (donor ? `Tặng: ${donor}` : 'Tặng'),
  total: (count: number) => `Cộng: ${count} bản`,
  printedOn: (date: string) => `In ngày ${date}`,
  empty: 'Không có bản sách nào được đăng ký trong khoảng thời gian này.',
  page: (current: number, count: number) => `Trang ${current}/${count}`,
  status: {
    lost: 'Mất',
    damaged: 'Hỏng',
    withdrawn: 'Thanh lý',
  } as Record<string, string>,
} as const;

const money = new Intl.NumberFormat('vi-VN');

export function registerDocument(lines: readonly RegisterLine[], header: RegisterHeader): PdfNode {
  const head = registerText.columns.map((c) => ({ text: c, bold: true, alignment: 'center', fillColor: '#e8eef0' }));
  const body: PdfNode[][] = lines.map((l, i) => [
    { text: String(i + 1), alignment: 'right' },
    { text: l.accessionNumber ?? '—', bold: true },
    { text: formatDate(l.date) },
    { text: l.authors.length > 0 ? `${l.title} / ${l.authors.join('; ')}` : l.title },
    { text: [l.publisher, l.year].filter((s) => s !== null).join(', ') || '—' },
    { text: l.callNumber ?? '—' },
    { text: l.price === null ? '—' : money.format(l.price), alignment: 'right' },
    { text: l.kind === null ? '—' : l.kind === 'purchase' ? registerText.purchase : registerText.donation(l.donor) },
    { text: l.barcode, fontSize: 7 },
    { text: registerText.status[l.status] ?? '' },
  ]);
  const totalPrice = lines.reduce((sum, l) => sum + (l.price ?? 0), 0);
  const content: PdfNode[] = [
    { text: header.library.toUpperCase(), fontSize: 9, bold: true },
    { text: registerText.title, fontSize: 16, bold: true, alignment: 'center', margin: [0, 4, 0, 2] },
    {
      text: registerText.range(formatDate(header.from), formatDate(header.to)),
      alignment: 'center',
      margin: [0, 0, 0, header.prefix ? 0 : 8],
    },
  ];
  if (header.prefix)
    content.push({ text: registerText.prefix(header.prefix), alignment: 'center', margin: [0, 0, 0, 8] });
  if (lines.length === 0) {
    content.push({ text: registerText.empty, italics: true, margin: [0, 12, 0, 0] });
  } else {
    content.push({
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [22, 48, 50, '*', 100, 58, 52, 92, 66, 40],
        body: [
          head,
          ...body,
          [
            { text: registerText.total(lines.length), colSpan: 6, bold: true },
            {},
            {},
            {},
            {},
            {},
            { text: money.format(totalPrice), alignment: 'right', bold: true },
            { text: '', colSpan: 3 },
            {},
            {},
          ],
        ],
      },
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        hLineColor: () => '#777777',
        vLineColor: () => '#777777',
        paddingTop: () => 2,
        paddingBottom: () => 2,
      },
    });
  }
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [mm(12), mm(12), mm(12), mm(14)],
    info: { title: registerText.title, creator: 'Library Desk', producer: 'Library Desk' },
    defaultStyle: { font: FONT, fontSize: 8, lineHeight: 1.1 },
    footer: (current: number, count: number) => ({
      columns: [
        { text: registerText.printedOn(formatDate(header.printedOn)), margin: [mm(12), 0, 0, 0] },
        { text: registerText.page(current, count), alignment: 'right', margin: [0, 0, mm(12), 0] },
      ],
      fontSize: 7,
      color: '#555555',
    }),
    content,
  };
}

export function renderRegister(lines: readonly RegisterLine[], header: RegisterHeader): Promise<RenderedPdf> {
  return renderPdf(registerDocument(lines, header));
}
