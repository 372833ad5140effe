import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskApi } from '../../../shared/contract';
import { formatDateTime } from '../format';
import { lastSyncAt, setSyncState, subscribeSync, syncState } from '../sync-events';

const signs = { online: '✓', offline: '✕', never_enrolled: '–' } as const;

/** How often the bar asks again when no event came (the count of events waiting moves with every loan). */
const refreshMs = 10_000;

/** Sync in the status bar: online or not, events waiting, the last sync, conflicts, the last error — in words and signs. */
export function SyncStatus({ api, timeZone }: { api: DeskApi; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const status = useSyncExternalStore(subscribeSync, syncState);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      void api.sync.status({}).then((result) => {
        if (!cancelled && result.ok) setSyncState(result.data);
      });
    load();
    const timer = setInterval(load, refreshMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api]);

  if (!status) return null;
  const last = lastSyncAt(status);
  const troubled = status.state === 'offline';
  return (
    <li className={troubled ? 'device-error' : undefined} data-testid="sync-status">
      <span aria-hidden="true">{signs[status.state]} </span>
      {t(`ui.sync.status.${status.state}`)}
      {status.state !== 'never_enrolled' ? (
        <>
          {status.syncing ? `, ${t('ui.sync.status.syncing')}` : ''}
          {`, ${t('ui.sync.status.pending', { count: status.pending })}`}
          {`, ${last ? t('ui.sync.status.lastSync', { time: formatDateTime(last, i18n.language, timeZone) }) : t('ui.sync.status.neverSynced')}`}
          {status.openExceptions > 0 ? `, ${t('ui.sync.status.exceptions', { count: status.openExceptions })}` : ''}
          {troubled && status.lastErrorKind ? (
            <span data-testid="sync-error">{`, ${t('ui.sync.status.error', { message: t(`ui.sync.errorKinds.${status.lastErrorKind}`) })}`}</span>
          ) : null}
        </>
      ) : null}
    </li>
  );
}
