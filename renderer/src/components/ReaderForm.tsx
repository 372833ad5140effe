import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { patronCategories } from '../../../shared/domain';
import { announce } from '../announcer';
import { useCategoryLabel } from '../category-label';
import { useDesk } from '../desk-context';
import {
  asksGuardian,
  fieldLabel,
  formFields,
  registerInput,
  updateInput,
  validateInput,
  type FieldErrors,
  type FormField,
  type PreferredLanguage,
  type ReaderFormValues,
  type Sex,
} from '../reader-form';
import { ErrorSummary } from './ErrorSummary';
import { Field, FieldError } from './FormField';
import { PhotoField } from './PhotoField';
import { SensitiveFields } from './SensitiveFields';

type TextField =
  | 'fullName'
  | 'phone'
  | 'address'
  | 'commune'
  | 'idNumber'
  | 'introducedBy'
  | 'guardianName'
  | 'guardianPhone'
  | 'notes';

interface TextOptions {
  max: number;
  type?: 'text' | 'tel';
  hint?: string;
  required?: boolean;
  wide?: boolean;
  multiline?: boolean;
}

interface ReaderFormProps {
  mode: 'register' | 'edit';
  idPrefix: string;
  initial: ReaderFormValues;
  /** The reader being edited (edit mode). */
  cardNumber?: string;
  /** Called with details the contract accepts; answers with errors to show when the desk refuses. */
  onValid: (values: ReaderFormValues) => Promise<FieldErrors | undefined>;
  onCancel: () => void;
  /** Any change to the form (a duplicates warning about older values no longer applies). */
  onEdit?: () => void;
}

const sexes: Sex[] = ['female', 'male', 'other', ''];

/** Half-typed dates read as empty; the browser still knows they are bad. */
function incompleteDates(form: HTMLFormElement | null): FormField[] {
  if (!form) return [];
  return [...form.querySelectorAll<HTMLInputElement>('input[type="date"]')]
    .filter((input) => input.validity.badInput)
    .map((input) => input.name)
    .filter((name): name is FormField => (formFields as readonly string[]).includes(name));
}

/**
 * The reader's details, for registering or editing: checked on submit with the
 * contract's own schema, every error beside its field and in a summary that
 * takes the focus.
 */
