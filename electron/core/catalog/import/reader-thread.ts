import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ColumnMapping, ImportFormat } from '../../../../shared/contract/catalog-io';
import { readEntries } from './entries';
import { preparedBatches, type PreparedEntry } from './prepare';

/** Where the reader thread's script is: the built bundle's file, or code that runs the source through tsx. */
export interface ReaderWorkerScript {
  file: string | URL;
  /** `file` is the code itself (Node's `eval` worker option). */
  eval?: boolean;
}

/**
 * Bytes of the file sent to the reader before it has read them (at least one
 * chunk), and batches it may send before the desk's thread takes them: enough
 * that neither thread waits for the other while that one is busy (the desk's
 * thread cannot answer while it writes a batch), little enough to keep memory
 * bounded. A source read from disk gets one read done per turn of the desk's
 * event loop, and the desk's thread turns between batches: chunks of 64 KB
 * there starve the reader; give it large ones (the benchmark reads 1 MB).
 */
export const bytesAhead = 1024 * 1024;
export const batchesAhead = 3;

/** Messages between the desk's thread and the reader thread (reader-worker.ts). */
export type ToReader = { kind: 'chunk'; bytes: Uint8Array } | { kind: 'end' } | { kind: 'ack' };
export type FromReader =
  /** The reader took a chunk: one more may be sent. */
  | { kind: 'took' }
  | { kind: 'batch'; entries: PreparedEntry[] }
  | { kind: 'done' }
  | { kind: 'error'; message: string };

/**
 * The reader thread when the desk runs from source (tests, benchmarks: this
 * file is TypeScript run by tsx), else null: the built shells name their
 * bundled script (electron-vite's `?modulePath`) when they create the core.
 */
export function sourceReaderWorker(): ReaderWorkerScript | null {
  if (!import.meta.url.endsWith('.ts')) return null;
  // A worker thread does not inherit the TypeScript loader: it registers tsx's CommonJS one (synchronous,
  // so in force at once), then requires the script.
  const require = createRequire(import.meta.url);
  const tsx = require.resolve('tsx/cjs/api');
  const script = fileURLToPath(new URL('./reader-worker.ts', import.meta.url));
  return { file: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(script)});`, eval: true };
}

type Source = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * A file's prepared entries in batches of `batchSize`, read on a thread of
 * their own when `script` is given (parsing a MARC file is most of an
 * import's work, and the desk's thread is needed for the database), else on
 * this thread. The same entries either way.
 */
export async function* readBatches(
  script: ReaderWorkerScript | null,
  run: { format: ImportFormat; source: Source; mapping?: ColumnMapping; batchSize: number },
): AsyncGenerator<PreparedEntry[]> {
  if (!script) {
    yield* preparedBatches(readEntries(run.format, run.source, run.mapping).entries, run.batchSize);
    return;
  }
  const source = run.source;
  const chunks =
    Symbol.asyncIterator in source
      ? source[Symbol.asyncIterator]()
      : (source as Iterable<Uint8Array>)[Symbol.iterator]();
  const worker = new Worker(script.file, {
    workerData: { format: run.format, mapping: run.mapping, batchSize: run.batchSize },
    eval: script.eval === true,
  });
  const inbox: FromReader[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const fail = (error: unknown) => {
    failure ??= error instanceof Error ? error : new Error(String(error));
    wake?.();
  };
  // Keep `bytesAhead` in flight: sent when the reader starts, more each time it takes a chunk.
  const inFlight: number[] = [];
  let bytesInFlight = 0;
  let ended = false;
  let pumping = false;
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (!ended && (inFlight.length === 0 || bytesInFlight < bytesAhead)) {
        const next = await chunks.next();
        if (next.done) {
          ended = true;
          worker.postMessage({ kind: 'end' } satisfies ToReader);
          break;
        }
        inFlight.push(next.value.length);
        bytesInFlight += next.value.length;
        // A copy: a chunk may be a view of a larger buffer the caller still holds.
        worker.postMessage({ kind: 'chunk', bytes: Uint8Array.from(next.value) } satisfies ToReader);
      }
    } catch (error) {
      fail(error);
    } finally {
      pumping = false;
    }
  };
  worker.on('message', (message: FromReader) => {
    if (message.kind === 'took') {
      bytesInFlight -= inFlight.shift() ?? 0;
      void pump();
    } else {
      inbox.push(message);
      wake?.();
    }
  });
  void pump();
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (code !== 0) fail(new Error(`the import's reader thread stopped (exit code ${code})`));
  });
  try {
    for (;;) {
      while (inbox.length === 0 && failure === null)
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      const message = inbox.shift();
      if (message === undefined) throw failure!;
      if (message.kind === 'done') return;
      if (message.kind === 'error') throw new Error(message.message);
      if (message.kind === 'batch') {
        worker.postMessage({ kind: 'ack' } satisfies ToReader);
        yield message.entries;
      }
    }
  } finally {
    await worker.terminate();
    await chunks.return?.();
  }
}
