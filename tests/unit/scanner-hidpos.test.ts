import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseScannedDataReport,
  ScannedDataAssembler,
  symbologyFromAim,
} from '../../electron/core/devices/scanners/hid-pos';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'hid');

function reports(name: string): Buffer[] {
  return readFileSync(path.join(fixtures, name), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => Buffer.from(line.replace(/\s+/g, ''), 'hex'));
}

function scanAll(name: string) {
  const assembler = new ScannedDataAssembler();
  return reports(name)
    .map((r) => assembler.push(r))
    .filter((s) => s !== undefined);
}

describe('HID POS Scanned Data Report', () => {
  it.each([
    ['honeywell-ean13.hex', '8935235000019', ']E0', 'ean-13'],
    ['zebra-code128.hex', '30001000000010', ']C0', 'code128'],
    ['datalogic-codabar.hex', 'A20001000000015B', ']F0', 'codabar'],
    ['generic-cn-noaim.hex', '20001000000015', undefined, undefined],
  ])('%s → one scan', (file, code, aim, symbology) => {
    expect(reports(file)).toHaveLength(1);
    expect(reports(file)[0]).toHaveLength(64);
    expect(scanAll(file)).toEqual([{ code, aim, symbology }]);
  });

  it('a captured Honeywell answer (Voyager 1602g, six reports, then a seventh message) parses as recorded', () => {
    const captured = reports('honeywell-1602g-revinf-captured.hex');
    expect(captured.map((r) => r.length)).toEqual([64, 64, 64, 64, 64, 64, 64]);
    const parsed = captured.map((r) => parseScannedDataReport(r)!);
    expect(parsed.map((p) => [p.aim, p.data.length, p.continued])).toEqual([
      [']X0', 56, true],
      [']X0', 56, true],
      [']X0', 56, true],
      [']X0', 56, true],
      [']X0', 56, true],
      [']X0', 9, false],
      [']Z6', 8, false],
    ]);
    // Honeywell's code ID sits at byte 61, outside the data: it never leaks into the text.
    expect(captured.map((r) => r[61])).toEqual([0x3f, 0x3f, 0x3f, 0x3f, 0x3f, 0x3f, 0x36]);
    const [answer, echo] = scanAll('honeywell-1602g-revinf-captured.hex');
    expect(answer!.aim).toBe(']X0');
    expect(answer!.code.startsWith('Product Name: Voyager 1602g\r\nBoot Revision: : 8992\r\n')).toBe(true);
    expect(answer!.code).toContain('Serial Number: 15232B1F0C\r\n');
    expect(answer!.code.endsWith('Checksum: N/A')).toBe(true);
    expect(answer!.code).toHaveLength(5 * 56 + 9 - 2);
    expect(echo).toEqual({ code: 'REVINF\u0006.', aim: ']Z6', symbology: undefined });
  });

  it('joins a code longer than one report while "decode data continued" is set', () => {
    const parts = reports('honeywell-qr-long.hex');
    expect(parts).toHaveLength(3);
    const assembler = new ScannedDataAssembler();
    expect(assembler.push(parts[0]!)).toBeUndefined();
    expect(assembler.push(parts[1]!)).toBeUndefined();
    const scan = assembler.push(parts[2]!);
    expect(scan?.aim).toBe(']Q1');
    expect(scan?.symbology).toBe('qr-code');
    expect(scan?.code).toHaveLength(124);
    expect(scan?.code).toMatch(/^https:\/\/thuvien\.tamduong.*id=30001000000010.*ref=desk$/);
    // The assembler is ready for the next code.
    expect(scanAll('zebra-code128.hex')[0]?.code).toBe('30001000000010');
  });

  it('ignores other report IDs and runt reports, and reads buffers without the report ID', () => {
    const report = reports('zebra-code128.hex')[0]!;
    expect(parseScannedDataReport(Buffer.from([0x04, ...report.subarray(1)]))).toBeUndefined();
    expect(parseScannedDataReport(Buffer.from([0x02, 0x01]))).toBeUndefined();
    const bare = parseScannedDataReport(report.subarray(1), { withReportId: false });
    expect(bare?.data.toString()).toBe('30001000000010');
    expect(bare?.continued).toBe(false);
  });

  it('never reads past the data field when the length byte lies', () => {
    const report = Buffer.from(reports('zebra-code128.hex')[0]!);
    report[1] = 0xff;
    const parsed = parseScannedDataReport(report)!;
    expect(parsed.data.length).toBe(64 - 5 - 1);
  });

  it('maps AIM identifiers to symbology names', () => {
    expect(symbologyFromAim(']E0')).toBe('ean-13');
    expect(symbologyFromAim(']E4')).toBe('ean-8');
    expect(symbologyFromAim(']C0')).toBe('code128');
    expect(symbologyFromAim(']C1')).toBe('gs1-128');
    expect(symbologyFromAim(']F0')).toBe('codabar');
    expect(symbologyFromAim(']A0')).toBe('code39');
    expect(symbologyFromAim(']I0')).toBe('interleaved-2-of-5');
    expect(symbologyFromAim(']Q1')).toBe('qr-code');
    expect(symbologyFromAim(']d1')).toBe('data-matrix');
    expect(symbologyFromAim('xyz')).toBeUndefined();
    expect(symbologyFromAim(undefined)).toBeUndefined();
  });
});
