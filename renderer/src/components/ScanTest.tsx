import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceState, subscribeDevices } from '../device-events';

/** "Scan to test": the last code a hardware scanner read, and which scanner, shown as it arrives. */
export function ScanTest() {
  const { t } = useTranslation();
  const { lastScan } = useSyncExternalStore(subscribeDevices, deviceState);
  return (
    <div className="scan-test">
      <p className="hint">{t('ui.devices.scanTest.hint')}</p>
      <p role="status" className="scan-test-result" data-testid="scan-test">
        {lastScan ? (
          <>
            <span aria-hidden="true">✓ </span>
            {t('ui.devices.scanTest.last', { code: lastScan.code, source: lastScan.source })}
          </>
        ) : (
          t('ui.devices.scanTest.waiting')
        )}
      </p>
    </div>
  );
}
