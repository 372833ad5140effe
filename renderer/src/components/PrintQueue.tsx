import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintJob } from '../../../shared/contract/printing';
import { useDesk } from '../desk-context';
import { Tag } from './Tag';

/** How often the queue is read again while the devices screen is shown. */
const refreshMs = 1500;

const statusKinds = { queued: 'info', printing: 'info', done: 'ok', failed: 'danger' } as const;
const statusSigns = { queued: '…', printing: '⎙', done: '✓', failed: '✕' } as const;

function time(iso: string | null, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

/** The print queue, newest first, read again after every action (`version`) and every moment while shown. */
export function PrintQueue({ version }: { version: number }) {
  const { t, i18n } = useTranslation();
  const { api } = useDesk();
  const [jobs, setJobs] = useState<PrintJob[] | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      void api.printing.queue({}).then((result) => {
        if (!cancelled && result.ok) setJobs(result.data.slice(0, 20));
      });
    load();
    const timer = setInterval(load, refreshMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api, version]);

  return (
    <table className="loans print-queue" data-testid="print-queue">
      <caption>{t('ui.devices.queue.heading')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.devices.queue.kind')}</th>
          <th scope="col">{t('ui.devices.queue.time')}</th>
          <th scope="col">{t('ui.devices.queue.status')}</th>
          <th scope="col">{t('ui.devices.queue.attempts')}</th>
          <th scope="col">{t('ui.devices.queue.lastError')}</th>
        </tr>
      </thead>
      <tbody>
        {jobs === null || jobs.length === 0 ? (
          <tr>
            <td colSpan={5} className="empty">
              {jobs === null ? t('ui.loading') : t('ui.devices.queue.empty')}
            </td>
          </tr>
        ) : (
          jobs.map((job) => (
            <tr key={job.id} data-job={job.id} data-status={job.status} data-kind={job.kind}>
              <td data-label={t('ui.devices.queue.kind')}>
                {t(`ui.devices.queue.kinds.${job.kind}`, { defaultValue: job.kind })}
              </td>
              <td className="job-time" data-label={t('ui.devices.queue.time')}>
                {time(job.createdAt, i18n.language)}
              </td>
              <td data-label={t('ui.devices.queue.status')}>
                <Tag kind={statusKinds[job.status]} sign={statusSigns[job.status]}>
                  {t(`ui.devices.queue.statuses.${job.status}`)}
                </Tag>
              </td>
              <td data-label={t('ui.devices.queue.attempts')}>{job.attempts}</td>
              <td className="job-error" data-label={t('ui.devices.queue.lastError')}>
                {job.lastError ?? ''}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
