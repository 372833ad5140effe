import type { z } from 'zod';
import { titleRecordSchema } from '../../../shared/bib';
import type { SyncEvent } from '../../../shared/sync-protocol';
import { titleAddedAsRecord } from './catalog';
import * as payloads from './payloads';

/** Which rule of hub_apply_event (db/apply-functions.ts) an event goes to. */
type Rule =
  | 'checkout'
  | 'return'
  | 'renew'
  | 'registered'
  | 'updated'
  | 'blocked'
  | 'unblocked'
  | 'cardRenewed'
  | 'consent'
  | 'erased'
  | 'title'
  | 'noop'
  | 'store'
  | 'invalid';

/** One event ready for the database: its payload checked and normalised, its instant. */
export interface PreparedEvent {
  seq: number;
  type: string;
  rule: Rule;
  p: unknown;
  at: string;
  problem: string | null;
}

interface Route {
  rule: Rule;
  schema: z.ZodType;
  /** The instant the change happened, from the payload when it has one. */
  when?: (p: Record<string, unknown>) => unknown;
  convert?: (deviceId: string, p: never) => unknown;
}

/** The event types the hub applies; any other type is stored, not applied, without error. */
const routes: Record<string, Route> = {
  'loan.checkedOut': { rule: 'checkout', schema: payloads.loanCheckedOut, when: (p) => p.loanedAt },
  'loan.returned': { rule: 'return', schema: payloads.loanReturned, when: (p) => p.returnedAt },
  'loan.renewed': { rule: 'renew', schema: payloads.loanRenewed },
  'patron.registered': { rule: 'registered', schema: payloads.patronRegistered, when: (p) => p.registeredAt },
  'patron.updated': { rule: 'updated', schema: payloads.patronUpdated },
  'patron.blocked': { rule: 'blocked', schema: payloads.patronBlock },
  'patron.unblocked': { rule: 'unblocked', schema: payloads.patronBlock },
  'patron.cardRenewed': { rule: 'cardRenewed', schema: payloads.patronCardRenewed },
  'patron.consentChanged': { rule: 'consent', schema: payloads.patronOnly },
  'patron.erased': { rule: 'erased', schema: payloads.patronOnly },
  'catalog.titleSaved': { rule: 'title', schema: titleRecordSchema },
  'catalog.titleAdded': {
    rule: 'title',
    schema: payloads.titleAdded,
    convert: (deviceId, p: z.output<typeof payloads.titleAdded>) => titleAddedAsRecord(deviceId, p),
  },
  // Demo data is the desk's own sample; it carries no records for the hub.
  'system.demoLoaded': { rule: 'noop', schema: payloads.anything },
};

export const appliedEventTypes = Object.keys(routes);

function instant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** NFC for every string in a payload: the hub stores Vietnamese text composed, as the desk does. */
function nfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfc);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfc(v)]));
  return value;
}

/** Checks an event's payload against what the desk writes and picks its rule. */
export function prepareEvent(deviceId: string, event: SyncEvent, serverTime: Date): PreparedEvent {
  const route = routes[event.type];
  const created = instant(event.createdAt) ?? serverTime;
  const base = { seq: event.deviceSeq, type: event.type, problem: null };
  if (!route) return { ...base, rule: 'store', p: null, at: created.toISOString() };
  const parsed = route.schema.safeParse(event.payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`);
    return {
      ...base,
      rule: 'invalid',
      p: null,
      at: created.toISOString(),
      problem: `The ${event.type} payload does not have the expected shape (${issues.join('; ')}).`,
    };
  }
  const data = nfc(parsed.data) as Record<string, unknown>;
  const at = instant(route.when?.(data)) ?? created;
  const p = route.convert ? route.convert(deviceId, data as never) : data;
  return { ...base, rule: route.rule, p, at: at.toISOString() };
}
