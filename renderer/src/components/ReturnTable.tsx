import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '../format';
import type { ReturnResult } from './ReturnScreen';
import { Tag } from './Tag';

/** One row per item taken back, newest first. */
export function ReturnTable({ results }: { results: ReturnResult[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <table className="loans returns" data-testid="return-results" aria-labelledby="returns-heading">
      <thead>
        <tr>
          <th scope="col">{t('ui.table.title')}</th>
          <th scope="col">{t('ui.table.reader')}</th>
          <th scope="col">{t('ui.table.due')}</th>
          <th scope="col">{t('ui.table.overdueDays')}</th>
          <th scope="col">{t('ui.table.fee')}</th>
        </tr>
      </thead>
      <tbody>
        {results.length === 0 ? (
          <tr>
            <td colSpan={5} className="empty">
              {t('ui.return.empty')}
            </td>
          </tr>
        ) : (
          results.map((r) => (
            <tr key={`${r.loan.id}-${r.returnedAt}`} data-item={r.loan.item}>
              <td data-label={t('ui.table.title')}>
                {r.title} <span className="sub code">{r.loan.item}</span>
              </td>
              <td data-label={t('ui.table.reader')}>
                {r.patronName} <span className="sub code">{r.loan.patron}</span>
              </td>
              <td data-label={t('ui.table.due')}>{formatDate(r.loan.dueOn, lng)}</td>
              <td data-label={t('ui.table.overdueDays')}>
                {r.overdueDays > 0 ? (
                  <Tag kind="danger" sign="!">
                    {t('ui.table.days', { count: r.overdueDays })}
                  </Tag>
                ) : (
                  <Tag kind="ok">{t('ui.table.onTime')}</Tag>
                )}
              </td>
              <td data-label={t('ui.table.fee')}>{r.fee > 0 ? formatMoney(r.fee, lng) : t('ui.table.noFee')}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
