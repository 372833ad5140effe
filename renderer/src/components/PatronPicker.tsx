import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patron } from '../../../shared/domain';
import { ReaderList } from './ReaderList';

interface PatronPickerProps {
  query: string;
  readers: Patron[];
  onChoose: (reader: Patron) => void;
  /** Back to the scan box, leaving the list on show. */
  onLeave: () => void;
  onClose: () => void;
}

/**
 * Readers found by name at the checkout, for a reader who came without their
 * card. The first takes the focus; arrows or Tab move, Enter chooses, Escape closes.
 */
export function PatronPicker({ query, readers, onChoose, onLeave, onClose }: PatronPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section
      className="picker"
      aria-labelledby={`${id}-heading`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onClose();
      }}
      data-testid="patron-picker"
    >
      <h2 id={`${id}-heading`}>{t('ui.picker.heading', { query })}</h2>
      <p id={`${id}-hint`} className="hint">
        {t('ui.readerList.hint')}
      </p>
      <ReaderList
        readers={readers}
        onChoose={onChoose}
        labelledBy={`${id}-heading`}
        describedBy={`${id}-hint`}
        autoFocus
        onLeave={onLeave}
        testId="picker-results"
      />
      <button type="button" className="button" onClick={onClose}>
        {t('ui.picker.close')}
      </button>
    </section>
  );
}
