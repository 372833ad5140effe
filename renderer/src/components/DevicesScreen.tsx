import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clearAnnouncement } from '../announcer';
import { LiveRegion } from './LiveRegion';
import { PrinterSettings } from './PrinterSettings';
import { PrintQueue } from './PrintQueue';
import { ReceiptWordingForm } from './ReceiptWordingForm';
import { ScannerSettings } from './ScannerSettings';
import { ScanTest } from './ScanTest';
import { DisplaySettings } from './DisplaySettings';
import { SpeechSettings } from './SpeechSettings';

/** Scanners and the receipt printer: which to use, a scan to test, a test page, and the print queue. */
export function DevicesScreen() {
  const { t } = useTranslation();
  // Bumped after each print action, so the queue is read again at once.
  const [version, setVersion] = useState(0);

  useEffect(() => clearAnnouncement, []);

  return (
    <div className="screen devices-screen">
      <h1>{t('ui.devices.heading')}</h1>
      <LiveRegion />
      <div className="devices-layout">
        <section className="panel" aria-labelledby="scanners-heading">
          <h2 id="scanners-heading">{t('ui.devices.scanners.heading')}</h2>
          <ScannerSettings />
          <h3>{t('ui.devices.scanTest.heading')}</h3>
          <ScanTest />
        </section>
        <section className="panel" aria-labelledby="printer-heading">
          <h2 id="printer-heading">{t('ui.devices.printer.heading')}</h2>
          <PrinterSettings onQueued={() => setVersion((v) => v + 1)} />
          <ReceiptWordingForm />
          <PrintQueue version={version} />
        </section>
        <section className="panel" aria-labelledby="speech-heading">
          <h2 id="speech-heading">{t('ui.a11y.speech.heading')}</h2>
          <SpeechSettings />
        </section>
        <section className="panel" aria-labelledby="display-heading">
          <h2 id="display-heading">{t('ui.a11y.display.heading')}</h2>
          <DisplaySettings />
        </section>
      </div>
    </div>
  );
}
