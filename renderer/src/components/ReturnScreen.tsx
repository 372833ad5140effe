import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { announce, clearAnnouncement } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { formatMoney } from '../format';
import { createSerialQueue } from '../serial-queue';
import { LiveRegion } from './LiveRegion';
import { ReturnTable } from './ReturnTable';
import { ScanBox } from './ScanBox';

export type ReturnResult = ChannelOutput<'circulation.return'>;

/** Taking items back: scan one after another; each answer says whose it was and what is owed. */
export function ReturnScreen() {
  const { t, i18n } = useTranslation();
  const { api, hardwareScan } = useDesk();
  const [results, setResults] = useState<ReturnResult[]>([]);
  const enqueue = useMemo(
    () => createSerialQueue((error) => announce('error', error instanceof Error ? error.message : String(error))),
    [],
  );

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
      setResults((rows) => [r, ...rows]);
    });
  }

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
      </section>
      <section className="panel" aria-labelledby="returns-heading">
        <h2 id="returns-heading">{t('ui.return.resultsHeading')}</h2>
        <ReturnTable results={results} />
      </section>
    </div>
  );
}
