import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoanView } from '../../../shared/domain';
import { formatDate } from '../format';
import { Tag } from './Tag';

export interface LoanLine {
  loan: LoanView;
  renewed?: boolean;
}

interface LoanTableProps {
  caption: string;
  empty: string;
  lines: LoanLine[];
  testId: string;
}

/** Loans as a table: title, barcode, due date, with overdue and renewal marked in words. */
export function LoanTable({ caption, empty, lines, testId }: LoanTableProps) {
  const { t } = useTranslation();
  return (
    <table className="loans" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.table.title')}</th>
          <th scope="col">{t('ui.table.barcode')}</th>
          <th scope="col">{t('ui.table.due')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.length === 0 ? (
          <tr>
            <td colSpan={3} className="empty">
              {empty}
            </td>
          </tr>
        ) : (
          lines.map(({ loan, renewed }) => (
            <LoanRow key={`${loan.id}-${loan.dueOn}`} loan={loan} renewed={renewed ?? false} />
          ))
        )}
      </tbody>
    </table>
  );
}

/** One loan; memoised so that a new scan renders its own row, not the whole list again. */
const LoanRow = memo(function LoanRow({ loan, renewed }: { loan: LoanView; renewed: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <tr data-item={loan.item}>
      <td data-label={t('ui.table.title')}>
        {loan.title}
        {renewed ? <Tag kind="info">{t('ui.checkout.renewedTag')}</Tag> : null}
      </td>
      <td className="code" data-label={t('ui.table.barcode')}>
        {loan.item}
      </td>
      <td className="due" data-label={t('ui.table.due')}>
        {formatDate(loan.dueOn, i18n.language)}
        {loan.overdue ? (
          <Tag kind="danger" sign="!">
            {t('ui.table.overdue')}
          </Tag>
        ) : null}
      </td>
    </tr>
  );
});
