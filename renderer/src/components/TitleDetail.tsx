import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import type { AccessionSettings } from '../../../shared/contract/catalog';
import { itemStatuses, type ItemStatus } from '../../../shared/domain';
import { announce } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { showPdf } from '../documents';
import { formatDate } from '../format';
import { useDocuments } from '../use-documents';
import { DocumentLink } from './DocumentLink';
import { Tag } from './Tag';

type Detail = ChannelOutput<'catalog.getTitle'>;

interface TitleDetailProps {
  id: number;
  onEdit: () => void;
  onClose: () => void;
  onChanged: () => void;
}

/** One title: its description, its copies with status and loans, copies to add, labels to print. */
export function TitleDetail({ id, onEdit, onClose, onChanged }: TitleDetailProps) {
  const { t, i18n } = useTranslation();
  const { api } = useDesk();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [accession, setAccession] = useState<AccessionSettings | null>(null);
  const [prefix, setPrefix] = useState('');
  const [barcodes, setBarcodes] = useState('');
  const [next, setNext] = useState<string[]>([]);
  const [layout, setLayout] = useState<'a4-3x8' | 'a4-5x13'>('a4-3x8');
  const [skip, setSkip] = useState(0);
  const [statusOf, setStatusOf] = useState<Record<string, ItemStatus>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const { documents, keep } = useDocuments();

  // Focus the heading once the title has rendered (an effect, not a frame: a busy
  // machine may not have committed the render by the next frame).
  const focusHeading = useRef(false);
  function load(focus = false) {
    void api.catalog.getTitle({ id }).then((result) => {
      if (!result.ok) return announce('error', describeError(result.error));
      focusHeading.current = focus;
      setDetail(result.data);
    });
  }
  useEffect(() => {
    if (detail && focusHeading.current) {
      focusHeading.current = false;
      heading.current?.focus();
    }
  }, [detail]);
  useEffect(() => load(true), [id]);
  useEffect(() => {
    void api.catalog.getAccessionSettings({}).then((result) => {
      if (result.ok) {
        setAccession(result.data);
        setPrefix(result.data.prefixes[0]?.code ?? '');
      }
    });
  }, [api]);

  const lines = barcodes
    .split(/\s+/u)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  useEffect(() => {
    if (!prefix || lines.length === 0) return setNext([]);
    void api.catalog.nextAccession({ prefix, count: lines.length }).then((result) => {
      if (result.ok) setNext(result.data.numbers);
    });
  }, [api, prefix, lines.length]);

  if (!detail) return null;
  const { record } = detail;
  const { bib } = record;
  const loanOf = new Map(detail.loans.map((l) => [l.barcode, l]));

  async function addCopies() {
    if (lines.length === 0) return;
    const result = await api.catalog.addCopies({
      uuid: record.uuid,
      accessionPrefix: prefix,
      copies: lines.map((barcode) => ({ barcode })),
    });
    if (!result.ok) return announce('error', describeError(result.error));
    announce('success', t('ui.catalog.announce.copiesAdded', { count: lines.length, title: bib.title }));
    setBarcodes('');
    load();
    onChanged();
  }

  async function updateCopy(barcode: string) {
    const status = statusOf[barcode];
    if (!status || status === 'on_loan') return;
    const result = await api.catalog.updateCopy({ barcode, status });
    if (!result.ok) return announce('error', describeError(result.error));
    announce(
      'success',
      t('ui.catalog.announce.copyUpdated', { barcode, status: t(`ui.catalog.statuses.${result.data.status}`) }),
    );
    load();
  }

  async function printLabels() {
    const result = await api.catalog.labelsPdf({
      barcodes: record.copies.map((c) => c.barcode),
      layout,
      ...(skip > 0 ? { skip } : {}),
    });
    if (!result.ok) return announce('error', describeError(result.error));
    const shown = showPdf(result.data);
    keep('labels', shown);
    const params = { filename: shown.filename, pages: result.data.pages };
    announce(
      'success',
      t(shown.opened ? 'ui.readerAnnounce.documentOpened' : 'ui.readerAnnounce.documentReady', params),
    );
  }

  const facts: [string, string | null][] = [
    [t('ui.catalog.facts.authors'), bib.authors.join('; ') || null],
    [t('ui.catalog.fields.responsibility'), bib.responsibility],
    [t('ui.catalog.fields.materialType'), t(`ui.catalog.materialTypes.${bib.materialType}`)],
    [t('ui.catalog.fields.publisher'), [bib.place, bib.publisher, bib.year].filter(Boolean).join(', ') || null],
    [t('ui.catalog.fields.edition'), bib.edition],
    [t('ui.catalog.fields.extent'), bib.extent],
    [t('ui.catalog.facts.isbn'), bib.isbn.join(', ') || null],
    [t('ui.catalog.fields.ddc'), bib.ddc],
    [t('ui.catalog.facts.series'), bib.series.join('; ') || null],
    [t('ui.catalog.facts.subjects'), bib.subjects.join('; ') || null],
    [t('ui.catalog.facts.languages'), bib.languages.join(', ') || null],
  ];

  return (
    <section className="panel" aria-labelledby="title-detail-heading" data-testid="title-detail">
      <h2 id="title-detail-heading" ref={heading} tabIndex={-1}>
        {bib.title}
      </h2>
      {record.needsCompletion ? <Tag kind="info">{t('ui.catalog.needsCompletion')}</Tag> : null}
      <dl className="facts">
        {facts
          .filter(([, value]) => value !== null)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={onEdit} data-testid="title-edit">
          {t('ui.catalog.edit')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('ui.catalog.close')}
        </button>
      </div>

      <table className="loans" data-testid="title-copies">
        <caption>{t('ui.catalog.copiesHeading', { count: record.copies.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.catalog.fields.accessionNumber')}</th>
            <th scope="col">{t('ui.catalog.fields.barcode')}</th>
            <th scope="col">{t('ui.catalog.fields.callNumber')}</th>
            <th scope="col">{t('ui.catalog.fields.location')}</th>
            <th scope="col">{t('ui.catalog.fields.status')}</th>
          </tr>
        </thead>
        <tbody>
          {record.copies.map((copy) => {
            const loan = loanOf.get(copy.barcode);
            return (
              <tr key={copy.barcode}>
                <td className="code">{copy.accessionNumber ?? '—'}</td>
                <td className="code">{copy.barcode}</td>
                <td>{copy.callNumber ?? '—'}</td>
                <td>{copy.location ?? '—'}</td>
                <td>
                  {copy.status === 'on_loan' ? (
                    <>
                      {t('ui.catalog.statuses.on_loan')}
                      {loan
                        ? ` — ${t('ui.catalog.dueOn', { date: formatDate(loan.dueOn, i18n.language), name: loan.patronName })}`
                        : null}
                    </>
                  ) : (
                    <span className="copy-status">
                      <label className="visually-hidden" htmlFor={`status-${copy.barcode}`}>
                        {t('ui.catalog.updateCopy', { barcode: copy.barcode })}
                      </label>
                      <select
                        id={`status-${copy.barcode}`}
                        value={statusOf[copy.barcode] ?? copy.status}
                        onChange={(event) =>
                          setStatusOf((s) => ({ ...s, [copy.barcode]: event.target.value as ItemStatus }))
                        }
                      >
                        {itemStatuses
                          .filter((s) => s !== 'on_loan')
                          .map((s) => (
                            <option key={s} value={s}>
                              {t(`ui.catalog.statuses.${s}`)}
                            </option>
                          ))}
                      </select>{' '}
                      {statusOf[copy.barcode] && statusOf[copy.barcode] !== copy.status ? (
                        <button type="button" className="button" onClick={() => void updateCopy(copy.barcode)}>
                          {t('ui.catalog.updateCopySubmit')}
                          <span className="visually-hidden"> {copy.barcode}</span>
                        </button>
                      ) : null}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {record.copies.length === 0 ? <p>{t('ui.catalog.noCopies')}</p> : null}

      <h3 id="add-copies-heading">{t('ui.catalog.addCopiesHeading')}</h3>
      <form
        className="inline-form"
        aria-labelledby="add-copies-heading"
        onSubmit={(event) => {
          event.preventDefault();
          void addCopies();
        }}
        data-testid="add-copies-form"
      >
        <div className="form-grid">
          <div className="field">
            <label htmlFor="add-copies-prefix">{t('ui.catalog.addCopiesPrefix')}</label>
            <select id="add-copies-prefix" value={prefix} onChange={(event) => setPrefix(event.target.value)}>
              {(accession?.prefixes ?? []).map((p) => (
                <option key={p.code} value={p.code}>
                  {p.code} — {p.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-wide">
            <label htmlFor="add-copies-barcodes">{t('ui.catalog.addCopiesBarcodes')}</label>
            <textarea
              id="add-copies-barcodes"
              rows={3}
              value={barcodes}
              aria-describedby="add-copies-next"
              onChange={(event) => setBarcodes(event.target.value)}
              data-testid="add-copies-barcodes"
            />
            <p id="add-copies-next" className="hint" data-testid="add-copies-next">
              {next.length > 0 ? t('ui.catalog.addCopiesNext', { numbers: next.join(', ') }) : ''}
            </p>
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="button" data-testid="add-copies-submit">
            {t('ui.catalog.addCopiesSubmit')}
          </button>
        </div>
      </form>

      <h3 id="labels-heading">{t('ui.catalog.labelsHeading')}</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="labels-layout">{t('ui.catalog.labelsLayout')}</label>
          <select
            id="labels-layout"
            value={layout}
            onChange={(event) => setLayout(event.target.value as 'a4-3x8' | 'a4-5x13')}
          >
            <option value="a4-3x8">{t('ui.catalog.layout3x8')}</option>
            <option value="a4-5x13">{t('ui.catalog.layout5x13')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="labels-skip">{t('ui.catalog.labelsSkip')}</label>
          <input
            id="labels-skip"
            type="number"
            min={0}
            max={64}
            value={skip}
            onChange={(event) => setSkip(Math.max(0, Math.min(64, Number(event.target.value) || 0)))}
          />
        </div>
      </div>
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={record.copies.length === 0}
          onClick={() => void printLabels()}
          data-testid="labels-print"
        >
          {t('ui.catalog.labelsPrint')}
        </button>
      </div>
      {documents.labels ? (
        <ul className="documents">
          <DocumentLink label={t('ui.catalog.labelsDocument')} document={documents.labels} testId="labels-document" />
        </ul>
      ) : null}
    </section>
  );
}
