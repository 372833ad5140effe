import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../desk-context';

type Mode = 'empty' | 'demo';

/**
 * The first-run choice, as a react-aria modal dialog: focus is held inside and
 * the page behind is hidden from assistive technology. The choice is required,
 * so neither Escape nor a click outside closes it.
 */
export function FirstRunDialog({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

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
    onDone();
  }

  return (
    <ModalOverlay isOpen isDismissable={false} isKeyboardDismissDisabled className="modal-overlay">
      <Modal className="first-run">
        <Dialog aria-describedby="first-run-body" data-testid="first-run" className="dialog">
          <Heading slot="title">{t('ui.firstRun.heading')}</Heading>
          <p id="first-run-body">{t('ui.firstRun.body')}</p>
          <div className="choices">
            <button
              type="button"
              className="button button-primary choice"
              // The first choice takes the focus, as a native modal dialog would give it.
              autoFocus
              onClick={() => void choose('empty')}
            >
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
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
