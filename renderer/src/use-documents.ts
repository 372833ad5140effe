import { useCallback, useEffect, useRef, useState } from 'react';
import type { ShownDocument } from './documents';

export type DocumentKind = 'card' | 'sheet' | 'exportPdf' | 'exportJson' | 'labels' | 'register' | 'deliveryRound';

/**
 * The files a screen has made, one per kind. Each blob: URL lives until a newer
 * file of the same kind replaces it or the screen goes away.
 */
export function useDocuments() {
  const [documents, setDocuments] = useState<Partial<Record<DocumentKind, ShownDocument>>>({});
  const urls = useRef(new Map<DocumentKind, string>());

  useEffect(() => {
    const held = urls.current;
    return () => {
      for (const url of held.values()) URL.revokeObjectURL(url);
      held.clear();
    };
  }, []);

  const keep = useCallback((kind: DocumentKind, document: ShownDocument) => {
    const old = urls.current.get(kind);
    if (old) URL.revokeObjectURL(old);
    urls.current.set(kind, document.url);
    setDocuments((all) => ({ ...all, [kind]: document }));
  }, []);

  const clear = useCallback(() => {
    for (const url of urls.current.values()) URL.revokeObjectURL(url);
    urls.current.clear();
    setDocuments({});
  }, []);

  return { documents, keep, clear };
}
