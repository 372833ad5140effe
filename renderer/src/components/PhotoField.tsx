import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { photoDataUrl } from '../photo';
import { Field } from './FormField';

interface PhotoFieldProps {
  id: string;
  photo: string;
  error?: string | undefined;
  onChange: (photo: string, error?: string) => void;
}

/** An optional photo: a picture file made smaller here (canvas, JPEG), shown before it is saved. */
export function PhotoField({ id, photo, error, onChange }: PhotoFieldProps) {
  const { t } = useTranslation();
  const [working, setWorking] = useState(false);

  async function choose(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setWorking(true);
    try {
      onChange(await photoDataUrl(file));
    } catch {
      onChange(photo, t('ui.formErrors.photo'));
    } finally {
      setWorking(false);
      // The same file chosen again is a new choice.
      input.value = '';
    }
  }

  return (
    <Field id={id} label={t('ui.form.photo')} hint={t('ui.form.photoHint')} error={error} wide>
      {(control) => (
        <div className="photo-field">
          <input
            {...control}
            type="file"
            className="file-input"
            accept="image/jpeg,image/png"
            onChange={(event) => void choose(event.currentTarget)}
            data-testid="photo-input"
          />
          {/* The browser's own button speaks the browser's language; this one speaks the desk's. */}
          <label htmlFor={id} className="button file-button" aria-hidden="true">
            {t('ui.form.photoChoose')}
          </label>
          {photo ? null : <span className="not-given">{t('ui.form.photoNone')}</span>}
          <p className="working" aria-live="polite">
            {working ? t('ui.form.photoWorking') : ''}
          </p>
          {photo ? (
            <div className="photo-preview">
              <img src={photo} alt={t('ui.form.photoPreview')} data-testid="photo-preview" />
              <button
                type="button"
                className="button"
                onClick={() => {
                  onChange('');
                  document.getElementById(id)?.focus();
                }}
              >
                {t('ui.form.photoRemove')}
              </button>
            </div>
          ) : null}
        </div>
      )}
    </Field>
  );
}
