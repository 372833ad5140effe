import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TitleRecord } from '../../../shared/bib';
import type { MaterialType } from '../../../shared/domain';
import { announce } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { Field } from './FormField';
import { MaterialTypeField } from './MaterialType';

interface TitleFormProps {
  /** The title to edit, or null for a new one. */
  id: number | null;
  onSaved: (id: number) => void;
  onCancel: () => void;
}

const textFields = ['title', 'responsibility', 'edition', 'place', 'publisher', 'year', 'extent', 'ddc'] as const;
const listFields = ['authors', 'isbn', 'series', 'subjects'] as const;
type TextField = (typeof textFields)[number];
type ListField = (typeof listFields)[number];

interface Draft {
  text: Record<TextField, string>;
  lists: Record<ListField, string>;
  languages: string;
  materialType: MaterialType;
  needsCompletion: boolean;
}

function draftOf(record: TitleRecord | null): Draft {
  const bib = record?.bib;
  return {
    text: {
      title: bib?.title ?? '',
      responsibility: bib?.responsibility ?? '',
      edition: bib?.edition ?? '',
      place: bib?.place ?? '',
      publisher: bib?.publisher ?? '',
      year: bib?.year ?? '',
      extent: bib?.extent ?? '',
      ddc: bib?.ddc ?? '',
    },
    lists: {
      authors: bib?.authors.join('\n') ?? '',
      isbn: bib?.isbn.join('\n') ?? '',
      series: bib?.series.join('\n') ?? '',
      subjects: bib?.subjects.join('\n') ?? '',
    },
    languages: bib?.languages.join(', ') ?? 'vie',
    materialType: bib?.materialType ?? 'book',
    needsCompletion: record?.needsCompletion ?? false,
  };
}

const lines = (value: string) =>
  value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * The bibliographic record: MARC21-shaped fields (title 245, authors 100/700,
 * ISBN 020, DDC 082, edition 250, publication 264, extent 300, series 490,
 * subjects 650, languages 041). The desk validates; its refusal is shown here
 * and spoken, with nothing saved. Copies are added and changed on the title's view.
 */
export function TitleForm({ id, onSaved, onCancel }: TitleFormProps) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const [record, setRecord] = useState<TitleRecord | null>(null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(null));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (id === null) {
      requestAnimationFrame(() => heading.current?.focus());
      return;
    }
    void api.catalog.getTitle({ id }).then((result) => {
      if (!result.ok) return announce('error', describeError(result.error));
      setRecord(result.data.record);
      setDraft(draftOf(result.data.record));
    });
  }, [api, id]);
  // Once the record has rendered, the focus goes to the form's heading.
  useEffect(() => {
    if (record) heading.current?.focus();
  }, [record]);

  async function save() {
    if (busy) return;
    if (draft.text.title.trim() === '') {
      setError(t('ui.catalog.quickAdd.titleMissing'));
      document.getElementById('title-field-title')?.focus();
      return;
    }
    setBusy(true);
    const result = await api.catalog.saveTitle({
      ...(record ? { uuid: record.uuid, marcxml: record.marcxml } : {}),
      needsCompletion: draft.needsCompletion,
      bib: {
        title: draft.text.title,
        responsibility: orNull(draft.text.responsibility),
        edition: orNull(draft.text.edition),
        place: orNull(draft.text.place),
        publisher: orNull(draft.text.publisher),
        year: orNull(draft.text.year),
        extent: orNull(draft.text.extent),
        ddc: orNull(draft.text.ddc),
        authors: lines(draft.lists.authors),
        isbn: lines(draft.lists.isbn),
        series: lines(draft.lists.series),
        subjects: lines(draft.lists.subjects),
        languages: draft.languages
          .split(/[\s,;]+/u)
          .map((l) => l.trim().toLowerCase())
          .filter((l) => l !== ''),
        materialType: draft.materialType,
      },
    });
    setBusy(false);
    if (!result.ok) {
      const message = describeError(result.error);
      setError(message);
      announce('error', t('ui.catalog.announce.formErrors', { details: message }), true);
      return;
    }
    setError('');
    announce('success', t('ui.catalog.announce.saved', { title: draft.text.title.trim() }));
    onSaved(result.data.id);
  }

  return (
    <section className="panel" aria-labelledby="title-form-heading" data-testid="title-form">
      <h2 id="title-form-heading" ref={heading} tabIndex={-1}>
        {record ? t('ui.catalog.formHeadingEdit', { title: record.bib.title }) : t('ui.catalog.formHeadingNew')}
      </h2>
      <form
        className="reader-form"
        noValidate
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      >
        {error ? (
          <p className="field-error" role="alert" data-testid="title-form-error">
            <span aria-hidden="true">✕ </span>
            {error}
          </p>
        ) : null}
        <div className="form-grid">
          {textFields.map((name) => (
            <Field
              key={name}
              id={`title-field-${name}`}
              label={t(`ui.catalog.fields.${name}`)}
              required={name === 'title'}
              wide={name === 'title' || name === 'responsibility'}
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  value={draft.text[name]}
                  onChange={(event) => setDraft((d) => ({ ...d, text: { ...d.text, [name]: event.target.value } }))}
                  data-testid={`title-field-${name}`}
                />
              )}
            </Field>
          ))}
          <MaterialTypeField
            id="title-field-materialType"
            label={t('ui.catalog.fields.materialType')}
            value={draft.materialType}
            onChange={(materialType) => setDraft((d) => ({ ...d, materialType }))}
          />
          {listFields.map((name) => (
            <Field key={name} id={`title-field-${name}`} label={t(`ui.catalog.fields.${name}`)} wide>
              {(control) => (
                <textarea
                  {...control}
                  rows={name === 'subjects' ? 3 : 2}
                  value={draft.lists[name]}
                  onChange={(event) => setDraft((d) => ({ ...d, lists: { ...d.lists, [name]: event.target.value } }))}
                  data-testid={`title-field-${name}`}
                />
              )}
            </Field>
          ))}
          <Field id="title-field-languages" label={t('ui.catalog.fields.languages')}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={draft.languages}
                onChange={(event) => setDraft((d) => ({ ...d, languages: event.target.value }))}
              />
            )}
          </Field>
          <div className="field check">
            <input
              id="title-field-needsCompletion"
              type="checkbox"
              checked={draft.needsCompletion}
              onChange={(event) => setDraft((d) => ({ ...d, needsCompletion: event.target.checked }))}
              data-testid="title-field-needsCompletion"
            />
            <label htmlFor="title-field-needsCompletion">{t('ui.catalog.fields.needsCompletion')}</label>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" data-testid="title-save">
            {t('ui.catalog.save')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('ui.catalog.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
