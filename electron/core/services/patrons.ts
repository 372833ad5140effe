import type { Database } from 'better-sqlite3';
import { makeLibraryBarcode } from '../../../shared/barcode';
import type { ChannelOutput, ParsedInput } from '../../../shared/contract';
import { phoneKey, type Duplicate, type PatronRecord } from '../../../shared/patron-record';
import { collationKey, compareVietnamese, foldText } from '../../../shared/text';
import type { Ctx } from '../context';
import { stmt } from '../db/statements';
import { DeskRefusal } from '../errors';
import { addMonths } from '../rules/dates';
import { readSetting, writeSetting } from '../settings-store';
import { requireActiveCategory } from './categories';
import { registeredSince as registeredSinceQuery, searchPatrons } from './patron-search';
import { parseNeeds } from '../rules/needs';
import { findPatron, openLoansOfPatron, refuseMisread, toPatron, type PatronRow } from './rows';

function nextCardNumber(ctx: Ctx): string {
  let seq = Number(readSetting(ctx.db, 'sequence.patronCard') ?? 0);
  let card: string;
  do {
    seq += 1;
    card = makeLibraryBarcode(2, ctx.settings.institutionCode, seq);
  } while (findPatron(ctx.db, card));
  writeSetting(ctx.db, 'sequence.patronCard', seq);
  return card;
}

/** Any reader by card number, erased ones included (their anonymous record stays). */
export function requirePatronRow(db: Database, cardNumber: string): PatronRow {
  refuseMisread(cardNumber);
  const row = findPatron(db, cardNumber);
  if (!row) throw new DeskRefusal('NOT_FOUND', { code: cardNumber }, 'NOT_FOUND_patron');
  return row;
}

/**
 * A scanned card number: a 14-digit one must carry a correct check digit, so a
 * misread is refused, never looked up. An erased reader's card is no card any more.
 */
export function requirePatron(db: Database, cardNumber: string): PatronRow {
  const row = requirePatronRow(db, cardNumber);
  if (row.erased_at !== null) throw new DeskRefusal('NOT_FOUND', { code: cardNumber }, 'NOT_FOUND_patron');
  return row;
}

/** Every column of a reader's row. */
export interface PatronRecordRow extends PatronRow {
  date_of_birth: string | null;
  sex: string | null;
  phone: string | null;
  address: string | null;
  commune: string | null;
  id_number: string | null;
  introduced_by: string | null;
  guardian_name: string | null;
  guardian_phone: string | null;
  notes: string | null;
  photo: string | null;
  ethnicity: string | null;
  disability: string | null;
  consent_given_at: string | null;
  consent_recorded_by: string | null;
  blocked_by: string | null;
  blocked_at: string | null;
  created_at: string;
  preferred_language: 'vi' | 'en' | null;
  needs: string | null;
  needs_note: string | null;
}

export function readRecordRow(db: Database, cardNumber: string): PatronRecordRow | undefined {
  return stmt(db, 'SELECT * FROM patrons WHERE card_number = ?').get(cardNumber) as PatronRecordRow | undefined;
}

export function toRecord(row: PatronRecordRow, today: string): PatronRecord {
  return {
    ...toPatron(row),
    dateOfBirth: row.date_of_birth,
    sex: row.sex as PatronRecord['sex'],
    phone: row.phone,
    address: row.address,
    commune: row.commune,
    idNumber: row.id_number,
    introducedBy: row.introduced_by,
    guardianName: row.guardian_name,
    guardianPhone: row.guardian_phone,
    notes: row.notes,
    photo: row.photo,
    sensitive:
      row.consent_given_at === null
        ? null
        : {
            ethnicity: row.ethnicity,
            disability: row.disability,
            consentGivenAt: row.consent_given_at,
            consentRecordedBy: row.consent_recorded_by ?? '',
          },
    expired: row.expires_on < today,
    blockReason: row.block_reason,
    blockedBy: row.blocked_by,
    blockedAt: row.blocked_at,
    registeredAt: row.created_at,
    erased: row.erased_at !== null,
    preferredLanguage: row.preferred_language,
    // Needs are sensitive: shown only while consent is recorded (withdrawal clears them too).
    needs:
      row.consent_given_at === null || (row.needs === null && row.needs_note === null)
        ? null
        : { kinds: parseNeeds(row.needs), note: row.needs_note },
  };
}

