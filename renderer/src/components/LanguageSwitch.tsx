import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { languageSchema, type Language } from '../../../shared/domain';

const languages: Language[] = ['vi', 'en'];

/** Two toggle buttons (a react-aria group: one Tab stop, arrows move), each named in its own language. */
export function LanguageSwitch({ onChange }: { onChange: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <ToggleButtonGroup
      className="language-switch"
      aria-label={t('ui.language.label')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[i18n.language]}
      onSelectionChange={(keys) => {
        const chosen = languageSchema.safeParse([...keys][0]);
        if (chosen.success && chosen.data !== i18n.language) onChange(chosen.data);
      }}
    >
      {languages.map((language) => (
        <ToggleButton
          key={language}
          id={language}
          lang={language}
          className="toggle"
          data-testid={`language-${language}`}
        >
          {t(`ui.language.${language}`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
