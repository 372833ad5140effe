import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import {
  SYNC_PROTOCOL_VERSION,
  enrolRequestSchema,
  exceptionListRequestSchema,
  pullRequestSchema,
  pushRequestSchema,
  resolveRequestSchema,
  type PullChange,
  type PullResponse,
  type SyncEvent,
  type SyncException,
} from '../../shared/sync-protocol';

/**
 * A stand-in for the hub, written from the protocol's schemas
 * (shared/sync-protocol.ts) alone: it parses every body with them and answers
 * what the protocol promises (storedThrough, SEQUENCE_GAP with resendFrom,
 * idempotent pushes, paged pulls by cursor). Faults are injected by hooks.
 */
export type Fault =
  /** Answer 503 with an INTERNAL error, store nothing. */
  | 'fail'
  /** Cut the connection before reading the body, store nothing. */
  | 'reset'
  /** Store the batch, then cut the connection: the desk never hears the answer. */
  | 'lose-reply';

export interface StubHubOptions {
  /** One-time enrolment codes this hub accepts. */
  codes?: string[];
  libraryName?: string;
  /** Called before each request is handled; a fault it answers is applied to that request. */
  fault?: (route: string, n: number) => Fault | undefined | Promise<Fault | undefined>;
  /** Called after a push is stored and before its answer is sent (e.g. to kill the desk there). */
  afterStore?: (deviceId: string, storedThrough: number) => void | Promise<void>;
  /** Serve pull pages from here instead of `changes` (a bench serving generated records). */
  pages?: (cursor: string | null, limit: number) => PullResponse;
}

export interface StubHub {
  url: string;
  /** Events stored per device, index i holding device_seq i + 1. */
  stored: Map<string, SyncEvent[]>;
  /** How many times each (device, seq) was stored as new: must be 1 each. */
  storeCount: Map<string, number>;
  /** The feed desks pull, in commit order; push to it to publish. */
  changes: PullChange[];
  exceptions: Map<string, SyncException>;
  /** Device tokens issued, by token. */
  tokens: Map<string, string>;
  requests: { route: string; status: number }[];
  /** Move this device's stored sequence back (a hub restored from an older backup). */
  truncate(deviceId: string, through: number): void;
  addException(e: Partial<SyncException> & Pick<SyncException, 'deviceId' | 'kind'>): SyncException;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown };

const error = (status: number, code: string, message: string, resendFrom?: number): Reply => ({
  status,
  body: { error: { code, message, ...(resendFrom === undefined ? {} : { resendFrom }) } },
});

