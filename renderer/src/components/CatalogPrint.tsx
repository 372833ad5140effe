import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessionSettings } from '../../../shared/contract/catalog';
import { announce } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { showPdf } from '../documents';
import { todayIn } from '../format';
import { useDocuments } from '../use-documents';
import { DocumentLink } from './DocumentLink';

/** The accession register (sổ đăng ký cá biệt) for a date range, as PDF. */
export function CatalogPrint() {
  const { t } = useTranslation();
  const { api, settings } = useDesk();
  const today = todayIn(settings.timeZone);
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [prefix, setPrefix] = useState('');
  const [accession, setAccession] = useState<AccessionSettings | null>(null);
  const { documents, keep } = useDocuments();

  useEffect(() => {
    void api.catalog.getAccessionSettings({}).then((result) => {
      if (result.ok) setAccession(result.data);
    });
  }, [api]);

  async function print() {
    const result = await api.catalog.registerPdf({ from, to, ...(prefix ? { prefix } : {}) });
    if (!result.ok) return announce('error', describeError(result.error));
    const shown = showPdf(result.data);
    keep('register', shown);
    const params = { filename: shown.filename, pages: result.data.pages };
    announce(
      'success',
      t(shown.opened ? 'ui.readerAnnounce.documentOpened' : 'ui.readerAnnounce.documentReady', params),
    );
  }

  return (
    <form
      className="inline-form"
      aria-labelledby="register-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void print();
      }}
      data-testid="register-form"
    >
      <h3 id="register-heading">{t('ui.catalog.registerDocument')}</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="register-from">{t('ui.catalog.registerFrom')}</label>
          <input id="register-from" type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="register-to">{t('ui.catalog.registerTo')}</label>
          <input id="register-to" type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="register-prefix">{t('ui.catalog.registerPrefix')}</label>
          <select id="register-prefix" value={prefix} onChange={(event) => setPrefix(event.target.value)}>
            <option value="">{t('ui.catalog.registerAll')}</option>
            {(accession?.prefixes ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {p.code} — {p.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="button" data-testid="register-print">
          {t('ui.catalog.registerPrint')}
        </button>
      </div>
      {documents.register ? (
        <ul className="documents">
          <DocumentLink
            label={t('ui.catalog.registerDocument')}
            document={documents.register}
            testId="register-document"
          />
        </ul>
      ) : null}
    </form>
  );
}
