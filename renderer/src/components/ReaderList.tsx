import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patron } from '../../../shared/domain';
import { useCategoryLabel } from '../category-label';
import { useDesk } from '../desk-context';
import { formatDate, todayIn } from '../format';
import { Tag } from './Tag';

interface ReaderListProps {
  readers: Patron[];
  onChoose: (reader: Patron) => void;
  labelledBy: string;
  describedBy?: string;
  /** The reader whose record is open, marked aria-current. */
  current?: string | null;
  /** Move the focus to the first reader whenever the list changes. */
  autoFocus?: boolean;
  /** Arrow up from the first reader: back to where the search was typed. */
  onLeave?: () => void;
  /** Escape: the list is not wanted. */
  onEscape?: () => void;
  testId: string;
}

/**
 * Readers as a list of buttons: name, card, category, expiry, and whether the
 * card is expired or blocked, in words. Tab or the arrow keys move, Enter chooses.
 */
export function ReaderList({
  readers,
  onChoose,
  labelledBy,
  describedBy,
  current,
  autoFocus = false,
  onLeave,
  onEscape,
  testId,
}: ReaderListProps) {
  const { t, i18n } = useTranslation();
  const { settings } = useDesk();
  const categoryLabel = useCategoryLabel();
  const list = useRef<HTMLUListElement>(null);
  const today = todayIn(settings.timeZone);

  const buttons = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('button.reader-option') ?? [])];

  useEffect(() => {
    if (autoFocus) list.current?.querySelector<HTMLButtonElement>('button.reader-option')?.focus();
  }, [readers, autoFocus]);

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const all = buttons();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(index + 1, all.length - 1);
        break;
      case 'ArrowUp':
        if (index <= 0 && onLeave) {
          event.preventDefault();
          onLeave();
          return;
        }
        next = Math.max(index - 1, 0);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = all.length - 1;
        break;
      case 'Escape':
        if (onEscape) {
          event.preventDefault();
          onEscape();
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    all[next]?.focus();
  }

  return (
    <ul
      ref={list}
      className="reader-list"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      {readers.map((reader) => {
        const expired = reader.expiresOn < today;
        return (
          <li key={reader.cardNumber}>
            <button
              type="button"
              className="reader-option"
              aria-current={current === reader.cardNumber ? 'true' : undefined}
              onClick={() => onChoose(reader)}
              data-card={reader.cardNumber}
            >
              <span className="reader-option-name">{reader.fullName}</span>{' '}
              <span className="reader-option-facts">
                <span>
                  <span className="visually-hidden">{t('ui.readerList.card')} </span>
                  <span className="code">{reader.cardNumber}</span>
                </span>{' '}
                <span>{categoryLabel(reader.category)}</span>{' '}
                <span>{t('ui.readerList.expires', { date: formatDate(reader.expiresOn, i18n.language) })}</span>{' '}
                {expired ? (
                  <Tag kind="danger" testId="reader-expired">
                    {t('ui.patron.expired')}
                  </Tag>
                ) : null}{' '}
                {reader.blocked ? (
                  <Tag kind="danger" testId="reader-blocked">
                    {t('ui.patron.blocked')}
                  </Tag>
                ) : null}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
