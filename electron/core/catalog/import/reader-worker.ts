import { parentPort, workerData } from 'node:worker_threads';
import type { ColumnMapping, ImportFormat } from '../../../../shared/contract/catalog-io';
import { readEntries } from './entries';
import { preparedBatches } from './prepare';
import type { FromReader, ToReader } from './reader-thread';

/**
 * The import's reader thread: reads the file the desk's thread hands it chunk
 * by chunk, parses it into entries, prepares them (prepare.ts) and sends them
 * back in batches. It asks for a chunk only when it needs one and keeps at
 * most two batches unacknowledged, so its memory stays bounded however long
 * the file is. It touches no database.
 */
const port = parentPort;
if (!port) throw new Error('reader-worker.ts runs as a worker thread');
const { format, mapping, batchSize } = workerData as {
  format: ImportFormat;
  mapping: ColumnMapping | undefined;
  batchSize: number;
};

const send = (message: FromReader) => port.postMessage(message);
let onChunk: ((message: ToReader) => void) | null = null;
let credit = 2;
let onCredit: (() => void) | null = null;
port.on('message', (message: ToReader) => {
  if (message.kind === 'ack') {
    credit += 1;
    onCredit?.();
  } else onChunk?.(message);
});

async function* chunks(): AsyncGenerator<Uint8Array> {
  for (;;) {
    const next = new Promise<ToReader>((resolve) => {
      onChunk = resolve;
    });
    send({ kind: 'pull' });
    const message = await next;
    if (message.kind !== 'chunk') return;
    yield message.bytes;
  }
}

// Not top-level await: run from source, this file is loaded by tsx as CommonJS.
async function main(): Promise<void> {
  try {
    for await (const batch of preparedBatches(readEntries(format, chunks(), mapping).entries, batchSize)) {
      while (credit === 0)
        await new Promise<void>((resolve) => {
          onCredit = resolve;
        });
      credit -= 1;
      send({ kind: 'batch', entries: batch });
    }
    send({ kind: 'done' });
  } catch (error) {
    send({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  port!.close();
}

void main();
