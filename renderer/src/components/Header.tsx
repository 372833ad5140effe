import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';
import { screenHref, screens, type Screen } from '../use-hash-route';
import { LanguageSwitch } from './LanguageSwitch';
import { ShortcutKey } from './ShortcutKey';

export const screenShortcuts: Record<Screen, string> = {
  checkout: 'F2',
  return: 'F3',
  readers: 'F4',
  devices: 'F5',
  sync: 'F7',
  exceptions: 'F8',
};

interface HeaderProps {
  libraryName: string;
  screen: Screen;
  onLanguage: (language: Language) => void;
}

export function Header({ libraryName, screen, onLanguage }: HeaderProps) {
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
                {t(`ui.nav.${name}`)} <ShortcutKey keyName={screenShortcuts[name]} />
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <LanguageSwitch onChange={onLanguage} />
    </header>
  );
}
