import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToDesk, connectToKiosk, isKioskPage } from './api/transport';
import { App } from './App';
import { KioskApp } from './kiosk/KioskApp';
import { DisplayApp } from './display/DisplayApp';
import { initI18n } from './i18n';
import './styles.css';

const i18n = initI18n('vi');
const root = createRoot(document.getElementById('root')!);
try {
  // The kiosk page is served without the staff token, so it could not reach the desk's App anyway.
  // The reader-facing display: /display in the browser shell, #/display in Electron's second window.
  const readerDisplay = window.location.pathname === '/display' || window.location.hash === '#/display';
  root.render(
    <StrictMode>
      {isKioskPage() ? (
        <KioskApp api={connectToKiosk()} />
      ) : readerDisplay ? (
        <DisplayApp client={connectToDesk()} />
      ) : (
        <App client={connectToDesk()} />
      )}
    </StrictMode>,
  );
} catch (error) {
  // Not served by the desk (no token): say so instead of a blank page.
  root.render(
    <main className="loading">
      <p role="alert">{i18n.t('ui.loadFailed', { message: error instanceof Error ? error.message : String(error) })}</p>
    </main>,
  );
}
