import { useTranslation } from 'react-i18next';
import type { Language, Theme } from '../../../shared/domain';
import { screenHref, screens, type Screen } from '../use-hash-route';
import { LanguageSwitch } from './LanguageSwitch';
import { ShortcutKey } from './ShortcutKey';
import { ThemeSwitch } from './ThemeSwitch';

/**
 * Function keys for the daily screens. F7–F9 belong to the checkout screen
 * (borrow for a reader, renew, finish); the other screens are reached from the navigation.
 */
export const screenShortcuts: Partial<Record<Screen, string>> = {
  checkout: 'F2',
  return: 'F3',
  readers: 'F4',
  devices: 'F5',
  catalog: 'F6',
};

interface HeaderProps {
  libraryName: string;
  screen: Screen;
  onLanguage: (language: Language) => void;
  theme: Theme;
  onTheme: (theme: Theme) => void;
}

export function Header({ libraryName, screen, onLanguage, theme, onTheme }: HeaderProps) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-app">{t('ui.appName')}</span>
        <span className="brand-library" data-testid="library-name">
          {libraryName}
        </span>
      </div>
      <nav aria-label={t('ui.nav.label')}>
        <ul>
          {screens.map((name) => (
            <li key={name}>
              <a
                href={screenHref(name)}
                aria-current={screen === name ? 'page' : undefined}
                aria-keyshortcuts={screenShortcuts[name]}
                data-testid={`nav-${name}`}
              >
                {t(name === 'catalog' ? 'ui.catalog.nav' : `ui.nav.${name}`)}
                {screenShortcuts[name] && (
                  <>
                    {' '}
                    <ShortcutKey keyName={screenShortcuts[name]} />
                  </>
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="header-tools">
        <ThemeSwitch value={theme} onChange={onTheme} testId="theme" />
        <LanguageSwitch onChange={onLanguage} />
      </div>
    </header>
  );
}
