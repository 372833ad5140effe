import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskApi } from '../../../shared/contract';
import { deviceState, subscribeDevices } from '../device-events';

/** How often the status bar reads the print queue. */
const queueRefreshMs = 3000;

const signs = { connected: '✓', disconnected: '✕', error: '!' } as const;

interface QueueSummary {
  waiting: number;
  lastError: string | null;
}

/** Scanners as the desk last reported them, and the print queue: in words and signs, never colour alone. */
export function DeviceStatus({ api }: { api: DeskApi }) {
  const { t } = useTranslation();
  const { devices } = useSyncExternalStore(subscribeDevices, deviceState);
  const [queue, setQueue] = useState<QueueSummary | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      void api.printing.queue({}).then((result) => {
        if (cancelled || !result.ok) return;
        const pending = result.data.filter((job) => job.status === 'queued' || job.status === 'printing');
        // The newest job's trouble, while it is still not printed.
        const troubled = result.data.find((job) => job.status !== 'done' && job.lastError);
        setQueue({ waiting: pending.length, lastError: troubled?.lastError ?? null });
      });
    load();
    const timer = setInterval(load, queueRefreshMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api]);

  return (
    <>
      {devices.map((device) => (
        <li
          key={device.device}
          className={`device-state${device.status === 'connected' ? '' : ' device-error'}`}
          data-testid="scanner-state"
        >
          <span aria-hidden="true">{signs[device.status]} </span>
          {t(`ui.statusBar.scanner.${device.status}`, { name: device.device })}
          {device.message ? `: ${device.message}` : ''}
        </li>
      ))}
      {queue ? (
        <li data-testid="print-status">
          {t('ui.statusBar.printQueue', { count: queue.waiting })}
          {queue.lastError ? (
            <span className="device-error">
              {' '}
              <span aria-hidden="true">! </span>
              {t('ui.statusBar.printerError', { message: queue.lastError })}
            </span>
          ) : null}
        </li>
      ) : null}
    </>
  );
}
