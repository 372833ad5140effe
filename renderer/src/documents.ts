import type { DeskDocument } from '../../shared/patron-record';

/** A file made for the librarian: a PDF from the desk, or a JSON export made here. */
export interface ShownDocument {
  filename: string;
  /** A blob: URL, revoked when the document is replaced or its owner goes away. */
  url: string;
  /** Pages of a PDF; absent for other files. */
  pages?: number;
  /** Whether the desk managed to open it in a new tab or window. */
  opened: boolean;
}

/** The desk sends documents as base64; the page turns them into a Blob of their own type. */
export function documentBlob(document: Pick<DeskDocument, 'base64' | 'mimeType'>): Blob {
  const binary = atob(document.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: document.mimeType });
}

/**
 * Open a blob: URL in a new tab or window, where the shell allows it. A blocked
 * pop-up is no failure: the download link beside it stays.
 */
export function openInNewTab(url: string): boolean {
  try {
    const opened = window.open(url, '_blank');
    if (!opened) return false;
    opened.opener = null;
    return true;
  } catch {
    return false;
  }
}

/** A PDF from the desk, ready to show: a blob: URL, opened in a new tab where possible. */
export function showPdf(document: DeskDocument): ShownDocument {
  const url = URL.createObjectURL(documentBlob(document));
  return { filename: document.filename, url, pages: document.pages, opened: openInNewTab(url) };
}

/** Data made here (the JSON export) as a file the browser downloads at once. */
export function downloadJson(filename: string, data: unknown): ShownDocument {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  window.document.body.append(link);
  link.click();
  link.remove();
  return { filename, url, opened: false };
}
