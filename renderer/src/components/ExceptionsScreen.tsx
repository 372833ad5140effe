import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncException } from '../../../shared/sync-protocol';
import { announce, clearAnnouncement } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { formatDateTime } from '../format';
import { subscribeSync, syncState } from '../sync-events';
import { Field } from './FormField';
import { InlineForm } from './InlineForm';
import { LiveRegion } from './LiveRegion';
import { Tag } from './Tag';

type Filter = 'open' | 'resolved' | 'all';

/**
 * The hub's exceptions (conflicts between desks): what happened, about which
 * code, from which desk's event; staff resolve each with a note in their words.
 */
export function ExceptionsScreen() {
  const { t, i18n } = useTranslation();
  const { api, settings } = useDesk();
  const [filter, setFilter] = useState<Filter>('open');
  const [list, setList] = useState<SyncException[] | null>(null);
  const [refreshed, setRefreshed] = useState(true);
  const [resolving, setResolving] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const ownDevice = useSyncExternalStore(subscribeSync, syncState)?.deviceId;

  useEffect(() => clearAnnouncement, []);

  const load = useCallback(
    async (announceCount: boolean) => {
      const result = await api.sync.exceptions({ status: filter });
      if (!result.ok) return announce('error', describeError(result.error));
      setList(result.data.exceptions);
      setRefreshed(result.data.refreshed);
      if (announceCount) {
        const n = result.data.exceptions.length;
        announce('success', n === 0 ? t('ui.sync.exceptions.empty') : t('ui.sync.exceptions.found', { count: n }));
      }
    },
    [api, filter, t],
  );

  useEffect(() => {
    void load(true);
  }, [load]);

  const when = (iso: string) => formatDateTime(iso, i18n.language, settings.timeZone);

  function startResolving(id: string) {
    setResolving(id);
    setNote('');
    setNoteError(false);
    requestAnimationFrame(() => document.getElementById('exception-note')?.focus());
  }

  function stopResolving(id: string) {
    setResolving(null);
    requestAnimationFrame(() => document.getElementById(`resolve-${id}`)?.focus());
  }

  async function resolve(e: SyncException) {
    if (note.trim() === '') {
      setNoteError(true);
      announce('error', t('ui.sync.exceptions.noteRequired'));
      document.getElementById('exception-note')?.focus();
      return;
    }
    const result = await api.sync.resolve({ id: e.id, resolution: note.trim() });
    if (!result.ok) {
      announce('error', describeError(result.error));
      document.getElementById('exception-note')?.focus();
      return;
    }
    setResolving(null);
    announce('success', t('ui.sync.exceptions.saved', { subject: e.subject ?? e.id }));
    await load(false);
    heading.current?.focus();
  }

  return (
    <div className="screen exceptions-screen">
      <h1 ref={heading} tabIndex={-1}>
        {t('ui.sync.exceptions.heading')}
      </h1>
      <LiveRegion />
      <p>{t('ui.sync.exceptions.intro')}</p>
      <div className="toolbar">
        <fieldset className="fieldset filter">
          <legend>{t('ui.sync.exceptions.filter')}</legend>
          {(['open', 'resolved', 'all'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="exception-filter"
                value={value}
                checked={filter === value}
                onChange={() => setFilter(value)}
                data-testid={`exceptions-filter-${value}`}
              />{' '}
              {t(`ui.sync.exceptions.${value}`)}
            </label>
          ))}
        </fieldset>
        <button type="button" className="button" onClick={() => void load(true)} data-testid="exceptions-reload">
          {t('ui.sync.exceptions.reload')}
        </button>
      </div>
      {!refreshed ? (
        <p className="message message-warning" data-testid="exceptions-offline">
          <span className="message-icon" aria-hidden="true">
            !
          </span>
          <span>{t('ui.sync.exceptions.offline')}</span>
        </p>
      ) : null}
      <table className="loans exceptions" data-testid="exceptions">
        <caption className="visually-hidden">{t('ui.sync.exceptions.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.sync.exceptions.kind')}</th>
            <th scope="col">{t('ui.sync.exceptions.subject')}</th>
            <th scope="col">{t('ui.sync.exceptions.message')}</th>
            <th scope="col">{t('ui.sync.exceptions.raisedAt')}</th>
            <th scope="col">{t('ui.sync.exceptions.device')}</th>
            <th scope="col">{t('ui.sync.exceptions.status')}</th>
            <th scope="col">{t('ui.sync.exceptions.action')}</th>
          </tr>
        </thead>
        <tbody>
          {list === null || list.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty">
                {list === null ? t('ui.loading') : t('ui.sync.exceptions.empty')}
              </td>
            </tr>
          ) : (
            list.map((e) => (
              <tr key={e.id} data-testid="exception-row">
                <td>{t(`ui.sync.exceptions.kinds.${e.kind}`)}</td>
                <td>
                  <span className="code">{e.subject ?? ''}</span>
                </td>
                <td>{e.message}</td>
                <td className="when">{when(e.raisedAt)}</td>
                <td>
                  {e.deviceId === ownDevice ? (
                    t('ui.sync.exceptions.thisDesk')
                  ) : (
                    <span className="code device-id">{e.deviceId}</span>
                  )}{' '}
                  · {e.deviceSeq}
                </td>
                <td>
                  {e.status === 'open' ? (
                    <Tag kind="danger" sign="!">
                      {t('ui.sync.exceptions.statusOpen')}
                    </Tag>
                  ) : (
                    <>
                      <Tag kind="ok">{t('ui.sync.exceptions.statusResolved')}</Tag>
                      <span className="sub">
                        {t('ui.sync.exceptions.resolvedBy', {
                          name: e.resolvedBy ?? '',
                          time: e.resolvedAt ? when(e.resolvedAt) : '',
                          resolution: e.resolution ?? '',
                        })}
                      </span>
                    </>
                  )}
                </td>
                <td>
                  {e.status === 'open' && resolving !== e.id ? (
                    <button
                      type="button"
                      id={`resolve-${e.id}`}
                      className="button"
                      aria-label={t('ui.sync.exceptions.resolve', { subject: e.subject ?? e.id })}
                      onClick={() => startResolving(e.id)}
                      data-testid="exception-resolve"
                    >
                      {t('ui.sync.exceptions.action')}
                    </button>
                  ) : null}
                  {resolving === e.id ? (
                    <InlineForm
                      testId="exception-form"
                      onSubmit={() => resolve(e)}
                      onCancel={() => stopResolving(e.id)}
                      submitLabel={t('ui.sync.exceptions.save')}
                      submitClass="button-primary"
                      cancelLabel={t('ui.sync.exceptions.cancel')}
                    >
                      <Field
                        id="exception-note"
                        label={t('ui.sync.exceptions.note')}
                        hint={t('ui.sync.exceptions.noteHint')}
                        error={noteError ? t('ui.sync.exceptions.noteRequired') : undefined}
                        required
                      >
                        {(control) => (
                          <textarea
                            {...control}
                            rows={3}
                            value={note}
                            onChange={(ev) => {
                              setNote(ev.currentTarget.value);
                              if (ev.currentTarget.value.trim() !== '') setNoteError(false);
                            }}
                            data-testid="exception-note"
                          />
                        )}
                      </Field>
                    </InlineForm>
                  ) : null}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
