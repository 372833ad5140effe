import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { useCategoryLabel } from '../category-label';
import { formatDate } from '../format';
import { LoanTable } from './LoanTable';
import { Tag } from './Tag';

export type PatronView = ChannelOutput<'patrons.get'>;

/** The reader at the desk: who, which category, whether the card may borrow, and what is on loan. */
export function PatronPanel({ view }: { view: PatronView | null }) {
  const { t, i18n } = useTranslation();
  const categoryLabel = useCategoryLabel();
  if (!view) {
    return (
      <section className="panel patron-panel" aria-labelledby="patron-heading" data-testid="patron-panel">
        <h2 id="patron-heading">{t('ui.patron.heading')}</h2>
        <p className="empty">{t('ui.patron.none')}</p>
      </section>
    );
  }
  const { patron, expired, blockReason, loans } = view;
  return (
    <section className="panel patron-panel" aria-labelledby="patron-heading" data-testid="patron-panel">
      <h2 id="patron-heading">
        <span className="visually-hidden">{t('ui.patron.heading')}: </span>
        <span data-testid="patron-name">{patron.fullName}</span>
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('ui.patron.card')}</dt>
          <dd className="code">{patron.cardNumber}</dd>
        </div>
        <div>
          <dt>{t('ui.patron.category')}</dt>
          <dd>{categoryLabel(patron.category)}</dd>
        </div>
        <div>
          <dt>{t('ui.patron.expires')}</dt>
          <dd>
            {formatDate(patron.expiresOn, i18n.language)}{' '}
            {expired ? (
              <Tag kind="danger" testId="patron-expired">
                {t('ui.patron.expired')}
              </Tag>
            ) : (
              <Tag kind="ok">{t('ui.patron.valid')}</Tag>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('ui.patron.status')}</dt>
          <dd>
            {patron.blocked ? (
              <Tag kind="danger" testId="patron-blocked">
                {t('ui.patron.blocked')}
              </Tag>
            ) : (
              <Tag kind="ok">{t('ui.patron.notBlocked')}</Tag>
            )}
          </dd>
        </div>
        {patron.blocked ? (
          <div>
            <dt>{t('ui.patron.blockReason')}</dt>
            <dd>{blockReason ?? t('reasons.noReason')}</dd>
          </div>
        ) : null}
      </dl>
      <LoanTable
        caption={t('ui.patron.loansHeading', { count: loans.length })}
        empty={t('ui.patron.noLoans')}
        lines={loans.map((loan) => ({ loan }))}
        testId="patron-loans"
      />
    </section>
  );
}
