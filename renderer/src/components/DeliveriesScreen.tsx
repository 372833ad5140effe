import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deliveryStatuses, type Delivery, type DeliveryStatus } from '../../../shared/reader-services';
import { announce, clearAnnouncement } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { showPdf } from '../documents';
import { formatDateTime } from '../format';
import { useDocuments } from '../use-documents';
import { DocumentLink } from './DocumentLink';
import { Field } from './FormField';
import { LiveRegion } from './LiveRegion';
import { Tag } from './Tag';

type Filter = DeliveryStatus | 'open' | 'all';
type Step = 'delivered' | 'collected' | 'cancelled';

/** The steps a delivery may take next: the same rule the desk holds (rules/delivery.ts), to offer only those. */
const nextSteps: Record<DeliveryStatus, Step[]> = {
  requested: ['delivered', 'cancelled'],
  delivered: ['collected'],
  collected: [],
  cancelled: [],
};

/** Home delivery (from the navigation): requests, the round to print, and each delivery marked delivered and collected. */
export function DeliveriesScreen() {
  const { t } = useTranslation();
  const { api } = useDesk();
  const [filter, setFilter] = useState<Filter>('open');
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const { documents, keep } = useDocuments();
  const roundLink = useRef<HTMLAnchorElement>(null);
  const [focusRound, setFocusRound] = useState(false);

  useEffect(() => clearAnnouncement, []);

  const load = useCallback(async () => {
    const result = await api.deliveries.list(
      filter === 'all' || filter === 'open' ? { limit: 500 } : { status: filter, limit: 500 },
    );
    if (!result.ok) return announce('error', describeError(result.error));
    setDeliveries(
      filter === 'open' ? result.data.filter((d) => d.status === 'requested' || d.status === 'delivered') : result.data,
    );
  }, [api, filter]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (focusRound) {
      roundLink.current?.focus();
      setFocusRound(false);
    }
  }, [focusRound]);

  async function advance(delivery: Delivery, to: Step) {
    const result = await api.deliveries.advance({ id: delivery.id, to });
    if (!result.ok) return announce('error', describeError(result.error));
    announce('success', t(`ui.services.delivery.moved.${to}`, { name: delivery.patron.fullName }));
    await load();
    document.getElementById('delivery-list-heading')?.focus();
  }

  async function printRound() {
    const result = await api.deliveries.pdf({});
    if (!result.ok) return announce('error', describeError(result.error));
    const shown = showPdf(result.data);
    keep('deliveryRound', shown);
    announce(
      'success',
      t(shown.opened ? 'ui.readerAnnounce.documentOpened' : 'ui.readerAnnounce.documentReady', {
        filename: shown.filename,
        pages: shown.pages ?? 0,
      }),
    );
    setFocusRound(true);
  }

  return (
    <div className="screen deliveries-screen">
      <h1>{t('ui.services.delivery.heading')}</h1>
      <LiveRegion />
      <div className="columns">
        <RequestForm onRequested={() => void load()} />
        <section className="panel" aria-labelledby="delivery-list-heading">
          <h2 id="delivery-list-heading" tabIndex={-1}>
            {t('ui.services.delivery.listHeading')}
          </h2>
          <div className="actions">
            <label htmlFor="delivery-filter">{t('ui.services.delivery.filter')}</label>
            <select
              id="delivery-filter"
              value={filter}
              onChange={(event) => setFilter(event.currentTarget.value as Filter)}
              data-testid="delivery-filter"
            >
              {(['open', 'all', ...deliveryStatuses] as const).map((f) => (
                <option key={f} value={f}>
                  {t(`ui.services.delivery.filters.${f}`)}
                </option>
              ))}
            </select>
            <button type="button" className="button" onClick={() => void printRound()} data-testid="print-round">
              {t('ui.services.delivery.printRound')}
            </button>
          </div>
          {documents.deliveryRound ? (
            <ul className="documents">
              <DocumentLink
                label={t('ui.services.delivery.roundDocument')}
                document={documents.deliveryRound}
                testId="document-round"
                ref={roundLink}
              />
            </ul>
          ) : null}
          <DeliveryTable deliveries={deliveries} onAdvance={(d, to) => void advance(d, to)} />
        </section>
      </div>
    </div>
  );
}

