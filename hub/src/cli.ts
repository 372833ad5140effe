/**
 * The hub's command line:
 *   serve [--port 8443] [--host 0.0.0.0] [--data-dir .hub-data] [--tls-cert f --tls-key f]
 *   library create <name>
 *   desk create <library> <name> [--valid-hours 168]   prints a one-time enrolment code
 *   desk revoke <deviceId>
 *   stats <library> --from YYYY-MM-DD --to YYYY-MM-DD
 * With DATABASE_URL the hub uses that PostgreSQL server (HUB_PG_SCHEMA picks a schema);
 * without it, an embedded PGlite in --data-dir.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDeskCode, createLibrary, findLibrary, revokeDevice } from './admin';
import type { HubDb } from './db/adapter';
import { openHubDb } from './db/open';
import { buildHubServer } from './server';
import { libraryStats } from './stats';

const usage = `usage: hub serve [--port N] [--host H] [--data-dir DIR] [--tls-cert FILE --tls-key FILE]
       hub library create <name>
       hub desk create <library> <name> [--valid-hours N]
       hub desk revoke <deviceId>
       hub stats <library> --from YYYY-MM-DD --to YYYY-MM-DD`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '8443' },
    host: { type: 'string', default: '0.0.0.0' },
    'data-dir': { type: 'string', default: '.hub-data' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'valid-hours': { type: 'string', default: '168' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
});

function open(): Promise<HubDb> {
  return openHubDb({
    databaseUrl: process.env.DATABASE_URL || undefined,
    schema: process.env.HUB_PG_SCHEMA || undefined,
    dataDir: values['data-dir'],
  });
}

async function serve(): Promise<void> {
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key']))
    throw new Error('--tls-cert and --tls-key go together.');
  const tls =
    values['tls-cert'] && values['tls-key']
      ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) }
      : undefined;
  const db = await open();
  const app = await buildHubServer({ db, tls, dieAfterCommit: process.env.HUB_TEST_DIE_AFTER_COMMIT === '1' });
  await app.listen({ port: Number(values.port), host: values.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : values.port;
  console.log(`Library hub ready at ${tls ? 'https' : 'http'}://${values.host}:${port}/ (${db.kind})`);
  const stop = () => {
    void app
      .close()
      .then(() => db.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function admin(run: (db: HubDb) => Promise<void>): Promise<void> {
  const db = await open();
  try {
    await run(db);
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const [command, sub, ...rest] = positionals;
  if (command === undefined || command === 'serve') return serve();
  if (command === 'library' && sub === 'create' && rest[0])
    return admin(async (db) => {
      const library = await createLibrary(db, rest[0]!);
      console.log(`Library "${library.name}" created (${library.id}).`);
    });
  if (command === 'desk' && sub === 'create' && rest[0] && rest[1])
    return admin(async (db) => {
      const code = await createDeskCode(db, rest[0]!, rest[1]!, Number(values['valid-hours']));
      console.log(`Enrolment code for "${code.deskName}" at ${code.library.name}: ${code.code}`);
      console.log(`Valid once, until ${code.expiresAt.toISOString()}.`);
    });
  if (command === 'desk' && sub === 'revoke' && rest[0])
    return admin(async (db) => {
      const revoked = await revokeDevice(db, rest[0]!);
      console.log(revoked ? `Device ${rest[0]} revoked.` : `No enrolled, unrevoked device ${rest[0]}.`);
      if (!revoked) process.exitCode = 1;
    });
  if (command === 'stats' && sub && values.from && values.to)
    return admin(async (db) => {
      const library = await findLibrary(db, sub);
      if (!library) throw new Error(`No library "${sub}".`);
      const stats = await libraryStats(db, library.id, values.from!, values.to!);
      console.log(`${stats.library}, ${stats.from} – ${stats.to}`);
      console.log(`  readers registered  ${stats.readersRegistered}`);
      console.log(`  visits              ${stats.visits}  (readers served, each once a day)`);
      console.log(`  loans               ${stats.loans}`);
      console.log(`  renewals            ${stats.renewals}`);
      console.log(`  returns             ${stats.returns}`);
      console.log(`  copies added        ${stats.copiesAdded}`);
      console.log(`  copies held         ${stats.copiesHeld}`);
    });
  console.error(usage);
  process.exitCode = 2;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
