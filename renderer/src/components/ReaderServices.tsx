import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatronRecord } from '../../../shared/patron-record';
import { needKinds, type NeedKind, type NeedsProfile, type Proxy } from '../../../shared/reader-services';
import { announce } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { Field } from './FormField';
import { InlineForm } from './InlineForm';

interface ReaderServicesProps {
  record: PatronRecord;
  /** The needs profile was saved: the record shows it. */
  onNeeds: (needs: NeedsProfile | null) => void;
}

/**
 * Services for a reader with a disability, on their record: the needs profile
 * (only with consent, which is recorded under "Sensitive data") and the
 * proxies who may borrow and return for them.
 */
export function ReaderServices({ record, onNeeds }: ReaderServicesProps) {
  const { t } = useTranslation();
  const idPrefix = useId();
  const [editingNeeds, setEditingNeeds] = useState(false);
  const needsButton = useRef<HTMLButtonElement>(null);
  const name = record.fullName;

  return (
    <section className="reader-services" aria-labelledby={`${idPrefix}-services`} data-testid="reader-services">
      <h3 id={`${idPrefix}-services`}>{t('ui.services.heading')}</h3>
      <h4>{t('ui.services.needs.heading')}</h4>
      {record.sensitive === null ? (
        <p className="hint" data-testid="needs-no-consent">
          {t('ui.services.needs.noConsent')}
        </p>
      ) : (
        <>
          <p data-testid="needs-summary">
            {record.needs && record.needs.kinds.length > 0
              ? record.needs.kinds.map((k) => t(`ui.services.needs.kind.${k}`)).join(', ')
              : t('ui.services.needs.none')}
            {record.needs?.note ? ` — ${record.needs.note}` : ''}
          </p>
          {editingNeeds ? (
            <NeedsForm
              cardNumber={record.cardNumber}
              needs={record.needs}
              onSaved={(needs) => {
                onNeeds(needs);
                setEditingNeeds(false);
                announce('success', t('ui.services.needs.saved', { name }));
                needsButton.current?.focus();
              }}
              onCancel={() => {
                setEditingNeeds(false);
                needsButton.current?.focus();
              }}
            />
          ) : (
            <button
              type="button"
              className="button"
              ref={needsButton}
              onClick={() => setEditingNeeds(true)}
              data-testid="edit-needs"
            >
              {t('ui.services.needs.edit')}
            </button>
          )}
        </>
      )}
      <Proxies cardNumber={record.cardNumber} name={name} />
    </section>
  );
}

function NeedsForm({
  cardNumber,
  needs,
  onSaved,
  onCancel,
}: {
  cardNumber: string;
  needs: NeedsProfile | null;
  onSaved: (needs: NeedsProfile | null) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const idPrefix = useId();
  const [kinds, setKinds] = useState<NeedKind[]>(needs?.kinds ?? []);
  const [note, setNote] = useState(needs?.note ?? '');

  useEffect(() => {
    document.getElementById(`${idPrefix}-visual`)?.focus();
  }, [idPrefix]);

  async function save() {
    const result = await api.needs.set({ cardNumber, kinds, note });
    if (!result.ok) return announce('error', describeError(result.error));
    onSaved(result.data);
  }

  return (
    <InlineForm
      testId="needs-form"
      onSubmit={save}
      onCancel={onCancel}
      submitLabel={t('ui.services.needs.save')}
      submitClass="button-primary"
      cancelLabel={t('ui.form.cancel')}
    >
      <fieldset className="fieldset">
        <legend>{t('ui.services.needs.legend')}</legend>
        <p className="hint">{t('ui.services.needs.hint')}</p>
        {needKinds.map((kind) => (
          <div className="check" key={kind}>
            <input
              type="checkbox"
              id={`${idPrefix}-${kind}`}
              checked={kinds.includes(kind)}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                setKinds((k) => (on ? [...k, kind] : k.filter((x) => x !== kind)));
              }}
            />
            <label htmlFor={`${idPrefix}-${kind}`}>{t(`ui.services.needs.kind.${kind}`)}</label>
          </div>
        ))}
      </fieldset>
      <Field id={`${idPrefix}-note`} label={t('ui.services.needs.note')}>
        {(control) => (
          <textarea
            {...control}
            maxLength={1000}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
        )}
      </Field>
    </InlineForm>
  );
}

type ProxyKind = 'reader' | 'person';