function DeliveryTable({
  deliveries,
  onAdvance,
}: {
  deliveries: Delivery[];
  onAdvance: (delivery: Delivery, to: Step) => void;
}) {
  const { t, i18n } = useTranslation();
  const { settings } = useDesk();
  const when = (instant: string | null) => (instant ? formatDateTime(instant, i18n.language, settings.timeZone) : '');
  return (
    <table className="loans deliveries" data-testid="delivery-table">
      <caption>{t('ui.services.delivery.caption', { count: deliveries.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.services.delivery.reader')}</th>
          <th scope="col">{t('ui.services.delivery.items')}</th>
          <th scope="col">{t('ui.services.delivery.statusColumn')}</th>
          <th scope="col">{t('ui.services.delivery.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.length === 0 ? (
          <tr>
            <td colSpan={4} className="empty">
              {t('ui.services.delivery.empty')}
            </td>
          </tr>
        ) : (
          deliveries.map((d) => (
            <tr key={d.id} data-delivery={d.id} data-status={d.status}>
              <td>
                {d.patron.fullName} <span className="code">{d.patron.cardNumber}</span>
                {d.patron.commune || d.patron.address ? (
                  <div className="hint">{[d.patron.address, d.patron.commune].filter(Boolean).join(', ')}</div>
                ) : null}
              </td>
              <td>
                <ul className="plain">
                  {d.items.map((i) => (
                    <li key={i.barcode}>
                      {i.title ?? i.barcode} <span className="code">{i.barcode}</span>
                    </li>
                  ))}
                  {d.text ? <li>{d.text}</li> : null}
                </ul>
              </td>
              <td>
                <Tag kind={d.status === 'cancelled' ? 'danger' : d.status === 'collected' ? 'ok' : 'info'}>
                  {t(`ui.services.delivery.status.${d.status}`)}
                </Tag>
                <div className="hint">
                  {t('ui.services.delivery.requestedOn', { date: when(d.requestedAt), by: d.requestedBy })}
                  {d.deliveredAt ? (
                    <>
                      <br />
                      {t('ui.services.delivery.deliveredOn', { date: when(d.deliveredAt), by: d.deliveredBy ?? '' })}
                    </>
                  ) : null}
                  {d.collectedAt ? (
                    <>
                      <br />
                      {t('ui.services.delivery.collectedOn', { date: when(d.collectedAt), by: d.collectedBy ?? '' })}
                    </>
                  ) : null}
                </div>
              </td>
              <td>
                {nextSteps[d.status].map((step) => (
                  <button
                    key={step}
                    type="button"
                    className={`button button-small${step === 'cancelled' ? ' button-danger' : ''}`}
                    onClick={() => onAdvance(d, step)}
                    data-testid={`delivery-${step}`}
                  >
                    {t(`ui.services.delivery.step.${step}`)}
                    <span className="visually-hidden"> — {d.patron.fullName}</span>
                  </button>
                ))}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function RequestForm({ onRequested }: { onRequested: () => void }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const id = useId();
  const [card, setCard] = useState('');
  const [items, setItems] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const cardField = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const barcodes = items.split(/[\s,;]+/u).filter(Boolean);
    const result = await api.deliveries.request({
      cardNumber: card.trim(),
      ...(barcodes.length > 0 ? { items: barcodes } : {}),
      text,
    });
    setBusy(false);
    if (!result.ok) return announce('error', describeError(result.error));
    announce('success', t('ui.services.delivery.requested', { name: result.data.patron.fullName }));
    setCard('');
    setItems('');
    setText('');
    onRequested();
    cardField.current?.focus();
  }

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('ui.services.delivery.requestHeading')}</h2>
      <form className="inline-form" noValidate onSubmit={(event) => void submit(event)} data-testid="delivery-form">
        <Field
          id={`${id}-card`}
          label={t('ui.services.delivery.card')}
          hint={t('ui.services.delivery.cardHint')}
          required
        >
          {(control) => (
            <input
              {...control}
              ref={cardField}
              autoComplete="off"
              inputMode="numeric"
              value={card}
              onChange={(e) => setCard(e.currentTarget.value)}
              data-testid="delivery-card"
            />
          )}
        </Field>
        <Field
          id={`${id}-items`}
          label={t('ui.services.delivery.itemsLabel')}
          hint={t('ui.services.delivery.itemsHint')}
        >
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={items}
              onChange={(e) => setItems(e.currentTarget.value)}
              data-testid="delivery-items"
            />
          )}
        </Field>
        <Field id={`${id}-text`} label={t('ui.services.delivery.textLabel')} hint={t('ui.services.delivery.textHint')}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              maxLength={1000}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              data-testid="delivery-text"
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button button-primary" data-testid="delivery-submit">
            {t('ui.services.delivery.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
