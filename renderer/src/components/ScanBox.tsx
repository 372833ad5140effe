import { useEffect, useId, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../desk-context';
import { useWedge } from '../scanner/use-wedge';

interface ScanBoxProps {
  hint: string;
  onScan: (code: string) => void;
}

/**
 * The one input a scanner types into. Enter or Tab ends a scan; the box
 * empties at once so the next scan can start while the desk answers.
 * Escape clears a half-typed code.
 * Uncontrolled on purpose: no re-render per keystroke.
 */
export function ScanBox({ hint, onScan }: ScanBoxProps) {
  const { t } = useTranslation();
  const { scanBox, focusScanBox } = useDesk();
  const id = useId();
  const hintId = `${id}-hint`;

  useEffect(() => {
    focusScanBox();
  }, [focusScanBox]);
  // A keyboard-wedge burst is a scan wherever the focus is, and whatever the input method made of it.
  useWedge(onScan, scanBox);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Escape') {
      event.currentTarget.value = '';
      return;
    }
    const endsScan = event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey);
    if (!endsScan) return;
    const input = event.currentTarget;
    const code = input.value.trim();
    // An empty box lets Tab move on as usual, so the keyboard can leave it.
    if (code === '') return;
    event.preventDefault();
    input.value = '';
    onScan(code);
  };

  return (
    <div className="scan-box">
      <label htmlFor={id}>{t('ui.scan.label')}</label>
      <input
        id={id}
        ref={scanBox}
        data-testid="scan-box"
        type="text"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        enterKeyHint="go"
        aria-describedby={hintId}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className="hint">
        {hint}
      </p>
    </div>
  );
}
