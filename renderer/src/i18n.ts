import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/domain';
import { catalogues } from '../../shared/i18n';

/**
 * One i18next instance for the renderer, loaded with the same catalogue the
 * core uses for its error messages. Resources are bundled, so init is synchronous.
 */
export function initI18n(language: Language = 'vi') {
  void i18next.use(initReactI18next).init({
    resources: { vi: { translation: catalogues.vi }, en: { translation: catalogues.en } },
    lng: language,
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
    react: { useSuspense: false },
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function switchLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
