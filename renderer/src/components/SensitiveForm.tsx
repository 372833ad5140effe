import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatronRecord } from '../../../shared/patron-record';
import { SensitiveFields, type SensitiveValues } from './SensitiveFields';

interface SensitiveFormProps {
  record: PatronRecord;
  /** Save with consent, or withdraw it (consent false): the desk then drops the values. */
  onSave: (values: SensitiveValues) => Promise<void>;
  onCancel: () => void;
}

/** Recording, changing or withdrawing consent for ethnicity and disability. */
export function SensitiveForm({ record, onSave, onCancel }: SensitiveFormProps) {
  const { t } = useTranslation();
  const idPrefix = useId();
  const [values, setValues] = useState<SensitiveValues>({
    consent: record.sensitive !== null,
    ethnicity: record.sensitive?.ethnicity ?? '',
    disability: record.sensitive?.disability ?? '',
  });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.getElementById(`${idPrefix}-consent`)?.focus();
  }, [idPrefix]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    await onSave(values);
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
      data-testid="sensitive-form"
    >
      <SensitiveFields
        idPrefix={idPrefix}
        values={values}
        onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
        errors={{}}
        note={record.sensitive ? t('ui.sensitive.withdrawHint') : undefined}
      />
      <div className="actions">
        <button type="submit" className="button button-primary" data-testid="sensitive-submit">
          {t('ui.sensitive.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('ui.form.cancel')}
        </button>
      </div>
    </form>
  );
}
