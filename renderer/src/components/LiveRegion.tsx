import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { currentAnnouncement, subscribeAnnouncements } from '../announcer';

const icons = { success: '✓', warning: '!', error: '✕' } as const;

/**
 * The two live regions, always in the page so that screen readers watch them:
 * role="status" for outcomes, role="alert" for what needs attention.
 * Each carries an icon and a word as well as a colour.
 */
export function LiveRegion() {
  const { t } = useTranslation();
  const announcement = useSyncExternalStore(subscribeAnnouncements, currentAnnouncement);
  const { tone, assertive, text } = announcement;
  const content = text ? (
    <>
      <span className="message-icon" aria-hidden="true">
        {icons[tone]}
      </span>
      <span>
        <strong>{t(`ui.message.${tone}`)}:</strong> {text}
      </span>
    </>
  ) : null;
  return (
    <div className="live-regions">
      <p role="status" data-testid="live-status" className={`message message-${tone}`}>
        {assertive ? null : content}
      </p>
      <p role="alert" data-testid="live-alert" className={`message message-${tone}`}>
        {assertive ? content : null}
      </p>
    </div>
  );
}
