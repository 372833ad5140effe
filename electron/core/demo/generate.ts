import type { Database } from 'better-sqlite3';
import { makeLibraryBarcode } from '../../../shared/barcode';
import type { Calendar, LoanPolicy, patronCategories } from '../../../shared/domain';
import { titleColumnValues, titleInsertColumns } from '../catalog/store';
import { localDate, localInstant } from '../clock';
import { dueDate, isOpen, nextOpenDay } from '../rules/calendar';
import { overdueAndFee, renewedDueOn } from '../rules/circulation';
import { addDays, daysBetween, weekday } from '../rules/dates';
import { policyKey, resolvePolicy } from '../rules/policy';
import { readCalendar, readPolicies } from '../services/policies';
import { writeSetting } from '../settings-store';
import { blockReasons, makeName, type Sex } from './names';
import { makeReaderDetails, searchColumns } from './readers';
import { Prng, WeightedTable } from './prng';
import { authorMark, demoTitleRecord, donors, makeBib, type DemoBib } from './bib';
import { makeCatalogue, type Audience, type TitleSpec } from './titles';

export interface DemoCounts {
  patrons: number;
  titles: number;
  items: number;
  loans: number;
}

export interface DemoOptions {
  now: Date;
  timeZone: string;
}

/** The district plan's holdings, and a district library's readership. */
export const demoTargets = { titles: 1250, items: 16_000, patrons: 2000, historyDays: 182 } as const;

/** Institution code in the 14-digit barcodes; the same one patrons.ts uses. */
const INSTITUTION = 1;
/** Who registered and blocked the demo's readers. */
const demoOperator = 'Lò Thị Mai';
/** A date later than any real one: "not back yet". */
const NEVER = '9999-12-31';

/** Opening hours, minutes after midnight: 7:30–11:30 and 13:30–17:00. */
const openingSpans: readonly (readonly [number, number])[] = [
  [7 * 60 + 30, 11 * 60 + 30],
  [13 * 60 + 30, 17 * 60],
];

/** The first day of Tết (lunar new year): the library is quiet that week. */
const tetDays = ['2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03'];

/** The demo's readers are in the categories every desk starts with. */
type DemoCategory = (typeof patronCategories)[number];

const categoryWeights: readonly (readonly [DemoCategory, number])[] = [
  ['pupil', 40],
  ['child', 12],
  ['adult', 32],
  ['elderly', 12],
  ['disabled', 4],
];

/** What each kind of reader takes off the shelves. */
const tastes: Record<DemoCategory, readonly (readonly [Audience, number])[]> = {
  child: [
    ['children', 80],
    ['general', 15],
    ['accessible', 5],
  ],
  pupil: [
    ['children', 50],
    ['general', 40],
    ['periodical', 6],
    ['accessible', 4],
  ],
  adult: [
    ['general', 45],
    ['farming', 38],
    ['periodical', 9],
    ['reference', 3],
    ['children', 5],
  ],
  elderly: [
    ['general', 38],
    ['farming', 22],
    ['periodical', 18],
    ['accessible', 22],
  ],
  disabled: [
    ['accessible', 60],
    ['general', 30],
    ['farming', 10],
  ],
};

/**
 * Instants in the library's zone. `localInstant` builds an Intl formatter per
 * call, too slow to call for every row: the zone's offset is read with it at
 * noon on the first of each month and of the next; when the two agree (no
 * daylight-saving change that month) every day of the month shares it,
 * otherwise each day of that month is looked up at noon.
 */
