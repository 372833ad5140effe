import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;
// Random bytes are drawn from the system 4 KB at a time (as randomUUID does), not per id.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function random16(): Buffer {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolAt, poolAt + 16));
  poolAt += 16;
  return bytes;
}

/**
 * A version-7 UUID (RFC 9562): 48 bits of Unix milliseconds first, then a
 * 12-bit counter for ids of the same millisecond, then random bits.
 *
 * Why not `randomUUID()` (version 4): the desk keeps unique indexes on its
 * ids (titles.uuid, outbox.event_id, loans.uuid, the hub's too), and a random
 * id lands on a different index page each time, so a transaction writing many
 * of them (an import batch) writes a page per id. Ids made later sort later:
 * new ones go to the end of the index, a few pages per batch.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = random16();
  if (now > lastMs) {
    lastMs = now;
    // Start in the lower half: room to count up within the millisecond.
    counter = ((bytes[6]! << 8) | bytes[7]!) & 0x7ff;
  } else {
    // The same millisecond (or a clock set back): count on, after the last id made.
    counter += 1;
    if (counter > 0xfff) {
      lastMs += 1;
      counter = 0;
    }
  }
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
