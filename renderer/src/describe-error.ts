import i18next from 'i18next';
import type { DeskError } from '../../shared/result';
import { formatDate } from './format';

/** Codes whose message carries a calendar date, which the core leaves as YYYY-MM-DD. */
const datedCodes = new Set<DeskError['code']>(['ALREADY_ON_LOAN', 'CARD_EXPIRED']);

/**
 * The desk's own message for an error, in the UI language. Where the message
 * holds a date, it is worded again from the same catalogue entry with the date
 * written the local way (26/11/2026, not 2026-11-26).
 */
export function describeError(error: DeskError): string {
  const date = error.details?.date;
  if (!datedCodes.has(error.code) || typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/u.test(date)) {
    return error.message;
  }
  const lng = i18next.language;
  const key = `errors.${error.code}` as 'errors.ALREADY_ON_LOAN' | 'errors.CARD_EXPIRED';
  return i18next.t(key, { ...error.details, date: formatDate(date, lng), lng });
}
