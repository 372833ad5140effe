import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../reader-form';
import { Field, FieldError } from './FormField';

export interface SensitiveValues {
  consent: boolean;
  ethnicity: string;
  disability: string;
}

interface SensitiveFieldsProps {
  idPrefix: string;
  values: SensitiveValues;
  onChange: (patch: Partial<SensitiveValues>) => void;
  errors: FieldErrors;
  /** Extra words under the legend (how to withdraw consent, on a record). */
  note?: string;
}

/**
 * Ethnicity and disability, asked only once the reader's consent is ticked:
 * without it the fields are not even shown, so nothing is typed by mistake.
 */
export function SensitiveFields({ idPrefix, values, onChange, errors, note }: SensitiveFieldsProps) {
  const { t } = useTranslation();
  const hintId = `${idPrefix}-sensitive-hint`;
  const consentId = `${idPrefix}-consent`;
  const suggestions = t('ui.sensitive.ethnicitySuggestions').split(/,\s*/u);
  return (
    <fieldset className="fieldset sensitive" aria-describedby={hintId}>
      <legend>{t('ui.sensitive.legend')}</legend>
      <p id={hintId} className="hint">
        {t('ui.sensitive.hint')}
        {note ? ` ${note}` : null}
      </p>
      {errors.consent ? <FieldError id={`${consentId}-error`} message={errors.consent} /> : null}
      <div className="check">
        <input
          id={consentId}
          type="checkbox"
          checked={values.consent}
          onChange={(event) => onChange({ consent: event.currentTarget.checked })}
          aria-invalid={errors.consent ? true : undefined}
          aria-describedby={errors.consent ? `${consentId}-error` : undefined}
          data-testid="consent"
        />
        <label htmlFor={consentId}>{t('ui.sensitive.consent')}</label>
      </div>
      {values.consent ? (
        <div className="form-grid">
          <Field id={`${idPrefix}-ethnicity`} label={t('ui.sensitive.ethnicity')} error={errors.ethnicity}>
            {(control) => (
              <>
                <input
                  {...control}
                  type="text"
                  maxLength={100}
                  autoComplete="off"
                  list={`${idPrefix}-ethnicities`}
                  value={values.ethnicity}
                  onChange={(event) => onChange({ ethnicity: event.currentTarget.value })}
                />
                <datalist id={`${idPrefix}-ethnicities`}>
                  {suggestions.map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field id={`${idPrefix}-disability`} label={t('ui.sensitive.disability')} error={errors.disability}>
            {(control) => (
              <input
                {...control}
                type="text"
                maxLength={300}
                autoComplete="off"
                value={values.disability}
                onChange={(event) => onChange({ disability: event.currentTarget.value })}
              />
            )}
          </Field>
        </div>
      ) : null}
    </fieldset>
  );
}
