import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import type { PatronRecord } from '../../../shared/patron-record';
import { announce } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { downloadJson, showPdf } from '../documents';
import { formatDate, formatDateTime } from '../format';
import { updateInput, valuesOf, type FieldErrors, type ReaderFormValues } from '../reader-form';
import { useDocuments, type DocumentKind } from '../use-documents';
import { BlockForm } from './BlockForm';
import { DocumentLink } from './DocumentLink';
import { EraseDialog } from './EraseDialog';
import { LoanTable } from './LoanTable';
import { ReaderForm } from './ReaderForm';
import { ReaderServices } from './ReaderServices';
import { SensitiveForm } from './SensitiveForm';
import type { SensitiveValues } from './SensitiveFields';
import { RecordFacts } from './RecordFacts';

type PatronView = ChannelOutput<'patrons.get'>;
type Panel = 'block' | 'sensitive' | null;

interface ReaderRecordProps {
  cardNumber: string;
  /** Where the focus goes once the record is shown: its heading, or "Print card" after registering. */
  initialFocus: 'heading' | 'print';
  /** Something about the reader changed (for the search results beside it). */
  onChanged: () => void;
  onErased: (result: ChannelOutput<'patrons.erase'>) => void;
}

function withRecord(view: PatronView, record: PatronRecord): PatronView {
  const { id, cardNumber, fullName, category, expiresOn, blocked } = record;
  return {
    ...view,
    patron: { id, cardNumber, fullName, category, expiresOn, blocked },
    expired: record.expired,
    blockReason: record.blockReason,
    record,
  };
}

