import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  enrolRequestSchema,
  exceptionListRequestSchema,
  pullRequestSchema,
  pushRequestSchema,
  resolveRequestSchema,
  SYNC_PROTOCOL_VERSION,
} from '../../shared/sync-protocol';
import { authenticate, enrol, requireSameDevice, type Device } from './auth';
import type { HubDb } from './db/adapter';
import { HubError } from './errors';
import { listExceptions, resolveException } from './exceptions';
import { pull } from './pull';
import { storeBatch } from './push';
import { libraryStats } from './stats';

/** POST /v1/stats (hub-only, not in the desk protocol): the caller's library, `from`..`to` inclusive. */
const statsRequestSchema = z
  .object({ deviceId: z.string().min(1).max(100), from: z.iso.date(), to: z.iso.date() })
  .strict();

export interface HubServerOptions {
  db: HubDb;
  /** PEM certificate and key: the hub serves https. */
  tls?: { cert: Buffer; key: Buffer } | undefined;
  /** Test-only: die (SIGKILL) right after a push commits, before answering. */
  dieAfterCommit?: boolean;
  logger?: boolean;
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new HubError('VALIDATION', first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'Invalid body.');
  }
  return result.data;
}

/** Bearer token → device, and the body's deviceId must be that device. */
async function deviceFor(db: HubDb, request: FastifyRequest, bodyDeviceId: string): Promise<Device> {
  const device = await authenticate(db, request.headers.authorization);
  requireSameDevice(device, bodyDeviceId);
  return device;
}

/** The hub's HTTP API (protocol v1, shared/sync-protocol.ts). */
export async function buildHubServer(options: HubServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const hubId = (await db.query<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'hub_id'`)).rows[0]!.value;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024 * 1024,
    ...(options.tls ? { https: options.tls } : {}),
  });

  app.setErrorHandler((error: unknown, _request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof HubError) return reply.status(error.status).send(error.toBody());
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500)
      return reply.status(400).send(new HubError('VALIDATION', (error as Error).message).toBody());
    app.log.error(error);
    return reply.status(500).send(new HubError('INTERNAL', 'The hub could not do this; nothing was changed.').toBody());
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send(new HubError('NOT_FOUND', 'No such endpoint.').toBody()),
  );

  app.get('/v1/health', async () => ({ ok: true, hubId, protocol: SYNC_PROTOCOL_VERSION }));

  app.post('/v1/enrol', async (request) => enrol(db, hubId, parse(enrolRequestSchema, request.body)));

  app.post('/v1/push', async (request) => {
    const body = parse(pushRequestSchema, request.body);
    const device = await deviceFor(db, request, body.deviceId);
    const response = await storeBatch(db, device, body);
    if (options.dieAfterCommit) process.kill(process.pid, 'SIGKILL');
    return response;
  });

  app.post('/v1/pull', async (request) => {
    const body = parse(pullRequestSchema, request.body);
    return pull(db, await deviceFor(db, request, body.deviceId), body);
  });

  app.post('/v1/exceptions/list', async (request) => {
    const body = parse(exceptionListRequestSchema, request.body);
    return { exceptions: await listExceptions(db, await deviceFor(db, request, body.deviceId), body) };
  });

  app.post('/v1/exceptions/resolve', async (request) => {
    const body = parse(resolveRequestSchema, request.body);
    return resolveException(db, await deviceFor(db, request, body.deviceId), body);
  });

  /** Optional for the authority's tools: the device's own library, by period. */
  app.post('/v1/stats', async (request) => {
    const body = parse(statsRequestSchema, request.body);
    const device = await deviceFor(db, request, body.deviceId);
    return libraryStats(db, device.libraryId, body.from, body.to);
  });

  return app;
}
