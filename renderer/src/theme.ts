import type { Theme } from '../../shared/domain';

/** Themes are CSS custom properties chosen by `data-theme` on the root (styles.css). */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
