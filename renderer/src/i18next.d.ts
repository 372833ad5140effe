import type { Catalogue } from '../../shared/i18n';

// Typed keys: t('ui.nav.checkout') is checked against the catalogue.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}
