import http from 'node:http';
import { pushResponseSchema, syncErrorSchema, type SyncEvent } from '../../shared/sync-protocol';

/**
 * A minimal desk push loop for the hub tests and the bench (the real worker
 * lives in electron/core/sync/): batches in device_seq order from the last
 * acknowledged sequence, one fresh connection per request, a timeout, retry on
 * any failure, resend from where the hub says on SEQUENCE_GAP.
 */
export interface PushOptions {
  url: string;
  deviceId: string;
  token: string;
  events: SyncEvent[];
  batchSize?: number;
  timeoutMs?: number;
  /** The desk's clock at sending (skew tests shift it). */
  sentAt?: () => string;
  /** Give up after this many failed requests in a row. */
  maxFailures?: number;
}

export interface PushReport {
  requests: number;
  failures: number;
  gaps: number;
  storedThrough: number;
  stored: number;
  duplicates: number;
}

export function postOnce(
  url: string,
  body: string,
  token: string,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        timeout: timeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
        response.on('aborted', () => reject(new Error('response aborted')));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

export async function pushAll(options: PushOptions): Promise<PushReport> {
  const { events, deviceId, token } = options;
  const batchSize = options.batchSize ?? 500;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxFailures = options.maxFailures ?? 50;
  const report: PushReport = { requests: 0, failures: 0, gaps: 0, storedThrough: 0, stored: 0, duplicates: 0 };
  let next = 1;
  let failuresInRow = 0;
  while (report.storedThrough < events.length) {
    const batch = events.slice(next - 1, next - 1 + batchSize);
    const body = JSON.stringify({ deviceId, sentAt: options.sentAt?.() ?? new Date().toISOString(), events: batch });
    report.requests += 1;
    try {
      const answer = await postOnce(`${options.url}/v1/push`, body, token, timeoutMs);
      if (answer.status === 200) {
        const parsed = pushResponseSchema.parse(JSON.parse(answer.text));
        report.storedThrough = parsed.storedThrough;
        report.stored += parsed.stored;
        report.duplicates += parsed.duplicates;
        next = parsed.storedThrough + 1;
        failuresInRow = 0;
        continue;
      }
      const error = syncErrorSchema.safeParse(JSON.parse(answer.text));
      if (answer.status === 409 && error.success && error.data.error.resendFrom !== undefined) {
        report.gaps += 1;
        next = error.data.error.resendFrom;
        continue;
      }
      throw new Error(`push answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('push answered 4')) throw error;
      report.failures += 1;
      failuresInRow += 1;
      if (failuresInRow >= maxFailures)
        throw new Error(`push gave up after ${failuresInRow} failures: ${String(error)}`);
      // After a failure the desk does not know what was stored: it resends the same batch.
      await new Promise((resolve) => setTimeout(resolve, Math.min(20 * 2 ** failuresInRow, 500)));
    }
  }
  return report;
}
