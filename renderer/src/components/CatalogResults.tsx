import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TitleHit } from '../../../shared/contract/catalog';
import { Tag } from './Tag';

interface CatalogResultsProps {
  hits: TitleHit[];
  labelledBy: string;
  current: number | null;
  onChoose: (hit: TitleHit) => void;
  /** Arrow up from the first title: back to the search box. */
  onLeave?: () => void;
  testId: string;
}

/**
 * Titles as a list of buttons: title, authors, year, material type, and how
 * many copies are on the shelf, with each copy's accession number and status
 * in words. Tab or the arrow keys move, Enter opens.
 */
export function CatalogResults({ hits, labelledBy, current, onChoose, onLeave, testId }: CatalogResultsProps) {
  const { t } = useTranslation();
  const list = useRef<HTMLUListElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const all = [...(list.current?.querySelectorAll<HTMLButtonElement>('button.reader-option') ?? [])];
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    let next = index;
    if (event.key === 'ArrowDown') next = Math.min(index + 1, all.length - 1);
    else if (event.key === 'ArrowUp') {
      if (index <= 0 && onLeave) {
        event.preventDefault();
        onLeave();
        return;
      }
      next = Math.max(index - 1, 0);
    } else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = all.length - 1;
    else return;
    event.preventDefault();
    all[next]?.focus();
  }

  return (
    <ul
      ref={list}
      className="reader-list catalog-results"
      aria-labelledby={labelledBy}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      {hits.map((hit) => (
        <li key={hit.id}>
          <button
            type="button"
            className="reader-option"
            aria-current={current === hit.id ? 'true' : undefined}
            onClick={() => onChoose(hit)}
            data-title-id={hit.id}
          >
            <span className="reader-option-name">{hit.title}</span>{' '}
            <span className="reader-option-facts">
              {hit.authors.length > 0 ? <span>{hit.authors.join('; ')}</span> : null}{' '}
              {hit.year ? <span>{hit.year}</span> : null}{' '}
              <span>{t(`ui.catalog.materialTypes.${hit.materialType}`)}</span>{' '}
              <Tag kind={hit.availableCount > 0 ? 'ok' : 'danger'} testId="availability">
                {t('ui.catalog.availability', { available: hit.availableCount, total: hit.copies.length })}
              </Tag>{' '}
              {hit.needsCompletion ? (
                <Tag kind="info" testId="needs-completion">
                  {t('ui.catalog.needsCompletion')}
                </Tag>
              ) : null}
            </span>
            {hit.copies.length > 0 ? (
              <span className="catalog-copies">
                {hit.copies.slice(0, 6).map((c) => (
                  <span key={c.barcode} className="catalog-copy">
                    <span className="code">{c.accessionNumber ?? c.barcode}</span>{' '}
                    {t(`ui.catalog.statuses.${c.status}`)}{' '}
                  </span>
                ))}
                {hit.copies.length > 6 ? <span>…</span> : null}
              </span>
            ) : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
