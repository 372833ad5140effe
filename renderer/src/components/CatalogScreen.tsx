import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TitleHit } from '../../../shared/contract/catalog';
import type { MaterialType } from '../../../shared/domain';
import { announce, clearAnnouncement } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { CatalogPrint } from './CatalogPrint';
import { CatalogResults } from './CatalogResults';
import { LiveRegion } from './LiveRegion';
import { MaterialTypeOptions } from './MaterialType';
import { TitleDetail } from './TitleDetail';
import { TitleForm } from './TitleForm';

type Pane = { kind: 'none' } | { kind: 'title'; id: number } | { kind: 'new' } | { kind: 'edit'; id: number };
type TypeFilter = 'all' | 'accessible' | MaterialType;

const PAGE = 20;

/**
 * The catalogue: search as you type (from two characters) with each copy's
 * availability, a title's record and copies, the edit form, copies added with
 * the next accession numbers, the records left to complete after quick-add,
 * labels and the accession register as PDF. Search stays on the left.
 */
export function CatalogScreen() {
  const { t } = useTranslation();
  const { api, hardwareScan } = useDesk();
  const [query, setQuery] = useState('');
  const [type, setType] = useState<TypeFilter>('all');
  const [availableOnly, setAvailableOnly] = useState(false);
  const [hits, setHits] = useState<TitleHit[] | null>(null);
  const [more, setMore] = useState(false);
  const [incomplete, setIncomplete] = useState<{ total: number; titles: TitleHit[] } | null>(null);
  const [showIncomplete, setShowIncomplete] = useState(false);
  const [pane, setPane] = useState<Pane>({ kind: 'none' });
  const searchBox = useRef<HTMLInputElement>(null);
  const sequence = useRef(0);

  useEffect(() => clearAnnouncement, []);
  useEffect(() => searchBox.current?.focus(), []);

  function loadIncomplete() {
    void api.catalog.incomplete({ limit: 50 }).then((result) => {
      if (result.ok) setIncomplete(result.data);
    });
  }
  useEffect(loadIncomplete, [api]);

  /** `quiet`: refresh the list without announcing it (after a save, whose outcome is the news). */
  async function search(text: string, offset = 0, quiet = false) {
    const mine = ++sequence.current;
    const trimmed = text.trim();
    if (trimmed.length < 2) {
      setHits(null);
      setMore(false);
      return;
    }
    const filter =
      type === 'all' ? {} : type === 'accessible' ? { accessible: true } : { materialTypes: [type] as MaterialType[] };
    const result = await api.catalog.search({
      query: trimmed,
      limit: PAGE + 1,
      offset,
      ...filter,
      ...(availableOnly ? { availableOnly: true } : {}),
    });
    // Answers to older keystrokes are dropped.
    if (mine !== sequence.current) return;
    if (!result.ok) return announce('error', describeError(result.error));
    const page = result.data.slice(0, PAGE);
    setMore(result.data.length > PAGE);
    const all = offset === 0 ? page : [...(hits ?? []), ...page];
    setHits(all);
    if (quiet) return;
    announce(
      'success',
      all.length === 0
        ? t('ui.catalog.resultsNone', { query: trimmed })
        : t('ui.catalog.resultsCount', { count: all.length, query: trimmed }),
    );
  }

  // Filters apply at once to what was typed.
  useEffect(() => {
    void search(query);
  }, [type, availableOnly]);

  // A scan on this screen looks the copy up.
  useEffect(() => {
    hardwareScan.current = (code) => {
      setQuery(code);
      void search(code);
    };
    return () => {
      hardwareScan.current = null;
    };
  });

  function open(id: number) {
    setPane({ kind: 'title', id });
  }

  function closePane() {
    setPane({ kind: 'none' });
    searchBox.current?.focus();
  }

  function saved(id: number) {
    loadIncomplete();
    setPane({ kind: 'title', id });
    if (query.trim().length >= 2) void search(query, 0, true);
  }

  return (
    <div className="screen catalog-screen">
      <h1>{t('ui.catalog.heading')}</h1>
      <LiveRegion />
      <div className="readers-layout">
        <section className="panel" aria-labelledby="catalog-search-heading">
          <h2 id="catalog-search-heading">{t('ui.catalog.searchHeading')}</h2>
          <form
            role="search"
            className="catalog-search"
            onSubmit={(event) => {
              event.preventDefault();
              void search(query);
            }}
          >
            <div className="field field-wide">
              <label htmlFor="catalog-query">{t('ui.catalog.searchLabel')}</label>
              <p id="catalog-query-hint" className="hint">
                {t('ui.catalog.searchHint')}
              </p>
              <input
                ref={searchBox}
                id="catalog-query"
                type="search"
                autoComplete="off"
                spellCheck={false}
                aria-describedby="catalog-query-hint"
                value={query}
                onChange={(event) => {
                  setQuery(event.target.value);
                  void search(event.target.value);
                }}
                onKeyDown={(event) => {
                  if (event.key === 'ArrowDown') {
                    event.preventDefault();
                    document.querySelector<HTMLButtonElement>('.catalog-results button.reader-option')?.focus();
                  }
                }}
                data-testid="catalog-query"
              />
            </div>
            <div className="form-grid">
              <div className="field">
                <label htmlFor="catalog-type">{t('ui.catalog.typeFilter')}</label>
                <select
                  id="catalog-type"
                  value={type}
                  onChange={(event) => setType(event.target.value as TypeFilter)}
                  data-testid="catalog-type"
                >
                  <option value="all">{t('ui.catalog.allTypes')}</option>
                  <option value="accessible">{t('ui.catalog.accessibleTypes')}</option>
                  <MaterialTypeOptions />
                </select>
              </div>
              <div className="field check">
                <input
                  id="catalog-available"
                  type="checkbox"
                  checked={availableOnly}
                  onChange={(event) => setAvailableOnly(event.target.checked)}
                />
                <label htmlFor="catalog-available">{t('ui.catalog.availableOnly')}</label>
              </div>
            </div>
          </form>
          {hits ? (
            <>
              <h3 id="catalog-results-heading">{t('ui.catalog.results')}</h3>
              <CatalogResults
                hits={hits}
                labelledBy="catalog-results-heading"
                current={pane.kind === 'title' ? pane.id : null}
                onChoose={(hit) => open(hit.id)}
                onLeave={() => searchBox.current?.focus()}
                testId="catalog-results"
              />
              {more ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => void search(query, hits.length)}
                  data-testid="catalog-more"
                >
                  {t('ui.catalog.moreResults')}
                </button>
              ) : null}
            </>
          ) : null}
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => setPane({ kind: 'new' })}
              data-testid="catalog-new"
            >
              {t('ui.catalog.newTitle')}
            </button>
            <button
              type="button"
              className="button"
              aria-expanded={showIncomplete}
              aria-controls="catalog-incomplete"
              onClick={() => setShowIncomplete((s) => !s)}
              data-testid="catalog-incomplete-toggle"
            >
              {t('ui.catalog.incompleteShow', { count: incomplete?.total ?? 0 })}
            </button>
          </div>
          <div id="catalog-incomplete" hidden={!showIncomplete}>
            <h3 id="catalog-incomplete-heading">{t('ui.catalog.incompleteHeading')}</h3>
            {incomplete && incomplete.titles.length > 0 ? (
              <CatalogResults
                hits={incomplete.titles}
                labelledBy="catalog-incomplete-heading"
                current={pane.kind === 'title' || pane.kind === 'edit' ? pane.id : null}
                onChoose={(hit) => setPane({ kind: 'edit', id: hit.id })}
                testId="catalog-incomplete"
              />
            ) : (
              <p>{t('ui.catalog.incompleteNone')}</p>
            )}
          </div>
          <CatalogPrint />
        </section>
        <div>
          {pane.kind === 'title' ? (
            <TitleDetail
              key={pane.id}
              id={pane.id}
              onEdit={() => setPane({ kind: 'edit', id: pane.id })}
              onClose={closePane}
              onChanged={loadIncomplete}
            />
          ) : pane.kind === 'new' || pane.kind === 'edit' ? (
            <TitleForm
              key={pane.kind === 'edit' ? pane.id : 'new'}
              id={pane.kind === 'edit' ? pane.id : null}
              onSaved={saved}
              onCancel={() => (pane.kind === 'edit' ? setPane({ kind: 'title', id: pane.id }) : closePane())}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}
