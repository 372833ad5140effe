import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatronRecord } from '../../../shared/patron-record';
import { useCategoryLabel } from '../category-label';
import { useDesk } from '../desk-context';
import { formatDate, formatDateTime } from '../format';
import { Tag } from './Tag';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** Everything the record holds, each fact labelled; what was not given says so. */
export function RecordFacts({ record }: { record: PatronRecord }) {
  const { t, i18n } = useTranslation();
  const { settings } = useDesk();
  const categoryLabel = useCategoryLabel();
  const lng = i18n.language;
  const notGiven = <span className="not-given">{t('ui.record.notGiven')}</span>;
  const text = (value: string | null) => value ?? notGiven;
  const instant = (value: string) => formatDateTime(value, lng, settings.timeZone);

  return (
    <dl className="facts record-facts">
      <Fact label={t('ui.patron.card')}>
        <span className="code">{record.cardNumber}</span>
      </Fact>
      <Fact label={t('ui.patron.category')}>{categoryLabel(record.category)}</Fact>
      <Fact label={t('ui.services.preferredLanguage.label')} testId="record-language">
        {t(`ui.services.preferredLanguage.${record.preferredLanguage ?? 'desk'}`)}
      </Fact>
      <Fact label={t('ui.patron.expires')} testId="record-expires">
        {formatDate(record.expiresOn, lng)}{' '}
        {record.expired ? (
          <Tag kind="danger" testId="record-expired">
            {t('ui.patron.expired')}
          </Tag>
        ) : (
          <Tag kind="ok">{t('ui.patron.valid')}</Tag>
        )}
      </Fact>
      <Fact label={t('ui.patron.status')}>
        {record.blocked ? (
          <Tag kind="danger" testId="record-blocked">
            {t('ui.patron.blocked')}
          </Tag>
        ) : (
          <Tag kind="ok">{t('ui.patron.notBlocked')}</Tag>
        )}
      </Fact>
      {record.blocked ? (
        <>
          <Fact label={t('ui.patron.blockReason')} testId="record-block-reason">
            {record.blockReason ?? t('reasons.noReason')}
          </Fact>
          <Fact label={t('ui.record.blockedBy')}>{text(record.blockedBy)}</Fact>
          <Fact label={t('ui.record.blockedAt')}>{record.blockedAt ? instant(record.blockedAt) : notGiven}</Fact>
        </>
      ) : null}
      <Fact label={t('ui.record.dateOfBirth')}>
        {record.dateOfBirth ? formatDate(record.dateOfBirth, lng) : notGiven}
      </Fact>
      <Fact label={t('ui.record.sex')}>{record.sex ? t(`ui.sex.${record.sex}`) : notGiven}</Fact>
      <Fact label={t('ui.record.phone')}>{text(record.phone)}</Fact>
      <Fact label={t('ui.record.address')}>{text(record.address)}</Fact>
      <Fact label={t('ui.record.commune')}>{text(record.commune)}</Fact>
      <Fact label={t('ui.record.idNumber')}>{text(record.idNumber)}</Fact>
      <Fact label={t('ui.record.introducedBy')}>{text(record.introducedBy)}</Fact>
      {record.guardianName || record.guardianPhone ? (
        <>
          <Fact label={t('ui.record.guardianName')}>{text(record.guardianName)}</Fact>
          <Fact label={t('ui.record.guardianPhone')}>{text(record.guardianPhone)}</Fact>
        </>
      ) : null}
      <Fact label={t('ui.record.registeredAt')}>{instant(record.registeredAt)}</Fact>
      {record.notes ? (
        <div className="wide">
          <dt>{t('ui.record.notes')}</dt>
          <dd className="notes">{record.notes}</dd>
        </div>
      ) : null}
    </dl>
  );
}
