import { useId, useState, type FormEvent } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { FieldError } from './FormField';

interface EraseDialogProps {
  name: string;
  cardNumber: string;
  onErased: (result: ChannelOutput<'patrons.erase'>) => void;
  onClose: () => void;
}

/**
 * Erasing a reader's personal data, as a react-aria modal dialog (Escape or Cancel closes it,
 * the focus goes back to the button that opened it): the librarian types the
 * card number again. A refusal (items still on loan) is said inside the dialog,
 * the only part of the page a screen reader can reach while it is open.
 */
export function EraseDialog({ name, cardNumber, onErased, onClose }: EraseDialogProps) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [refusal, setRefusal] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setRefusal('');
    if (typed.trim() !== cardNumber) {
      setMismatch(true);
      document.getElementById(`${id}-confirm`)?.focus();
      return;
    }
    setMismatch(false);
    setBusy(true);
    const result = await api.patrons.erase({ cardNumber, confirmCardNumber: typed.trim() });
    setBusy(false);
    if (result.ok) {
      onClose();
      onErased(result.data);
    } else {
      setRefusal(describeError(result.error));
    }
  }

  const errorId = `${id}-confirm-error`;
  return (
    <ModalOverlay
      isOpen
      isDismissable
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      className="modal-overlay"
    >
      <Modal className="modal erase-dialog">
        <Dialog aria-describedby={`${id}-body`} data-testid="erase-dialog" className="dialog">
          <form noValidate onSubmit={(event) => void submit(event)}>
            <Heading slot="title">{t('ui.erase.heading', { name })}</Heading>
            <p id={`${id}-body`}>{t('ui.erase.body')}</p>
            <div className={`field${mismatch ? ' field-invalid' : ''}`}>
              <label htmlFor={`${id}-confirm`}>{t('ui.erase.confirmLabel', { card: cardNumber })}</label>
              {mismatch ? <FieldError id={errorId} message={t('ui.erase.mismatch', { card: cardNumber })} /> : null}
              <input
                id={`${id}-confirm`}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                autoFocus
                className="code"
                value={typed}
                onChange={(event) => setTyped(event.currentTarget.value)}
                aria-invalid={mismatch ? true : undefined}
                aria-describedby={mismatch ? errorId : undefined}
                data-testid="erase-confirm"
              />
            </div>
            <p role="alert" className="message message-error" data-testid="erase-refusal">
              {refusal ? (
                <>
                  <span className="message-icon" aria-hidden="true">
                    ✕
                  </span>
                  <span>
                    <strong>{t('ui.message.error')}:</strong> {refusal}
                  </span>
                </>
              ) : null}
            </p>
            <p className="working" aria-live="polite">
              {busy ? t('ui.erase.working') : ''}
            </p>
            <div className="actions">
              <button type="submit" className="button button-danger" data-testid="erase-submit">
                {t('ui.erase.submit')}
              </button>
              <button type="button" className="button" onClick={onClose}>
                {t('ui.erase.cancel')}
              </button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
