import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { DeskCore } from '../core';
import { contentSecurityPolicy } from './csp';
import { httpStatus } from './http-status';

export interface WebShellOptions {
  core: DeskCore;
  token: string;
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
  const { core, token, rendererDir } = options;
  const app = Fastify({ logger: false, bodyLimit: 1_048_576, forceCloseConnections: true });
  const indexHtml = readFileSync(path.join(rendererDir, 'index.html'), 'utf8').replace(
    '</head>',
    `<meta name="desk-token" content="${token}"></head>`,
  );

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
      if (!given || !sameToken(given, token)) {
        return reply.code(401).send({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Unauthorized' } });
      }
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

  app.post<{ Params: { channel: string } }>('/api/:channel', async (request, reply) => {
    // An empty body stands for {}; a JSON `null` is refused by the contract like any other malformed input.
    const result = await core.call(request.params.channel, request.body === undefined ? {} : request.body);
    return reply.code(result.ok ? 200 : httpStatus(result.error.code)).send(result);
  });

  app.get('/api/events', (request, reply) => {
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

  const sendIndex = (_request: FastifyRequest, reply: import('fastify').FastifyReply) =>
    reply.header('Content-Security-Policy', contentSecurityPolicy).type('text/html; charset=utf-8').send(indexHtml);
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  // The reader-facing display: the same page and token, showing only what the desk pushes to it.
  app.get('/display', sendIndex);
  await app.register(fastifyStatic, { root: rendererDir, index: false, wildcard: true, cacheControl: false });
  return app;
}
