import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RecordedFigure } from './types';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');
export const resultsFile = path.join(projectRoot, 'bench-results.json');

function readResults(): Record<string, RecordedFigure> {
  if (!existsSync(resultsFile)) return {};
  try {
    const parsed = JSON.parse(readFileSync(resultsFile, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, RecordedFigure>)
      : {};
  } catch {
    return {};
  }
}

/**
 * Write bench-results.json: `{ "<figure>": { value, unit, target } }`.
 * With `merge`, figures already in the file that were not run this time stay.
 */
export function writeResults(figures: Record<string, RecordedFigure>, merge: boolean): void {
  const all = merge ? { ...readResults(), ...figures } : figures;
  const sorted = Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
  const temp = `${resultsFile}.tmp`;
  writeFileSync(temp, `${JSON.stringify(sorted, null, 2)}\n`);
  renameSync(temp, resultsFile);
}
