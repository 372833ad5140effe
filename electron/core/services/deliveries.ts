import { uuidv7 } from '../uuid7';
import type { Database } from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import type { Delivery, DeliveryStatus } from '../../../shared/reader-services';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { DeskRefusal } from '../errors';
import type { DocumentHandler } from '../handlers';
import { renderDeliveryRound, type DeliveryRound } from '../print/delivery-round';
import { canMoveDelivery } from '../rules/delivery';
import { requirePatron } from './patrons';
import { findItem, refuseMisread } from './rows';

/**
 * Home delivery for readers who cannot come to the library: a request (items
 * by barcode, or what the reader asked for in words), delivered, later
 * collected; who did each step and when is kept on the request.
 */

interface DeliveryRow {
  id: number;
  uuid: string;
  items: string;
  text: string | null;
  status: DeliveryStatus;
  requested_at: string;
  requested_by: string;
  delivered_at: string | null;
  delivered_by: string | null;
  collected_at: string | null;
  collected_by: string | null;
  cancelled_at: string | null;
  card_number: string;
  full_name: string;
  address: string | null;
  commune: string | null;
  phone: string | null;
}

const deliverySelect = `
  SELECT d.*, p.card_number, p.full_name, p.address, p.commune, p.phone
    FROM deliveries d JOIN patrons p ON p.id = d.patron_id`;

function toDelivery(db: Database, row: DeliveryRow): Delivery {
  const barcodes = JSON.parse(row.items) as string[];
  return {
    id: row.id,
    patron: {
      cardNumber: row.card_number,
      fullName: row.full_name,
      address: row.address,
      commune: row.commune,
      phone: row.phone,
    },
    items: barcodes.map((barcode) => ({ barcode, title: findItem(db, barcode)?.title ?? null })),
    text: row.text,
    status: row.status,
    requestedAt: row.requested_at,
    requestedBy: row.requested_by,
    deliveredAt: row.delivered_at,
    deliveredBy: row.delivered_by,
    collectedAt: row.collected_at,
    collectedBy: row.collected_by,
    cancelledAt: row.cancelled_at,
  };
}

function deliveryById(db: Database, id: number): DeliveryRow | undefined {
  return stmt(db, `${deliverySelect} WHERE d.id = ?`).get(id) as DeliveryRow | undefined;
}

export function deliveriesOfPatron(db: Database, patronId: number): Delivery[] {
  const rows = stmt(db, `${deliverySelect} WHERE d.patron_id = ? ORDER BY d.id`).all(patronId) as DeliveryRow[];
  return rows.map((r) => toDelivery(db, r));
}

export function request(input: ParsedInput<'deliveries.request'>, ctx: Ctx): ChannelOutput<'deliveries.request'> {
  const reader = requirePatron(ctx.db, input.cardNumber);
  const items = [...new Set(input.items ?? [])];
  for (const barcode of items) {
    refuseMisread(barcode);
    if (!findItem(ctx.db, barcode)) throw new DeskRefusal('NOT_FOUND', { code: barcode }, 'NOT_FOUND_item');
  }
  const text = input.text ?? null;
  if (items.length === 0 && text === null)
    throw new DeskRefusal('VALIDATION', { details: 'items, text' }, 'DELIVERY_EMPTY');
  const uuid = uuidv7();
  const info = stmt(
    ctx.db,
    `INSERT INTO deliveries (uuid, patron_id, items, text, requested_at, requested_by) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(uuid, reader.id, JSON.stringify(items), text, ctx.nowIso, ctx.settings.operator);
  ctx.record('delivery.requested', reader.card_number, {
    deliveryId: uuid,
    patron: reader.card_number,
    items,
    // What was asked for in words may name the reader's condition: it stays on this desk.
    text: text !== null,
    requestedAt: ctx.nowIso,
  });
  ctx.emit({ type: 'changed', domain: 'circulation' });
  return toDelivery(ctx.db, deliveryById(ctx.db, Number(info.lastInsertRowid))!);
}

export function list(input: ParsedInput<'deliveries.list'>, ctx: Ctx): ChannelOutput<'deliveries.list'> {
  const limit = input.limit ?? 200;
  const rows = (
    input.status
      ? stmt(ctx.db, `${deliverySelect} WHERE d.status = ? ORDER BY d.id DESC LIMIT ?`).all(input.status, limit)
      : stmt(ctx.db, `${deliverySelect} ORDER BY d.id DESC LIMIT ?`).all(limit)
  ) as DeliveryRow[];
  return rows.map((r) => toDelivery(ctx.db, r));
}

const stepColumns = {
  delivered: ['delivered_at', 'delivered_by'],
  collected: ['collected_at', 'collected_by'],
  cancelled: ['cancelled_at', null],
} as const;

export function advance(input: ParsedInput<'deliveries.advance'>, ctx: Ctx): ChannelOutput<'deliveries.advance'> {
  const row = deliveryById(ctx.db, input.id);
  if (!row) throw new DeskRefusal('NOT_FOUND', { code: String(input.id) }, 'NOT_FOUND_delivery');
  if (!canMoveDelivery(row.status, input.to)) {
    throw new DeskRefusal('BAD_TRANSITION', {
      from: ctx.t(`ui.services.delivery.status.${row.status}`),
      to: ctx.t(`ui.services.delivery.status.${input.to}`),
    });
  }
  const [at, by] = stepColumns[input.to];
  stmt(ctx.db, `UPDATE deliveries SET status = ?, ${at} = ?${by ? `, ${by} = ?` : ''} WHERE id = ?`).run(
    ...[input.to, ctx.nowIso, ...(by ? [ctx.settings.operator] : []), row.id],
  );
  ctx.record(`delivery.${input.to}`, row.card_number, {
    deliveryId: row.uuid,
    patron: row.card_number,
    at: ctx.nowIso,
  });
  ctx.emit({ type: 'changed', domain: 'circulation' });
  return toDelivery(ctx.db, deliveryById(ctx.db, row.id)!);
}

function documentHandler<C extends 'deliveries.pdf', G>(handler: DocumentHandler<C, G>): DocumentHandler<C> {
  return handler as unknown as DocumentHandler<C>;
}

/** `deliveries.pdf`: the round — requests to deliver, then deliveries to collect — by commune and name. */
export const roundPdf = documentHandler<'deliveries.pdf', DeliveryRound>({
  gather(_input, ctx) {
    const rows = stmt(
      ctx.db,
      `${deliverySelect} WHERE d.status IN ('requested', 'delivered') ORDER BY d.requested_at, d.id`,
    ).all() as DeliveryRow[];
    ctx.audit('delivery.roundPrinted', 'deliveries', { count: rows.length });
    return {
      libraryName: ctx.settings.libraryName,
      today: ctx.today,
      operator: ctx.settings.operator,
      deliveries: rows.map((r) => toDelivery(ctx.db, r)),
    };
  },
  async render(round) {
    const pdf = await renderDeliveryRound(round);
    return {
      filename: `giao-sach-tan-nha-${round.today}.pdf`,
      mimeType: 'application/pdf' as const,
      base64: pdf.buffer.toString('base64'),
      pages: pdf.pages,
    };
  },
});
