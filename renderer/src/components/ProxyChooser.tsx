import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patron } from '../../../shared/domain';
import { Field } from './FormField';
import { ReaderList } from './ReaderList';

interface ProxyChooserProps {
  /** The proxy, once known (their card was scanned, or their ID document found readers). */
  proxyName: string | null;
  /** The readers who named this proxy. */
  readers: Patron[];
  /** Find the readers of a proxy without a card, by the ID document they show. */
  onIdNumber: (idNumber: string) => void;
  onChoose: (reader: Patron) => void;
  onLeave: () => void;
  onClose: () => void;
}

/**
 * "Borrowing for a reader": the proxy is known (their card scanned, or their
 * ID document typed), and the reader they act for is chosen from the readers
 * who named them, or scanned. Escape closes.
 */
export function ProxyChooser({ proxyName, readers, onIdNumber, onChoose, onLeave, onClose }: ProxyChooserProps) {
  const { t } = useTranslation();
  const id = useId();
  const [idNumber, setIdNumber] = useState('');
  const idField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (proxyName === null) idField.current?.focus();
  }, [proxyName]);

  return (
    <section
      className="picker proxy-chooser"
      aria-labelledby={`${id}-heading`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onClose();
      }}
      data-testid="proxy-chooser"
    >
      <h2 id={`${id}-heading`}>
        {proxyName === null
          ? t('ui.services.checkoutProxy.headingUnknown')
          : t('ui.services.checkoutProxy.heading', { proxy: proxyName })}
      </h2>
      {proxyName === null ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (idNumber.trim()) onIdNumber(idNumber.trim());
          }}
        >
          <p className="hint">{t('ui.services.checkoutProxy.scanProxyHint')}</p>
          <Field id={`${id}-idnumber`} label={t('ui.services.checkoutProxy.idNumber')}>
            {(control) => (
              <input
                {...control}
                ref={idField}
                autoComplete="off"
                value={idNumber}
                onChange={(event) => setIdNumber(event.currentTarget.value)}
                data-testid="proxy-id-number"
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button button-primary">
              {t('ui.services.checkoutProxy.find')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p id={`${id}-hint`} className="hint">
            {t('ui.services.checkoutProxy.chooseHint')}
          </p>
          <ReaderList
            readers={readers}
            onChoose={onChoose}
            labelledBy={`${id}-heading`}
            describedBy={`${id}-hint`}
            autoFocus
            onLeave={onLeave}
            testId="proxy-readers"
          />
        </>
      )}
      <button type="button" className="button" onClick={onClose}>
        {t('ui.services.checkoutProxy.close')}
      </button>
    </section>
  );
}
