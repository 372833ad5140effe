import { z } from 'zod';

/**
 * The payloads of the desk's outbox events the hub applies, as the desk writes
 * them (electron/core/services/{circulation,patrons,privacy,catalog}.ts).
 * Loose: a newer desk may add fields.
 */
const card = z.string().min(1).max(64);
const barcode = z.string().min(1).max(64);

export const loanCheckedOut = z.looseObject({
  loanId: z.string().min(1).max(100),
  item: barcode,
  patron: card,
  loanedAt: z.string(),
  dueOn: z.string().nullable().optional(),
});
export const loanReturned = z.looseObject({
  loanId: z.string().min(1).max(100).nullable().optional(),
  item: barcode,
  patron: card.nullable().optional(),
  returnedAt: z.string(),
});
export const loanRenewed = z.looseObject({
  loanId: z.string().min(1).max(100),
  item: barcode,
  dueOn: z.string(),
  renewals: z.number().int().min(0).optional(),
});
export const patronRegistered = z.looseObject({
  cardNumber: card,
  fullName: z.string().max(300),
  category: z.string().max(64).default('adult'),
  expiresOn: z.string().max(40),
  blocked: z.boolean().default(false),
  registeredAt: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export const patronUpdated = z.looseObject({
  cardNumber: card,
  changes: z.record(z.string(), z.unknown()).default({}),
});
export const patronBlock = z.looseObject({ cardNumber: card, reason: z.string().max(1000).nullable().optional() });
export const patronCardRenewed = z.looseObject({ cardNumber: card, expiresOn: z.string().max(40) });
export const patronOnly = z.looseObject({ cardNumber: card });
/** catalog.titleAdded (the desk's quick add: a local id, no uuid). */
export const titleAdded = z.looseObject({
  id: z.union([z.number(), z.string()]),
  title: z.string().min(1).max(1000),
  authors: z.array(z.string()).default([]),
  materialType: z.string().optional(),
  copies: z.array(z.looseObject({ barcode, status: z.string().optional() })).default([]),
});

/** The reader an event is about (for erasure), from the payload's usual fields. */
export function subjectCard(type: string, payload: unknown): string | null {
  if (!payload || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  const value = type.startsWith('loan.') ? p.patron : type.startsWith('patron.') ? p.cardNumber : undefined;
  return typeof value === 'string' ? value : null;
}

export const anything = z.unknown();
