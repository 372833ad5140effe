import { useEffect, useId, useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import {
  columnTargets,
  maxImportBytes,
  type ColumnMapping,
  type ColumnTarget,
  type ImportReport,
} from '../../../shared/contract/catalog-io';
import type { DeskEvent } from '../../../shared/events';
import { announce } from '../announcer';
import { fileToBase64 } from '../catalog-files';
import { useDesk } from '../desk-context';

type Preview = ChannelOutput<'catalogio.preview'>;
type Subscribe = (listener: (event: DeskEvent) => void) => () => void;
const previewRows = 20;
const maxMb = maxImportBytes / 1024 / 1024;

/** Choose a file, see it as the catalogue would take it (columns for spreadsheets), dry-run or import it. */
export function ImportPanel({ subscribe }: { subscribe: Subscribe }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const inputId = useId();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [busy, setBusy] = useState<'reading' | 'importing' | null>(null);
  const [progress, setProgress] = useState<{ jobId: string; percent: number } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  useEffect(
    () =>
      subscribe((event) => {
        if (event.type !== 'progress' || event.job !== 'catalogio.import') return;
        setProgress((p) =>
          p && p.jobId === event.jobId
            ? { ...p, percent: Math.round((100 * event.done) / Math.max(event.total, 1)) }
            : p,
        );
      }),
    [subscribe],
  );

  useEffect(() => {
    if (report) reportHeading.current?.focus();
  }, [report]);

  async function loadPreview(chosen: { name: string; base64: string }, withMapping?: ColumnMapping) {
    setBusy('reading');
    const result = await api.catalogio.preview({
      filename: chosen.name,
      contentBase64: chosen.base64,
      limit: previewRows,
      ...(withMapping ? { mapping: withMapping } : {}),
    });
    setBusy(null);
    if (!result.ok) return announce('error', result.error.message);
    setPreview(result.data);
    setMapping(result.data.mapping);
    announce(
      'success',
      t('ui.catalogIo.import.format', { format: t(`ui.catalogIo.import.formats.${result.data.format}`) }),
    );
  }

  async function choose(files: FileList | null) {
    const chosen = files?.[0];
    setPreview(null);
    setReport(null);
    if (!chosen) return setFile(null);
    if (chosen.size > maxImportBytes) {
      setFile(null);
      return announce('error', t('ui.catalogIo.import.tooLarge', { mb: maxMb }));
    }
    const next = { name: chosen.name, base64: await fileToBase64(chosen) };
    setFile(next);
    await loadPreview(next);
  }

  const spreadsheet = preview?.format === 'csv' || preview?.format === 'xlsx';

  async function run(dryRun: boolean) {
    if (!file || !preview) return;
    const jobId = `import-${Date.now()}`;
    setReport(null);
    setBusy('importing');
    setProgress({ jobId, percent: 0 });
    const result = await api.catalogio.import({
      filename: file.name,
      contentBase64: file.base64,
      format: preview.format,
      dryRun,
      jobId,
      ...(spreadsheet ? { mapping } : {}),
    });
    setBusy(null);
    setProgress(null);
    if (!result.ok) return announce('error', result.error.message);
    setReport(result.data);
    const counts = { imported: result.data.imported, duplicates: result.data.duplicates, failed: result.data.failed };
    announce(
      result.data.failed > 0 ? 'warning' : 'success',
      t(dryRun ? 'ui.catalogIo.import.dryDone' : 'ui.catalogIo.import.done', counts),
    );
  }

  function applyMapping(event: FormEvent) {
    event.preventDefault();
    if (file) void loadPreview(file, mapping);
  }

  return (
    <section className="panel catalog-io-import" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('ui.catalogIo.import.heading')}</h2>
      <div className="field">
        <label htmlFor={inputId}>{t('ui.catalogIo.import.file')}</label>
        <input
          id={inputId}
          type="file"
          accept=".mrc,.marc,.dat,.iso,.xml,.csv,.txt,.xlsx"
          aria-describedby={`${inputId}-hint`}
          data-testid="import-file"
          onChange={(e) => void choose(e.currentTarget.files)}
        />
        <p className="hint" id={`${inputId}-hint`}>
          {t('ui.catalogIo.import.fileHint', { mb: maxMb })}
        </p>
      </div>
      {busy === 'reading' ? <p className="working">{t('ui.catalogIo.import.reading')}</p> : null}
      {preview ? (
        <>
          <p data-testid="import-format">
            {t('ui.catalogIo.import.format', { format: t(`ui.catalogIo.import.formats.${preview.format}`) })}
          </p>
          {spreadsheet ? (
            <form className="mapping" onSubmit={applyMapping} aria-labelledby="mapping-heading">
              <h3 id="mapping-heading">{t('ui.catalogIo.import.mapping')}</h3>
              <p className="hint">{t('ui.catalogIo.import.mappingHint')}</p>
              <div className="form-grid">
                {columnTargets.map((target: ColumnTarget) => (
                  <div className="field" key={target}>
                    <label htmlFor={`${inputId}-${target}`}>{t(`ui.catalogIo.import.targets.${target}`)}</label>
                    <select
                      id={`${inputId}-${target}`}
                      value={mapping[target] ?? ''}
                      data-testid={`mapping-${target}`}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setMapping((m) => {
                          const next = { ...m };
                          if (value === '') delete next[target];
                          else next[target] = value;
                          return next;
                        });
                      }}
                    >
                      <option value="">{t('ui.catalogIo.import.notUsed')}</option>
                      {preview.columns.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              </div>
              <button type="submit" className="button" data-testid="apply-mapping">
                {t('ui.catalogIo.import.applyMapping')}
              </button>
            </form>
          ) : null}
          <PreviewTable preview={preview} />
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              data-testid="import-dry-run"
              onClick={() => void run(true)}
            >
              {t('ui.catalogIo.import.dryRun')}
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={busy !== null}
              data-testid="import-run"
              onClick={() => void run(false)}
            >
              {t('ui.catalogIo.import.run')}
            </button>
          </div>
        </>
      ) : null}
      {progress ? (
        <div className="import-progress">
          <span id={`${inputId}-progress`}>{t('ui.catalogIo.import.running')}</span>
          <progress
            max={100}
            value={progress.percent}
            aria-labelledby={`${inputId}-progress`}
            data-testid="import-progress"
          />
        </div>
      ) : null}
      {report ? <ReportView report={report} headingRef={reportHeading} /> : null}
    </section>
  );
}

function PreviewTable({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  return (
    <table className="import-preview" data-testid="import-preview">
      <caption>{t('ui.catalogIo.import.preview', { count: preview.rows.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.catalogIo.import.record')}</th>
          <th scope="col">{t('ui.catalogIo.import.title')}</th>
          <th scope="col">{t('ui.catalogIo.import.authors')}</th>
          <th scope="col">{t('ui.catalogIo.import.isbn')}</th>
          <th scope="col">{t('ui.catalogIo.import.copies')}</th>
          <th scope="col">{t('ui.catalogIo.import.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {preview.rows.map((row) => (
          <tr key={row.recordNumber}>
            <td>{row.recordNumber}</td>
            <td>{row.bib?.title ?? ''}</td>
            <td>{row.bib?.authors.join('; ') ?? ''}</td>
            <td>{row.bib?.isbn.join(', ') ?? ''}</td>
            <td>{row.copies.map((c) => c.barcode).join(', ')}</td>
            <td>
              {row.issues.length > 0
                ? row.issues
                    .map(
                      (i) =>
                        `${t(`ui.catalogIo.import.issueCodes.${i.code}`, { defaultValue: i.code })} (${i.field ? `${i.field}: ` : ''}${i.reason})`,
                    )
                    .join('; ')
                : row.duplicate
                  ? t('ui.catalogIo.import.duplicate', { title: row.duplicate.title })
                  : t('ui.catalogIo.import.willImport')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportView({ report, headingRef }: { report: ImportReport; headingRef: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  return (
    <div className="import-report" data-testid="import-report">
      <h3 ref={headingRef} tabIndex={-1}>
        {t(report.dryRun ? 'ui.catalogIo.import.dryRunReport' : 'ui.catalogIo.import.report')}
      </h3>
      <p data-testid="import-counts">{t('ui.catalogIo.import.counts', report)}</p>
      {report.issues.length > 0 ? (
        <table className="import-issues" data-testid="import-issues">
          <caption>{t('ui.catalogIo.import.issues', { count: report.issueCount })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.catalogIo.import.record')}</th>
              <th scope="col">{t('ui.catalogIo.import.field')}</th>
              <th scope="col">{t('ui.catalogIo.import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {report.issues.map((i, index) => (
              <tr key={`${i.recordNumber}-${index}`}>
                <td>{i.recordNumber}</td>
                <td>{i.field ?? ''}</td>
                <td>
                  {t(`ui.catalogIo.import.issueCodes.${i.code}`, { defaultValue: i.code })}: {i.reason}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
