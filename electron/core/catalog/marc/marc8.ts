import { MarcFault } from './issues';
import { marc8Sets, type Marc8Set } from './marc8-tables';

const ESC = 0x1b;

function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}

/**
 * Decode MARC-8 bytes (one field's data, subfield delimiters included) to
 * NFC Unicode. G0 starts as Basic Latin and G1 as ANSEL at the start of every
 * field; escape sequences redesignate them (ESC ( F, ESC , F for G0;
 * ESC ) F, ESC - F for G1; ESC g/b/p/s for Greek symbols, subscripts,
 * superscripts and back to Latin). Combining marks come before their base
 * in MARC-8 and after it in Unicode, so they wait for the next base.
 */
export function decodeMarc8(bytes: Uint8Array, tag: string): string {
  // Fast path: plain ASCII is its own decoding.
  let plain = true;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    if (b >= 0x80 || b === ESC) {
      plain = false;
      break;
    }
  }
  if (plain) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

  let g0: Marc8Set = marc8Sets.basicLatin;
  let g1: Marc8Set = marc8Sets.ansel;
  let out = '';
  let marks = '';
  const fault = (reason: string) => new MarcFault('BAD_MARC8', tag, reason);

  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i]!;
    if (b === ESC) {
      const next = bytes[i + 1];
      if (next === undefined) throw fault('escape sequence cut off at the end of the field');
      const shifted = marc8Sets.byShift.get(next);
      if (shifted) {
        g0 = shifted;
        i += 1;
        continue;
      }
      let j = i + 1;
      if (bytes[j] === 0x24) {
        // ESC $ …: a multibyte set, which in MARC-8 can only be EACC.
        throw new MarcFault('MARC8_EACC_UNSUPPORTED', tag, 'MARC-8 EACC not supported');
      }
      const designator = bytes[j];
      const toG0 = designator === 0x28 || designator === 0x2c;
      const toG1 = designator === 0x29 || designator === 0x2d;
      if (!toG0 && !toG1) throw fault(`unknown escape sequence ESC ${hex(designator ?? 0)}`);
      j += 1;
      if (bytes[j] === 0x21) j += 1; // "!E": the ANSEL final has an intermediate byte
      const final = bytes[j];
      if (final === 0x31) throw new MarcFault('MARC8_EACC_UNSUPPORTED', tag, 'MARC-8 EACC not supported');
      const chosen = final === undefined ? undefined : marc8Sets.byFinal.get(final);
      if (!chosen) throw fault(`escape sequence designates an unknown character set ${hex(final ?? 0)}`);
      if (toG0) g0 = chosen;
      else g1 = chosen;
      i = j;
      continue;
    }
    if (b < 0x20) {
      // Delimiters and other controls are the same in every set; marks cannot cross them.
      out += marks + String.fromCharCode(b);
      marks = '';
      continue;
    }
    if (b === 0x20 && g0 !== marc8Sets.basicLatin && !g0.map.has(0x20)) {
      out += ' ';
      continue;
    }
    // A G0 set answers 0x21–0x7E, a G1 set 0xA1–0xFE; a set made for the other half is shifted by 0x80.
    const inG1 = b >= 0x80;
    const active = inG1 ? g1 : g0;
    let code = active.map.get(b);
    let key = b;
    if (code === undefined) {
      key = inG1 ? b - 0x80 : b + 0x80;
      code = active.map.get(key);
    }
    if (code === undefined) throw fault(`byte ${hex(b)} has no character in ${active.name}`);
    const char = String.fromCodePoint(code);
    if (active.combining.has(key)) {
      marks += char;
    } else {
      out += char + marks;
      marks = '';
    }
  }
  return (out + marks).normalize('NFC');
}
