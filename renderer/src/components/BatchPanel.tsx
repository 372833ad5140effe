import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { announce } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { showPdf } from '../documents';
import { formatDate, todayIn } from '../format';
import { useDocuments } from '../use-documents';
import { DocumentLink } from './DocumentLink';
import { Field } from './FormField';

/** Cards for everyone registered today or since a date: A4 sheets of ten. */
export function BatchPanel() {
  const { t, i18n } = useTranslation();
  const { api, settings } = useDesk();
  const id = useId();
  const today = todayIn(settings.timeZone);
  const [since, setSince] = useState(today);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const { documents, keep } = useDocuments();
  const heading = useRef<HTMLHeadingElement>(null);
  const download = useRef<HTMLAnchorElement>(null);
  const focusDocument = useRef(false);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  useEffect(() => {
    if (focusDocument.current && documents.sheet) {
      focusDocument.current = false;
      download.current?.focus();
    }
  }, [documents.sheet]);

  async function print(from: string) {
    if (busy) return;
    setBusy(true);
    try {
      const readers = await api.patrons.registeredSince({ since: from, limit: 500 });
      if (!readers.ok) return announce('error', describeError(readers.error));
      if (readers.data.length === 0) {
        return announce('warning', t('ui.readerAnnounce.batchNone', { date: formatDate(from, i18n.language) }), true);
      }
      const cards = readers.data.map((r) => r.cardNumber);
      const result = await api.cards.pdf({ cardNumbers: cards, layout: 'sheet' });
      if (!result.ok) return announce('error', describeError(result.error));
      const shown = showPdf(result.data);
      focusDocument.current = true;
      keep('sheet', shown);
      const params = { filename: shown.filename, pages: shown.pages };
      announce(
        'success',
        t(shown.opened ? 'ui.readerAnnounce.documentOpened' : 'ui.readerAnnounce.documentReady', params),
      );
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.querySelector<HTMLInputElement>('input[type="date"]');
    if (!since || input?.validity.badInput) {
      setError(t('ui.batch.sinceError'));
      input?.focus();
      return;
    }
    setError('');
    void print(since);
  }

  return (
    <section className="panel batch-panel" aria-labelledby={`${id}-heading`} aria-busy={busy} data-testid="batch-panel">
      <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t('ui.batch.heading')}
      </h2>
      <p>{t('ui.batch.intro')}</p>
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void print(today)}
          data-testid="batch-today"
        >
          {t('ui.batch.today')}
        </button>
      </div>
      <form className="inline-form" noValidate onSubmit={submit}>
        <Field id={`${id}-since`} label={t('ui.batch.since')} error={error}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={since}
              max={today}
              onChange={(e) => setSince(e.currentTarget.value)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button" data-testid="batch-since">
            {t('ui.batch.submit')}
          </button>
        </div>
      </form>
      <p className="working" aria-live="polite">
        {busy ? t('ui.batch.working') : ''}
      </p>
      {documents.sheet ? (
        <ul className="documents">
          <DocumentLink
            label={t('ui.documents.sheet')}
            document={documents.sheet}
            testId="document-sheet"
            ref={download}
          />
        </ul>
      ) : null}
    </section>
  );
}