function Proxies({ cardNumber, name }: { cardNumber: string; name: string }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const idPrefix = useId();
  const [proxies, setProxies] = useState<Proxy[]>([]);
  const [adding, setAdding] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void api.proxies.list({ cardNumber }).then((result) => {
      if (result.ok) setProxies(result.data);
    });
  }, [api, cardNumber]);

  async function remove(proxy: Proxy) {
    const result = await api.proxies.remove({ cardNumber, id: proxy.id });
    if (!result.ok) return announce('error', describeError(result.error));
    setProxies(result.data);
    announce('success', t('ui.services.proxies.removed', { proxy: proxy.fullName, name }));
    addButton.current?.focus();
  }

  return (
    <section aria-labelledby={`${idPrefix}-proxies`} data-testid="proxies">
      <h4 id={`${idPrefix}-proxies`}>{t('ui.services.proxies.heading')}</h4>
      {proxies.length === 0 ? (
        <p className="hint">{t('ui.services.proxies.none')}</p>
      ) : (
        <ul className="proxy-list" data-testid="proxy-list">
          {proxies.map((p) => (
            <li key={p.id}>
              <span>
                {p.fullName} (
                {p.card
                  ? t('ui.services.proxies.card', { card: p.card })
                  : t('ui.services.proxies.idDoc', { id: p.idNumber })}
                ){p.relation ? ` — ${p.relation}` : ''}
              </span>{' '}
              <button
                type="button"
                className="button button-small"
                onClick={() => void remove(p)}
                aria-label={t('ui.services.proxies.remove', { proxy: p.fullName })}
              >
                {t('ui.services.proxies.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <ProxyForm
          cardNumber={cardNumber}
          onAdded={(list, proxy) => {
            setProxies(list);
            setAdding(false);
            announce('success', t('ui.services.proxies.added', { proxy, name }));
            addButton.current?.focus();
          }}
          onCancel={() => {
            setAdding(false);
            addButton.current?.focus();
          }}
        />
      ) : (
        <button
          type="button"
          className="button"
          ref={addButton}
          onClick={() => setAdding(true)}
          data-testid="add-proxy"
        >
          {t('ui.services.proxies.add')}
        </button>
      )}
    </section>
  );
}

function ProxyForm({
  cardNumber,
  onAdded,
  onCancel,
}: {
  cardNumber: string;
  onAdded: (proxies: Proxy[], proxyName: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const idPrefix = useId();
  const [kind, setKind] = useState<ProxyKind>('reader');
  const [card, setCard] = useState('');
  const [fullName, setFullName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [relation, setRelation] = useState('');

  useEffect(() => {
    document.getElementById(`${idPrefix}-kind-reader`)?.focus();
  }, [idPrefix]);

  async function save() {
    const result =
      kind === 'reader'
        ? await api.proxies.add({ cardNumber, proxyCard: card, relation })
        : await api.proxies.add({ cardNumber, fullName, idNumber, relation });
    if (!result.ok) return announce('error', describeError(result.error));
    const added = result.data[result.data.length - 1];
    onAdded(result.data, added?.fullName ?? fullName);
  }

  return (
    <InlineForm
      testId="proxy-form"
      onSubmit={save}
      onCancel={onCancel}
      submitLabel={t('ui.services.proxies.save')}
      submitClass="button-primary"
      cancelLabel={t('ui.form.cancel')}
    >
      <fieldset className="fieldset radios">
        <legend>{t('ui.services.proxies.kindLegend')}</legend>
        {(['reader', 'person'] as const).map((k) => (
          <div className="check" key={k}>
            <input
              type="radio"
              id={`${idPrefix}-kind-${k}`}
              name={`${idPrefix}-kind`}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            <label htmlFor={`${idPrefix}-kind-${k}`}>{t(`ui.services.proxies.kind.${k}`)}</label>
          </div>
        ))}
      </fieldset>
      {kind === 'reader' ? (
        <Field
          id={`${idPrefix}-card`}
          label={t('ui.services.proxies.cardLabel')}
          hint={t('ui.services.proxies.cardHint')}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              autoComplete="off"
              value={card}
              onChange={(e) => setCard(e.currentTarget.value)}
              data-testid="proxy-card"
            />
          )}
        </Field>
      ) : (
        <>
          <Field id={`${idPrefix}-name`} label={t('ui.services.proxies.nameLabel')}>
            {(control) => (
              <input
                {...control}
                autoComplete="off"
                value={fullName}
                onChange={(e) => setFullName(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field id={`${idPrefix}-id`} label={t('ui.services.proxies.idLabel')}>
            {(control) => (
              <input
                {...control}
                autoComplete="off"
                value={idNumber}
                onChange={(e) => setIdNumber(e.currentTarget.value)}
              />
            )}
          </Field>
        </>
      )}
      <Field
        id={`${idPrefix}-relation`}
        label={t('ui.services.proxies.relationLabel')}
        hint={t('ui.services.proxies.relationHint')}
      >
        {(control) => (
          <input
            {...control}
            autoComplete="off"
            value={relation}
            onChange={(e) => setRelation(e.currentTarget.value)}
            data-testid="proxy-relation"
          />
        )}
      </Field>
    </InlineForm>
  );
}
