import { useTranslation } from 'react-i18next';
import type { Theme } from '../../../shared/domain';
import { announce } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { ThemeSwitch } from './ThemeSwitch';

/**
 * The reader-facing display: its own theme, and (browser shell) its address to open on the
 * screen turned towards the reader. The Electron desk opens it on the second monitor itself.
 */
export function DisplaySettings() {
  const { t } = useTranslation();
  const { api, settings, updateSettings } = useDesk();
  const servedOverHttp = window.location.protocol.startsWith('http');

  async function choose(displayTheme: Theme) {
    const result = await api.settings.update({ displayTheme });
    if (!result.ok) return announce('error', describeError(result.error));
    updateSettings(result.data);
    announce('success', t('ui.a11y.display.saved', { theme: t(`ui.a11y.theme.${displayTheme}`) }));
  }

  return (
    <div className="display-settings">
      <p>{t('ui.a11y.display.intro')}</p>
      <ThemeSwitch
        value={settings.displayTheme}
        onChange={(theme) => void choose(theme)}
        label={t('ui.a11y.display.themeLabel')}
        testId="display-theme"
      />
      {servedOverHttp ? (
        <p>
          <a className="button" href="/display" target="_blank" rel="noopener" data-testid="open-display">
            {t('ui.a11y.display.open')}
          </a>
        </p>
      ) : null}
    </div>
  );
}