function zonedClock(timeZone: string) {
  const parse = (text: string) => {
    const sign = text.startsWith('-') ? -1 : 1;
    return { minutes: sign * (Number(text.slice(1, 3)) * 60 + Number(text.slice(4, 6))), text };
  };
  const atNoon = (y: number, m: number, d: number) =>
    parse(localInstant(new Date(Date.UTC(y, m - 1, d, 12)), timeZone).slice(-6));
  const months = new Map<string, { minutes: number; text: string } | null>();
  const days = new Map<string, { minutes: number; text: string }>();
  const offsetOf = (date: string) => {
    const month = date.slice(0, 7);
    let shared = months.get(month);
    if (shared === undefined) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const first = atNoon(y, m, 1);
      shared = first.text === atNoon(y, m + 1, 1).text ? first : null;
      months.set(month, shared);
    }
    if (shared) return shared;
    let day = days.get(date);
    if (!day) {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      day = atNoon(y, m, d);
      days.set(date, day);
    }
    return day;
  };
  return {
    /** ISO instant with offset for a wall-clock time (seconds after midnight) on a date. */
    iso(date: string, seconds: number): string {
      const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
      const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
      const ss = String(seconds % 60).padStart(2, '0');
      return `${date}T${hh}:${mm}:${ss}.000${offsetOf(date).text}`;
    },
    /** Milliseconds since the epoch, for ordering. */
    ms(date: string, seconds: number): number {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      return Date.UTC(y, m - 1, d) + seconds * 1000 - offsetOf(date).minutes * 60_000;
    },
  };
}

/** A moment in opening hours, in seconds after midnight. */
function openingTime(prng: Prng): number {
  const [from, to] = prng.chance(0.55) ? openingSpans[0]! : openingSpans[1]!;
  return prng.int(from * 60, to * 60 - 1);
}

interface DemoPatron {
  fullName: string;
  group: string;
  sex: Sex;
  category: DemoCategory;
  registeredOn: string;
  expiresOn: string;
  blockReason: string | null;
  activity: number;
  seq: number;
  id: number;
  /** Open loans as the simulation runs: policy and the day the book comes back. */
  open: { key: string; until: string }[];
  updatedAt: string | null;
}

interface DemoItem {
  titleIndex: number;
  seq: number;
  id: number;
  acquiredOn: string;
  loanable: boolean;
  status: 'available' | 'on_loan' | 'lost' | 'damaged';
  /** The first day it may go out again. */
  freeFrom: string;
  updatedAt: string | null;
}

interface DemoLoan {
  uuid: string;
  item: DemoItem;
  patron: DemoPatron;
  loanedAt: string;
  order: number;
  dueOn: string;
  renewals: number;
  returnedAt: string | null;
  overdueDays: number | null;
}

/** Copies per title: 5–25, more for popular titles, exactly `total` in all. */
function copyCounts(prng: Prng, specs: TitleSpec[], total: number): number[] {
  const rank = specs.map((_, i) => i).sort((a, b) => specs[a]!.popularity - specs[b]!.popularity);
  const counts = new Array<number>(specs.length).fill(5);
  rank.forEach((titleIndex, r) => {
    const pct = r / Math.max(1, rank.length - 1);
    counts[titleIndex] = 5 + Math.floor(21 * (0.55 * pct + 0.45 * prng.next()) * 0.999);
  });
  let sum = counts.reduce((a, b) => a + b, 0);
  if (specs.length * 5 > total || specs.length * 25 < total) throw new Error('copy target out of reach');
  while (sum !== total) {
    const i = prng.int(0, counts.length - 1);
    if (sum > total && counts[i]! > 5) {
      counts[i]! -= 1;
      sum -= 1;
    } else if (sum < total && counts[i]! < 25) {
      counts[i]! += 1;
      sum += 1;
    }
  }
  return counts;
}

