import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import type { KioskLoan } from '../../../shared/contract/kiosk';
import type { Language } from '../../../shared/domain';
import type { DeskError } from '../../../shared/result';
import type { KioskApi } from '../api/transport';
import { announce, clearAnnouncement } from '../announcer';
import { LiveRegion } from '../components/LiveRegion';
import { formatDate } from '../format';
import { switchLanguage } from '../i18n';
import { useIdle, warningSeconds } from './idle';
import { readAloud, stopReading, type Spoken } from './read-aloud';
import './kiosk.css';

type Config = ChannelOutput<'kiosk.config'>;
type Reader = { session: string; fullName: string; loans: KioskLoan[] };
type Found = ChannelOutput<'kiosk.search'>;

/**
 * The self-service kiosk: a reader scans their own card, sees their loans and
 * due dates, renews what may be renewed and searches the catalogue. Large
 * targets, simple words, read aloud on request; it leaves the reader after a
 * while without activity. It can reach only the kiosk channels: there is no
 * way from here to the desk's own screens.
 */
export function KioskApp({ api }: { api: KioskApi }) {
  const { t, i18n } = useTranslation();
  const [config, setConfig] = useState<Config | null>(null);
  const [reader, setReader] = useState<Reader | null>(null);
  const [found, setFound] = useState<{ query: string; titles: Found } | null>(null);
  const [spoken, setSpoken] = useState<Spoken | null>(null);
  const [failure, setFailure] = useState('');
  const cardField = useRef<HTMLInputElement>(null);
  const readerHeading = useRef<HTMLHeadingElement>(null);
  const language = i18n.language as Language;

  useEffect(() => {
    void api.kiosk.config({}).then(async (result) => {
      if (!result.ok) return setFailure(result.error.message);
      await switchLanguage(result.data.language);
      setConfig(result.data);
    });
    return clearAnnouncement;
  }, [api]);

  useEffect(() => {
    document.title = `${t('ui.kiosk.title')} — ${config?.libraryName ?? t('ui.appName')}`;
  }, [t, config, language]);

  const say = useCallback(
    (error: DeskError) => {
      if (error.code === 'RATE_LIMITED')
        return t('ui.kiosk.tooMany', { seconds: Number(error.details?.seconds ?? 60) });
      if (error.code === 'NOT_FOUND') return t('ui.kiosk.unknownCard');
      if (error.code === 'SESSION_ENDED') return t('ui.kiosk.sessionEnded');
      return error.message;
    },
    [t],
  );

  const leave = useCallback(
    async (why: 'done' | 'timeout') => {
      stopReading();
      const session = reader?.session;
      setReader(null);
      setFound(null);
      setSpoken(null);
      if (session) await api.kiosk.leave({ session });
      if (config) await switchLanguage(config.language);
      announce('success', t(why === 'done' ? 'ui.kiosk.goodbye' : 'ui.kiosk.timedOut'));
      cardField.current?.focus();
    },
    [api, config, reader, t],
  );

  const idleSeconds = config?.idleSeconds ?? 60;
  const { left, reset } = useIdle(idleSeconds, reader !== null || found !== null, () => void leave('timeout'));

  async function identify(card: string) {
    const result = await api.kiosk.identify({ card });
    if (!result.ok) return announce('error', say(result.error));
    const { session, fullName, loans, preferredLanguage } = result.data;
    if (preferredLanguage) await switchLanguage(preferredLanguage);
    setReader({ session, fullName, loans });
    announce('success', greeting(fullName, loans));
    requestAnimationFrame(() => readerHeading.current?.focus());
  }

  function greeting(name: string, loans: KioskLoan[]): string {
    const overdue = loans.filter((l) => l.overdue).length;
    return `${t('ui.kiosk.hello', { name })} ${t('ui.kiosk.loanCount', { count: loans.length })}${
      overdue > 0 ? ` ${t('ui.kiosk.overdueCount', { count: overdue })}` : ''
    }`;
  }

  async function renew(loan: KioskLoan) {
    if (!reader) return;
    const result = await api.kiosk.renew({ session: reader.session, item: loan.item });
    if (!result.ok) {
      announce('error', say(result.error));
      if (result.error.code === 'SESSION_ENDED') void leave('timeout');
      return;
    }
    const renewed = result.data.find((l) => l.item === loan.item);
    setReader({ ...reader, loans: result.data });
    announce(
      'success',
      t('ui.kiosk.renewed', { title: loan.title, date: renewed ? formatDate(renewed.dueOn, language) : '' }),
    );
  }

  async function search(query: string) {
    const result = await api.kiosk.search({ query, limit: 10 });
    if (!result.ok) return announce('error', say(result.error));
    setFound({ query, titles: result.data });
    announce(
      'success',
      result.data.length === 0
        ? t('ui.kiosk.noneFound', { query })
        : t('ui.kiosk.found', { count: result.data.length, query }),
    );
  }

  function screenText(): string {
    const parts: string[] = [];
    if (reader) {
      parts.push(greeting(reader.fullName, reader.loans));
      for (const loan of reader.loans) parts.push(loanText(loan));
    } else {
      parts.push(t('ui.kiosk.welcome'), t('ui.kiosk.scanHint'));
    }
    if (found) {
      parts.push(
        found.titles.length === 0
          ? t('ui.kiosk.noneFound', { query: found.query })
          : t('ui.kiosk.found', { count: found.titles.length, query: found.query }),
      );
      for (const title of found.titles) parts.push(`${title.title}. ${availability(title)}`);
    }
    return parts.join(' ');
  }

  const loanText = (loan: KioskLoan) =>
    `${loan.title}. ${t(loan.overdue ? 'ui.kiosk.wasDue' : 'ui.kiosk.due', { date: formatDate(loan.dueOn, language) })}`;
  const availability = (title: Found[number]) =>
    title.available > 0
      ? t('ui.kiosk.available', { count: title.available, total: title.total })
      : t('ui.kiosk.allOut', { total: title.total });

  if (!config) {
    return (
      <main className="kiosk loading">
        <p role={failure ? 'alert' : 'status'}>
          {failure ? t('ui.loadFailed', { message: failure }) : t('ui.loading')}
        </p>
      </main>
    );
  }

  const warnAt = warningSeconds(idleSeconds);
  return (
    <div className="kiosk" data-testid="kiosk">
      <header className="kiosk-header">
        <div>
          <p className="kiosk-library">{config.libraryName}</p>
          <h1>{t('ui.kiosk.title')}</h1>
        </div>
        <div className="kiosk-tools" role="group" aria-label={t('ui.kiosk.tools')}>
          {(['vi', 'en'] as const).map((lng) => (
            <button
              key={lng}
              type="button"
              className="kiosk-button"
              lang={lng}
              aria-pressed={language === lng}
              onClick={() => void switchLanguage(lng)}
            >
              {/* The chosen language is marked by a sign too, not by its outline alone. */}
              {language === lng ? <span aria-hidden="true">✓ </span> : null}
              {t(`ui.language.${lng}`)}
            </button>
          ))}
          <button
            type="button"
            className="kiosk-button"
            onClick={() => setSpoken(readAloud(screenText(), language))}
            data-testid="read-aloud"
          >
            {t('ui.kiosk.readAloud')}
          </button>
        </div>
      </header>
      <main className="kiosk-main">
        <LiveRegion />
        {spoken && spoken !== 'spoken' ? (
          <p className="kiosk-note" data-testid="read-aloud-status">
            {t(spoken === 'noVoice' ? 'ui.kiosk.noVoice' : 'ui.kiosk.noSpeech')}
          </p>
        ) : null}
        {left !== null && left <= warnAt ? (
          <section className="kiosk-warning" aria-labelledby="kiosk-warning-text" data-testid="idle-warning">
            <p id="kiosk-warning-text" role="alert">
              {t('ui.kiosk.idleWarning', { seconds: warnAt })}
            </p>
            <p className="kiosk-countdown" aria-hidden="true" data-testid="idle-countdown">
              {left}
            </p>
            <button type="button" className="kiosk-button kiosk-primary" onClick={reset}>
              {t('ui.kiosk.stillHere')}
            </button>
          </section>
        ) : null}
        {reader ? (
          <section className="kiosk-panel" aria-labelledby="kiosk-reader" data-testid="kiosk-reader">
            <h2 id="kiosk-reader" ref={readerHeading} tabIndex={-1}>
              {t('ui.kiosk.hello', { name: reader.fullName })}
            </h2>
            <h3>{t('ui.kiosk.loansHeading', { count: reader.loans.length })}</h3>
            {reader.loans.length === 0 ? (
              <p>{t('ui.kiosk.noLoans')}</p>
            ) : (
              <ul className="kiosk-loans" data-testid="kiosk-loans">
                {reader.loans.map((loan) => (
                  <li key={loan.item} className={loan.overdue ? 'overdue' : undefined} data-item={loan.item}>
                    <span className="kiosk-loan-title">{loan.title}</span>
                    <span className="kiosk-loan-due">
                      {loan.overdue ? <span aria-hidden="true">! </span> : null}
                      {t(loan.overdue ? 'ui.kiosk.wasDue' : 'ui.kiosk.due', { date: formatDate(loan.dueOn, language) })}
                    </span>
                    {loan.renewable ? (
                      <button
                        type="button"
                        className="kiosk-button kiosk-primary"
                        onClick={() => void renew(loan)}
                        data-testid="kiosk-renew"
                      >
                        {t('ui.kiosk.renew')}
                        <span className="visually-hidden"> {loan.title}</span>
                      </button>
                    ) : (
                      <span className="kiosk-note">{t('ui.kiosk.cannotRenew')}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <button
              type="button"
              className="kiosk-button kiosk-leave"
              onClick={() => void leave('done')}
              data-testid="kiosk-leave"
            >
              {t('ui.kiosk.leave')}
            </button>
          </section>
        ) : (
          <CardForm cardField={cardField} onCard={(card) => void identify(card)} />
        )}
        <SearchForm onSearch={(q) => void search(q)} />
        {found ? (
          <section className="kiosk-panel" aria-labelledby="kiosk-found" data-testid="kiosk-results">
            <h2 id="kiosk-found">{t('ui.kiosk.resultsHeading', { query: found.query })}</h2>
            {found.titles.length === 0 ? (
              <p>{t('ui.kiosk.noneFound', { query: found.query })}</p>
            ) : (
              <ul className="kiosk-titles">
                {found.titles.map((title) => (
                  <li key={title.id}>
                    <span className="kiosk-loan-title">{title.title}</span>
                    {title.authors.length > 0 ? <span> — {title.authors.join(', ')}</span> : null}
                    <span className={`kiosk-availability${title.available > 0 ? ' yes' : ' no'}`}>
                      <span aria-hidden="true">{title.available > 0 ? '✓ ' : '✕ '}</span>
                      {availability(title)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
      </main>
      <footer className="kiosk-footer">{t('ui.kiosk.help')}</footer>
    </div>
  );
}

function CardForm({
  cardField,
  onCard,
}: {
  cardField: RefObject<HTMLInputElement | null>;
  onCard: (card: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [card, setCard] = useState('');

  useEffect(() => {
    cardField.current?.focus();
  }, [cardField]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = card.trim();
    setCard('');
    if (value) onCard(value);
  }

  return (
    <section className="kiosk-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('ui.kiosk.welcome')}</h2>
      <form onSubmit={submit} className="kiosk-form" data-testid="kiosk-card-form">
        <label htmlFor={`${id}-card`}>{t('ui.kiosk.cardLabel')}</label>
        <p id={`${id}-hint`} className="kiosk-hint">
          {t('ui.kiosk.scanHint')}
        </p>
        <div className="kiosk-row">
          <input
            id={`${id}-card`}
            ref={cardField}
            aria-describedby={`${id}-hint`}
            className="kiosk-input"
            autoComplete="off"
            inputMode="numeric"
            value={card}
            onChange={(event) => setCard(event.currentTarget.value)}
            data-testid="kiosk-card"
          />
          <button type="submit" className="kiosk-button kiosk-primary">
            {t('ui.kiosk.continue')}
          </button>
        </div>
      </form>
    </section>
  );
}

function SearchForm({ onSearch }: { onSearch: (query: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  return (
    <section className="kiosk-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('ui.kiosk.searchHeading')}</h2>
      <form
        role="search"
        className="kiosk-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (query.trim()) onSearch(query.trim());
        }}
      >
        <label htmlFor={`${id}-query`}>{t('ui.kiosk.searchLabel')}</label>
        <div className="kiosk-row">
          <input
            id={`${id}-query`}
            className="kiosk-input"
            type="search"
            autoComplete="off"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            data-testid="kiosk-search"
          />
          <button type="submit" className="kiosk-button kiosk-primary">
            {t('ui.kiosk.search')}
          </button>
        </div>
      </form>
    </section>
  );
}
