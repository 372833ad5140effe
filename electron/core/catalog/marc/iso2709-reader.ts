import { isUtf8 } from 'node:buffer';
import { MarcFault, type MarcIssue } from './issues';
import { decodeMarc8 } from './marc8';
import { isControlTag, type MarcField, type MarcRecord, type Subfield } from './record';

const RECORD_TERMINATOR = 0x1d;
const FIELD_TERMINATOR = 0x1e;
/** ISO 2709 cannot say more than five digits of length. */
export const maxRecordBytes = 99_999;

export type MarcReadItem =
  { kind: 'record'; recordNumber: number; record: MarcRecord } | { kind: 'issue'; issue: MarcIssue };

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

/** The number written in ASCII digits at bytes[start, start + length), or -1 when one is not a digit. */
function digitsAt(bytes: Uint8Array, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i += 1) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** The tags of three digits, as nearly every tag is, made once rather than for every field. */
const digitTags = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

function tagAt(bytes: Uint8Array, at: number): string {
  const n = digitsAt(bytes, at, 3);
  return n >= 0 ? digitTags[n]! : String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!);
}

function isTagByte(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

function decodeText(bytes: Buffer, start: number, end: number, unicode: boolean, tag: string): string {
  if (!unicode) return decodeMarc8(bytes.subarray(start, end), tag);
  // The record as a whole was checked to be UTF-8 before (a fast native check), so this slice is too.
  return bytes.toString('utf8', start, end);
}

interface Span {
  tag: string;
  start: number;
  /** Where the field terminator is: the end of the field's content. */
  end: number;
}

function refuseBadUtf8(bytes: Buffer, fields: Span[]): void {
  if (isUtf8(bytes)) return;
  const bad = fields.find((f) => !isUtf8(bytes.subarray(f.start, f.end)));
  const tag = bad?.tag ?? null;
  throw new MarcFault('BAD_UTF8', tag, `field ${tag ?? '?'} is not valid UTF-8 although leader/09 says UTF-8`);
}

/**
 * The record's UTF-8 data decoded in one go, when that gives each field's
 * text between one terminator and the next: the fields lie one after the
 * other as the directory lists them, and no field holds a terminator of its
 * own (the data then has as many as there are fields; UTF-8 never puts 0x1E
 * inside a character). Null otherwise, for the fields to be decoded one by one.
 */
function dataAtOnce(bytes: Buffer, spans: Span[], base: number, dataEnd: number): string | null {
  let next = base;
  for (const span of spans) {
    if (span.start !== next) return null;
    next = span.end + 1;
  }
  if (next !== dataEnd) return null;
  const data = bytes.toString('utf8', base, dataEnd);
  let terminators = 0;
  for (let at = data.indexOf('\u001e'); at >= 0; at = data.indexOf('\u001e', at + 1)) terminators += 1;
  return terminators === spans.length ? data : null;
}

/**
 * The subfields of a data field's text, text[from, end) (past the
 * indicators). Each delimiter starts a subfield: its code is the next
 * character, its value the rest up to the next delimiter.
 */
function subfieldsOf(text: string, from: number, end: number, tag: string): Subfield[] {
  if (from < end && text.charCodeAt(from) !== 0x1f)
    throw new MarcFault('BAD_FIELD', tag, `field ${tag} has data before its first subfield`);
  const subfields: Subfield[] = [];
  let at = from;
  while (at < end) {
    const found = text.indexOf('\u001f', at + 1);
    const next = found < 0 || found > end ? end : found;
    // Two delimiters in a row: an empty subfield with no code, dropped.
    if (next > at + 1) {
      // The code is one character, which may be a surrogate pair.
      const high = text.charCodeAt(at + 1);
      const pair = high >= 0xd800 && high <= 0xdbff && next > at + 2 && isLowSurrogate(text.charCodeAt(at + 2));
      const valueStart = pair ? at + 3 : at + 2;
      subfields.push({ code: text.slice(at + 1, valueStart), value: text.slice(valueStart, next) });
    }
    at = next;
  }
  return subfields;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * One record, from its first leader byte through its record terminator.
 * Throws MarcFault on the first structural fault: nothing of a faulty record
 * is returned.
 */
export function parseIso2709Record(record: Uint8Array): MarcRecord {
  const bytes = Buffer.isBuffer(record) ? record : Buffer.from(record.buffer, record.byteOffset, record.byteLength);
  const length = bytes.length;
  if (length < 25) throw new MarcFault('BAD_LEADER', null, `record of ${length} bytes is shorter than a leader`);
  for (let i = 0; i < 24; i += 1) {
    if (bytes[i]! < 0x20 || bytes[i]! > 0x7e)
      throw new MarcFault('BAD_LEADER', null, `leader byte ${i} is not a character`);
  }
  const leader = bytes.toString('latin1', 0, 24);
  const declared = digitsAt(bytes, 0, 5);
  if (declared < 0) throw new MarcFault('BAD_LEADER', null, `record length "${leader.slice(0, 5)}" is not a number`);
  if (declared !== length)
    throw new MarcFault(
      'LENGTH_MISMATCH',
      null,
      `leader says ${declared} bytes but the record terminator comes after ${length}`,
    );
  const base = digitsAt(bytes, 12, 5);
  if (base < 0) throw new MarcFault('BAD_LEADER', null, `base address "${leader.slice(12, 17)}" is not a number`);
  if (base < 25 || base >= length)
    throw new MarcFault('BAD_BASE_ADDRESS', null, `base address ${base} lies outside the record (${length} bytes)`);
  if (bytes[base - 1] !== FIELD_TERMINATOR)
    throw new MarcFault('BAD_BASE_ADDRESS', null, `no directory terminator just before base address ${base}`);
  const lengthDigits = digitsAt(bytes, 20, 1);
  const startDigits = digitsAt(bytes, 21, 1);
  if (lengthDigits <= 0 || startDigits <= 0)
    throw new MarcFault('BAD_LEADER', null, `entry map "${leader.slice(20, 24)}" is not digits`);
  const entrySize = 3 + lengthDigits + startDigits;
  const directoryLength = base - 1 - 24;
  if (directoryLength % entrySize !== 0)
    throw new MarcFault(
      'BAD_DIRECTORY',
      null,
      `directory of ${directoryLength} bytes is not a whole number of ${entrySize}-byte entries`,
    );
  const entries = directoryLength / entrySize;
  if (entries === 0) throw new MarcFault('NO_FIELDS', null, 'the directory lists no fields');

  const unicode = leader[9] === 'a';
  const dataEnd = length - 1; // the record terminator is no field's
  const spans: Span[] = [];
  for (let e = 0; e < entries; e += 1) {
    const at = 24 + e * entrySize;
    if (!isTagByte(bytes[at]!) || !isTagByte(bytes[at + 1]!) || !isTagByte(bytes[at + 2]!))
      throw new MarcFault('BAD_DIRECTORY', null, `directory entry ${e + 1} has tag "${ascii(bytes, at, at + 3)}"`);
    const tag = tagAt(bytes, at);
    const fieldLength = digitsAt(bytes, at + 3, lengthDigits);
    const fieldStart = digitsAt(bytes, at + 3 + lengthDigits, startDigits);
    if (fieldLength < 0 || fieldStart < 0)
      throw new MarcFault(
        'BAD_DIRECTORY',
        tag,
        `directory entry for ${tag} has a length or start that is not a number`,
      );
    const start = base + fieldStart;
    const end = start + fieldLength;
    if (fieldLength < 1 || end > dataEnd)
      throw new MarcFault(
        'FIELD_OUTSIDE_RECORD',
        tag,
        `field ${tag} (${fieldLength} bytes at ${fieldStart}) lies outside the record's data`,
      );
    if (bytes[end - 1] !== FIELD_TERMINATOR)
      throw new MarcFault('MISSING_FIELD_TERMINATOR', tag, `field ${tag} does not end with a field terminator`);
    spans.push({ tag, start, end: end - 1 });
  }
  if (unicode) refuseBadUtf8(bytes, spans);

  const data = unicode ? dataAtOnce(bytes, spans, base, dataEnd) : null;
  let textStart = 0; // where the field's text starts in data
  const fields: MarcField[] = [];
  for (const { tag, start, end: contentEnd } of spans) {
    const textEnd = data === null ? -1 : data.indexOf('\u001e', textStart);
    const from = textStart;
    textStart = textEnd + 1;
    if (isControlTag(tag)) {
      const value = data === null ? decodeText(bytes, start, contentEnd, unicode, tag) : data.slice(from, textEnd);
      fields.push({ tag, value });
      continue;
    }
    if (contentEnd - start < 2) throw new MarcFault('BAD_FIELD', tag, `field ${tag} has no indicators`);
    const ind1 = bytes[start]!;
    const ind2 = bytes[start + 1]!;
    if (ind1 < 0x20 || ind1 > 0x7e || ind2 < 0x20 || ind2 > 0x7e)
      throw new MarcFault('BAD_FIELD', tag, `field ${tag} has indicators that are not characters`);
    let subfields: Subfield[];
    if (data === null) {
      const text = decodeText(bytes, start + 2, contentEnd, unicode, tag);
      subfields = subfieldsOf(text, 0, text.length, tag);
    } else {
      // The indicators are one character each, so the field's text past them starts two on.
      subfields = subfieldsOf(data, from + 2, textEnd, tag);
    }
    fields.push({ tag, ind1: String.fromCharCode(ind1), ind2: String.fromCharCode(ind2), subfields });
  }
  return { leader, fields };
}

function isGap(byte: number): boolean {
  // Line breaks between records (some systems write one per record) and NUL padding.
  return byte === 0x0a || byte === 0x0d || byte === 0x00;
}

function toIssue(error: unknown, recordNumber: number): MarcIssue {
  if (error instanceof MarcFault) return { recordNumber, field: error.field, code: error.code, reason: error.message };
  throw error;
}

/**
 * Read ISO 2709 records from a stream of chunks (a Node Readable, or any
 * iterable of bytes) with memory bounded by one record plus one chunk.
 * Records are framed by their terminator (0x1D), not by the length the
 * leader claims, so a lying length costs one record, never the rest of the
 * file. Every record yields either the record or one issue.
 */
export async function* readIso2709(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<MarcReadItem> {
  let pending: Buffer = Buffer.alloc(0);
  let recordNumber = 0;
  let skipping = false; // after a record too long to hold: drop bytes up to the next terminator

  function* drain(final: boolean): Generator<MarcReadItem> {
    let p = 0;
    for (;;) {
      if (skipping) {
        const end = pending.indexOf(RECORD_TERMINATOR, p);
        if (end < 0) {
          p = pending.length;
          break;
        }
        skipping = false;
        p = end + 1;
      }
      while (p < pending.length && isGap(pending[p]!)) p += 1;
      if (p >= pending.length) break;
      const end = pending.indexOf(RECORD_TERMINATOR, p);
      if (end < 0) {
        if (pending.length - p > maxRecordBytes) {
          recordNumber += 1;
          yield {
            kind: 'issue',
            issue: {
              recordNumber,
              field: null,
              code: 'RECORD_TOO_LONG',
              reason: `no record terminator within ${maxRecordBytes} bytes`,
            },
          };
          skipping = true;
          p = pending.length;
          continue;
        }
        if (final) {
          recordNumber += 1;
          yield {
            kind: 'issue',
            issue: {
              recordNumber,
              field: null,
              code: 'TRUNCATED',
              reason: `the file ends ${pending.length - p} bytes into a record, before its terminator`,
            },
          };
          p = pending.length;
        }
        break;
      }
      recordNumber += 1;
      const frame = pending.subarray(p, end + 1);
      p = end + 1;
      try {
        yield { kind: 'record', recordNumber, record: parseIso2709Record(frame) };
      } catch (error) {
        yield { kind: 'issue', issue: toIssue(error, recordNumber) };
      }
    }
    pending = p >= pending.length ? Buffer.alloc(0) : pending.subarray(p);
  }

  for await (const chunk of source) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
    yield* drain(false);
    // Keep only the unread tail, detached from the chunk it came in.
    if (pending.length > 0) pending = Buffer.from(pending);
  }
  yield* drain(true);
}