/** Everything held about one reader, for the record screen, the card and the data export. */
export function readPatronRecord(db: Database, cardNumber: string, today: string): PatronRecord | undefined {
  const row = readRecordRow(db, cardNumber);
  return row ? toRecord(row, today) : undefined;
}

/** The reader's own details: contract field → column. */
const detailColumns = {
  fullName: 'full_name',
  dateOfBirth: 'date_of_birth',
  sex: 'sex',
  phone: 'phone',
  address: 'address',
  commune: 'commune',
  idNumber: 'id_number',
  introducedBy: 'introduced_by',
  guardianName: 'guardian_name',
  guardianPhone: 'guardian_phone',
  notes: 'notes',
  photo: 'photo',
  preferredLanguage: 'preferred_language',
} as const;
type DetailField = keyof typeof detailColumns;
type Details = { [F in DetailField]: string | null };
const detailFields = Object.keys(detailColumns) as DetailField[];

/**
 * Fields whose values may travel in outbox events (the registry upstream needs
 * them to recognise a reader). The photo and free-text notes travel as "changed"
 * only; sensitive data never leaves through the outbox.
 */
const syncedFields: readonly DetailField[] = [
  'fullName',
  'dateOfBirth',
  'sex',
  'phone',
  'address',
  'commune',
  'idNumber',
  'introducedBy',
  'guardianName',
  'guardianPhone',
];

function syncedValues(details: Partial<Details>): Partial<Details> {
  const out: Partial<Details> = {};
  for (const field of syncedFields) if (details[field] !== undefined) out[field] = details[field];
  return out;
}

function detailsOf(row: PatronRecordRow): Details {
  const details = {} as Details;
  for (const field of detailFields) details[field] = row[detailColumns[field]];
  return details;
}

/** The columns a reader's details are written to, with the search keys derived from them. */
const writtenColumns = [
  'full_name',
  'name_folded',
  'sort_key',
  'category',
  'date_of_birth',
  'sex',
  'phone',
  'phone_key',
  'address',
  'commune',
  'id_number',
  'introduced_by',
  'guardian_name',
  'guardian_phone',
  'guardian_phone_key',
  'notes',
  'photo',
  'preferred_language',
];

function writtenValues(details: Details, category: string): (string | null)[] {
  const fullName = details.fullName!;
  return [
    fullName,
    foldText(fullName),
    collationKey(fullName),
    category,
    details.dateOfBirth,
    details.sex,
    details.phone,
    details.phone === null ? null : phoneKey(details.phone),
    details.address,
    details.commune,
    details.idNumber,
    details.introducedBy,
    details.guardianName,
    details.guardianPhone,
    details.guardianPhone === null ? null : phoneKey(details.guardianPhone),
    details.notes,
    details.photo,
    details.preferredLanguage,
  ];
}

interface DuplicateQuery {
  fullName: string;
  dateOfBirth?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  excludeCardNumber?: string;
}

