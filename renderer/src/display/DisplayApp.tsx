import i18next from 'i18next';
import { useEffect, useState } from 'react';
import { catalogues } from '../../../shared/i18n';
import type { DisplayLine, DisplayState } from '../../../shared/display';
import type { Settings } from '../../../shared/domain';
import type { DeskClient } from '../api/transport';
import { formatDate } from '../format';
import { applyTheme } from '../theme';
import { endedClearMs, idleClearMs } from './reader-display';

const icons = { success: '✓', warning: '!', error: '✕' } as const;

/** A language the catalogue has; anything else falls back to the desk's. */
function displayLanguage(wanted: string | null | undefined, desk: string): string {
  return wanted && wanted in catalogues ? wanted : desk;
}

/**
 * The reader-facing display: a screen turned towards the reader, in large type,
 * in the reader's language (ui.a11y.reader). It only listens: 'display' events
 * from the desk, and blanks itself after a finished transaction or a long pause.
 */
export function DisplayApp({ client }: { client: DeskClient }) {
  const { api, subscribe } = client;
  const [settings, setSettings] = useState<Settings | null>(null);
  const [state, setState] = useState<DisplayState | null>(null);

  useEffect(() => {
    const loadSettings = () =>
      void api.settings.get({}).then((result) => {
        if (!result.ok) return;
        applyTheme(result.data.displayTheme);
        setSettings(result.data);
      });
    loadSettings();
    void api.display.current({}).then((result) => {
      if (result.ok) setState(result.data.state);
    });
    return subscribe((event) => {
      if (event.type === 'display') setState(event.state);
      if (event.type === 'changed' && event.domain === 'settings') loadSettings();
    });
  }, [api, subscribe]);

  // Nothing of a reader stays on show: thanks for a moment after the end, then blank; blank after a long pause.
  useEffect(() => {
    if (!state) return undefined;
    const timer = setTimeout(() => setState(null), state.ended ? endedClearMs : idleClearMs);
    return () => clearTimeout(timer);
  }, [state]);

  const deskLanguage = settings?.language ?? 'vi';
  const lng = displayLanguage(state?.reader?.language, deskLanguage);
  const t = i18next.getFixedT(lng, undefined, 'ui.a11y.reader');

  useEffect(() => {
    document.documentElement.lang = lng;
    document.title = `${i18next.t('ui.a11y.display.pageTitle', { lng })} — ${settings?.libraryName ?? ''}`;
  }, [lng, settings?.libraryName]);

  const returned = state?.lines.some((l) => l.kind === 'returned') ?? false;
  return (
    <div className="reader-display" data-testid="reader-display">
      <header className="display-header">
        <p className="display-library">{settings?.libraryName ?? t('library')}</p>
      </header>
      <main className="display-main">
        {!state?.reader ? (
          <h1 className="display-idle" data-testid="display-idle">
            {t('idle')}
          </h1>
        ) : (
          <>
            <h1 className="display-name" data-testid="display-name">
              {t('greeting', { name: state.reader.name })}
            </h1>
            <p role="status" className={`display-message message message-${state.message?.tone ?? 'success'}`}>
              {state.message ? (
                <>
                  <span className="message-icon" aria-hidden="true">
                    {icons[state.message.tone]}
                  </span>
                  <span data-testid="display-message">
                    <strong>{t(`tone.${state.message.tone}`)}:</strong> {t(`messages.${state.message.code}`)}
                  </span>
                </>
              ) : null}
            </p>
            <section aria-labelledby="display-lines-heading">
              <h2 id="display-lines-heading">
                {t(returned ? 'returnedHeading' : 'lentHeading')}{' '}
                <span className="display-count">({t('count', { count: state.lines.length })})</span>
              </h2>
              {state.lines.length === 0 ? (
                <p className="display-none">{t('none')}</p>
              ) : (
                <ol className="display-lines" data-testid="display-lines">
                  {state.lines.map((line) => (
                    <DisplayItem key={line.barcode} line={line} lng={lng} />
                  ))}
                </ol>
              )}
            </section>
          </>
        )}
      </main>
    </div>
  );
}

function DisplayItem({ line, lng }: { line: DisplayLine; lng: string }) {
  const t = i18next.getFixedT(lng, undefined, 'ui.a11y.reader');
  return (
    <li className="display-line" data-item={line.barcode}>
      <span className="display-title">{line.title}</span>
      <span className="display-facts">
        {line.kind === 'returned' ? (
          <span className="tag tag-ok">✓ {t('returned')}</span>
        ) : line.dueOn ? (
          <strong className="display-due">{t('due', { date: formatDate(line.dueOn, lng) })}</strong>
        ) : null}
        {line.kind === 'renewed' ? <span className="tag tag-info">{t('renewed')}</span> : null}
        {line.overdueDays > 0 ? (
          <span className="tag tag-danger">! {t('overdue', { count: line.overdueDays })}</span>
        ) : null}
      </span>
    </li>
  );
}
