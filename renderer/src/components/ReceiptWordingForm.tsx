import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { receiptWordingSchema } from '../../../shared/contract/printing';
import { announce } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { Field } from './FormField';

interface Values {
  libraryName: string;
  header: string;
  footer: string;
}

type FieldName = 'headerLines' | 'footerLines';

/** A textarea's text → the printed lines: one per line, blank lines dropped. */
const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

const wordingInput = (values: Values) => ({
  libraryName: values.libraryName.trim(),
  headerLines: linesOf(values.header),
  footerLines: linesOf(values.footer),
});

const checkSchema = receiptWordingSchema.pick({ libraryName: true, headerLines: true, footerLines: true });

/** What the receipts say around the transaction: the library's name as printed, header and footer lines. */
export function ReceiptWordingForm() {
  const { t } = useTranslation();
  const { api } = useDesk();
  const [values, setValues] = useState<Values | null>(null);
  const [errors, setErrors] = useState<FieldName[]>([]);

  useEffect(() => {
    let cancelled = false;
    void api.printing.getConfig({}).then((result) => {
      if (cancelled) return;
      if (!result.ok) return announce('error', describeError(result.error));
      const { wording } = result.data;
      setValues({
        libraryName: wording.libraryName,
        header: wording.headerLines.join('\n'),
        footer: wording.footerLines.join('\n'),
      });
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  if (!values) return <p>{t('ui.loading')}</p>;
  const set = (patch: Partial<Values>) => setValues({ ...values, ...patch });
  const error = (field: FieldName) => (errors.includes(field) ? t('ui.printerOptions.wording.linesError') : undefined);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!values) return;
    const wording = wordingInput(values);
    const parsed = checkSchema.safeParse(wording);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0]) as FieldName))];
      setErrors(fields);
      announce('error', t('ui.devices.printer.invalid'));
      document.getElementById(fields[0] === 'headerLines' ? 'wording-header' : 'wording-footer')?.focus();
      return;
    }
    setErrors([]);
    const result = await api.printing.configure({ wording: parsed.data });
    if (result.ok) announce('success', t('ui.printerOptions.wording.saved'));
    else announce('error', describeError(result.error));
  }

  // The language's own wording, from the catalogue the desk prints from; saved with the button.
  const reset = () =>
    setValues({
      libraryName: '',
      header: t('ui.printerOptions.receipt.header'),
      footer: t('ui.printerOptions.receipt.footer'),
    });

  return (
    <form
      className="wording-form"
      onSubmit={(event) => void save(event)}
      noValidate
      aria-labelledby="wording-heading"
      data-testid="wording-form"
    >
      <h3 id="wording-heading">{t('ui.printerOptions.wording.heading')}</h3>
      <div className="form-grid">
        <Field
          id="wording-library"
          label={t('ui.printerOptions.wording.libraryName')}
          hint={t('ui.printerOptions.wording.libraryNameHint')}
          wide
        >
          {(control) => (
            <input
              {...control}
              value={values.libraryName}
              onChange={(event) => set({ libraryName: event.currentTarget.value })}
              autoComplete="off"
              maxLength={200}
              data-testid="wording-library"
            />
          )}
        </Field>
        <Field
          id="wording-header"
          label={t('ui.printerOptions.wording.headerLines')}
          hint={t('ui.printerOptions.wording.linesHint')}
          error={error('headerLines')}
          wide
        >
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={values.header}
              onChange={(event) => set({ header: event.currentTarget.value })}
              data-testid="wording-header"
            />
          )}
        </Field>
        <Field
          id="wording-footer"
          label={t('ui.printerOptions.wording.footerLines')}
          hint={t('ui.printerOptions.wording.linesHint')}
          error={error('footerLines')}
          wide
        >
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={values.footer}
              onChange={(event) => set({ footer: event.currentTarget.value })}
              data-testid="wording-footer"
            />
          )}
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" data-testid="wording-save">
          {t('ui.printerOptions.wording.save')}
        </button>
        <button type="button" className="button" onClick={reset} data-testid="wording-reset">
          {t('ui.printerOptions.wording.reset')}
        </button>
      </div>
    </form>
  );
}
