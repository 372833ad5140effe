import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './FormField';
import { InlineForm } from './InlineForm';

interface BlockFormProps {
  onBlock: (reason: string) => Promise<void>;
  onCancel: () => void;
}

/** Blocking a card: the reason goes with it (who and when the desk records itself). */
export function BlockForm({ onBlock, onCancel }: BlockFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    field.current?.focus();
  }, []);

  return (
    <InlineForm
      testId="block-form"
      onSubmit={() => onBlock(reason)}
      onCancel={onCancel}
      submitLabel={t('ui.block.submit')}
      submitClass="button-danger"
      cancelLabel={t('ui.block.cancel')}
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
    </InlineForm>
  );
}
