import { en } from './en';
import { vi } from './vi';

export type { Catalogue } from './vi';
/** The i18n catalogue: Vietnamese first, English second. Loaded into i18next on both sides. */
export const catalogues = { vi, en } as const;
