import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../desk-context';

type Mode = 'empty' | 'demo';

/**
 * The first-run choice, as a native modal dialog: showModal() traps focus and
 * makes the page behind it inert. The choice is required, so Escape does not close it.
 */
export function FirstRunDialog({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  async function choose(mode: Mode) {
    if (busy) return;
    setBusy(true);
    setError('');
    const result = await api.system.setup({ mode });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    dialog.current?.close();
    onDone();
  }

  const keepOpen = (event: SyntheticEvent) => event.preventDefault();

  return (
    <dialog
      ref={dialog}
      className="first-run"
      aria-labelledby="first-run-heading"
      aria-describedby="first-run-body"
      aria-busy={busy}
      onCancel={keepOpen}
      data-testid="first-run"
    >
      <h2 id="first-run-heading">{t('ui.firstRun.heading')}</h2>
      <p id="first-run-body">{t('ui.firstRun.body')}</p>
      <div className="choices">
        <button type="button" className="button button-primary choice" onClick={() => void choose('empty')}>
          <span className="choice-title">{t('ui.firstRun.empty')}</span>
          <span className="choice-hint">{t('ui.firstRun.emptyHint')}</span>
        </button>
        <button type="button" className="button choice" onClick={() => void choose('demo')}>
          <span className="choice-title">{t('ui.firstRun.demo')}</span>
          <span className="choice-hint">{t('ui.firstRun.demoHint')}</span>
        </button>
      </div>
      <p className="working" aria-live="polite">
        {busy ? t('ui.firstRun.working') : ''}
      </p>
      <p role="alert" className="message message-error">
        {error}
      </p>
    </dialog>
  );
}
