import { isControlField, unicodeLeader, type MarcRecord } from './record';

export const marcxmlNamespace = 'http://www.loc.gov/MARC21/slim';

// Characters XML 1.0 cannot hold at all (C0 controls but tab, line feed, carriage return).
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu;

// eslint-disable-next-line no-control-regex -- the C0 controls XML cannot hold are what this looks for
const needsEscape = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/u;

function escapeXml(text: string): string {
  if (!needsEscape.test(text)) return text;
  return text
    .replace(forbidden, '\ufffd')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;');
}

/** One <record> element (default namespace), leader/09 = 'a' since XML text is Unicode. */
export function marcxmlRecord(record: MarcRecord, indent = ''): string {
  const i1 = `${indent}  `;
  const i2 = `${indent}    `;
  let xml = `${indent}<record>\n${i1}<leader>${escapeXml(unicodeLeader(record.leader))}</leader>\n`;
  for (const field of record.fields) {
    if (isControlField(field)) {
      xml += `${i1}<controlfield tag="${escapeXml(field.tag)}">${escapeXml(field.value)}</controlfield>\n`;
      continue;
    }
    xml += `${i1}<datafield tag="${escapeXml(field.tag)}" ind1="${escapeXml(field.ind1)}" ind2="${escapeXml(field.ind2)}">\n`;
    for (const s of field.subfields)
      xml += `${i2}<subfield code="${escapeXml(s.code)}">${escapeXml(s.value)}</subfield>\n`;
    xml += `${i1}</datafield>\n`;
  }
  return `${xml}${indent}</record>\n`;
}

/** A single record as a standalone MARCXML document (what the catalogue keeps per title). */
export function marcxmlDocument(record: MarcRecord): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<record xmlns="${marcxmlNamespace}">${marcxmlRecord(record).slice('<record>'.length)}`;
}

export const marcxmlCollectionStart = `<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="${marcxmlNamespace}">\n`;
export const marcxmlCollectionEnd = '</collection>\n';
