import { z } from 'zod';

/**
 * Stable error codes. Integrations and the UI switch on these; the message
 * beside them is for people and follows the UI language.
 */
export const errorCodes = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'CONFLICT',
  'CARD_EXPIRED',
  'BLOCKED',
  'ALREADY_ON_LOAN',
  'ALREADY_ON_LOAN_TO_PATRON',
  'NOT_LOANABLE',
  'LIMIT_REACHED',
  'RENEWAL_LIMIT',
  'NOT_ON_LOAN',
  'POSSIBLE_DUPLICATE',
  'HAS_LOANS',
  'UNAUTHORIZED',
  'INTERNAL',
  'FORBIDDEN',
  'RATE_LIMITED',
  'NOT_A_PROXY',
  'NO_CONSENT',
  'BAD_TRANSITION',
  'SESSION_ENDED',
  'HUB_UNREACHABLE',
  'HUB_REFUSED',
  'NOT_ENROLLED',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const deskErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type DeskError = z.infer<typeof deskErrorSchema>;

/** Every channel answers one of these: errors are values, never throws. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: DeskError };

export function resultSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: deskErrorSchema }),
  ]);
}
