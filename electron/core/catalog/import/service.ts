import type { ChannelOutput, ParsedInput } from '../../../../shared/contract';
import type { ImportFormat, PreviewRow } from '../../../../shared/contract/catalog-io';
import { DeskRefusal } from '../../errors';
import type { JobCtx } from '../../job';
import { detectFormat, readEntries } from './entries';
import { exportFile } from './export';
import { CatalogueMatches, findDuplicate, runImport } from './run-import';

const chunkBytes = 64 * 1024;

/** The decoded file as a stream of chunks, counting what has been read (for progress). */
function chunksOf(bytes: Buffer, onRead: (done: number) => void): Iterable<Uint8Array> {
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < bytes.length; i += chunkBytes) {
        const chunk = bytes.subarray(i, i + chunkBytes);
        onRead(Math.min(i + chunkBytes, bytes.length));
        yield chunk;
      }
    },
  };
}

function decode(input: { filename: string; contentBase64: string; format?: ImportFormat }): {
  bytes: Buffer;
  format: ImportFormat;
} {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw new DeskRefusal('VALIDATION', { details: input.filename }, 'IMPORT_EMPTY');
  return { bytes, format: input.format ?? detectFormat(input.filename, bytes.subarray(0, 4096)) };
}

export async function preview(
  input: ParsedInput<'catalogio.preview'>,
  job: JobCtx,
): Promise<ChannelOutput<'catalogio.preview'>> {
  const { bytes, format } = decode(input);
  const limit = input.limit ?? 20;
  const stream = readEntries(
    format,
    chunksOf(bytes, () => {}),
    input.mapping,
  );
  const rows: PreviewRow[] = [];
  for await (const entry of stream.entries) {
    const bib = entry.bib;
    const duplicate = bib ? job.read((ctx) => findDuplicate(new CatalogueMatches(ctx.db, [bib]), bib)) : null;
    rows.push({
      recordNumber: entry.recordNumber,
      bib: entry.bib,
      copies: entry.copies,
      duplicate,
      issues: entry.issues,
    });
    if (rows.length >= limit) {
      await stream.entries.return(undefined);
      break;
    }
  }
  const { headers, mapping } = stream.columns();
  return { format, columns: headers, mapping, rows };
}

// One import at a time per desk: two would race on duplicates and accession numbers.
const running = new WeakSet<object>();

export async function importFile(
  input: ParsedInput<'catalogio.import'>,
  job: JobCtx,
): Promise<ChannelOutput<'catalogio.import'>> {
  const { bytes, format } = decode(input);
  const lock = job.read((ctx) => ctx.db);
  if (running.has(lock)) throw new DeskRefusal('CONFLICT', {}, 'IMPORT_BUSY');
  running.add(lock);
  const jobId = input.jobId ?? 'import';
  let read = 0;
  const progress = (records: number, finished: boolean) =>
    job.publish({
      type: 'progress',
      job: 'catalogio.import',
      jobId,
      done: read,
      total: bytes.length,
      records,
      finished,
    });
  try {
    const report = await runImport(job, {
      format,
      source: chunksOf(bytes, (done) => {
        read = done;
      }),
      mapping: input.mapping,
      dryRun: input.dryRun,
      onBatch: (records) => progress(records, false),
    });
    read = bytes.length;
    progress(report.records, true);
    return report;
  } finally {
    running.delete(lock);
  }
}

export async function exportCatalogue(
  input: ParsedInput<'catalogio.export'>,
  job: JobCtx,
): Promise<ChannelOutput<'catalogio.export'>> {
  const stamp = job.read((ctx) => ctx.today);
  const file = await exportFile(job, input.format, stamp);
  return {
    filename: file.filename,
    mimeType: file.mimeType,
    base64: file.bytes.toString('base64'),
    titles: file.titles,
    copies: file.copies,
  };
}
