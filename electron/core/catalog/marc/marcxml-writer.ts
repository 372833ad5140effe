import { isControlField, unicodeLeader, type MarcRecord } from './record';

export const marcxmlNamespace = 'http://www.loc.gov/MARC21/slim';

/** Characters XML 1.0 cannot hold at all: C0 controls but tab, line feed, carriage return; U+FFFE, U+FFFF. */
function forbiddenInXml(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff;
}

/** Every character `escapeXml` may change (the markup, controls, U+FFFE, U+FFFF), and a few it keeps (tab, line breaks). */
const mayNeedEscape = /[&<>"\p{Cc}\ufffe\uffff]/u;

/** Forbidden characters become U+FFFD; the markup characters become entities. */
function escapeXml(text: string): string {
  // Nearly all text has nothing to escape: one native scan says so faster than the loop, except for short
  // text (tags, indicators, codes), which the loop gets through sooner than a call into the regex engine.
  // (The loop is a function of its own so that this small one can be inlined where it is called.)
  return text.length > 8 && !mayNeedEscape.test(text) ? text : escapeEach(text);
}

function escapeEach(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // Letters and most else: past '>' and short of U+FFFE nothing needs a second look.
    if (code > 0x3e && code < 0xfffe) continue;
    const entity =
      code === 0x26 ? '&amp;' : code === 0x3c ? '&lt;' : code === 0x3e ? '&gt;' : code === 0x22 ? '&quot;' : null;
    if (entity === null && !forbiddenInXml(code)) continue;
    out += text.slice(from, i) + (entity ?? '\ufffd');
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** One <record> element (default namespace), leader/09 = 'a' since XML text is Unicode. */
export function marcxmlRecord(record: MarcRecord, indent = ''): string {
  return recordXml(record, indent, '<record>');
}

function recordXml(record: MarcRecord, indent: string, start: string): string {
  // Each line's indentation and opening markup made once, as one piece: the fewer the pieces, the sooner
  // the string is built and, once read, flattened.
  const i1 = `${indent}  `;
  const controlfield = `${i1}<controlfield tag="`;
  const datafield = `${i1}<datafield tag="`;
  const datafieldEnd = `${i1}</datafield>\n`;
  const subfield = `${indent}    <subfield code="`;
  let xml = `${indent}${start}\n${i1}<leader>${escapeXml(unicodeLeader(record.leader))}</leader>\n`;
  for (const field of record.fields) {
    if (isControlField(field)) {
      xml += `${controlfield}${escapeXml(field.tag)}">${escapeXml(field.value)}</controlfield>\n`;
      continue;
    }
    xml += `${datafield}${escapeXml(field.tag)}" ind1="${escapeXml(field.ind1)}" ind2="${escapeXml(field.ind2)}">\n`;
    for (const s of field.subfields) xml += `${subfield}${escapeXml(s.code)}">${escapeXml(s.value)}</subfield>\n`;
    xml += datafieldEnd;
  }
  return `${xml}${indent}</record>\n`;
}

/** A single record as a standalone MARCXML document (what the catalogue keeps per title). */
export function marcxmlDocument(record: MarcRecord): string {
  return recordXml(record, '', `<?xml version="1.0" encoding="UTF-8"?>\n<record xmlns="${marcxmlNamespace}">`);
}

export const marcxmlCollectionStart = `<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="${marcxmlNamespace}">\n`;
export const marcxmlCollectionEnd = '</collection>\n';
