import { useEffect, type RefObject } from 'react';
import { modalOpen } from './use-shortcut';

function isTextField(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) return true;
  if (element instanceof HTMLSelectElement) return true;
  return element instanceof HTMLElement && element.isContentEditable;
}

/**
 * A scanner types wherever the focus is. When it is on no text field (after a
 * click on the page, say), a letter or digit moves focus to the scan box
 * first, so the scan lands there instead of being lost.
 */
export function useStrayKeys(scanBox: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || modalOpen()) return;
      if (!/^[0-9A-Za-z]$/u.test(event.key)) return;
      if (isTextField(document.activeElement)) return;
      scanBox.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [scanBox]);
}
