import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { fileBodyChannels, fileBodyLimit } from '../../shared/contract/catalog-io';
import { kioskAllowedChannels } from '../../shared/contract/kiosk';
import type { DeskCore } from '../core';
import { contentSecurityPolicy } from './csp';
import { httpStatus } from './http-status';

export interface WebShellOptions {
  core: DeskCore;
  token: string;
  /**
   * The self-service kiosk's token, served only in the /kiosk page. The API
   * accepts it for the kiosk channels only (403 for anything else), so the
   * kiosk page cannot reach the desk's functions whatever it is made to do.
   */
  kioskToken: string;
  /** The built renderer (out/renderer). */
  rendererDir: string;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

/**
 * Local API v1: the core's contract over HTTP on loopback. `POST /api/<channel>`
 * with the bearer token; `GET /api/events` streams pushed events (SSE).
 */
export async function createWebServer(options: WebShellOptions): Promise<FastifyInstance> {
  const { core, token, kioskToken, rendererDir } = options;
  const app = Fastify({ logger: false, bodyLimit: 1_048_576, forceCloseConnections: true });
  const rendererHtml = readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const indexHtml = rendererHtml.replace('</head>', `<meta name="desk-token" content="${token}"></head>`);
  // The kiosk page carries its own token and never the desk's.
  const kioskHtml = rendererHtml.replace('</head>', `<meta name="kiosk-token" content="${kioskToken}"></head>`);
  const kioskChannels = new Set<string>(kioskAllowedChannels);
  // Requests that came with the kiosk token: they may reach the kiosk channels and nothing else.
  const kioskRequests = new WeakSet<object>();
  const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: 'Forbidden' } } as const;

  // DNS rebinding: a page on another name resolving to 127.0.0.1 must not reach us.
  app.addHook('onRequest', async (request, reply) => {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return reply.code(421).type('text/plain').send('Misdirected request');
    }
    if (request.url.startsWith('/api/')) {
      const given = bearer(request);
      if (given && sameToken(given, token)) return undefined;
      if (given && sameToken(given, kioskToken)) {
        // Which channel is decided where the route has parsed it (below), never from the raw URL here.
        kioskRequests.add(request.raw);
        return undefined;
      }
      return reply.code(401).send({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Unauthorized' } });
    }
    return undefined;
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    return payload;
  });

  // Bad JSON and wrong content types are client errors in the contract's shape.
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const code = status === 500 ? 'INTERNAL' : 'VALIDATION';
    return reply.code(status).send({ ok: false, error: { code, message: error.message } });
  });

  // Every channel goes through here, the kiosk's allowlist first (decided on the routed name).
  const answer = async (channel: string, request: FastifyRequest, reply: FastifyReply) => {
    if (kioskRequests.has(request.raw) && !kioskChannels.has(channel)) return reply.code(403).send(forbidden);
    // An empty body stands for {}; a JSON `null` is refused by the contract like any other malformed input.
    const result = await core.call(channel, request.body === undefined ? {} : request.body);
    return reply.code(result.ok ? 200 : httpStatus(result.error.code)).send(result);
  };
  app.post<{ Params: { channel: string } }>('/api/:channel', (request, reply) =>
    answer(request.params.channel, request, reply),
  );
  // Catalogue files come as base64 in the body: only these channels take bodies that large.
  for (const channel of fileBodyChannels)
    app.post(`/api/${channel}`, { bodyLimit: fileBodyLimit }, (request, reply) => answer(channel, request, reply));

  app.get('/api/events', (request, reply) => {
    if (kioskRequests.has(request.raw)) return reply.code(403).send(forbidden);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': connected\n\n');
    const unsubscribe = core.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    request.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  });

  const sendIndex = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header('Content-Security-Policy', contentSecurityPolicy).type('text/html; charset=utf-8').send(indexHtml);
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  // The self-service kiosk: the same bundle, which shows only the kiosk when it finds the kiosk token.
  app.get('/kiosk', (_request, reply) =>
    reply.header('Content-Security-Policy', contentSecurityPolicy).type('text/html; charset=utf-8').send(kioskHtml),
  );
  // The reader-facing display: the same page and token, showing only what the desk pushes to it.
  app.get('/display', sendIndex);
  await app.register(fastifyStatic, { root: rendererDir, index: false, wildcard: true, cacheControl: false });
  return app;
}
