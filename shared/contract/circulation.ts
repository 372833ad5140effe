import { z } from 'zod';
import { barcodeSchema, calendarSchema, loanPolicySchema, loanSchema, loanViewSchema } from '../domain';
import { loanProxySchema, proxyRefSchema } from '../reader-services';

export const circulationChannels = {
  /**
   * Lend an item (by barcode) to a reader (by card number). Due date per policy
   * (with the extras of the reader's needs), moved off closed days. With `proxy`
   * someone the reader has named borrows on their behalf (NOT_A_PROXY otherwise);
   * the loan records them.
   */
  'circulation.checkout': {
    input: z.object({ patron: barcodeSchema, item: barcodeSchema, proxy: proxyRefSchema.optional() }).strict(),
    output: loanViewSchema.extend({ proxy: loanProxySchema.nullable().optional() }),
  },
  /**
   * Take an item back. Answers the closed loan, whose it was, days overdue and
   * any fee. With `proxy`, a proxy of the borrower brings it back (recorded).
   */
  'circulation.return': {
    input: z.object({ item: barcodeSchema, proxy: proxyRefSchema.optional() }).strict(),
    output: z.object({
      proxy: loanProxySchema.nullable().optional(),
      loan: loanSchema,
      overdueDays: z.number().int(),
      fee: z.number().int(),
      title: z.string(),
      patronName: z.string(),
      returnedAt: z.string(),
    }),
  },
  /** Renew an item on loan: a new due date counted from today. */
  'circulation.renew': {
    input: z.object({ item: barcodeSchema }).strict(),
    output: loanViewSchema,
  },
  /** A reader's open loans. */
  'circulation.loans': {
    input: z.object({ patron: barcodeSchema }).strict(),
    output: z.array(loanViewSchema),
  },
  /** The loan policies (reader category × material type; "*" matches any). */
  'policies.list': {
    input: z.object({}).strict(),
    output: z.array(loanPolicySchema),
  },
  /** Add or replace one loan policy. */
  'policies.upsert': {
    input: loanPolicySchema.strict(),
    output: z.array(loanPolicySchema),
  },
  /** The opening calendar: open weekdays and closed dates. */
  'calendar.get': {
    input: z.object({}).strict(),
    output: calendarSchema,
  },
  /** Replace the opening calendar. At least one weekday must stay open. */
  'calendar.update': {
    input: calendarSchema
      .extend({
        openWeekdays: calendarSchema.shape.openWeekdays.min(1),
        closedDates: z.array(calendarSchema.shape.closedDates.element.strict()),
      })
      .strict(),
    output: calendarSchema,
  },
} as const;
