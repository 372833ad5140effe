import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskEvent } from '../../../shared/events';
import { clearAnnouncement } from '../announcer';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { LiveRegion } from './LiveRegion';

/** Catalogue records in and out: MARC21, MARCXML, CSV and Excel. */
export function CatalogIoScreen({ subscribe }: { subscribe: (listener: (event: DeskEvent) => void) => () => void }) {
  const { t } = useTranslation();
  useEffect(() => clearAnnouncement, []);
  return (
    <div className="screen catalog-io-screen">
      <h1>{t('ui.catalogIo.heading')}</h1>
      <LiveRegion />
      <ImportPanel subscribe={subscribe} />
      <ExportPanel />
    </div>
  );
}