export async function startStubHub(options: StubHubOptions = {}): Promise<StubHub> {
  const codes = new Set(options.codes ?? []);
  const used = new Set<string>();
  const stored = new Map<string, SyncEvent[]>();
  const storeCount = new Map<string, number>();
  const tokens = new Map<string, string>();
  const changes: PullChange[] = [];
  const exceptions = new Map<string, SyncException>();
  const requests: StubHub['requests'] = [];
  const hubId = randomUUID();
  let counter = 0;

  const parse = <T extends z.ZodType>(schema: T, body: unknown): z.output<T> | Reply => {
    const parsed = schema.safeParse(body);
    return parsed.success ? parsed.data : error(400, 'VALIDATION', parsed.error.message);
  };
  const isReply = (v: unknown): v is Reply => typeof v === 'object' && v !== null && 'status' in v && 'body' in v;

  function auth(req: http.IncomingMessage, deviceId: string): Reply | undefined {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const owner = tokens.get(token);
    if (!owner) return error(401, 'UNAUTHORIZED', 'unknown token');
    if (owner !== deviceId) return error(403, 'DEVICE_MISMATCH', 'not this token’s device');
    return undefined;
  }

  async function handle(route: string, req: http.IncomingMessage, body: unknown): Promise<Reply> {
    if (route === '/v1/enrol') {
      const r = parse(enrolRequestSchema, body);
      if (isReply(r)) return r;
      if (used.has(r.code)) return error(410, 'CODE_USED', 'code already used');
      if (!codes.has(r.code)) return error(401, 'UNAUTHORIZED', 'unknown code');
      used.add(r.code);
      const deviceToken = randomBytes(32).toString('base64url');
      tokens.set(deviceToken, r.deviceId);
      return {
        status: 200,
        body: {
          deviceToken,
          deviceId: r.deviceId,
          libraryId: 'lib-tam-duong',
          libraryName: options.libraryName ?? 'Thư viện huyện Tam Đường',
          hubId,
        },
      };
    }
    if (route === '/v1/push') {
      const r = parse(pushRequestSchema, body);
      if (isReply(r)) return r;
      const denied = auth(req, r.deviceId);
      if (denied) return denied;
      const list = stored.get(r.deviceId) ?? [];
      stored.set(r.deviceId, list);
      const first = r.events[0]!.deviceSeq;
      if (first > list.length + 1) return error(409, 'SEQUENCE_GAP', 'gap', list.length + 1);
      for (let i = 1; i < r.events.length; i += 1) {
        if (r.events[i]!.deviceSeq !== first + i) return error(400, 'VALIDATION', 'not contiguous');
      }
      let fresh = 0;
      for (const e of r.events) {
        if (e.deviceSeq <= list.length) continue;
        list.push(e);
        const key = `${r.deviceId}#${e.deviceSeq}`;
        storeCount.set(key, (storeCount.get(key) ?? 0) + 1);
        fresh += 1;
      }
      await options.afterStore?.(r.deviceId, list.length);
      return {
        status: 200,
        body: {
          storedThrough: list.length,
          stored: fresh,
          duplicates: r.events.length - fresh,
          serverTime: new Date().toISOString(),
        },
      };
    }
    if (route === '/v1/pull') {
      const r = parse(pullRequestSchema, body);
      if (isReply(r)) return r;
      const denied = auth(req, r.deviceId);
      if (denied) return denied;
      if (options.pages) return { status: 200, body: options.pages(r.cursor, r.limit) };
      const from = r.cursor === null ? 0 : Number(r.cursor);
      const page = changes.slice(from, from + r.limit);
      const next = from + page.length;
      return { status: 200, body: { changes: page, cursor: String(next), more: next < changes.length } };
    }
    if (route === '/v1/exceptions/list') {
      const r = parse(exceptionListRequestSchema, body);
      if (isReply(r)) return r;
      const denied = auth(req, r.deviceId);
      if (denied) return denied;
      const list = [...exceptions.values()].filter((e) => r.status === 'all' || e.status === r.status);
      return { status: 200, body: { exceptions: list.slice(0, r.limit) } };
    }
    if (route === '/v1/exceptions/resolve') {
      const r = parse(resolveRequestSchema, body);
      if (isReply(r)) return r;
      const denied = auth(req, r.deviceId);
      if (denied) return denied;
      const found = exceptions.get(r.id);
      if (!found) return error(404, 'NOT_FOUND', 'no such exception');
      const resolved: SyncException = {
        ...found,
        status: 'resolved',
        resolvedAt: new Date().toISOString(),
        resolvedBy: r.operator,
        resolution: r.resolution,
      };
      exceptions.set(r.id, resolved);
      changes.push({ kind: 'exception', exception: resolved });
      return { status: 200, body: resolved };
    }
    return error(404, 'NOT_FOUND', route);
  }

  const server = http.createServer((req, res) => {
    const route = (req.url ?? '').split('?')[0]!;
    counter += 1;
    const n = counter;
    void (async () => {
      if (req.method === 'GET' && route === '/v1/health') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, hubId, protocol: SYNC_PROTOCOL_VERSION }));
        return;
      }
      const fault = await options.fault?.(route, n);
      if (fault === 'reset') {
        requests.push({ route, status: 0 });
        req.socket.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (fault === 'fail') {
        requests.push({ route, status: 503 });
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'injected failure' } }));
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      } catch {
        body = undefined;
      }
      const reply = await handle(route, req, body);
      requests.push({ route, status: reply.status });
      if (fault === 'lose-reply') {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stored,
    storeCount,
    changes,
    exceptions,
    tokens,
    requests,
    truncate(deviceId, through) {
      // Forgotten as if never stored: a later store of the same event is its first again.
      for (const e of stored.get(deviceId)?.splice(through) ?? []) storeCount.delete(`${deviceId}#${e.deviceSeq}`);
    },
    addException(partial) {
      const e: SyncException = {
        id: randomUUID(),
        status: 'open',
        deviceSeq: 1,
        eventType: 'loan.checkedOut',
        subject: null,
        message: 'conflict',
        details: {},
        raisedAt: new Date().toISOString(),
        resolvedAt: null,
        resolvedBy: null,
        resolution: null,
        ...partial,
      };
      exceptions.set(e.id, e);
      changes.push({ kind: 'exception', exception: e });
      return e;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
