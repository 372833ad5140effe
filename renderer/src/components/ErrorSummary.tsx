import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { orderedErrors, type FieldErrors, type FormField } from '../reader-form';

interface ErrorSummaryProps {
  errors: FieldErrors;
  /** The id of the control a field's error link leads to. */
  controlId: (field: FormField) => string;
  ref?: Ref<HTMLDivElement>;
}

/**
 * Every error of the form in one list at its top; it takes the focus after a
 * refused submit, and each entry leads to its field.
 */
export function ErrorSummary({ errors, controlId, ref }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const list = orderedErrors(errors);
  if (list.length === 0) return null;
  return (
    <div ref={ref} className="error-summary" tabIndex={-1} aria-labelledby={headingId} data-testid="error-summary">
      <h3 id={headingId}>
        <span aria-hidden="true">✕ </span>
        {t('ui.form.summaryHeading', { count: list.length })}
      </h3>
      <ul>
        {list.map(({ field, message }) => (
          <li key={field}>
            {field === 'form' ? (
              message
            ) : (
              <a
                href={`#${controlId(field)}`}
                onClick={(event) => {
                  // The hash is the screen's route: move the focus, not the page.
                  event.preventDefault();
                  document.getElementById(controlId(field))?.focus();
                }}
              >
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
