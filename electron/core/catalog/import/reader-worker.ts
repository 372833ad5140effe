import { parentPort, workerData } from 'node:worker_threads';
import type { ColumnMapping, ImportFormat } from '../../../../shared/contract/catalog-io';
import { readEntries } from './entries';
import { preparedBatches } from './prepare';
import { batchesAhead, type FromReader, type ToReader } from './reader-thread';

/**
 * The import's reader thread: reads the file the desk's thread hands it chunk
 * by chunk, parses it into entries, prepares them (prepare.ts) and sends them
 * back in batches. It holds at most `bytesAhead` of the file it has not read and
 * `batchesAhead` batches not yet taken, so its memory stays bounded however
 * long the file is. It touches no database.
 */
const port = parentPort;
if (!port) throw new Error('reader-worker.ts runs as a worker thread');
const { format, mapping, batchSize } = workerData as {
  format: ImportFormat;
  mapping: ColumnMapping | undefined;
  batchSize: number;
};

const send = (message: FromReader) => port.postMessage(message);
// Chunks the desk's thread sent ahead (it keeps a few in flight, so this thread
// has the file to read on while that thread is busy writing a batch).
const received: ToReader[] = [];
let onReceived: (() => void) | null = null;
let credit = batchesAhead;
let onCredit: (() => void) | null = null;
port.on('message', (message: ToReader) => {
  if (message.kind === 'ack') {
    credit += 1;
    onCredit?.();
  } else {
    received.push(message);
    onReceived?.();
  }
});

async function* chunks(): AsyncGenerator<Uint8Array> {
  for (;;) {
    while (received.length === 0)
      await new Promise<void>((resolve) => {
        onReceived = resolve;
      });
    const message = received.shift()!;
    if (message.kind !== 'chunk') return;
    send({ kind: 'took' });
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
