import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { announce, clearAnnouncement } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { modalOpen } from '../use-shortcut';
import { BatchPanel } from './BatchPanel';
import { LiveRegion } from './LiveRegion';
import { ReaderRecord } from './ReaderRecord';
import { ReaderSearch, type SearchResults } from './ReaderSearch';
import { RegisterPanel } from './RegisterPanel';

type Pane =
  | { kind: 'none' }
  | { kind: 'record'; card: string; focus: 'heading' | 'print'; opened: number }
  | { kind: 'register' }
  | { kind: 'batch' };

/**
 * Readers: find one and open their record, register a new one, print cards.
 * The search stays on the left while a record or form is open on the right.
 */
export function ReadersScreen() {
  const { t } = useTranslation();
  const { api, hardwareScan } = useDesk();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [pane, setPane] = useState<Pane>({ kind: 'none' });
  const searchBox = useRef<HTMLInputElement>(null);
  const registerButton = useRef<HTMLButtonElement>(null);
  const opened = useRef(0);

  useEffect(() => clearAnnouncement, []);
  useEffect(() => {
    searchBox.current?.focus();
  }, []);

  // F4 on this screen goes back to the search box. A document listener hears the key
  // before the window's (where F4 opens this screen) and marks it handled.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'F4' || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (modalOpen()) return;
      event.preventDefault();
      searchBox.current?.focus();
      searchBox.current?.select();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  async function search(text: string, quiet = false) {
    const q = text.trim();
    if (q === '') {
      searchBox.current?.focus();
      return;
    }
    const result = await api.patrons.search({ query: q, limit: 50 });
    if (!result.ok) return announce('error', describeError(result.error));
    setResults({ query: q, readers: result.data });
    if (quiet) return;
    const count = result.data.length;
    if (count > 0) announce('success', t('ui.readerAnnounce.searchFound', { count, query: q }));
    else announce('warning', t('ui.readerAnnounce.searchNone', { query: q }));
    // A card number (typed or scanned) opens its reader at once.
    const [only] = result.data;
    if (count === 1 && only?.cardNumber === q) openRecord(only.cardNumber);
  }

  /** The results again, quietly: a block, an edit or an erasure shows in the list too. */
  function refresh() {
    if (results) void search(results.query, true);
  }

  function openRecord(card: string, focus: 'heading' | 'print' = 'heading') {
    opened.current += 1;
    setPane({ kind: 'record', card, focus, opened: opened.current });
  }

  function onErased(result: ChannelOutput<'patrons.erase'>) {
    announce('success', t('ui.readerAnnounce.erased', { card: result.cardNumber, count: result.loansAnonymised }));
    setPane({ kind: 'none' });
    refresh();
    searchBox.current?.focus();
  }

  // A hardware scan on this screen looks the card up.
  useEffect(() => {
    hardwareScan.current = (code) => {
      setQuery(code);
      void search(code);
    };
    return () => {
      hardwareScan.current = null;
    };
  });

  return (
    <div className="screen readers-screen">
      <h1>{t('ui.readers.heading')}</h1>
      <div className="actions" role="group" aria-label={t('ui.readers.toolbar')}>
        <button
          type="button"
          ref={registerButton}
          className="button button-primary"
          onClick={() => setPane({ kind: 'register' })}
          data-testid="open-register"
        >
          {t('ui.readers.register')}
        </button>
        <button type="button" className="button" onClick={() => setPane({ kind: 'batch' })} data-testid="open-batch">
          {t('ui.readers.batch')}
        </button>
      </div>
      <LiveRegion />
      <div className="readers-layout">
        <ReaderSearch
          query={query}
          onQuery={setQuery}
          onSearch={() => void search(query)}
          results={results}
          current={pane.kind === 'record' ? pane.card : null}
          onChoose={(reader) => openRecord(reader.cardNumber)}
          searchBox={searchBox}
          onBackToSearch={() => searchBox.current?.focus()}
        />
        {pane.kind === 'record' ? (
          <ReaderRecord
            key={`${pane.card}-${pane.opened}`}
            cardNumber={pane.card}
            initialFocus={pane.focus}
            onChanged={refresh}
            onErased={onErased}
          />
        ) : pane.kind === 'register' ? (
          <RegisterPanel
            onRegistered={(card) => {
              openRecord(card, 'print');
              refresh();
            }}
            onOpen={(card) => openRecord(card)}
            onCancel={() => {
              setPane({ kind: 'none' });
              registerButton.current?.focus();
            }}
          />
        ) : pane.kind === 'batch' ? (
          <BatchPanel />
        ) : (
          <section className="panel" aria-label={t('ui.patron.heading')}>
            <p className="empty">{t('ui.readers.nothingOpen')}</p>
          </section>
        )}
      </div>
    </div>
  );
}
