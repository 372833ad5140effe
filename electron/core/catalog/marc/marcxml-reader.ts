import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { MarcIssue } from './issues';
import type { MarcReadItem } from './iso2709-reader';
import type { DataField, MarcRecord } from './record';
import { marcxmlNamespace } from './marcxml-writer';

interface Draft {
  record: MarcRecord;
  fault: Omit<MarcIssue, 'recordNumber'> | null;
}

/** The saxes parser and the record being built; fed text, it gives back what it completed. */
function createMarcxmlParser() {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const ready: MarcReadItem[] = [];
  let recordNumber = 0;
  let draft: Draft | null = null;
  let field: DataField | null = null;
  let text: string | null = null;
  let textTarget: { kind: 'leader' } | { kind: 'control'; tag: string } | { kind: 'subfield'; code: string } | null =
    null;
  let broken: string | null = null;
  let reported = false;

  const isMarc = (tag: SaxesTagNS) => tag.uri === marcxmlNamespace || tag.uri === '';
  const attr = (tag: SaxesTagNS, name: string) => tag.attributes[name]?.value;
  const faultIn = (d: Draft, fieldTag: string | null, reason: string) => {
    d.fault ??= { field: fieldTag, code: 'BAD_FIELD', reason };
  };

  parser.on('opentag', (tag) => {
    if (!isMarc(tag)) return;
    switch (tag.local) {
      case 'record':
        recordNumber += 1;
        draft = { record: { leader: '', fields: [] }, fault: null };
        break;
      case 'leader':
        if (draft) {
          text = '';
          textTarget = { kind: 'leader' };
        }
        break;
      case 'controlfield':
        if (draft) {
          const t = attr(tag, 'tag') ?? '';
          if (!/^[0-9A-Za-z]{3}$/u.test(t)) faultIn(draft, null, `controlfield with tag "${t}"`);
          text = '';
          textTarget = { kind: 'control', tag: t };
        }
        break;
      case 'datafield':
        if (draft) {
          const t = attr(tag, 'tag') ?? '';
          if (!/^[0-9A-Za-z]{3}$/u.test(t)) faultIn(draft, null, `datafield with tag "${t}"`);
          field = { tag: t, ind1: attr(tag, 'ind1') ?? ' ', ind2: attr(tag, 'ind2') ?? ' ', subfields: [] };
          if (field.ind1.length !== 1 || field.ind2.length !== 1)
            faultIn(draft, t, `field ${t} has malformed indicators`);
        }
        break;
      case 'subfield':
        if (draft && field) {
          const code = attr(tag, 'code') ?? '';
          if ([...code].length !== 1)
            faultIn(draft, field.tag, `field ${field.tag} has a subfield with code "${code}"`);
          text = '';
          textTarget = { kind: 'subfield', code };
        }
        break;
      default:
        break;
    }
  });
  parser.on('text', (t) => {
    if (text !== null) text += t;
  });
  parser.on('cdata', (t) => {
    if (text !== null) text += t;
  });
  parser.on('closetag', (tag) => {
    // What was completed before a fault stands; nothing after it does.
    if (!isMarc(tag) || !draft || broken !== null) return;
    const d: Draft = draft;
    switch (tag.local) {
      case 'leader':
        d.record.leader = text ?? '';
        break;
      case 'controlfield':
        if (textTarget?.kind === 'control') d.record.fields.push({ tag: textTarget.tag, value: text ?? '' });
        break;
      case 'subfield':
        if (field && textTarget?.kind === 'subfield')
          field.subfields.push({ code: textTarget.code, value: text ?? '' });
        break;
      case 'datafield':
        if (field) d.record.fields.push(field);
        field = null;
        break;
      case 'record': {
        if (!d.fault && d.record.leader.length !== 24)
          d.fault = {
            field: null,
            code: 'BAD_LEADER',
            reason: `leader of ${d.record.leader.length} characters, not 24`,
          };
        if (!d.fault && d.record.fields.length === 0)
          d.fault = { field: null, code: 'NO_FIELDS', reason: 'the record has no fields' };
        ready.push(
          d.fault
            ? { kind: 'issue', issue: { recordNumber, ...d.fault } }
            : { kind: 'record', recordNumber, record: d.record },
        );
        draft = null;
        break;
      }
      default:
        break;
    }
    if (tag.local !== 'datafield' && tag.local !== 'record') {
      text = null;
      textTarget = null;
    }
  });
  parser.on('error', (error) => {
    broken ??= error.message;
  });

  const flushBroken = (): MarcReadItem => ({
    kind: 'issue',
    issue: {
      recordNumber: draft ? recordNumber : recordNumber + 1,
      field: null,
      code: 'BAD_XML',
      reason: `the XML is malformed: ${broken ?? ''}`,
    },
  });

  return {
    /** Feed text; completed records (and at most one BAD_XML, after which nothing) come out. */
    write(textChunk: string): MarcReadItem[] {
      if (broken === null) parser.write(textChunk);
      const out = ready.splice(0);
      if (broken !== null && !reported) {
        reported = true;
        out.push(flushBroken());
      }
      return out;
    },
    end(): MarcReadItem[] {
      if (broken === null) parser.close();
      const out = ready.splice(0);
      if (broken !== null && !reported) {
        reported = true;
        out.push(flushBroken());
      } else if (broken === null && draft)
        out.push({
          kind: 'issue',
          issue: { recordNumber, field: null, code: 'TRUNCATED', reason: 'the file ends inside a record' },
        });
      return out;
    },
    get failed() {
      return broken !== null;
    },
  };
}

/**
 * Read MARCXML (a <collection> of <record>s, or one <record>) from a stream
 * of bytes with saxes, yielding each record as soon as its end tag is read.
 * Elements are matched in the MARC21 slim namespace (or in none, as some
 * systems write). A record missing its leader or with a malformed tag is
 * reported and skipped; broken XML ends the file with one BAD_XML issue
 * (nothing after that point can be trusted).
 */
export async function* readMarcxml(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<MarcReadItem> {
  const parser = createMarcxmlParser();
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    yield* parser.write(decoder.decode(chunk, { stream: true }));
    if (parser.failed) return;
  }
  yield* parser.write(decoder.decode());
  yield* parser.end();
}

/** One MARCXML document already in memory (a title's kept record), read synchronously. */
export function parseMarcxmlString(xml: string): MarcReadItem[] {
  const parser = createMarcxmlParser();
  return [...parser.write(xml), ...parser.end()];
}
