/**
 * USB HID POS, usage page 0x8C (Bar Code Scanner), usage 0x12 "Scanned Data Report".
 *
 * The report as Honeywell, Zebra and Datalogic scanners send it in HID POS mode
 * (and the common Chinese scanners that copy them), with the report ID in front
 * as node-hid hands it over on Linux (hidraw) and Windows:
 *
 *   [0]      report ID, 0x02
 *   [1]      number of decoded-data bytes in this report
 *   [2..4]   AIM symbology identifier, three ASCII bytes (e.g. "]E0"); 0x00 when the scanner sends none
 *   [5..]    decoded data, padded with 0x00 up to the data field's end
 *   [last]   bit 0: "decode data continued" — more reports of the same code follow
 *
 * Honeywell puts its own one-byte code ID just before the flag byte (64-byte reports:
 * data field 56 bytes at 5..60, code ID at 61, reserved at 62, flag at 63). We read the
 * length byte for the data and the last byte for the flag, so every layout that keeps
 * those two fixed parses the same.
 */

export const HID_POS_USAGE_PAGE = 0x8c;
export const SCANNED_DATA_REPORT_ID = 0x02;

/** AIM symbology identifiers (ISO/IEC 15424): the character after "]" names the symbology. */
const aimSymbologies: Record<string, string> = {
  A: 'code39',
  C: 'code128',
  d: 'data-matrix',
  E: 'ean-upc',
  F: 'codabar',
  G: 'code93',
  H: 'code11',
  I: 'interleaved-2-of-5',
  L: 'pdf417',
  M: 'msi',
  Q: 'qr-code',
  R: 'straight-2-of-5',
  S: 'industrial-2-of-5',
  X: 'other',
  z: 'aztec',
  e: 'gs1-databar',
};

/** "]E0" → 'ean-13', "]E4" → 'ean-8', "]C1" → 'gs1-128', "]C0" → 'code128', "]F0" → 'codabar'. */
export function symbologyFromAim(aim: string | undefined): string | undefined {
  if (!aim || aim.length < 2 || aim[0] !== ']') return undefined;
  const letter = aim[1]!;
  const modifier = aim[2] ?? '0';
  if (letter === 'E') {
    if (modifier === '4') return 'ean-8';
    if (modifier === '0') return 'ean-13';
    return 'ean-upc';
  }
  if (letter === 'C' && modifier === '1') return 'gs1-128';
  if (letter === 'd' && modifier === '2') return 'gs1-datamatrix';
  return aimSymbologies[letter];
}

export interface ScannedDataReport {
  /** AIM identifier as sent ("]E0"), or undefined when the scanner sent none. */
  aim: string | undefined;
  /** The decoded bytes of this report only. */
  data: Buffer;
  /** More reports of the same code follow. */
  continued: boolean;
}

export interface ParseOptions {
  /** Whether byte 0 is the report ID (node-hid: yes). WebHID-style buffers without it: false. */
  withReportId?: boolean;
}

/** One input report → its fields, or undefined when it is not a Scanned Data Report. */
export function parseScannedDataReport(report: Uint8Array, options: ParseOptions = {}): ScannedDataReport | undefined {
  const bytes = Buffer.from(report.buffer, report.byteOffset, report.byteLength);
  let offset = 0;
  if (options.withReportId ?? true) {
    if (bytes[0] !== SCANNED_DATA_REPORT_ID) return undefined;
    offset = 1;
  }
  // length + AIM + at least the flag byte
  if (bytes.length < offset + 5) return undefined;
  const length = bytes[offset]!;
  const aimBytes = bytes.subarray(offset + 1, offset + 4);
  const aim = aimBytes[0] === 0 ? undefined : aimBytes.toString('latin1').replace(/\0+$/, '');
  const dataStart = offset + 4;
  const flagIndex = bytes.length - 1;
  const dataEnd = Math.min(dataStart + length, flagIndex);
  const data = Buffer.from(bytes.subarray(dataStart, dataEnd));
  const continued = (bytes[flagIndex]! & 0x01) === 1;
  return { aim, data, continued };
}

export interface HidScan {
  code: string;
  aim: string | undefined;
  symbology: string | undefined;
}

/**
 * Joins the reports of one code: data accumulates while "decode data continued" is set
 * and the code is complete with the first report that has it clear.
 */
export class ScannedDataAssembler {
  private parts: Buffer[] = [];
  private aim: string | undefined;

  constructor(private readonly options: ParseOptions = {}) {}

  /** Feed one input report; answers the whole scan when this report completes it. */
  push(report: Uint8Array): HidScan | undefined {
    const parsed = parseScannedDataReport(report, this.options);
    if (!parsed) return undefined;
    if (this.parts.length === 0) this.aim = parsed.aim;
    this.parts.push(parsed.data);
    if (parsed.continued) return undefined;
    const code = Buffer.concat(this.parts)
      .toString('latin1')
      .replace(/[\r\n]+$/, '');
    const aim = this.aim;
    this.reset();
    if (code === '') return undefined;
    return { code, aim, symbology: symbologyFromAim(aim) };
  }

  reset(): void {
    this.parts = [];
    this.aim = undefined;
  }
}
