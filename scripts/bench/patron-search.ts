import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { makeLibraryBarcode } from '../../shared/barcode';
import { patronCategories } from '../../shared/domain';
import { foldText } from '../../shared/text';
import { createDeskCore, type DeskCore } from '../../electron/core/desk';
import { makeName } from '../../electron/core/demo/names';
import { Prng } from '../../electron/core/demo/prng';
import { makeReaderDetails, searchColumns } from '../../electron/core/demo/readers';
import { addDays } from '../../electron/core/rules/dates';
import { fmtMs, round, timeQueries } from './stats';
import type { Figure } from './types';

const READERS = 50_000;
const QUERIES = 3000;
const WARMUP = 300;
const TODAY = '2026-03-10';

interface Reader {
  fullName: string;
  cardNumber: string;
  phone: string | null;
}

/** 50,000 readers named as the demo names them, written straight into the desk's table in one transaction. */
function fillReaders(db: Database, prng: Prng): Reader[] {
  const insert = db.prepare(
    `INSERT INTO patrons (card_number, full_name, name_folded, sort_key, category, expires_on, created_at, updated_at,
       date_of_birth, sex, phone, phone_key, address, commune, id_number, guardian_name, guardian_phone,
       guardian_phone_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const readers: Reader[] = [];
  db.transaction(() => {
    for (let i = 1; i <= READERS; i += 1) {
      const { fullName, group, sex } = makeName(prng);
      const category = prng.pick(patronCategories);
      const registeredOn = addDays(TODAY, -prng.int(0, 2000));
      const d = makeReaderDetails(prng, { category, group, sex, registeredOn, fullName });
      const keys = searchColumns(fullName, d.phone, d.guardianPhone);
      const cardNumber = makeLibraryBarcode(2, 1, i);
      const at = `${registeredOn}T09:00:00.000+07:00`;
      insert.run(
        cardNumber,
        fullName,
        keys.nameFolded,
        keys.sortKey,
        category,
        addDays(registeredOn, 365),
        at,
        at,
        d.dateOfBirth,
        d.sex,
        d.phone,
        keys.phoneKey,
        d.address,
        d.commune,
        d.idNumber,
        d.guardianName,
        d.guardianPhone,
        keys.guardianPhoneKey,
      );
      readers.push({ fullName, cardNumber, phone: d.phone });
    }
  })();
  return readers;
}

/** What librarians type: mostly parts of names, with or without tone marks; card numbers; phones. */
function makeQuery(prng: Prng, readers: Reader[], phones: string[]): { kind: string; query: string } {
  const reader = prng.pick(readers);
  const r = prng.next();
  if (r < 0.7) {
    const words = reader.fullName.split(' ');
    const count = Math.min(
      words.length,
      prng.weighted([
        [1, 45],
        [2, 35],
        [3, 20],
      ] as const),
    );
    // Usually from the start of the name (family name first); sometimes the given name, or words out of order.
    const start = prng.chance(0.6) ? 0 : prng.int(0, words.length - count);
    let chosen = words.slice(start, start + count);
    if (prng.chance(0.15)) chosen = prng.shuffled(chosen);
    const toned = prng.chance(0.5);
    const typed = chosen.map((w) => {
      const word = toned ? w : foldText(w);
      const letters = [...word];
      return prng.chance(0.6) ? letters.slice(0, prng.int(2, 5)).join('') : word;
    });
    return { kind: 'name', query: (toned ? typed : typed.map((w) => w.toLowerCase())).join(' ') };
  }
  if (r < 0.85) {
    return prng.chance(0.7)
      ? { kind: 'card', query: reader.cardNumber }
      : { kind: 'card prefix', query: reader.cardNumber.slice(0, prng.int(9, 13)) };
  }
  const phone = prng.pick(phones);
  const form = prng.int(0, 2);
  const query =
    form === 0
      ? phone
      : form === 1
        ? `+84 ${phone.slice(1, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`
        : phone.slice(0, 7);
  return { kind: form === 2 ? 'phone prefix' : 'phone', query };
}

/** `patrons.search` through the core over 50,000 readers: the readers screen and the checkout scan box. */
export const patronSearchP95Ms: Figure = {
  name: 'patron_search_p95_ms',
  unit: 'ms',
  target: '≤ 10',
  meets: (value) => value <= 10,
  async run(log) {
    const dir = mkdtempSync(path.join(tmpdir(), 'desk-bench-search-'));
    let core: DeskCore | undefined;
    try {
      core = createDeskCore({ dataDir: dir, now: () => new Date(`${TODAY}T03:00:00.000Z`) });
      const prng = new Prng('library-desk patron search bench');
      const started = performance.now();
      const readers = fillReaders(core.db, prng);
      log(`${READERS.toLocaleString('en')} readers written in ${fmtMs(performance.now() - started)}`);

      const phones = readers.flatMap((r) => (r.phone === null ? [] : [r.phone]));
      const queries = Array.from({ length: WARMUP + QUERIES }, () => makeQuery(prng, readers, phones));
      const { p95, details } = timeQueries(
        queries,
        WARMUP,
        (query) => core!.call('patrons.search', { query, limit: 20 }),
        'found nobody',
      );
      return { value: round(p95, 2), details };
    } finally {
      core?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
