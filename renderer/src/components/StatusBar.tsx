import { useTranslation } from 'react-i18next';
import type { DeskApi } from '../../../shared/contract';
import type { DeskStatus } from '../desk-context';
import { DeviceStatus } from './DeviceStatus';
import { SyncStatus } from './SyncStatus';

/** What the desk holds, and who is on duty. Props, not context: a recount re-renders only this bar. */
export function StatusBar({
  status,
  operator,
  api,
  timeZone,
}: {
  status: DeskStatus | null;
  operator: string;
  api: DeskApi;
  timeZone: string;
}) {
  const { t } = useTranslation();
  return (
    <footer className="status-bar" aria-label={t('ui.statusBar.label')} data-testid="status-bar">
      <ul>
        {status ? (
          <>
            <li>{t('ui.statusBar.patrons', { count: status.patrons })}</li>
            <li>{t('ui.statusBar.titles', { count: status.titles })}</li>
            <li>{t('ui.statusBar.items', { count: status.items })}</li>
            <li>{t('ui.statusBar.openLoans', { count: status.openLoans })}</li>
            <li>{t('ui.statusBar.outbox', { count: status.outboxPending })}</li>
          </>
        ) : null}
        <DeviceStatus api={api} />
        <SyncStatus api={api} timeZone={timeZone} />
        <li className="operator">{t('ui.statusBar.operator', { name: operator })}</li>
      </ul>
    </footer>
  );
}