/** Readers who may be the same person: same folded name and birth date, same phone, or same ID number. */
export function findDuplicateReaders(db: Database, query: DuplicateQuery): Duplicate[] {
  type Row = PatronRow & { date_of_birth: string | null; phone: string | null };
  const found = new Map<number, { row: Row; reasons: Set<Duplicate['reasons'][number]> }>();
  const note = (rows: Row[], reason: Duplicate['reasons'][number]) => {
    for (const row of rows) {
      if (row.card_number === query.excludeCardNumber) continue;
      const entry = found.get(row.id) ?? { row, reasons: new Set() };
      entry.reasons.add(reason);
      found.set(row.id, entry);
    }
  };
  const select =
    'SELECT id, card_number, full_name, category, expires_on, blocked, block_reason, erased_at, date_of_birth, phone FROM patrons';
  if (query.dateOfBirth) {
    note(
      stmt(db, `${select} WHERE name_folded = ? AND date_of_birth = ? AND erased_at IS NULL`).all(
        foldText(query.fullName),
        query.dateOfBirth,
      ) as Row[],
      'name_and_birth_date',
    );
  }
  const phone = query.phone ? phoneKey(query.phone) : null;
  if (phone) {
    note(stmt(db, `${select} WHERE phone_key = ? AND erased_at IS NULL`).all(phone) as Row[], 'phone');
  }
  if (query.idNumber) {
    note(
      stmt(db, `${select} WHERE id_number = ? AND erased_at IS NULL`).all(query.idNumber.toUpperCase()) as Row[],
      'id_number',
    );
  }
  const order: Duplicate['reasons'] = ['id_number', 'name_and_birth_date', 'phone'];
  return [...found.values()]
    .map((e) => ({
      patron: toPatron(e.row),
      dateOfBirth: e.row.date_of_birth,
      phone: e.row.phone,
      reasons: order.filter((r) => e.reasons.has(r)),
    }))
    .sort((a, b) => compareVietnamese(a.patron.fullName, b.patron.fullName));
}

export function findDuplicates(
  input: ParsedInput<'patrons.findDuplicates'>,
  ctx: Ctx,
): ChannelOutput<'patrons.findDuplicates'> {
  return findDuplicateReaders(ctx.db, input);
}

export function register(input: ParsedInput<'patrons.register'>, ctx: Ctx): ChannelOutput<'patrons.register'> {
  if (input.cardNumber !== undefined) refuseMisread(input.cardNumber);
  const cardNumber = input.cardNumber ?? nextCardNumber(ctx);
  if (findPatron(ctx.db, cardNumber)) throw new DeskRefusal('CONFLICT', { code: cardNumber }, 'CONFLICT_card');
  const category = input.category ?? 'adult';
  requireActiveCategory(ctx.db, category);
  if (!input.acceptDuplicates) {
    const duplicates = findDuplicateReaders(ctx.db, input);
    if (duplicates.length > 0) {
      throw new DeskRefusal('POSSIBLE_DUPLICATE', {
        count: duplicates.length,
        names: duplicates.map((d) => `${d.patron.fullName} (${d.patron.cardNumber})`).join(', '),
        cards: duplicates.map((d) => d.patron.cardNumber).join(','),
        reasons: duplicates.map((d) => `${d.patron.cardNumber}:${d.reasons.join('+')}`).join(','),
      });
    }
  }
  const expiresOn = input.expiresOn ?? addMonths(ctx.today, ctx.settings.cardValidityMonths);
  const details = {} as Details;
  for (const field of detailFields) details[field] = input[field] ?? null;
  const sensitive = input.sensitive;
  const consent = sensitive
    ? [sensitive.ethnicity ?? null, sensitive.disability ?? null, ctx.nowIso, ctx.settings.operator]
    : [null, null, null, null];
  stmt(
    ctx.db,
    `INSERT INTO patrons (card_number, expires_on, created_at, updated_at,
       ethnicity, disability, consent_given_at, consent_recorded_by, ${writtenColumns.join(', ')})
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${writtenColumns.map(() => '?').join(', ')})`,
  ).run(cardNumber, expiresOn, ctx.nowIso, ctx.nowIso, ...consent, ...writtenValues(details, category));
  const patron = toPatron(findPatron(ctx.db, cardNumber)!);
  ctx.record('patron.registered', cardNumber, {
    ...patron,
    registeredAt: ctx.nowIso,
    details: syncedValues(details),
    photo: details.photo !== null,
    notes: details.notes !== null,
    // Whether consent was recorded; the values themselves stay on this desk.
    consent: sensitive !== undefined,
  });
  ctx.emit({ type: 'changed', domain: 'patrons' });
  return patron;
}

