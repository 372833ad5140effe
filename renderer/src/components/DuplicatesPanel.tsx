import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Duplicate } from '../../../shared/patron-record';
import { useCategoryLabel } from '../category-label';
import { formatDate } from '../format';

interface DuplicatesPanelProps {
  duplicates: Duplicate[];
  onOpen: (cardNumber: string) => void;
  onRegisterAnyway: () => void;
  onBack: () => void;
}

/** Readers who may be the same person, and why; the librarian chooses. Takes the focus when it appears. */
export function DuplicatesPanel({ duplicates, onOpen, onRegisterAnyway, onBack }: DuplicatesPanelProps) {
  const { t, i18n } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const notGiven = t('ui.record.notGiven');

  useEffect(() => {
    heading.current?.focus();
  }, [duplicates]);

  return (
    <section className="duplicates" aria-labelledby={headingId} data-testid="duplicates">
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        <span className="message-icon" aria-hidden="true">
          !
        </span>
        {t('ui.duplicates.heading', { count: duplicates.length })}
      </h3>
      <p>{t('ui.duplicates.intro')}</p>
      <ul className="duplicate-list">
        {duplicates.map(({ patron, reasons, dateOfBirth, phone }) => (
          <li key={patron.cardNumber} data-card={patron.cardNumber}>
            <p className="duplicate-name">{patron.fullName}</p>
            <dl className="facts compact">
              <div>
                <dt>{t('ui.patron.card')}</dt>
                <dd className="code">{patron.cardNumber}</dd>
              </div>
              <div>
                <dt>{t('ui.record.dateOfBirth')}</dt>
                <dd>{dateOfBirth ? formatDate(dateOfBirth, i18n.language) : notGiven}</dd>
              </div>
              <div>
                <dt>{t('ui.record.phone')}</dt>
                <dd>{phone ?? notGiven}</dd>
              </div>
              <div>
                <dt>{t('ui.patron.category')}</dt>
                <dd>{categoryLabel(patron.category)}</dd>
              </div>
              <div className="wide">
                <dt>{t('ui.duplicates.why')}</dt>
                <dd data-testid="duplicate-reasons">
                  {reasons.map((reason) => t(`ui.duplicates.reasons.${reason}`)).join(', ')}
                </dd>
              </div>
            </dl>
            <button type="button" className="button" onClick={() => onOpen(patron.cardNumber)}>
              {t('ui.duplicates.open', { name: patron.fullName })}
            </button>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="button" onClick={onRegisterAnyway} data-testid="register-anyway">
          {t('ui.duplicates.registerAnyway')}
        </button>
        <button type="button" className="button" onClick={onBack}>
          {t('ui.duplicates.back')}
        </button>
      </div>
    </section>
  );
}
