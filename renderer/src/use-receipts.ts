import { useState } from 'react';
import type { DeskApi } from '../../shared/contract';
import { announce } from './announcer';
import { autoPrintOn, queueReceipt, reprintLast, type ReceiptRequest } from './receipts';

type Enqueue = (task: () => Promise<void> | void) => Promise<void>;

/**
 * The receipt side of a finished checkout or return, shared by both screens:
 * queued at once when auto-print is on, else kept for the Print button; and
 * the reprint of the last one. Printing only queues: it never holds up the desk.
 */
export function useReceipts(api: DeskApi, enqueue: Enqueue, focusScanBox: () => void) {
  const [unprinted, setUnprinted] = useState<ReceiptRequest | null>(null);

  /** Called inside the screen's queue when a transaction is finished; `text` says how it went. */
  async function settle(receipt: ReceiptRequest | null, text: string): Promise<void> {
    if (receipt && (await autoPrintOn(api))) {
      await queueReceipt(api, receipt, text);
      setUnprinted(null);
    } else {
      announce('success', text);
      setUnprinted(receipt);
    }
  }

  function printUnprinted() {
    const receipt = unprinted;
    if (!receipt) return;
    setUnprinted(null);
    focusScanBox();
    void enqueue(async () => {
      if (!(await queueReceipt(api, receipt))) setUnprinted(receipt);
    });
  }

  function reprint() {
    focusScanBox();
    void enqueue(() => reprintLast(api));
  }

  return { canPrint: unprinted !== null, forget: () => setUnprinted(null), settle, printUnprinted, reprint };
}