export function update(input: ParsedInput<'patrons.update'>, ctx: Ctx): ChannelOutput<'patrons.update'> {
  const found = requirePatron(ctx.db, input.cardNumber);
  const row = readRecordRow(ctx.db, found.card_number)!;
  const details = detailsOf(row);
  const changed: string[] = [];
  const changes: Partial<Details> = {};
  for (const field of detailFields) {
    const value = input[field];
    if (value === undefined || value === details[field]) continue;
    details[field] = value;
    changes[field] = value;
    changed.push(field);
  }
  let category = row.category;
  if (input.category !== undefined && input.category !== row.category) {
    requireActiveCategory(ctx.db, input.category);
    category = input.category;
    changed.push('category');
  }
  if (changed.length > 0) {
    stmt(
      ctx.db,
      `UPDATE patrons SET ${writtenColumns.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`,
    ).run(...writtenValues(details, category), ctx.nowIso, row.id);
    ctx.record('patron.updated', row.card_number, {
      cardNumber: row.card_number,
      fields: changed,
      changes: { ...syncedValues(changes), ...(category !== row.category ? { category } : {}) },
    });
    ctx.emit({ type: 'changed', domain: 'patrons' });
  }
  return readPatronRecord(ctx.db, row.card_number, ctx.today)!;
}

export function search(input: ParsedInput<'patrons.search'>, ctx: Ctx): ChannelOutput<'patrons.search'> {
  return searchPatrons(ctx.db, input.query, input.limit ?? 20);
}

export function registeredSince(
  input: ParsedInput<'patrons.registeredSince'>,
  ctx: Ctx,
): ChannelOutput<'patrons.registeredSince'> {
  return registeredSinceQuery(ctx.db, input.since, input.limit ?? 500);
}

/** One reader's whole record. Every view is audited. */
export function get(input: ParsedInput<'patrons.get'>, ctx: Ctx): ChannelOutput<'patrons.get'> {
  const found = requirePatronRow(ctx.db, input.cardNumber);
  const record = readPatronRecord(ctx.db, found.card_number, ctx.today)!;
  ctx.audit('patron.viewed', found.card_number);
  return {
    patron: toPatron(found),
    expired: record.expired,
    blockReason: record.blockReason,
    loans: openLoansOfPatron(ctx.db, found.id, ctx.today),
    record,
  };
}

export function setBlock(input: ParsedInput<'patrons.setBlock'>, ctx: Ctx): ChannelOutput<'patrons.setBlock'> {
  const row = requirePatron(ctx.db, input.cardNumber);
  const reason = input.blocked ? input.reason?.trim() || null : null;
  stmt(
    ctx.db,
    'UPDATE patrons SET blocked = ?, block_reason = ?, blocked_by = ?, blocked_at = ?, updated_at = ? WHERE id = ?',
  ).run(
    input.blocked ? 1 : 0,
    reason,
    input.blocked ? ctx.settings.operator : null,
    input.blocked ? ctx.nowIso : null,
    ctx.nowIso,
    row.id,
  );
  ctx.record(input.blocked ? 'patron.blocked' : 'patron.unblocked', row.card_number, {
    cardNumber: row.card_number,
    reason,
    by: ctx.settings.operator,
  });
  ctx.emit({ type: 'changed', domain: 'patrons' });
  return toPatron(findPatron(ctx.db, row.card_number)!);
}

/** Extend a card: to the date given, or by the card validity from today or from its expiry, whichever is later. */
export function renewCard(input: ParsedInput<'patrons.renewCard'>, ctx: Ctx): ChannelOutput<'patrons.renewCard'> {
  const row = requirePatron(ctx.db, input.cardNumber);
  if (input.expiresOn !== undefined && input.expiresOn < ctx.today) {
    throw new DeskRefusal('VALIDATION', { date: input.expiresOn, details: 'expiresOn' }, 'EXPIRY_IN_PAST');
  }
  const from = row.expires_on > ctx.today ? row.expires_on : ctx.today;
  const expiresOn = input.expiresOn ?? addMonths(from, ctx.settings.cardValidityMonths);
  stmt(ctx.db, 'UPDATE patrons SET expires_on = ?, updated_at = ? WHERE id = ?').run(expiresOn, ctx.nowIso, row.id);
  ctx.record('patron.cardRenewed', row.card_number, {
    cardNumber: row.card_number,
    expiresOn,
    previousExpiresOn: row.expires_on,
  });
  ctx.emit({ type: 'changed', domain: 'patrons' });
  return toPatron(findPatron(ctx.db, row.card_number)!);
}
