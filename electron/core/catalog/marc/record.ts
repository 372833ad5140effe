/**
 * A MARC21 record as the codecs see it: the 24-character leader and the
 * fields in the order they came. Pure data: no database, no I/O.
 * Control fields (tags 001–009) hold one value; data fields hold two
 * indicators and their subfields. Text is Unicode; the decoders give NFC
 * for MARC-8 input and keep UTF-8 input exactly as written (so that it can
 * be written back byte for byte).
 */
export interface ControlField {
  tag: string;
  value: string;
}

export interface Subfield {
  code: string;
  value: string;
}

export interface DataField {
  tag: string;
  ind1: string;
  ind2: string;
  subfields: Subfield[];
}

export type MarcField = ControlField | DataField;

export interface MarcRecord {
  leader: string;
  fields: MarcField[];
}

export function isControlField(field: MarcField): field is ControlField {
  return 'value' in field;
}

/** Tags 001–009 (and 00X) are control fields: no indicators, no subfields. */
export function isControlTag(tag: string): boolean {
  return tag.startsWith('00');
}

export function dataFields(record: MarcRecord, tag: string): DataField[] {
  return record.fields.filter((f): f is DataField => f.tag === tag && !isControlField(f));
}

/** The first data field with this tag: `dataFields(record, tag)[0]` without the list. */
export function firstDataField(record: MarcRecord, tag: string): DataField | undefined {
  for (const f of record.fields) if (f.tag === tag && !isControlField(f)) return f;
  return undefined;
}

export function controlValue(record: MarcRecord, tag: string): string | null {
  const field = record.fields.find((f): f is ControlField => f.tag === tag && isControlField(f));
  return field ? field.value : null;
}

export function subfieldValues(field: DataField, code: string): string[] {
  return field.subfields.filter((s) => s.code === code).map((s) => s.value);
}

export function firstSubfield(field: DataField, code: string): string | null {
  return field.subfields.find((s) => s.code === code)?.value ?? null;
}

/** The leader with its character coding scheme (09) set to 'a': what every Unicode output says. */
export function unicodeLeader(leader: string): string {
  const padded = leader.padEnd(24, ' ').slice(0, 24);
  return `${padded.slice(0, 9)}a${padded.slice(10)}`;
}
