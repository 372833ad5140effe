import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createDeskCode, createLibrary } from '../../hub/src/admin';
import type { HubDb } from '../../hub/src/db/adapter';
import { buildHubServer } from '../../hub/src/server';
import { enrolResponseSchema } from '../../shared/sync-protocol';

export interface RunningHub {
  app: FastifyInstance;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The hub's HTTP server in this process, on a free loopback port. */
export async function startHub(db: HubDb): Promise<RunningHub> {
  const app = await buildHubServer({ db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return { app, port, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface EnrolledDesk {
  deviceId: string;
  token: string;
  libraryId: string;
}

/** POSTs JSON; answers status and parsed body. */
export async function postJson(url: string, body: unknown, token?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** A library with desks enrolled through the real admin functions and POST /v1/enrol. */
export async function libraryWithDesks(
  db: HubDb,
  hubUrl: string,
  libraryName: string,
  deviceIds: string[],
): Promise<{ libraryId: string; desks: EnrolledDesk[] }> {
  const library = await createLibrary(db, libraryName);
  const desks: EnrolledDesk[] = [];
  for (const deviceId of deviceIds) {
    const { code } = await createDeskCode(db, library.id, `Desk ${deviceId}`);
    const answer = await postJson(`${hubUrl}/v1/enrol`, { code, deviceId });
    if (answer.status !== 200) throw new Error(`enrol ${deviceId}: ${answer.status} ${JSON.stringify(answer.body)}`);
    const enrolled = enrolResponseSchema.parse(answer.body);
    desks.push({ deviceId, token: enrolled.deviceToken, libraryId: enrolled.libraryId });
  }
  return { libraryId: library.id, desks };
}
