import type { Database } from 'better-sqlite3';
import type { ChannelOutput, ParsedInput } from '../../../../shared/contract';
import type { Ctx } from '../../context';
import { stmt } from '../../db/statements';
import { DeskRefusal } from '../../errors';
import { writeSetting } from '../../settings-store';
import {
  enqueuePrintJob,
  listPrintJobs,
  PrintWorker,
  readPrinterConfig,
  readReceiptWording,
  receiptWordingKey,
  reprintLast as queueReprintLast,
  writePrinterConfig,
  type PrintWorkerOptions,
} from './queue';
import { changedWording, receiptLines, testPageLines } from './receipt';

/**
 * The printing.* channels. Each runs inside its channel's transaction and only
 * reads and writes the database (an enqueue is one INSERT); the worker, kicked
 * after the commit, does the printing outside every transaction.
 */
const workers = new WeakMap<Database, PrintWorker>();

/** Start the background print worker for a desk's database (the shells call this; stop it before closing). */
export function startPrintWorker(db: Database, options: Omit<PrintWorkerOptions, 'db'> = {}): PrintWorker {
  workers
    .get(db)
    ?.stop()
    .catch(() => {});
  const worker = new PrintWorker({ ...options, db });
  workers.set(db, worker);
  worker.start();
  return worker;
}

export async function stopPrintWorker(db: Database): Promise<void> {
  const worker = workers.get(db);
  workers.delete(db);
  await worker?.stop();
}

const kick = (ctx: Ctx) => ctx.afterCommit(() => workers.get(ctx.db)?.kick());

/** 2026-12-10 → 10/12/2026, as dates are written in Vietnam. */
const vietnameseDate = (isoDate: string) => `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
/** 2026-03-10T10:00:00.000+07:00 → 10/03/2026 10:00, as printed. */
const printedAt = (nowIso: string) => `${vietnameseDate(nowIso)} ${nowIso.slice(11, 16)}`;

const configWithWording = (db: Database) => ({ ...readPrinterConfig(db), wording: readReceiptWording(db) });

export function getConfig(_input: ParsedInput<'printing.getConfig'>, ctx: Ctx): ChannelOutput<'printing.getConfig'> {
  return configWithWording(ctx.db);
}

export function configure(input: ParsedInput<'printing.configure'>, ctx: Ctx): ChannelOutput<'printing.configure'> {
  const { wording, ...config } = input;
  writePrinterConfig(ctx.db, config);
  if (wording) {
    // Only words that differ from the language's defaults are kept: the rest follows the desk's language.
    const merged = { ...readReceiptWording(ctx.db), ...wording };
    writeSetting(ctx.db, receiptWordingKey, changedWording(merged, ctx.settings.language));
  }
  ctx.audit('printing.configure', 'printer', { ...config, wording: wording ? Object.keys(wording) : undefined });
  kick(ctx);
  return configWithWording(ctx.db);
}

export function queue(_input: ParsedInput<'printing.queue'>, ctx: Ctx): ChannelOutput<'printing.queue'> {
  return listPrintJobs(ctx.db);
}

export function reprintLast(
  _input: ParsedInput<'printing.reprintLast'>,
  ctx: Ctx,
): ChannelOutput<'printing.reprintLast'> {
  const job = queueReprintLast(ctx.db, ctx.nowIso);
  if (job) kick(ctx);
  return job;
}

interface LoanRow {
  title: string;
  barcode: string;
  due_on: string;
  overdue_days: number | null;
  fee: number | null;
  full_name: string;
  card_number: string;
  proxy: string | null;
}

const nextJobId = (db: Database) =>
  (stmt(db, 'SELECT COALESCE(MAX(id), 0) + 1 AS id FROM print_jobs').get() as { id: number }).id;

export function printReceipt(
  input: ParsedInput<'printing.printReceipt'>,
  ctx: Ctx,
): ChannelOutput<'printing.printReceipt'> {
  const loans: LoanRow[] = [];
  for (const barcode of input.items) {
    const row =
      input.kind === 'checkout'
        ? (stmt(
            ctx.db,
            `SELECT t.title, i.barcode, l.due_on, l.overdue_days, l.fee, p.full_name, p.card_number,
                    l.proxy_name AS proxy
             FROM loans l JOIN items i ON i.id = l.item_id JOIN titles t ON t.id = i.title_id JOIN patrons p ON p.id = l.patron_id
             WHERE i.barcode = ? AND l.returned_at IS NULL`,
          ).get(barcode) as LoanRow | undefined)
        : (stmt(
            ctx.db,
            `SELECT t.title, i.barcode, l.due_on, l.overdue_days, l.fee, p.full_name, p.card_number,
                    l.return_proxy_name AS proxy
             FROM loans l JOIN items i ON i.id = l.item_id JOIN titles t ON t.id = i.title_id JOIN patrons p ON p.id = l.patron_id
             WHERE i.barcode = ? AND l.returned_at IS NOT NULL ORDER BY l.returned_at DESC, l.id DESC LIMIT 1`,
          ).get(barcode) as LoanRow | undefined);
    if (!row || (input.patron !== undefined && row.card_number !== input.patron)) {
      throw new DeskRefusal('NOT_ON_LOAN', { title: barcode });
    }
    loans.push(row);
  }
  const first = loans[0]!;
  const lines = receiptLines(
    {
      kind: input.kind,
      libraryName: ctx.settings.libraryName,
      at: printedAt(ctx.nowIso),
      patron: { name: first.full_name, card: first.card_number },
      // The proxy who acted for the reader in this transaction, when one did.
      ...(loans.find((l) => l.proxy)?.proxy ? { proxy: loans.find((l) => l.proxy)!.proxy! } : {}),
      items: loans.map((l) =>
        input.kind === 'checkout'
          ? { title: l.title, barcode: l.barcode, dueDate: vietnameseDate(l.due_on) }
          : { title: l.title, barcode: l.barcode, overdueDays: l.overdue_days ?? 0, fee: l.fee ?? 0 },
      ),
      transaction: `GD-${String(nextJobId(ctx.db)).padStart(6, '0')}`,
    },
    readReceiptWording(ctx.db),
  );
  const job = enqueuePrintJob(ctx.db, input.kind, { lines }, ctx.nowIso);
  kick(ctx);
  return job;
}

export function testPage(_input: ParsedInput<'printing.testPage'>, ctx: Ctx): ChannelOutput<'printing.testPage'> {
  const config = readPrinterConfig(ctx.db);
  const lines = testPageLines(
    ctx.settings.libraryName,
    printedAt(ctx.nowIso),
    config.width,
    readReceiptWording(ctx.db),
  );
  const job = enqueuePrintJob(ctx.db, 'test', { lines }, ctx.nowIso);
  kick(ctx);
  return job;
}
