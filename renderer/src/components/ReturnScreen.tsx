import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { announce, clearAnnouncement } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { formatMoney } from '../format';
import type { ReceiptRequest } from '../receipts';
import { useReceipts } from '../use-receipts';
import { createSerialQueue } from '../serial-queue';
import { DisplayPublisher, preferredLanguageOf } from '../display/reader-display';
import { useShortcut } from '../use-shortcut';
import { ReceiptButtons } from './ReceiptButtons';
import { LiveRegion } from './LiveRegion';
import { ReturnTable } from './ReturnTable';
import { ScanBox } from './ScanBox';
import { ShortcutKey } from './ShortcutKey';

export type ReturnResult = ChannelOutput<'circulation.return'>;

/** Taking items back: scan one after another; each answer says whose it was and what is owed. */
export function ReturnScreen() {
  const { t, i18n } = useTranslation();
  const { api, hardwareScan, focusScanBox } = useDesk();
  const [results, setResults] = useState<ReturnResult[]>([]);
  // Items taken back since the last "finish": the next return receipt. A ref, as queued scans run before re-renders.
  const returned = useRef<string[]>([]);
  const enqueue = useMemo(
    () => createSerialQueue((error) => announce('error', error instanceof Error ? error.message : String(error))),
    [],
  );
  const receipts = useReceipts(api, enqueue, focusScanBox);
  const display = useMemo(() => new DisplayPublisher(api), [api]);
  useEffect(() => () => display.clear(), [display]);

  useEffect(() => clearAnnouncement, []);

  function onScan(code: string) {
    void enqueue(async () => {
      const result = await api.circulation.return({ item: code });
      if (!result.ok) {
        announce('error', describeError(result.error));
        return;
      }
      const r = result.data;
      const params = { title: r.title, barcode: r.loan.item, name: r.patronName, days: r.overdueDays };
      if (r.fee > 0) {
        announce('warning', t('ui.announce.returnedFee', { ...params, fee: formatMoney(r.fee, i18n.language) }));
      } else if (r.overdueDays > 0) {
        announce('warning', t('ui.announce.returnedOverdue', params));
      } else {
        announce('success', t('ui.announce.returned', params));
      }
      // Each item's own reader on the display: a book of another reader starts afresh.
      display.ensureReader({ card: r.loan.patron, name: r.patronName, language: preferredLanguageOf(r) });
      display.line(
        { kind: 'returned', title: r.title, barcode: r.loan.item, dueOn: r.loan.dueOn, overdueDays: r.overdueDays },
        r.overdueDays > 0 ? 'returnedOverdue' : 'returned',
        r.overdueDays > 0 ? 'warning' : 'success',
      );
      if (!returned.current.includes(r.loan.item)) returned.current.push(r.loan.item);
      receipts.forget();
      setResults((rows) => [r, ...rows]);
    });
  }

  function finish() {
    void enqueue(async () => {
      const items = returned.current;
      returned.current = [];
      const text = t('ui.return.finished', { count: items.length });
      const receipt: ReceiptRequest | null = items.length > 0 ? { kind: 'return', items } : null;
      await receipts.settle(receipt, text);
      display.end();
      setResults([]);
      focusScanBox();
    });
  }

  useShortcut('F9', finish);

  useEffect(() => {
    hardwareScan.current = onScan;
    return () => {
      hardwareScan.current = null;
    };
  });

  return (
    <div className="screen return-screen">
      <h1>{t('ui.return.heading')}</h1>
      <section className="panel scan-panel" aria-label={t('ui.scan.label')}>
        <ScanBox hint={t('ui.scan.hintReturn')} onScan={onScan} />
        <LiveRegion />
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            onClick={finish}
            data-testid="finish-returns"
            aria-keyshortcuts="F9"
          >
            {t('ui.return.finish')} <ShortcutKey keyName="F9" />
          </button>
          <ReceiptButtons canPrint={receipts.canPrint} onPrint={receipts.printUnprinted} onReprint={receipts.reprint} />
        </div>
      </section>
      <section className="panel" aria-labelledby="returns-heading">
        <h2 id="returns-heading">{t('ui.return.resultsHeading')}</h2>
        <ReturnTable results={results} />
      </section>
    </div>
  );
}