function makePatrons(prng: Prng, today: string, count: number, clock: ReturnType<typeof zonedClock>): DemoPatron[] {
  const patrons: DemoPatron[] = [];
  for (let i = 0; i < count; i += 1) {
    const { fullName, group, sex } = makeName(prng);
    const category = prng.weighted(categoryWeights);
    const expired = prng.chance(0.05);
    let registeredOn: string;
    let expiresOn: string;
    if (expired) {
      expiresOn = addDays(today, -prng.int(1, 150));
      registeredOn = addDays(expiresOn, -prng.int(365, 800));
    } else {
      registeredOn = prng.chance(0.12) ? addDays(today, -prng.int(1, 175)) : addDays(today, -prng.int(190, 1100));
      expiresOn = addDays(today, prng.int(14, 540));
    }
    const blocked = prng.chance(0.012);
    const blockedOn = addDays(today, -prng.int(1, 60));
    // Many registered readers borrow seldom or not at all; pupils borrow most.
    const boost = category === 'pupil' ? 1.6 : category === 'child' ? 1.2 : category === 'adult' ? 0.8 : 1;
    const activity = prng.chance(0.3) ? 0 : boost * (0.15 + prng.next() * prng.next() * 3);
    patrons.push({
      fullName,
      group,
      sex,
      category,
      registeredOn,
      expiresOn,
      blockReason: blocked ? prng.pick(blockReasons) : null,
      activity,
      seq: 0,
      id: 0,
      open: [],
      updatedAt: blocked
        ? clock.iso(blockedOn > registeredOn ? blockedOn : addDays(registeredOn, 1), openingTime(prng))
        : null,
    });
  }
  // Card numbers were issued in the order readers registered.
  const order = patrons
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.registeredOn < b.p.registeredOn ? -1 : a.p.registeredOn > b.p.registeredOn ? 1 : a.i - b.i));
  order.forEach(({ p }, k) => {
    p.seq = k + 1;
  });
  return order.map(({ p }) => p);
}

/**
 * Loads the demo library: the district plan's holdings, 2,000 readers and six
 * months of circulation before `now`. Runs inside the caller's transaction and
 * writes no outbox events. The same `now` date (in `timeZone`) always gives the
 * same rows.
 */
