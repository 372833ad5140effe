import { useEffect, useLayoutEffect, useRef } from 'react';

/** True while a modal dialog is open: shortcuts then belong to the dialog. */
export function modalOpen(): boolean {
  return document.querySelector('dialog[open], .modal-overlay') !== null;
}

/** A function-key shortcut (F2, F9 …) on the whole window, off while a modal dialog is open. */
export function useShortcut(key: string, handler: () => void, enabled = true): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== key || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.defaultPrevented || modalOpen()) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [key, enabled]);
}
