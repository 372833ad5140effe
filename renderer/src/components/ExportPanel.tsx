import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportFormats } from '../../../shared/contract/catalog-io';
import { announce } from '../announcer';
import { base64Blob } from '../catalog-files';
import { useDesk } from '../desk-context';
import type { ShownDocument } from '../documents';
import { DocumentLink } from './DocumentLink';

/** The whole catalogue as MARC21, MARCXML, CSV or Excel, offered as a download. */
export function ExportPanel() {
  const { t } = useTranslation();
  const { api } = useDesk();
  const [working, setWorking] = useState(false);
  const [file, setFile] = useState<ShownDocument | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  useEffect(
    () => () => {
      if (file) URL.revokeObjectURL(file.url);
    },
    [file],
  );

  async function make(format: (typeof exportFormats)[number]) {
    setWorking(true);
    const result = await api.catalogio.export({ format });
    setWorking(false);
    if (!result.ok) return announce('error', result.error.message);
    const { filename, mimeType, base64, titles, copies } = result.data;
    setFile({ filename, url: URL.createObjectURL(base64Blob(base64, mimeType)), opened: false });
    announce('success', t('ui.catalogIo.export.ready', { filename, titles, copies }));
    requestAnimationFrame(() => link.current?.focus());
  }

  return (
    <section className="panel catalog-io-export" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('ui.catalogIo.export.heading')}</h2>
      <p className="hint">{t('ui.catalogIo.export.hint')}</p>
      <div className="actions">
        {exportFormats.map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            disabled={working}
            data-testid={`export-${format}`}
            onClick={() => void make(format)}
          >
            {t(`ui.catalogIo.export.${format}`)}
          </button>
        ))}
      </div>
      {working ? <p className="working">{t('ui.catalogIo.export.working')}</p> : null}
      {file ? (
        <ul className="documents">
          <DocumentLink label={t('ui.catalogIo.export.file')} document={file} testId="export-file" ref={link} />
        </ul>
      ) : null}
    </section>
  );
}
