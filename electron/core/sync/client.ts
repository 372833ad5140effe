import type { z } from 'zod';
import {
  enrolRequestSchema,
  enrolResponseSchema,
  exceptionListResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  syncErrorSchema,
  syncExceptionSchema,
  type SyncEvent,
} from '../../../shared/sync-protocol';

/** The hub could not be reached, or did not answer in time: try again later. */
export class HubUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubUnreachable';
  }
}

/** The hub answered with an error (the protocol's `{ error: { code, message } }`), or with a body that does not parse. */
export class HubRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly resendFrom?: number,
  ) {
    super(message);
    this.name = 'HubRefusal';
  }
}

export interface HubClientOptions {
  /** e.g. https://hub.thuvien-laichau.vn or http://127.0.0.1:8787 */
  hubUrl: string;
  /** Absent only for enrolment and health. */
  deviceToken?: string;
  /** Per request; a stalled hub must not hold the worker forever. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Aborts every request in flight (the worker stopping). */
  signal?: AbortSignal;
}

const describeCause = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : '';
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer in time';
  return code || (cause instanceof Error ? cause.message : error.message);
};

/**
 * The hub's HTTP protocol (shared/sync-protocol.ts) from the desk's side:
 * every request with a timeout, every answer parsed by the protocol's schemas
 * (the desk trusts no body). The token goes only in the Authorization header,
 * never into an error message.
 */
export class HubClient {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HubClientOptions) {
    this.base = options.hubUrl.replace(/\/+$/u, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  enrol(body: z.input<typeof enrolRequestSchema>) {
    return this.post('/v1/enrol', enrolRequestSchema.parse(body), enrolResponseSchema, false);
  }

  push(deviceId: string, events: SyncEvent[], sentAt: string) {
    return this.post('/v1/push', { deviceId, sentAt, events }, pushResponseSchema);
  }

  pull(deviceId: string, cursor: string | null, limit: number) {
    return this.post('/v1/pull', { deviceId, cursor, limit }, pullResponseSchema);
  }

  listExceptions(deviceId: string, status: 'open' | 'resolved' | 'all', limit = 500) {
    return this.post('/v1/exceptions/list', { deviceId, status, limit }, exceptionListResponseSchema);
  }

  resolve(deviceId: string, id: string, resolution: string, operator: string) {
    return this.post('/v1/exceptions/resolve', { deviceId, id, resolution, operator }, syncExceptionSchema);
  }

  private async post<T extends z.ZodType>(
    route: string,
    body: unknown,
    schema: T,
    authorised = true,
  ): Promise<z.output<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (authorised) {
      if (!this.options.deviceToken) throw new HubRefusal(401, 'UNAUTHORIZED', 'this desk is not enrolled');
      headers.authorization = `Bearer ${this.options.deviceToken}`;
    }
    let response: Response | undefined;
    let text = '';
    // Every request of the protocol may be repeated (pushes are idempotent, pulls read from a cursor):
    // a kept-alive connection the server closed while the desk was applying a page is tried once more.
    for (let attempt = 1; response === undefined; attempt += 1) {
      try {
        response = await this.fetchImpl(`${this.base}${route}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          signal: this.options.signal
            ? AbortSignal.any([this.options.signal, AbortSignal.timeout(this.timeoutMs)])
            : AbortSignal.timeout(this.timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        response = undefined;
        const cause = describeCause(error);
        if (attempt >= 2 || !/ECONNRESET|EPIPE|other side closed|socket/iu.test(cause) || this.options.signal?.aborted)
          throw new HubUnreachable(`${this.base}: ${cause}`);
      }
    }
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      // A proxy's HTML error page, a captive portal: not the hub speaking.
      if (response.status >= 500 || !response.ok) throw new HubUnreachable(`${this.base}: HTTP ${response.status}`);
      throw new HubRefusal(response.status, 'PROTOCOL', `${route}: the answer is not JSON`);
    }
    if (!response.ok) {
      const error = syncErrorSchema.safeParse(json);
      if (!error.success) {
        if (response.status >= 500) throw new HubUnreachable(`${this.base}: HTTP ${response.status}`);
        throw new HubRefusal(response.status, 'PROTOCOL', `${route}: HTTP ${response.status}`);
      }
      const { code, message, resendFrom } = error.data.error;
      if (code === 'INTERNAL') throw new HubUnreachable(`${this.base}: ${message}`);
      throw new HubRefusal(response.status, code, message, resendFrom);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HubRefusal(response.status, 'PROTOCOL', `${route}: the answer does not parse`);
    return parsed.data;
  }
}
