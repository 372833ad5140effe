import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';

const languages: Language[] = ['vi', 'en'];

/** Two toggle buttons, each named in its own language. */
export function LanguageSwitch({ onChange }: { onChange: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('ui.language.label')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="toggle"
          aria-pressed={i18n.language === language}
          onClick={() => onChange(language)}
          data-testid={`language-${language}`}
        >
          {t(`ui.language.${language}`)}
        </button>
      ))}
    </div>
  );
}