export function ReaderForm({ mode, idPrefix, initial, cardNumber, onValid, onCancel, onEdit }: ReaderFormProps) {
  const { t } = useTranslation();
  const { settings, categories } = useDesk();
  const categoryLabel = useCategoryLabel();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const id = (field: FormField) => `${idPrefix}-${field}`;

  useEffect(() => {
    if (refusals > 0) summary.current?.focus();
  }, [refusals]);

  // The form opens ready to type the name.
  useEffect(() => {
    document.getElementById(`${idPrefix}-fullName`)?.focus();
  }, [idPrefix]);

  function set(patch: Partial<ReaderFormValues>) {
    setValues((v) => ({ ...v, ...patch }));
    onEdit?.();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const input = mode === 'register' ? registerInput(values) : updateInput(cardNumber!, values, initial);
    let found = validateInput(
      `patrons.${mode === 'register' ? 'register' : 'update'}`,
      input,
      incompleteDates(form.current),
    );
    if (Object.keys(found).length === 0) {
      setBusy(true);
      found = (await onValid(values)) ?? {};
      setBusy(false);
    }
    setErrors(found);
    const count = Object.keys(found).length;
    if (count === 0) return;
    announce('error', count === 1 && found.form ? found.form : t('ui.readerAnnounce.formErrors', { count }));
    setRefusals((n) => n + 1);
  }

  function text(field: TextField, options: TextOptions) {
    return (
      <Field
        id={id(field)}
        label={fieldLabel(field)}
        hint={options.hint}
        error={errors[field]}
        required={options.required}
        wide={options.wide}
      >
        {(control) =>
          options.multiline ? (
            <textarea
              {...control}
              name={field}
              rows={3}
              maxLength={options.max}
              value={values[field]}
              onChange={(event) => set({ [field]: event.currentTarget.value })}
            />
          ) : (
            <input
              {...control}
              name={field}
              type={options.type ?? 'text'}
              maxLength={options.max}
              autoComplete="off"
              spellCheck={false}
              value={values[field]}
              onChange={(event) => set({ [field]: event.currentTarget.value })}
            />
          )
        }
      </Field>
    );
  }

  function date(field: 'dateOfBirth' | 'expiresOn', hint?: string) {
    return (
      <Field id={id(field)} label={fieldLabel(field)} hint={hint} error={errors[field]}>
        {(control) => (
          <input
            {...control}
            name={field}
            type="date"
            value={values[field]}
            onChange={(event) => set({ [field]: event.currentTarget.value })}
          />
        )}
      </Field>
    );
  }

  const offered = categories.length
    ? categories.filter((c) => c.active || c.code === initial.category).map((c) => c.code)
    : [...patronCategories];
  const sexErrorId = `${id('sex')}-error`;

  return (
    <form
      ref={form}
      className="reader-form"
      noValidate
      aria-busy={busy}
      onSubmit={(event) => void submit(event)}
      data-testid={`${mode}-form`}
    >
      <ErrorSummary ref={summary} errors={errors} controlId={id} />
      <div className="form-grid">
        {text('fullName', { max: 200, hint: t('ui.form.fullNameHint'), required: true, wide: true })}
        {date('dateOfBirth')}
        <fieldset className="fieldset radios" aria-describedby={errors.sex ? sexErrorId : undefined}>
          <legend>{t('ui.form.sex')}</legend>
          {errors.sex ? <FieldError id={sexErrorId} message={errors.sex} /> : null}
          <div className="radio-row">
            {sexes.map((sex, index) => {
              const radioId = index === 0 ? id('sex') : `${id('sex')}-${sex || 'unspecified'}`;
              return (
                <div className="check" key={sex || 'unspecified'}>
                  <input
                    id={radioId}
                    type="radio"
                    name={`${idPrefix}-sex`}
                    value={sex}
                    checked={values.sex === sex}
                    onChange={() => set({ sex })}
                  />
                  <label htmlFor={radioId}>{t(`ui.sex.${sex || 'unspecified'}`)}</label>
                </div>
              );
            })}
          </div>
        </fieldset>
        <Field id={id('category')} label={fieldLabel('category')} error={errors.category}>
          {(control) => (
            <select
              {...control}
              name="category"
              value={values.category}
              onChange={(event) => set({ category: event.currentTarget.value })}
            >
              {offered.map((code) => (
                <option key={code} value={code}>
                  {categoryLabel(code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={id('preferredLanguage')}
          label={fieldLabel('preferredLanguage')}
          hint={t('ui.services.preferredLanguage.hint')}
          error={errors.preferredLanguage}
        >
          {(control) => (
            <select
              {...control}
              name="preferredLanguage"
              value={values.preferredLanguage}
              onChange={(event) => set({ preferredLanguage: event.currentTarget.value as PreferredLanguage })}
              data-testid="preferred-language"
            >
              {(['', 'vi', 'en'] as const).map((code) => (
                <option key={code || 'desk'} value={code}>
                  {t(`ui.services.preferredLanguage.${code || 'desk'}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('phone', { max: 30, type: 'tel', hint: t('ui.form.phoneHint') })}
        {text('address', { max: 300 })}
        {text('commune', { max: 100 })}
        {text('idNumber', { max: 20, hint: t('ui.form.idNumberHint') })}
        {text('introducedBy', { max: 200 })}
      </div>
      {asksGuardian(values, mode === 'edit' ? initial : undefined) ? (
        <fieldset className="fieldset" data-testid="guardian-fields">
          <legend>{t('ui.form.guardianLegend')}</legend>
          <div className="form-grid">
            {text('guardianName', { max: 200 })}
            {text('guardianPhone', { max: 30, type: 'tel' })}
          </div>
        </fieldset>
      ) : null}
      <div className="form-grid">
        {text('notes', { max: 2000, multiline: true, wide: true })}
        <PhotoField
          id={id('photo')}
          photo={values.photo}
          error={errors.photo}
          onChange={(photo, error) => {
            set({ photo });
            setErrors((e) => ({ ...e, photo: error }));
          }}
        />
        {mode === 'register'
          ? date('expiresOn', t('ui.form.expiresOnHint', { months: settings.cardValidityMonths }))
          : null}
      </div>
      {mode === 'register' ? (
        <SensitiveFields idPrefix={idPrefix} values={values} onChange={set} errors={errors} />
      ) : null}
      <div className="actions form-actions">
        <button type="submit" className="button button-primary" data-testid="reader-submit">
          {t(mode === 'register' ? 'ui.form.submitRegister' : 'ui.form.submitEdit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('ui.form.cancel')}
        </button>
        <span className="working" aria-live="polite">
          {busy ? t('ui.form.working') : ''}
        </span>
      </div>
    </form>
  );
}
