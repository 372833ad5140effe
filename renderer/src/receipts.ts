import i18next from 'i18next';
import type { ChannelInput, DeskApi } from '../../shared/contract';
import { announce } from './announcer';
import { describeError } from './describe-error';

/** What a receipt is printed for: the reader's card (checkout) and the items' barcodes. */
export type ReceiptRequest = ChannelInput<'printing.printReceipt'>;

/** The desk takes at most this many items on one receipt (printReceiptInputSchema). */
const maxItems = 50;

/** True when the printer settings say to print after every transaction without being asked. */
export async function autoPrintOn(api: DeskApi): Promise<boolean> {
  const result = await api.printing.getConfig({});
  return result.ok && result.data.autoPrint;
}

/**
 * Queue a receipt. The desk only puts it in its print queue, so this never
 * waits for the printer; `done` is said first (the transaction's own outcome),
 * the receipt's fate after it. A refused receipt goes to the alert region:
 * the loans or returns are recorded all the same.
 */
export async function queueReceipt(api: DeskApi, request: ReceiptRequest, done = ''): Promise<boolean> {
  const result = await api.printing.printReceipt({ ...request, items: request.items.slice(-maxItems) });
  const t = i18next.t;
  if (result.ok) {
    announce('success', [done, t('ui.receipt.queued', { count: request.items.length })].filter(Boolean).join(' '));
    return true;
  }
  announce(
    'error',
    [done, t('ui.receipt.refused', { message: describeError(result.error) })].filter(Boolean).join(' '),
  );
  return false;
}

/** Queue the last checkout or return receipt again. */
export async function reprintLast(api: DeskApi): Promise<void> {
  const result = await api.printing.reprintLast({});
  const t = i18next.t;
  if (!result.ok) announce('error', t('ui.receipt.refused', { message: describeError(result.error) }));
  else if (result.data === null) announce('warning', t('ui.receipt.noneYet'));
  else announce('success', t('ui.receipt.reprinted'));
}
