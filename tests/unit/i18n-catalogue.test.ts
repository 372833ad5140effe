import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayMessageCodes } from '../../shared/display';
import { themeSchema, speechModeSchema } from '../../shared/domain';
import { catalogues } from '../../shared/i18n';

type Tree = { [key: string]: string | Tree };

/** Every leaf as [dotted key, text]. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/gu)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  const vi = new Map(leaves(catalogues.vi as unknown as Tree));
  const en = new Map(leaves(catalogues.en as unknown as Tree));

  // Lines under the library's name on a receipt: none unless the library writes its own (address, hours).
  const mayBeEmpty = new Set(['ui.printerOptions.receipt.header']);

  it('has the same keys in Vietnamese and English, none empty', () => {
    expect([...en.keys()].sort()).toEqual([...vi.keys()].sort());
    for (const [key, text] of [...vi, ...en]) if (!mayBeEmpty.has(key)) expect(text.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, text] of vi) expect(placeholders(en.get(key)!), key).toEqual(placeholders(text));
  });

  it('has every reader-facing text, theme and speech mode the code names', () => {
    for (const code of displayMessageCodes) expect(vi.has(`ui.a11y.reader.messages.${code}`), code).toBe(true);
    for (const theme of themeSchema.options) expect(vi.has(`ui.a11y.theme.${theme}`), theme).toBe(true);
    for (const mode of speechModeSchema.options) expect(vi.has(`ui.a11y.speech.${mode}`), mode).toBe(true);
  });

  it('the reader-facing texts are one sub-object, so a new language can add just them', () => {
    const reader = catalogues.vi.ui.a11y.reader;
    expect(Object.keys(reader).length).toBeGreaterThan(5);
    expect(leaves(reader as unknown as Tree).every(([, text]) => typeof text === 'string')).toBe(true);
  });
});

describe('no text outside the catalogue in the screens', () => {
  const dir = path.resolve(import.meta.dirname, '../../renderer/src');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx'));
  // Names of line endings a scanner sends: the same in every language.
  const allowed = new Set(['CR', 'LF', 'CRLF']);

  it('finds the screens', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('has no words between JSX tags or in labelling attributes', () => {
    const stragglers: string[] = [];
    for (const file of files) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      for (const match of source.matchAll(/>([^<>{}\n]*\p{L}{2,}[^<>{}\n]*)<\//gu)) {
        if (!allowed.has(match[1]!.trim())) stragglers.push(`${file}: ${match[1]!.trim()}`);
      }
      for (const match of source.matchAll(/\b(?:aria-label|title|placeholder|alt)="([^"]*\p{L}[^"]*)"/gu)) {
        stragglers.push(`${file}: ${match[1]}`);
      }
      for (const match of source.matchAll(/announce\(\s*'\w+',\s*['`"]([^'`"]+)/gu)) {
        stragglers.push(`${file}: ${match[1]}`);
      }
    }
    expect(stragglers).toEqual([]);
  });
});

describe('English counts', () => {
  // A text with a number of things in English says "1 item" and "2 items": such keys come as _one and _other.
  const en = leaves(catalogues.en as unknown as Tree);
  it('every English text counting things has its singular and plural forms', () => {
    const counted = en.filter(
      ([key, text]) =>
        /\{\{count\}\} (items|days|books|readers|copies|titles|records)\b/u.test(text) && !key.endsWith('_other'),
    );
    expect(counted.map(([key]) => key)).toEqual([]);
  });
});
