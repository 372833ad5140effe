import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportFormat } from '../../shared/contract/catalog-io';
import { bytesAhead, readBatches, sourceReaderWorker } from '../../electron/core/catalog/import/reader-thread';
import type { PreparedEntry } from '../../electron/core/catalog/import/prepare';
import { runImport } from '../../electron/core/catalog/import/run-import';
import { ok, tempDesk, type TempDesk } from '../helpers/desk';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/marc', name));
const thread = sourceReaderWorker();

/** `bytes` in chunks of `size`, counting the chunks handed out. */
function chunked(bytes: Buffer, size: number) {
  const counter = { handedOut: 0 };
  const source = {
    *[Symbol.iterator]() {
      for (let i = 0; i < bytes.length; i += size) {
        counter.handedOut += 1;
        yield bytes.subarray(i, i + size);
      }
    },
  };
  return { source, counter };
}

async function readAll(format: ImportFormat, bytes: Buffer, onThread: boolean, batchSize = 7) {
  const batches: PreparedEntry[][] = [];
  const script = onThread ? thread : null;
  for await (const batch of readBatches(script, { format, source: chunked(bytes, 1000).source, batchSize }))
    batches.push(batch);
  return batches;
}

/** An entry without its random uuid (also in its event), which differs from one reading to the next. */
const withoutUuid = (e: PreparedEntry) => ({
  ...e,
  stored: e.stored && {
    ...e.stored,
    uuid: '',
    eventHead: e.stored.eventHead && Buffer.from(e.stored.eventHead).toString('utf8').replace(e.stored.uuid, ''),
  },
});

describe("the import's reader thread", () => {
  it('runs from source here (the tests and benchmarks read on a thread of their own)', () => {
    expect(thread).not.toBeNull();
  });

  it.each([
    ['iso2709', 'marc.dat'],
    ['iso2709', 'bad_records.mrc'],
    ['marcxml', 'batch.xml'],
  ] as const)('gives the same batches as reading on this thread (%s, %s)', async (format, file) => {
    const here = await readAll(format, fixture(file), false);
    const there = await readAll(format, fixture(file), true);
    expect(there.map((b) => b.length)).toEqual(here.map((b) => b.length));
    expect(there.flat().map(withoutUuid)).toEqual(here.flat().map(withoutUuid));
    expect(there.flat().length).toBeGreaterThan(0);
  });

  it('asks for the file as it needs it: one batch taken, most of a long file still unread', async () => {
    const many = Buffer.concat(Array.from({ length: 400 }, () => fixture('marc.dat'))); // 8,000 records, 8 MB
    const { source, counter } = chunked(many, 4096);
    const total = Math.ceil(many.length / 4096);
    const batches = readBatches(thread, { format: 'iso2709', source, batchSize: 10 });
    const first = await batches.next();
    expect(first.value).toHaveLength(10);
    // Give the thread time to run ahead if it would.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(counter.handedOut).toBeLessThan(total / 4);
    // What it was handed and has not read is bounded in bytes (three batches of ten records read besides).
    expect(counter.handedOut * 4096).toBeLessThanOrEqual(bytesAhead + 64 * 1024);
    await batches.return(undefined); // stops the thread
  });

  it("a failing source fails the reading with the source's error", async () => {
    const source = {
      *[Symbol.iterator]() {
        yield fixture('marc.dat').subarray(0, 3000);
        throw new Error('disk read failed');
      },
    };
    const reading = (async () => {
      for await (const batch of readBatches(thread, { format: 'iso2709', source, batchSize: 5 })) void batch;
    })();
    await expect(reading).rejects.toThrow('disk read failed');
  });

  it("an error inside the reader comes back as the reading's error", async () => {
    // Not a spreadsheet at all: the xlsx reader (exceljs) cannot open it.
    const reading = (async () => {
      for await (const batch of readBatches(thread, {
        format: 'xlsx',
        source: [Buffer.from('this is not a zip file')],
        batchSize: 5,
      }))
        void batch;
    })();
    await expect(reading).rejects.toThrow();
  });
});

describe('duplicates within one file, in one batch', () => {
  let desk: TempDesk;
  beforeEach(() => {
    desk = tempDesk();
  });
  afterEach(() => desk.dispose());

  it('the second of two equal records is skipped, naming the title the first became', async () => {
    const twice = Buffer.concat([fixture('marc.dat'), fixture('marc.dat')]);
    const report = await runImport(desk.core.jobContext(), { format: 'iso2709', source: [twice], dryRun: false });
    expect(report).toMatchObject({ records: 40, imported: 20, duplicates: 20, failed: 0 });
    const ids = desk.core.db.prepare('SELECT id, title FROM titles ORDER BY id').all() as {
      id: number;
      title: string;
    }[];
    expect(ids).toHaveLength(20);
    // Record 21 repeats record 1, and so on: each names the title saved from its twin.
    for (const skipped of report.skipped) {
      const twin = ids[skipped.recordNumber - 21]!;
      expect(skipped.duplicate).toMatchObject({ titleId: twin.id, title: twin.title });
    }
    expect(report.skipped).toHaveLength(20);
  });

  it('a record without ISBN matches an earlier one of the file by title, first author and year', async () => {
    const csv = [
      'Nhan đề,Tác giả,Năm xuất bản,Mã vạch',
      'Dế Mèn phiêu lưu ký,Tô Hoài,2019,VV-1',
      'Truyện Kiều,Nguyễn Du,2015,VV-2',
      // The same title folded (case, tone marks, đ), the same author and year: a duplicate.
      'DE MEN phieu luu ky,Tô Hoài,2019,VV-3',
      // Another year: a title of its own.
      'Dế Mèn phiêu lưu ký,Tô Hoài,2020,VV-4',
    ].join('\n');
    const report = ok(
      await desk.core.call('catalogio.import', {
        filename: 'sach.csv',
        contentBase64: Buffer.from(csv).toString('base64'),
      }),
    );
    expect(report).toMatchObject({ imported: 3, duplicates: 1, failed: 0 });
    const first = desk.core.db.prepare("SELECT id FROM titles WHERE year = '2019'").get() as { id: number };
    expect(report.skipped).toEqual([
      { recordNumber: 4, duplicate: { titleId: first.id, title: 'Dế Mèn phiêu lưu ký', by: 'titleAuthorYear' } },
    ]);
  });
});
