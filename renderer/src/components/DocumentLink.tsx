import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShownDocument } from '../documents';

interface DocumentLinkProps {
  label: string;
  document: ShownDocument;
  testId: string;
  /** The download link, for the focus to go to once the file is ready. */
  ref?: Ref<HTMLAnchorElement>;
}

/**
 * A file the desk made: a download link with its name, and for a PDF a link
 * that opens it in a new tab (which the page also tried on its own; where
 * pop-ups are blocked, these links stay).
 */
export function DocumentLink({ label, document, testId, ref }: DocumentLinkProps) {
  const { t } = useTranslation();
  const isPdf = document.pages !== undefined;
  return (
    <li className="document" data-testid={testId}>
      <span className="document-label">
        <span aria-hidden="true">{isPdf ? '▤ ' : '{ } '}</span>
        {label}
      </span>{' '}
      <span className="document-file">
        <span className="code">{document.filename}</span>
        {isPdf ? ` · ${t('ui.documents.pages', { count: document.pages })}` : null}
      </span>{' '}
      <span className="document-actions">
        <a
          ref={ref}
          className="button"
          href={document.url}
          download={document.filename}
          data-testid={`${testId}-download`}
        >
          <span aria-hidden="true">↓ </span>
          {t('ui.documents.download')}
          <span className="visually-hidden"> {document.filename}</span>
        </a>{' '}
        {isPdf ? (
          <a className="button" href={document.url} target="_blank" rel="noopener" data-testid={`${testId}-open`}>
            {t('ui.documents.open')}
            <span className="visually-hidden"> {document.filename}</span>
          </a>
        ) : null}
      </span>
    </li>
  );
}
