import type { Delivery } from '../../../shared/reader-services';
import { compareVietnamese, normalizeText } from '../../../shared/text';
import { formatDate } from './format';
import { FONT, mm, renderPdf, type PdfNode, type RenderedPdf } from './pdf';

/**
 * The home-delivery round as an A4 list to carry: what to take to whom, then
 * what to bring back, grouped by commune so the round follows the road, with
 * a box to tick at each door. A Vietnamese working document, like the cards.
 */

export interface DeliveryRound {
  libraryName: string;
  today: string;
  operator: string;
  deliveries: Delivery[];
}

const text = {
  title: 'DANH SÁCH GIAO SÁCH TẬN NHÀ',
  printed: 'Ngày in',
  by: 'Người in',
  toDeliver: 'Cần giao',
  toCollect: 'Cần thu hồi',
  none: 'Không có.',
  reader: 'Bạn đọc',
  address: 'Địa chỉ',
  items: 'Tài liệu',
  requested: 'Ngày yêu cầu',
  delivered: 'Ngày giao',
  done: 'Xong',
  noCommune: 'Chưa ghi xã',
} as const;

function itemsText(d: Delivery): string {
  const lines = d.items.map((i) => (i.title ? `${normalizeText(i.title)} (${i.barcode})` : i.barcode));
  if (d.text) lines.push(normalizeText(d.text));
  return lines.join('\n');
}

function section(
  title: string,
  list: Delivery[],
  dateOf: (d: Delivery) => string | null,
  dateLabel: string,
): PdfNode[] {
  if (list.length === 0)
    return [
      { text: title, bold: true, fontSize: 13, margin: [0, 12, 0, 4] },
      { text: text.none, italics: true },
    ];
  const byCommune = new Map<string, Delivery[]>();
  for (const d of list) {
    const key = d.patron.commune ?? text.noCommune;
    byCommune.set(key, [...(byCommune.get(key) ?? []), d]);
  }
  const communes = [...byCommune.keys()].sort(compareVietnamese);
  const body: PdfNode[][] = [
    [text.reader, text.address, text.items, dateLabel, text.done].map((t) => ({ text: t, bold: true })),
  ];
  for (const commune of communes) {
    body.push([{ text: commune, bold: true, colSpan: 5, fillColor: '#e9f0f2' }, {}, {}, {}, {}]);
    const rows = byCommune.get(commune)!.sort((a, b) => compareVietnamese(a.patron.fullName, b.patron.fullName));
    for (const d of rows) {
      body.push([
        {
          text: [
            normalizeText(d.patron.fullName),
            `\n${d.patron.cardNumber}`,
            d.patron.phone ? `\n${d.patron.phone}` : '',
          ],
        },
        { text: d.patron.address ? normalizeText(d.patron.address) : '—' },
        { text: itemsText(d) },
        { text: formatDate(dateOf(d) ?? '') },
        // An empty box to tick by hand at the door.
        { canvas: [{ type: 'rect', x: 2, y: 2, w: 10, h: 10, lineWidth: 0.8 }] },
      ]);
    }
  }
  return [
    { text: `${title} (${list.length})`, bold: true, fontSize: 13, margin: [0, 12, 0, 4] },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: [mm(42), mm(38), '*', mm(20), mm(10)], body },
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        hLineColor: () => '#9aa5a8',
        vLineColor: () => '#9aa5a8',
      },
      fontSize: 9.5,
    },
  ];
}

export function deliveryRoundDefinition(round: DeliveryRound): PdfNode {
  const toDeliver = round.deliveries.filter((d) => d.status === 'requested');
  const toCollect = round.deliveries.filter((d) => d.status === 'delivered');
  return {
    pageSize: 'A4',
    pageMargins: [mm(15), mm(15), mm(15), mm(15)],
    defaultStyle: { font: FONT, fontSize: 10 },
    info: { title: `${text.title} — ${normalizeText(round.libraryName)}` },
    content: [
      { text: normalizeText(round.libraryName), fontSize: 10, color: '#5b6669' },
      { text: text.title, bold: true, fontSize: 16, margin: [0, 2, 0, 2] },
      {
        text: `${text.printed}: ${formatDate(round.today)} · ${text.by}: ${normalizeText(round.operator)}`,
        fontSize: 9,
      },
      ...section(text.toDeliver, toDeliver, (d) => d.requestedAt, text.requested),
      ...section(text.toCollect, toCollect, (d) => d.deliveredAt, text.delivered),
    ],
  };
}

export function renderDeliveryRound(round: DeliveryRound): Promise<RenderedPdf> {
  return renderPdf(deliveryRoundDefinition(round));
}
