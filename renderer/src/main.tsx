import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToDesk } from './api/transport';
import { App } from './App';
import { DisplayApp } from './display/DisplayApp';
import { initI18n } from './i18n';
import './styles.css';

const i18n = initI18n('vi');
const root = createRoot(document.getElementById('root')!);
try {
  const client = connectToDesk();
  // The reader-facing display: /display in the browser shell, #/display in Electron's second window.
  const readerDisplay = window.location.pathname === '/display' || window.location.hash === '#/display';
  root.render(<StrictMode>{readerDisplay ? <DisplayApp client={client} /> : <App client={client} />}</StrictMode>);
} catch (error) {
  // Not served by the desk (no token): say so instead of a blank page.
  root.render(
    <main className="loading">
      <p role="alert">{i18n.t('ui.loadFailed', { message: error instanceof Error ? error.message : String(error) })}</p>
    </main>,
  );
}
