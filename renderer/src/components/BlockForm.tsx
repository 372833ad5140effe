import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './FormField';

interface BlockFormProps {
  onBlock: (reason: string) => Promise<void>;
  onCancel: () => void;
}

/** Blocking a card: the reason goes with it (who and when the desk records itself). */
export function BlockForm({ onBlock, onCancel }: BlockFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    field.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    await onBlock(reason);
    setBusy(false);
  }

  return (
    <form
      className="inline-form"
      noValidate
      aria-busy={busy}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      data-testid="block-form"
    >
      <Field id={`${id}-reason`} label={t('ui.block.reason')} hint={t('ui.block.reasonHint')} wide>
        {(control) => (
          <textarea
            {...control}
            ref={field}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button button-danger" data-testid="block-submit">
          {t('ui.block.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('ui.block.cancel')}
        </button>
      </div>
    </form>
  );
}
