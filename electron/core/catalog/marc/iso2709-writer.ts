import { MarcFault } from './issues';
import { isControlField, unicodeLeader, type MarcRecord } from './record';
import { maxRecordBytes } from './iso2709-reader';

const encoder = new TextEncoder();

/**
 * One record as ISO 2709 in UTF-8: leader/09 = 'a', record length and base
 * address computed, entry map "4500", directory in field order with each
 * field starting where the previous one ended. A UTF-8 record that was
 * written that way (as nearly every system does) comes back byte for byte.
 * Throws MarcFault NOT_ENCODABLE when a field or the record is too long
 * for ISO 2709's fixed-width lengths.
 */
export function writeIso2709(record: MarcRecord): Buffer {
  const bodies: Uint8Array[] = [];
  let directory = '';
  let offset = 0;
  for (const field of record.fields) {
    let text: string;
    if (isControlField(field)) text = `${field.value}\u001e`;
    else {
      text = `${field.ind1}${field.ind2}`;
      for (const s of field.subfields) text += `\u001f${s.code}${s.value}`;
      text += '\u001e';
    }
    const body = encoder.encode(text);
    if (body.length > 9999)
      throw new MarcFault('NOT_ENCODABLE', field.tag, `field ${field.tag} is longer than 9,999 bytes`);
    directory += `${field.tag}${String(body.length).padStart(4, '0')}${String(offset).padStart(5, '0')}`;
    bodies.push(body);
    offset += body.length;
  }
  const base = 24 + directory.length + 1;
  const length = base + offset + 1;
  if (length > maxRecordBytes)
    throw new MarcFault('NOT_ENCODABLE', null, `record would be ${length} bytes, more than ISO 2709 allows`);
  const lead = unicodeLeader(record.leader);
  const leader = `${String(length).padStart(5, '0')}${lead.slice(5, 10)}22${String(base).padStart(5, '0')}${lead.slice(17, 20)}4500`;
  const out = Buffer.allocUnsafe(length);
  out.write(leader, 0, 'latin1');
  out.write(directory, 24, 'latin1');
  out[base - 1] = 0x1e;
  let at = base;
  for (const body of bodies) {
    out.set(body, at);
    at += body.length;
  }
  out[length - 1] = 0x1d;
  return out;
}
