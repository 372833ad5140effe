import { useEffect, useState, useSyncExternalStore, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { syncChannels } from '../../../shared/contract/sync';
import { announce, clearAnnouncement } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { formatDateTime } from '../format';
import { setSyncState, subscribeSync, syncState } from '../sync-events';
import { Field } from './FormField';
import { LiveRegion } from './LiveRegion';

type FieldName = 'hubUrl' | 'code';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** "Đồng bộ / Sync": the desk's standing with the hub, "sync now", and enrolment with a one-time code. */
export function SyncScreen() {
  const { t, i18n } = useTranslation();
  const { api, settings } = useDesk();
  const status = useSyncExternalStore(subscribeSync, syncState);
  const [hubUrl, setHubUrl] = useState('');
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [errors, setErrors] = useState<FieldName[]>([]);
  const [busy, setBusy] = useState<'enrol' | 'now' | null>(null);

  useEffect(() => clearAnnouncement, []);
  useEffect(() => {
    void api.sync.status({}).then((result) => {
      if (result.ok) setSyncState(result.data);
    });
  }, [api]);
  useEffect(() => {
    if (status?.hubUrl && hubUrl === '') setHubUrl(status.hubUrl);
    // Only the first time the hub's address is known: later the field is the user's.
  }, [status?.hubUrl]);

  const when = (iso: string | null) =>
    iso ? (
      formatDateTime(iso, i18n.language, settings.timeZone)
    ) : (
      <span className="not-given">{t('ui.sync.state.none')}</span>
    );
  const error = (field: FieldName) => (errors.includes(field) ? t(`ui.sync.enrol.errors.${field}`) : undefined);

  async function enrol(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const input = {
      hubUrl: hubUrl.trim(),
      code: code.trim(),
      ...(deviceName.trim() ? { deviceName: deviceName.trim() } : {}),
    };
    // The contract's own schema: the page refuses exactly what the desk would.
    const parsed = syncChannels['sync.enrol'].input.safeParse(input);
    if (!parsed.success) {
      const fields = [
        ...new Set(
          parsed.error.issues
            .map((i) => String(i.path[0]))
            .filter((f): f is FieldName => f === 'hubUrl' || f === 'code'),
        ),
      ];
      setErrors(fields);
      announce('error', fields.map((f) => t(`ui.sync.enrol.errors.${f}`)).join(' '));
      document.getElementById(`sync-${fields[0] ?? 'hubUrl'}`)?.focus();
      return;
    }
    setErrors([]);
    setBusy('enrol');
    announce('success', t('ui.sync.enrol.working'));
    const result = await api.sync.enrol(input);
    setBusy(null);
    if (result.ok) {
      setSyncState(result.data);
      setCode('');
      announce('success', t('ui.sync.enrol.done', { library: result.data.libraryName ?? result.data.hubUrl ?? '' }));
    } else {
      announce('error', describeError(result.error));
      document.getElementById('sync-code')?.focus();
    }
  }

  async function syncNow() {
    if (busy) return;
    setBusy('now');
    announce('success', t('ui.sync.nowWorking'));
    const result = await api.sync.now({});
    setBusy(null);
    if (!result.ok) return announce('error', describeError(result.error));
    setSyncState(result.data);
    if (result.data.state === 'online') announce('success', t('ui.sync.nowDone', { count: result.data.pending }));
    else
      announce(
        'error',
        t('ui.sync.nowFailed', {
          message: result.data.lastErrorKind ? t(`ui.sync.errorKinds.${result.data.lastErrorKind}`) : '',
        }),
      );
  }

  return (
    <div className="screen sync-screen">
      <h1>{t('ui.sync.heading')}</h1>
      <LiveRegion />
      <div className="devices-layout">
        <section className="panel" aria-labelledby="sync-state-heading">
          <h2 id="sync-state-heading">{t('ui.sync.state.heading')}</h2>
          {status ? (
            <dl className="facts" data-testid="sync-facts">
              <Fact label={t('ui.sync.state.state')} testId="sync-state">
                {t(`ui.sync.status.${status.state}`)}
                {status.syncing ? `, ${t('ui.sync.status.syncing')}` : ''}
              </Fact>
              <Fact label={t('ui.sync.state.hub')}>{status.hubUrl ?? when(null)}</Fact>
              <Fact label={t('ui.sync.state.library')} testId="sync-library">
                {status.libraryName ?? when(null)}
              </Fact>
              <Fact label={t('ui.sync.state.deviceId')}>
                <span className="code">{status.deviceId}</span>
              </Fact>
              <Fact label={t('ui.sync.state.pending')} testId="sync-pending">
                {status.pending}
              </Fact>
              <Fact label={t('ui.sync.state.acked')}>{status.ackedThrough}</Fact>
              <Fact label={t('ui.sync.state.lastPush')}>{when(status.lastPushAt)}</Fact>
              <Fact label={t('ui.sync.state.lastPull')}>{when(status.lastPullAt)}</Fact>
              <Fact label={t('ui.sync.state.lastError')} testId="sync-last-error">
                {status.lastErrorKind ? (
                  <>
                    {t(`ui.sync.errorKinds.${status.lastErrorKind}`)} ({when(status.lastErrorAt)})
                    <span className="sub">{status.lastError}</span>
                  </>
                ) : (
                  when(null)
                )}
              </Fact>
              {status.nextAttemptAt ? (
                <Fact label={t('ui.sync.state.nextAttempt')}>{when(status.nextAttemptAt)}</Fact>
              ) : null}
            </dl>
          ) : (
            <p>{t('ui.loading')}</p>
          )}
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => void syncNow()}
              aria-busy={busy === 'now'}
              data-testid="sync-now"
            >
              {busy === 'now' ? t('ui.sync.nowWorking') : t('ui.sync.now')}
            </button>
          </div>
        </section>
        <section className="panel" aria-labelledby="sync-enrol-heading">
          <h2 id="sync-enrol-heading">{t('ui.sync.enrol.heading')}</h2>
          <p>{status && status.state !== 'never_enrolled' ? t('ui.sync.enrol.again') : t('ui.sync.enrol.intro')}</p>
          <form
            className="enrol-form"
            noValidate
            onSubmit={(e) => void enrol(e)}
            aria-busy={busy === 'enrol'}
            data-testid="enrol-form"
          >
            <div className="form-grid">
              <Field
                id="sync-hubUrl"
                label={t('ui.sync.enrol.hubUrl')}
                hint={t('ui.sync.enrol.hubUrlHint')}
                error={error('hubUrl')}
                required
                wide
              >
                {(control) => (
                  <input
                    {...control}
                    type="url"
                    value={hubUrl}
                    onChange={(e) => setHubUrl(e.currentTarget.value)}
                    autoComplete="url"
                    spellCheck={false}
                    data-testid="sync-hub-url"
                  />
                )}
              </Field>
              <Field
                id="sync-code"
                label={t('ui.sync.enrol.code')}
                hint={t('ui.sync.enrol.codeHint')}
                error={error('code')}
                required
              >
                {(control) => (
                  <input
                    {...control}
                    value={code}
                    onChange={(e) => setCode(e.currentTarget.value)}
                    autoComplete="off"
                    spellCheck={false}
                    data-testid="sync-code"
                  />
                )}
              </Field>
              <Field
                id="sync-device-name"
                label={t('ui.sync.enrol.deviceName')}
                hint={t('ui.sync.enrol.deviceNameHint')}
              >
                {(control) => (
                  <input
                    {...control}
                    value={deviceName}
                    onChange={(e) => setDeviceName(e.currentTarget.value)}
                    autoComplete="off"
                    data-testid="sync-device-name"
                  />
                )}
              </Field>
            </div>
            <div className="actions">
              <button type="submit" className="button button-primary" data-testid="sync-enrol">
                {busy === 'enrol' ? t('ui.sync.enrol.working') : t('ui.sync.enrol.submit')}
              </button>
            </div>
          </form>
        </section>
      </div>
    </div>
  );
}