export function loadDemoData(db: Database, options: DemoOptions): DemoCounts {
  const { timeZone } = options;
  const today = localDate(options.now, timeZone);
  const prng = new Prng(`library-desk demo ${today}`);
  const clock = zonedClock(timeZone);
  const calendar: Calendar = readCalendar(db);
  const policies: LoanPolicy[] = readPolicies(db);
  const historyStart = addDays(today, -demoTargets.historyDays);

  // --- Catalogue ---
  const specs = makeCatalogue(prng, demoTargets.titles);
  const counts = copyCounts(prng, specs, demoTargets.items);
  const titleAcquired: string[] = [];
  const items: DemoItem[] = [];
  const copiesOfTitle: DemoItem[][] = [];
  specs.forEach((spec, t) => {
    // Most of the stock is older than the history; a donation drive brought some in since.
    const acquiredOn = prng.chance(0.06)
      ? addDays(today, -prng.int(20, demoTargets.historyDays))
      : addDays(today, -prng.int(demoTargets.historyDays + 10, 2400));
    titleAcquired.push(acquiredOn);
    const copies: DemoItem[] = [];
    for (let c = 0; c < counts[t]!; c += 1) {
      const item: DemoItem = {
        titleIndex: t,
        seq: items.length + 1,
        id: 0,
        acquiredOn,
        loanable: !(spec.reference && c === 0),
        status: 'available',
        freeFrom: addDays(acquiredOn, 1),
        updatedAt: null,
      };
      items.push(item);
      copies.push(item);
    }
    copiesOfTitle.push(copies);
  });
  // A few copies lost or damaged; a whole title of maps stays in the reading room.
  for (const item of items) {
    if (!item.loanable) continue;
    const r = prng.next();
    if (r < 0.005) item.status = 'lost';
    else if (r < 0.008) item.status = 'damaged';
    if (item.status !== 'available') {
      item.freeFrom = NEVER;
      const on = addDays(today, -prng.int(1, demoTargets.historyDays));
      item.updatedAt = clock.iso(on > item.acquiredOn ? on : addDays(item.acquiredOn, 1), openingTime(prng));
    }
  }
  for (const [t, spec] of specs.entries()) {
    if (spec.materialType === 'map' && prng.chance(0.4)) for (const item of copiesOfTitle[t]!) item.loanable = false;
  }

  // --- Readers ---
  const patrons = makePatrons(prng, today, demoTargets.patrons, clock);
  const patronTable = new WeightedTable(patrons.map((p) => p.activity));

  // What each audience's shelf offers, weighted by how often a title goes out.
  const shelfTables = new Map<Audience, { titles: number[]; table: WeightedTable }>();
  for (const audience of ['children', 'general', 'farming', 'accessible', 'periodical', 'reference'] as const) {
    const titles = specs.flatMap((s, i) => (s.audience === audience ? [i] : []));
    shelfTables.set(audience, { titles, table: new WeightedTable(titles.map((i) => specs[i]!.popularity)) });
  }

  // --- Six months at the desk ---
  const loans: DemoLoan[] = [];
  const eligible = (p: DemoPatron, day: string) => p.activity > 0 && p.registeredOn < day && p.expiresOn >= day;
  const findCopy = (category: DemoCategory, day: string): DemoItem | undefined => {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const shelf = shelfTables.get(prng.weighted(tastes[category]))!;
      if (shelf.titles.length === 0) continue;
      const copies = copiesOfTitle[shelf.titles[shelf.table.draw(prng)]!]!;
      const start = prng.int(0, copies.length - 1);
      for (let k = 0; k < copies.length; k += 1) {
        const item = copies[(start + k) % copies.length]!;
        if (item.loanable && item.status === 'available' && item.freeFrom <= day) return item;
      }
    }
    return undefined;
  };

  for (let day = historyStart; day < today; day = addDays(day, 1)) {
    if (!isOpen(day, calendar)) continue;
    const wd = weekday(day);
    let rate = wd === 0 || wd === 6 ? 1.35 : 1;
    if (tetDays.some((tet) => daysBetween(tet, day) >= -2 && daysBetween(tet, day) <= 6)) rate *= 0.15;
    const visits = Math.round(40 * rate * (0.8 + prng.next() * 0.4));
    const dayOrder = daysBetween(historyStart, day);
    for (let v = 0; v < visits; v += 1) {
      let patron: DemoPatron | undefined;
      for (let tries = 0; tries < 6 && !patron; tries += 1) {
        const p = patrons[patronTable.draw(prng)]!;
        if (eligible(p, day)) patron = p;
      }
      if (!patron) continue;
      patron.open = patron.open.filter((o) => o.until > day);
      const wanted = prng.weighted([
        [1, 55],
        [2, 30],
        [3, 15],
      ] as const);
      const time = openingTime(prng);
      for (let n = 0; n < wanted; n += 1) {
        const item = findCopy(patron.category, day);
        if (!item) continue;
        const spec = specs[item.titleIndex]!;
        const policy = resolvePolicy(policies, patron.category, spec.materialType);
        if (!policy || policy.loanDays <= 0 || policy.maxItems <= 0) continue;
        const key = policyKey(policy);
        if (patron.open.filter((o) => o.key === key).length >= policy.maxItems) continue;

        let dueOn = dueDate(day, policy.loanDays, calendar);
        let renewals = 0;
        let returnOn: string;
        const behaviour = prng.next();
        const onTime = (from: string, until: string) =>
          nextOpenDay(addDays(from, prng.int(1, Math.max(1, daysBetween(from, until)))), calendar);
        if (behaviour < 0.1 && policy.maxRenewals > 0) {
          // Renewed once or twice near the due date, then back on time.
          let renewedOn = day;
          const times = prng.chance(0.2) ? Math.min(2, policy.maxRenewals) : 1;
          for (let r = 0; r < times; r += 1) {
            const on = nextOpenDay(addDays(dueOn, -prng.int(0, 3)), calendar);
            if (on <= renewedOn || on >= today) break;
            renewedOn = on;
            dueOn = renewedDueOn(dueOn, dueDate(on, policy.loanDays, calendar));
            renewals += 1;
          }
          returnOn = onTime(renewedOn, dueOn);
        } else if (behaviour < 0.76) {
          returnOn = onTime(day, dueOn);
        } else if (behaviour < 0.95) {
          returnOn = nextOpenDay(addDays(dueOn, prng.int(1, 10)), calendar);
        } else if (behaviour < 0.99) {
          returnOn = nextOpenDay(addDays(dueOn, prng.int(11, 60)), calendar);
        } else {
          // Months late: most of these are still out.
          returnOn = nextOpenDay(addDays(dueOn, prng.int(61, 400)), calendar);
        }
        const returned = returnOn < today;
        const returnTime = openingTime(prng);
        const loan: DemoLoan = {
          uuid: prng.uuid(),
          item,
          patron,
          loanedAt: clock.iso(day, time + n * 20),
          order: dayOrder * 100_000 + time + n * 20,
          dueOn,
          renewals,
          returnedAt: returned ? clock.iso(returnOn, returnTime) : null,
          overdueDays: returned
            ? overdueAndFee({
                dueOn,
                returnedOn: returnOn,
                graceDays: policy.graceDays,
                dailyFee: policy.dailyFee,
                feesEnabled: false,
              }).overdueDays
            : null,
        };
        loans.push(loan);
        // The copy is out until the day after it comes back; an open loan keeps it out.
        item.freeFrom = returned ? addDays(returnOn, 1) : NEVER;
        item.updatedAt = loan.returnedAt ?? loan.loanedAt;
        if (!returned) item.status = 'on_loan';
        patron.open.push({ key, until: returned ? returnOn : NEVER });
      }
    }
  }
  loans.sort((a, b) => a.order - b.order);

  // --- Into the database, with prepared statements ---
  // Rows as the catalogue's store writes them: the same column values, folding and sort key.
  const insertTitle = db.prepare(
    `INSERT INTO titles (${titleInsertColumns}, created_at, updated_at)
     VALUES (${titleInsertColumns.replace(/\w+/gu, '?')}, ?, ?)`,
  );
  const insertIsbn = db.prepare('INSERT OR IGNORE INTO title_isbns (isbn, title_id) VALUES (?, ?)');
  const insertItem = db.prepare(
    `INSERT INTO items (title_id, barcode, status, loanable, created_at, updated_at, accession_number,
       accession_prefix, accession_seq, call_number, call_number_key, location, price, acquisition_kind,
       acquisition_donor, acquisition_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPatron = db.prepare(
    `INSERT INTO patrons (card_number, full_name, name_folded, sort_key, category, expires_on, blocked, block_reason,
       blocked_by, blocked_at, created_at, updated_at, date_of_birth, sex, phone, phone_key, address, commune, id_number,
       introduced_by, guardian_name, guardian_phone, guardian_phone_key, ethnicity, disability, consent_given_at,
       consent_recorded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Details come from a generator of their own: adding them left the loans as they were.
  const detailPrng = new Prng(`library-desk demo readers ${today}`);
  const insertLoan = db.prepare(
    `INSERT INTO loans (uuid, item_id, patron_id, loaned_at, due_on, renewals, returned_at, overdue_days, fee)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  // Catalogue details come from a generator of their own, so the loans stay as they were.
  const catalogPrng = new Prng(`library-desk demo catalogue ${today}`);
  const titleIds: number[] = [];
  const bibs: DemoBib[] = [];
  specs.forEach((spec, t) => {
    const createdAt = clock.iso(titleAcquired[t]!, openingTime(prng));
    const bib = makeBib(catalogPrng, spec);
    bibs.push(bib);
    const record = demoTitleRecord(catalogPrng.uuid(), spec, bib);
    const info = insertTitle.run(...titleColumnValues(record), record.uuid, createdAt, createdAt);
    const id = Number(info.lastInsertRowid);
    for (const isbn of bib.isbn) insertIsbn.run(isbn, id);
    titleIds.push(id);
  });
  // Accession numbers in the order copies came in, one run per register.
  const accession = new Map<number, string>();
  const nextInRegister = new Map<string, number>();
  for (const item of [...items].sort((a, b) =>
    a.acquiredOn < b.acquiredOn ? -1 : a.acquiredOn > b.acquiredOn ? 1 : a.seq - b.seq,
  )) {
    const prefix = bibs[item.titleIndex]!.accessionPrefix;
    const n = (nextInRegister.get(prefix) ?? 0) + 1;
    nextInRegister.set(prefix, n);
    accession.set(item.seq, `${prefix}${String(n).padStart(5, '0')}`);
  }
  const donated = new Set<number>();
  for (const [t] of specs.entries()) if (catalogPrng.chance(0.15)) donated.add(t);
  for (const item of items) {
    const createdAt = clock.iso(item.acquiredOn, 15 * 3600 + (item.seq % 3600));
    const spec = specs[item.titleIndex]!;
    const bib = bibs[item.titleIndex]!;
    const callNumber = `${bib.ddc} ${authorMark(spec.authors, spec.title)}`;
    const number = accession.get(item.seq)!;
    const location = !item.loanable
      ? 'Phòng đọc'
      : spec.audience === 'children'
        ? 'Kho thiếu nhi'
        : spec.audience === 'accessible'
          ? 'Góc tiếp cận'
          : spec.materialType === 'periodical'
            ? 'Kho báo, tạp chí'
            : 'Kho mở';
    const gift = donated.has(item.titleIndex);
    const info = insertItem.run(
      titleIds[item.titleIndex]!,
      makeLibraryBarcode(3, INSTITUTION, item.seq),
      item.status,
      item.loanable ? 1 : 0,
      createdAt,
      item.updatedAt ?? createdAt,
      number,
      bib.accessionPrefix,
      Number(number.slice(2)),
      callNumber,
      callNumber.toUpperCase(),
      location,
      bib.price,
      gift ? 'donation' : 'purchase',
      gift ? donors[item.titleIndex % donors.length]! : null,
      item.acquiredOn,
    );
    item.id = Number(info.lastInsertRowid);
  }
  for (const patron of patrons) {
    const createdAt = clock.iso(patron.registeredOn, openingTime(prng));
    const d = makeReaderDetails(detailPrng, patron);
    const keys = searchColumns(patron.fullName, d.phone, d.guardianPhone);
    const info = insertPatron.run(
      makeLibraryBarcode(2, INSTITUTION, patron.seq),
      patron.fullName,
      keys.nameFolded,
      keys.sortKey,
      patron.category,
      patron.expiresOn,
      patron.blockReason ? 1 : 0,
      patron.blockReason,
      patron.blockReason ? demoOperator : null,
      patron.blockReason ? patron.updatedAt : null,
      createdAt,
      patron.updatedAt ?? createdAt,
      d.dateOfBirth,
      d.sex,
      d.phone,
      keys.phoneKey,
      d.address,
      d.commune,
      d.idNumber,
      d.introducedBy,
      d.guardianName,
      d.guardianPhone,
      keys.guardianPhoneKey,
      d.ethnicity,
      d.disability,
      d.consent ? createdAt : null,
      d.consent ? demoOperator : null,
    );
    patron.id = Number(info.lastInsertRowid);
  }
  for (const loan of loans) {
    insertLoan.run(
      loan.uuid,
      loan.item.id,
      loan.patron.id,
      loan.loanedAt,
      loan.dueOn,
      loan.renewals,
      loan.returnedAt,
      loan.overdueDays,
      loan.returnedAt === null ? null : 0,
    );
  }
  // New registrations continue after the demo's cards.
  writeSetting(db, 'sequence.patronCard', patrons.length);

  return { patrons: patrons.length, titles: specs.length, items: items.length, loans: loans.length };
}