/** One reader's whole record, with everything the desk can do about it. */
export function ReaderRecord({ cardNumber, initialFocus, onChanged, onErased }: ReaderRecordProps) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useDesk();
  const idPrefix = useId();
  const [view, setView] = useState<PatronView | null>(null);
  const [editing, setEditing] = useState(false);
  const [panel, setPanel] = useState<Panel>(null);
  const [erasing, setErasing] = useState(false);
  const { documents, keep } = useDocuments();
  const heading = useRef<HTMLHeadingElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const blockButton = useRef<HTMLButtonElement>(null);
  const sensitiveButton = useRef<HTMLButtonElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const newDocument = useRef<HTMLAnchorElement>(null);
  const newDocumentKind = useRef<DocumentKind | null>(null);
  const focusNext = useRef<'heading' | 'print' | 'edit' | 'document' | null>(initialFocus);

  async function load(): Promise<PatronView | null> {
    const result = await api.patrons.get({ cardNumber });
    if (!result.ok) {
      announce('error', describeError(result.error));
      return null;
    }
    setView(result.data);
    return result.data;
  }

  useEffect(() => {
    void load();
    // One record per mount: the screen keys this component by card number.
  }, []);

  // Focus moves once the element it goes to is on the page.
  useEffect(() => {
    const target = focusNext.current;
    if (!view || editing || !target) return;
    focusNext.current = null;
    const element = { heading, print: printButton, edit: editButton, document: newDocument }[target].current;
    element?.focus();
  });

  if (!view) return <section className="panel record-panel" aria-busy="true" data-testid="reader-record" />;
  const { record, loans } = view;
  const name = record.fullName;

  async function saveDetails(values: ReaderFormValues): Promise<FieldErrors | undefined> {
    const result = await api.patrons.update(updateInput(cardNumber, values, valuesOf(record)));
    if (!result.ok) return { form: describeError(result.error) };
    focusNext.current = 'edit';
    setView((v) => (v ? withRecord(v, result.data) : v));
    setEditing(false);
    announce('success', t('ui.readerAnnounce.updated', { name: result.data.fullName }));
    onChanged();
    return undefined;
  }

  async function block(reason: string) {
    const result = await api.patrons.setBlock({ cardNumber, blocked: true, reason });
    if (!result.ok) return announce('error', describeError(result.error));
    await load();
    setPanel(null);
    announce('warning', t('ui.readerAnnounce.blocked', { name, reason: reason.trim() || t('reasons.noReason') }));
    blockButton.current?.focus();
    onChanged();
  }

  async function unblock() {
    const result = await api.patrons.setBlock({ cardNumber, blocked: false });
    if (!result.ok) return announce('error', describeError(result.error));
    await load();
    announce('success', t('ui.readerAnnounce.unblocked', { name }));
    onChanged();
  }

  async function renew() {
    const result = await api.patrons.renewCard({ cardNumber });
    if (!result.ok) return announce('error', describeError(result.error));
    await load();
    announce(
      'success',
      t('ui.readerAnnounce.renewed', { name, date: formatDate(result.data.expiresOn, i18n.language) }),
    );
    onChanged();
  }

  async function saveSensitive(values: SensitiveValues) {
    const result = values.consent
      ? await api.patrons.setSensitive({
          cardNumber,
          consent: true,
          ethnicity: values.ethnicity,
          disability: values.disability,
        })
      : await api.patrons.setSensitive({ cardNumber, consent: false });
    if (!result.ok) return announce('error', describeError(result.error));
    setView((v) => (v ? withRecord(v, result.data) : v));
    setPanel(null);
    announce(
      'success',
      t(values.consent ? 'ui.readerAnnounce.sensitiveSaved' : 'ui.readerAnnounce.consentWithdrawn', { name }),
    );
    sensitiveButton.current?.focus();
  }

  async function pdf(kind: 'card' | 'exportPdf') {
    const result =
      kind === 'card'
        ? await api.cards.pdf({ cardNumbers: [cardNumber], layout: 'single' })
        : await api.patrons.exportPdf({ cardNumber });
    if (!result.ok) return announce('error', describeError(result.error));
    const shown = showPdf(result.data);
    // Set before anything renders: announce() renders at once (flushSync), effects included.
    focusNext.current = 'document';
    newDocumentKind.current = kind;
    keep(kind, shown);
    const params = { filename: shown.filename, pages: shown.pages };
    announce(
      'success',
      t(shown.opened ? 'ui.readerAnnounce.documentOpened' : 'ui.readerAnnounce.documentReady', params),
    );
  }

  async function exportJson() {
    const result = await api.patrons.exportData({ cardNumber });
    if (!result.ok) return announce('error', describeError(result.error));
    const shown = downloadJson(`du-lieu-ban-doc-${cardNumber}.json`, result.data);
    keep('exportJson', shown);
    announce('success', t('ui.readerAnnounce.exported', { name, filename: shown.filename }));
  }

  if (editing) {
    return (
      <section className="panel record-panel" aria-labelledby={`${idPrefix}-edit`} data-testid="reader-edit">
        <h2 id={`${idPrefix}-edit`}>{t('ui.form.editHeading', { name })}</h2>
        <ReaderForm
          mode="edit"
          idPrefix={idPrefix}
          initial={valuesOf(record)}
          cardNumber={cardNumber}
          onValid={saveDetails}
          onCancel={() => {
            focusNext.current = 'edit';
            setEditing(false);
          }}
        />
      </section>
    );
  }

  const documentList = (
    [
      ['card', t('ui.documents.card')],
      ['exportPdf', t('ui.documents.exportPdf')],
      ['exportJson', t('ui.documents.exportJson')],
    ] as const
  ).filter(([kind]) => documents[kind]);

  return (
    <section className="panel record-panel" aria-labelledby={`${idPrefix}-name`} data-testid="reader-record">
      <div className="record-head">
        {record.photo ? (
          <img
            className="record-photo"
            src={record.photo}
            alt={t('ui.record.photoAlt', { name })}
            data-testid="record-photo"
          />
        ) : null}
        <h2 id={`${idPrefix}-name`} ref={heading} tabIndex={-1}>
          <span className="visually-hidden">{t('ui.patron.heading')}: </span>
          <span data-testid="record-name">{name}</span>
        </h2>
      </div>
      {record.erased ? (
        <p className="message message-warning">{t('ui.record.erased')}</p>
      ) : (
        <>
          <RecordFacts record={record} />
          <section className="sensitive-summary" aria-labelledby={`${idPrefix}-sensitive`}>
            <h3 id={`${idPrefix}-sensitive`}>{t('ui.record.sensitive')}</h3>
            {record.sensitive ? (
              <>
                <dl className="facts compact">
                  <div>
                    <dt>{t('ui.sensitive.ethnicity')}</dt>
                    <dd data-testid="record-ethnicity">{record.sensitive.ethnicity ?? t('ui.record.notGiven')}</dd>
                  </div>
                  <div>
                    <dt>{t('ui.sensitive.disability')}</dt>
                    <dd>{record.sensitive.disability ?? t('ui.record.notGiven')}</dd>
                  </div>
                </dl>
                <p className="hint">
                  {t('ui.sensitive.consentGiven', {
                    date: formatDateTime(record.sensitive.consentGivenAt, i18n.language, settings.timeZone),
                    name: record.sensitive.consentRecordedBy,
                  })}
                </p>
              </>
            ) : (
              <p className="hint" data-testid="record-no-consent">
                {t('ui.sensitive.noConsent')}
              </p>
            )}
          </section>
          <ReaderServices
            record={record}
            onNeeds={(needs) => setView((v) => (v ? withRecord(v, { ...v.record, needs }) : v))}
          />
          <div className="actions record-actions" role="group" aria-label={t('ui.record.actions')}>
            <button
              type="button"
              className="button button-primary"
              ref={printButton}
              onClick={() => void pdf('card')}
              data-testid="print-card"
            >
              {t('ui.record.print')}
            </button>
            <button
              type="button"
              className="button"
              ref={editButton}
              onClick={() => setEditing(true)}
              data-testid="edit-reader"
            >
              {t('ui.record.edit')}
            </button>
            <button
              type="button"
              className="button"
              ref={blockButton}
              aria-expanded={record.blocked ? undefined : panel === 'block'}
              onClick={() => (record.blocked ? void unblock() : setPanel(panel === 'block' ? null : 'block'))}
              data-testid="block-reader"
            >
              {t(record.blocked ? 'ui.record.unblock' : 'ui.record.block')}
            </button>
            <button type="button" className="button" onClick={() => void renew()} data-testid="renew-card">
              {t('ui.record.renew')}
            </button>
            <button
              type="button"
              className="button"
              ref={sensitiveButton}
              aria-expanded={panel === 'sensitive'}
              onClick={() => setPanel(panel === 'sensitive' ? null : 'sensitive')}
              data-testid="sensitive-reader"
            >
              {t('ui.record.sensitive')}
            </button>
            <button type="button" className="button" onClick={() => void exportJson()} data-testid="export-json">
              {t('ui.record.exportJson')}
            </button>
            <button type="button" className="button" onClick={() => void pdf('exportPdf')} data-testid="export-pdf">
              {t('ui.record.exportPdf')}
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={() => setErasing(true)}
              data-testid="erase-reader"
            >
              {t('ui.record.erase')}
            </button>
          </div>
          {panel === 'block' ? (
            <BlockForm
              onBlock={block}
              onCancel={() => {
                setPanel(null);
                blockButton.current?.focus();
              }}
            />
          ) : null}
          {panel === 'sensitive' ? (
            <SensitiveForm
              record={record}
              onSave={saveSensitive}
              onCancel={() => {
                setPanel(null);
                sensitiveButton.current?.focus();
              }}
            />
          ) : null}
        </>
      )}
      {documentList.length > 0 ? (
        <section aria-labelledby={`${idPrefix}-documents`}>
          <h3 id={`${idPrefix}-documents`}>{t('ui.record.documents')}</h3>
          <ul className="documents">
            {documentList.map(([kind, label]) => (
              <DocumentLink
                key={kind}
                label={label}
                document={documents[kind]!}
                testId={`document-${kind}`}
                ref={newDocumentKind.current === kind ? newDocument : undefined}
              />
            ))}
          </ul>
        </section>
      ) : null}
      <LoanTable
        caption={t('ui.patron.loansHeading', { count: loans.length })}
        empty={t('ui.patron.noLoans')}
        lines={loans.map((loan) => ({ loan }))}
        testId="record-loans"
      />
      {erasing ? (
        <EraseDialog name={name} cardNumber={cardNumber} onErased={onErased} onClose={() => setErasing(false)} />
      ) : null}
    </section>
  );
}
