import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatronRecord } from '../../../shared/patron-record';
import { InlineForm } from './InlineForm';
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

  useEffect(() => {
    document.getElementById(`${idPrefix}-consent`)?.focus();
  }, [idPrefix]);

  return (
    <InlineForm
      testId="sensitive-form"
      onSubmit={() => onSave(values)}
      onCancel={onCancel}
      submitLabel={t('ui.sensitive.save')}
      submitClass="button-primary"
      cancelLabel={t('ui.form.cancel')}
    >
      <SensitiveFields
        idPrefix={idPrefix}
        values={values}
        onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
        errors={{}}
        note={record.sensitive ? t('ui.sensitive.withdrawHint') : undefined}
      />
    </InlineForm>
  );
}
