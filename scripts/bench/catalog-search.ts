import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { makeLibraryBarcode } from '../../shared/barcode';
import { foldText } from '../../shared/text';
import { titleColumnValues, titleInsertColumns } from '../../electron/core/catalog/store';
import { createDeskCore, type DeskCore } from '../../electron/core/desk';
import { authorMark, demoTitleRecord, makeBib } from '../../electron/core/demo/bib';
import { makeAuthorName } from '../../electron/core/demo/names';
import { Prng } from '../../electron/core/demo/prng';
import { makeCatalogue } from '../../electron/core/demo/titles';
import { fmtMs, round, timeQueries } from './stats';
import type { Figure } from './types';

const TITLES = 100_000;
const COPIES_PER_TITLE = 2;
const QUERIES = 3000;
const WARMUP = 300;
const TODAY = '2026-03-10';

interface BenchTitle {
  title: string;
  authors: string[];
  isbn: string[];
  barcodes: string[];
}

/** A union catalogue's worth: the demo's shelves, their volumes, editions and translations, by many more authors. */
function fillCatalogue(db: Database, prng: Prng): BenchTitle[] {
  const base = makeCatalogue(prng, 1250);
  // Rows as the catalogue's store writes them (the bulk of the bench's set-up is these inserts).
  const insertTitle = db.prepare(
    `INSERT INTO titles (${titleInsertColumns}, created_at, updated_at)
     VALUES (${titleInsertColumns.replace(/\w+/gu, '?')}, ?, ?)`,
  );
  const insertIsbn = db.prepare('INSERT OR IGNORE INTO title_isbns (isbn, title_id) VALUES (?, ?)');
  const insertItem = db.prepare(
    `INSERT INTO items (title_id, barcode, status, loanable, created_at, updated_at, accession_number,
       accession_prefix, accession_seq, call_number, call_number_key, location, price, acquisition_kind,
       acquisition_date)
     VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 'Kho mở', ?, 'purchase', ?)`,
  );
  const out: BenchTitle[] = [];
  const seqs = new Map<string, number>();
  const at = `${TODAY}T09:00:00.000+07:00`;
  let itemSeq = 0;
  db.transaction(() => {
    for (let i = 0; i < TITLES; i += 1) {
      const spec = base[i % base.length]!;
      const round = Math.floor(i / base.length);
      const title =
        round === 0
          ? spec.title
          : prng.pick([
              `${spec.title}, tập ${round}`,
              `${spec.title} (tái bản lần ${round})`,
              `${spec.title}: ${prng.pick(['tuyển chọn', 'bản mới', 'song ngữ', 'hỏi và đáp', 'cho thiếu nhi'])} ${round}`,
            ]);
      const authors = spec.authors.length === 0 || round === 0 ? spec.authors : [makeAuthorName(prng)];
      const bib = makeBib(prng, { ...spec, title });
      const record = demoTitleRecord(prng.uuid(), { title, authors, materialType: spec.materialType }, bib);
      const info = insertTitle.run(...titleColumnValues(record), record.uuid, at, at);
      const id = Number(info.lastInsertRowid);
      for (const isbn of bib.isbn) insertIsbn.run(isbn, id);
      const barcodes: string[] = [];
      const callNumber = `${bib.ddc} ${authorMark(authors, title)}`;
      for (let c = 0; c < COPIES_PER_TITLE; c += 1) {
        itemSeq += 1;
        const barcode = makeLibraryBarcode(3, 1, itemSeq);
        const seq = (seqs.get(bib.accessionPrefix) ?? 0) + 1;
        seqs.set(bib.accessionPrefix, seq);
        insertItem.run(
          id,
          barcode,
          prng.chance(0.2) ? 'on_loan' : 'available',
          at,
          at,
          `${bib.accessionPrefix}${String(seq).padStart(6, '0')}`,
          bib.accessionPrefix,
          seq,
          callNumber,
          callNumber.toUpperCase(),
          bib.price,
          TODAY,
        );
        barcodes.push(barcode);
      }
      out.push({ title, authors, isbn: bib.isbn, barcodes });
    }
  })();
  return out;
}

/** What a librarian types: title words as they type them (prefixes), whole words, authors, ISBNs, barcodes. */
export function makeQuery(prng: Prng, titles: BenchTitle[]): { kind: string; query: string } {
  const t = prng.pick(titles);
  const r = prng.next();
  const toned = prng.chance(0.5);
  const words = (text: string) => (toned ? text : foldText(text)).split(/\s+/u).filter((w) => /\p{L}/u.test(w));
  if (r < 0.35) {
    // Typing: one to three words of the title from its start, the last one cut short (two letters at least).
    const w = words(t.title);
    const n = Math.min(w.length, prng.int(1, 3));
    const chosen = w.slice(0, n);
    const last = [...chosen[n - 1]!];
    chosen[n - 1] = last.slice(0, Math.max(2, prng.int(2, last.length))).join('');
    return { kind: 'title prefix', query: chosen.join(' ') };
  }
  if (r < 0.55) {
    const w = words(t.title);
    const start = prng.int(0, Math.max(0, w.length - 2));
    return { kind: 'title words', query: w.slice(start, start + prng.int(1, 3)).join(' ') };
  }
  if (r < 0.75 && t.authors.length > 0) {
    const w = words(t.authors[0]!);
    return {
      kind: 'author',
      query: prng.chance(0.5) ? w.join(' ') : [w[0], w[w.length - 1]!.slice(0, 3)].join(' '),
    };
  }
  if (r < 0.85 && t.isbn.length > 0) {
    const isbn = t.isbn[0]!;
    return {
      kind: 'isbn',
      query: prng.chance(0.5) ? isbn : `${isbn.slice(0, 3)}-${isbn.slice(3, 6)}-${isbn.slice(6, 12)}-${isbn.slice(12)}`,
    };
  }
  return { kind: 'barcode', query: prng.pick(t.barcodes) };
}

/** `catalog.search` through the core over 200,000 copies of 100,000 titles: the catalogue screen and the scan box. */
export const catalogSearchP95Ms: Figure = {
  name: 'catalog_search_p95_ms',
  unit: 'ms',
  target: '≤ 10',
  meets: (value) => value <= 10,
  async run(log) {
    const dir = mkdtempSync(path.join(tmpdir(), 'desk-bench-catalog-'));
    let core: DeskCore | undefined;
    try {
      core = createDeskCore({ dataDir: dir, now: () => new Date(`${TODAY}T03:00:00.000Z`) });
      const prng = new Prng('library-desk catalogue search bench');
      const started = performance.now();
      const titles = fillCatalogue(core.db, prng);
      core.db.pragma('optimize');
      log(
        `${TITLES.toLocaleString('en')} titles, ${(TITLES * COPIES_PER_TITLE).toLocaleString('en')} copies written in ${fmtMs(performance.now() - started)}`,
      );
      const queries = Array.from({ length: WARMUP + QUERIES }, () => makeQuery(prng, titles));
      const { p95, details } = timeQueries(
        queries,
        WARMUP,
        (query) => core!.call('catalog.search', { query, limit: 20 }),
        'found nothing',
      );
      return { value: round(p95, 2), details };
    } finally {
      core?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
