import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDeskCore } from '../../electron/core/desk';
import { SyncWorker } from '../../electron/core/sync/worker';
import { makeLibraryBarcode } from '../../shared/barcode';
import type { PullChange, PullResponse } from '../../shared/sync-protocol';
import { startStubHub } from '../../tests/helpers/stub-hub';
import { round } from './stats';
import type { Figure } from './types';

const RECORDS = 200_000;
const PAGE = 2_000;
const MARKS = [50_000, 100_000, 200_000];
const CODE = 'BENCH-PULL-CODE';

const uuidOf = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

/** Catalogue record i: a title with the fields a cataloguer fills, and one copy. */
function record(i: number): PullChange {
  return {
    kind: 'title',
    title: {
      uuid: uuidOf(i),
      bib: {
        title: `Kỹ thuật trồng lúa nương vùng cao, tập ${i}`,
        responsibility: 'Nhiều tác giả',
        authors: [`Lò Văn ${i % 997}`, `Hoàng Thị ${i % 89}`],
        isbn: [],
        ddc: `633.${i % 100}`,
        edition: null,
        place: 'Hà Nội',
        publisher: 'Nông nghiệp',
        year: String(1990 + (i % 35)),
        extent: '120 tr.',
        series: [],
        subjects: ['Nông nghiệp -- Lai Châu'],
        languages: ['vie'],
        materialType: 'book',
      },
      marcxml: null,
      needsCompletion: false,
      copies: [
        {
          barcode: makeLibraryBarcode(3, 5, i + 1),
          accessionNumber: null,
          callNumber: null,
          location: null,
          status: 'available',
          loanable: true,
          price: null,
          acquisition: null,
        },
      ],
    },
  };
}

/** Pages generated on demand (the hub's side is not what is measured): cursor = records served. */
function page(cursor: string | null, limit: number): PullResponse {
  const from = cursor === null ? 0 : Number(cursor);
  const to = Math.min(RECORDS, from + limit);
  const changes: PullChange[] = [];
  for (let i = from; i < to; i += 1) changes.push(record(i));
  return { changes, cursor: String(to), more: to < RECORDS };
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

/**
 * sync_pull_200k_s: a fresh desk, enrolled, pulls 200,000 catalogue records
 * (each a title with a copy) from a hub serving pages of 2,000; each page is
 * applied with its cursor in one transaction. The desk's memory is read at
 * 50k, 100k and 200k records: it must stay flat (pages are not kept).
 */
export const syncPull200kS: Figure = {
  name: 'sync_pull_200k_s',
  unit: 's',
  target: '≤ 30',
  meets: (value) => value <= 30,
  async run(log) {
    const hub = await startStubHub({ codes: [CODE], pages: page });
    const dir = mkdtempSync(path.join(tmpdir(), 'desk-bench-pull-'));
    const core = createDeskCore({ dataDir: dir });
    const lines: string[] = ['hub: a stub serving generated pages (tests/helpers/stub-hub.ts)'];
    try {
      const enrolled = await core.call('sync.enrol', { hubUrl: hub.url, code: CODE });
      if (!enrolled.ok) throw new Error(enrolled.error.message);
      let served = 0;
      let peakRss = 0;
      let nextMark = 0;
      // Count records as each page's answer arrives and read the memory at the marks.
      const counting: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (String(input).endsWith('/v1/pull')) {
          const text = await response.clone().text();
          served = Number((JSON.parse(text) as { cursor: string }).cursor);
          const rss = process.memoryUsage().rss;
          peakRss = Math.max(peakRss, rss);
          while (nextMark < MARKS.length && served >= MARKS[nextMark]!) {
            global.gc?.();
            const m = process.memoryUsage();
            const line = `at ${MARKS[nextMark]!.toLocaleString('en')} records: RSS ${mb(m.rss)}, heap ${mb(m.heapUsed)}, peak RSS ${mb(peakRss)}`;
            lines.push(line);
            log(line);
            nextMark += 1;
          }
        }
        return response;
      };
      const worker = new SyncWorker({
        db: core.db,
        deviceId: core.deviceId,
        outbox: core.outbox,
        fetch: counting,
        pageSize: PAGE,
        timeoutMs: 120_000,
      });
      const started = performance.now();
      const status = await worker.syncNow();
      const seconds = (performance.now() - started) / 1000;
      if (status.lastError) throw new Error(status.lastError);
      const titles = (core.db.prepare('SELECT COUNT(*) AS n FROM titles').get() as { n: number }).n;
      const items = (core.db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;
      const outbox = (core.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
      if (titles !== RECORDS || items !== RECORDS) throw new Error(`pulled ${titles} titles, ${items} copies`);
      if (outbox !== 0) throw new Error(`pulled records appended ${outbox} outbox events`);
      lines.push(
        `${titles.toLocaleString('en')} titles and ${items.toLocaleString('en')} copies in ${seconds.toFixed(1)} s ` +
          `(${Math.round(RECORDS / seconds).toLocaleString('en')} records/s), pages of ${PAGE}, no outbox events`,
      );
      return { value: round(seconds, 1), details: lines };
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
      await hub.close();
    }
  },
};
