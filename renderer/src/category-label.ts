import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogues } from '../../shared/i18n';
import { useDesk } from './desk-context';

type BuiltInCategory = keyof typeof catalogues.vi.ui.categories;

function isBuiltIn(code: string): code is BuiltInCategory {
  return Object.prototype.hasOwnProperty.call(catalogues.vi.ui.categories, code);
}

/**
 * A reader category's name in the UI language: the library's own label when it
 * has configured one (categories.list), else the catalogue's for the five
 * categories every desk starts with, else the code itself.
 */
export function useCategoryLabel(): (code: string) => string {
  const { t, i18n } = useTranslation();
  const { categories } = useDesk();
  return useCallback(
    (code: string) => {
      const configured = categories.find((c) => c.code === code);
      if (configured) return (i18n.language === 'en' ? configured.labelEn : configured.labelVi) || code;
      return isBuiltIn(code) ? t(`ui.categories.${code}`) : code;
    },
    [categories, i18n.language, t],
  );
}
