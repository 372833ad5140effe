import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patron } from '../../../shared/domain';
import { ReaderList } from './ReaderList';

export interface SearchResults {
  query: string;
  readers: Patron[];
}

interface ReaderSearchProps {
  query: string;
  onQuery: (query: string) => void;
  onSearch: () => void;
  results: SearchResults | null;
  current: string | null;
  onChoose: (reader: Patron) => void;
  searchBox: Ref<HTMLInputElement>;
  onBackToSearch: () => void;
}

/** The search box and its results: any part of a name (tone marks optional), card, phone or ID number. */
export function ReaderSearch({
  query,
  onQuery,
  onSearch,
  results,
  current,
  onChoose,
  searchBox,
  onBackToSearch,
}: ReaderSearchProps) {
  const { t } = useTranslation();
  const id = useId();
  const found = results?.readers.length ?? 0;
  return (
    <section className="panel search-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('ui.readers.searchHeading')}</h2>
      <form
        role="search"
        aria-labelledby={`${id}-heading`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSearch();
        }}
      >
        <label htmlFor={`${id}-query`}>{t('ui.readers.searchLabel')}</label>
        <div className="search-row">
          <input
            id={`${id}-query`}
            ref={searchBox}
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            enterKeyHint="search"
            aria-describedby={`${id}-hint`}
            value={query}
            onChange={(event) => onQuery(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key !== 'ArrowDown') return;
              const first = document.querySelector<HTMLButtonElement>(`[data-testid="reader-results"] button`);
              if (first) {
                event.preventDefault();
                first.focus();
              }
            }}
            data-testid="reader-search"
          />
          <button type="submit" className="button button-primary">
            {t('ui.readers.searchButton')}
          </button>
        </div>
        <p id={`${id}-hint`} className="hint">
          {t('ui.readers.searchHint')}
        </p>
      </form>
      <h3 id={`${id}-results`}>{t('ui.readers.resultsHeading')}</h3>
      <p className="hint" id={`${id}-count`} data-testid="reader-results-count">
        {!results
          ? t('ui.readers.resultsIdle')
          : found > 0
            ? t('ui.readers.resultsCount', { count: found, query: results.query })
            : t('ui.readers.resultsNone', { query: results.query })}
      </p>
      {results && found > 0 ? (
        <ReaderList
          readers={results.readers}
          onChoose={onChoose}
          labelledBy={`${id}-results`}
          describedBy={`${id}-count`}
          current={current}
          onLeave={onBackToSearch}
          onEscape={onBackToSearch}
          testId="reader-results"
        />
      ) : null}
    </section>
  );
}
