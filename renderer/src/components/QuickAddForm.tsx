import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaterialType } from '../../../shared/domain';
import { Field } from './FormField';
import { InlineForm } from './InlineForm';
import { MaterialTypeField } from './MaterialType';

export interface QuickAddValues {
  title: string;
  author: string;
  materialType: MaterialType;
}

interface QuickAddFormProps {
  code: string;
  /** Save the minimal record and lend; answers an error message to show, or null. */
  onSubmit: (values: QuickAddValues) => Promise<string | null>;
  onCancel: () => void;
}

/**
 * An item barcode the catalogue does not know, scanned at checkout: a minimal
 * record (title, author, material type) so the loan goes ahead; the core marks
 * it for a cataloguer to complete.
 */
export function QuickAddForm({ code, onSubmit, onCancel }: QuickAddFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<QuickAddValues>({ title: '', author: '', materialType: 'book' });
  const [error, setError] = useState<string | undefined>();
  const titleBox = useRef<HTMLInputElement>(null);

  useEffect(() => titleBox.current?.focus(), [code]);

  async function submit() {
    if (values.title.trim() === '') {
      setError(t('ui.catalog.quickAdd.titleMissing'));
      titleBox.current?.focus();
      return;
    }
    const problem = await onSubmit(values);
    if (problem) setError(problem);
  }

  return (
    <section className="picker" aria-labelledby="quick-add-heading" data-testid="quick-add">
      <h2 id="quick-add-heading">{t('ui.catalog.quickAdd.heading', { code })}</h2>
      <p>{t('ui.catalog.quickAdd.intro')}</p>
      <InlineForm
        testId="quick-add-form"
        onSubmit={submit}
        onCancel={onCancel}
        submitLabel={t('ui.catalog.quickAdd.submit')}
        submitClass="button-primary"
        cancelLabel={t('ui.catalog.quickAdd.cancel')}
      >
        <Field id="quick-add-title" label={t('ui.catalog.quickAdd.title')} required error={error}>
          {(control) => (
            <input
              {...control}
              ref={titleBox}
              type="text"
              value={values.title}
              onChange={(event) => setValues((v) => ({ ...v, title: event.target.value }))}
              data-testid="quick-add-title"
            />
          )}
        </Field>
        <Field id="quick-add-author" label={t('ui.catalog.quickAdd.author')}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={values.author}
              onChange={(event) => setValues((v) => ({ ...v, author: event.target.value }))}
              data-testid="quick-add-author"
            />
          )}
        </Field>
        <MaterialTypeField
          id="quick-add-type"
          label={t('ui.catalog.quickAdd.materialType')}
          value={values.materialType}
          onChange={(materialType) => setValues((v) => ({ ...v, materialType }))}
        />
      </InlineForm>
    </section>
  );
}
