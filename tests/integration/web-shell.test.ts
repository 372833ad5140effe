import { statSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibraryBarcode } from '../../shared/barcode';
import { latestSchemaVersion } from '../../electron/core/db/migrations';
import { tempDir } from '../helpers/desk';
import { ensureBuilt, request, startWebShell, type HttpAnswer, type WebShell } from '../helpers/web-shell';

let shell: WebShell;
let removeDir: () => void;
/** Every answer the shell gave in this file, to check headers across all of them. */
const answers: HttpAnswer[] = [];

async function post(channel: string, input: unknown): Promise<HttpAnswer> {
  const answer = await shell.post(channel, input);
  answers.push(answer);
  return answer;
}

async function raw(options: Parameters<typeof request>[1]): Promise<HttpAnswer> {
  const answer = await request(shell.port, options);
  answers.push(answer);
  return answer;
}

interface Envelope {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

const envelope = (a: HttpAnswer) => a.json() as Envelope;

beforeAll(async () => {
  ensureBuilt();
  const temp = tempDir('library-desk-web-');
  removeDir = temp.remove;
  shell = await startWebShell(temp.dir);
}, 300_000);

afterAll(async () => {
  if (shell) await shell.stop();
  removeDir?.();
});

describe('start-up', () => {
  it('prints exactly the ready line with the port it listens on', () => {
    expect(shell.port).toBeGreaterThan(0);
    expect(shell.stdout().trimEnd().split('\n')).toEqual([`Library Desk ready at http://127.0.0.1:${shell.port}/`]);
  });

  it('writes the token to desk.token with mode 0600', () => {
    expect(statSync(shell.tokenFile).mode & 0o777).toBe(0o600);
    expect(shell.token).toMatch(/^[A-Za-z0-9_-]{32,}$/u);
  });
});

describe('the token', () => {
  it('without it: 401 and nothing else, and the call did not run', async () => {
    const answer = await raw({
      method: 'POST',
      path: '/api/patrons.register',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fullName: 'Kẻ Lạ Mặt' }),
    });
    expect(answer.status).toBe(401);
    expect(envelope(answer)).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    const found = envelope(await post('patrons.search', { query: 'la mat' }));
    expect(found).toEqual({ ok: true, data: [] });
  });

  it('with a wrong one: 401', async () => {
    for (const authorization of [
      `Bearer ${shell.token}x`,
      `Bearer ${shell.token.slice(0, -1)}`,
      'Bearer ',
      `Basic ${shell.token}`,
      shell.token,
    ]) {
      const answer = await raw({
        method: 'POST',
        path: '/api/system.info',
        headers: { Authorization: authorization, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(answer.status, authorization).toBe(401);
      expect(envelope(answer).data).toBeUndefined();
    }
  });

  it('is needed for the event stream too', async () => {
    const answer = await raw({ path: '/api/events' });
    expect(answer.status).toBe(401);
  });
});

describe('the Host header (DNS rebinding)', () => {
  it('refuses other names and ports with 421, even with the token', async () => {
    for (const host of [
      `evil.example:${shell.port}`,
      `127.0.0.1:${shell.port + 1}`,
      'localhost',
      '127.0.0.1',
      `[::1]:${shell.port}`,
    ]) {
      const api = await raw({
        method: 'POST',
        path: '/api/system.info',
        headers: { Host: host, Authorization: `Bearer ${shell.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(api.status, host).toBe(421);
      expect(api.text).not.toContain(shell.token);
      const page = await raw({ path: '/', headers: { Host: host } });
      expect(page.status, host).toBe(421);
      expect(page.text).not.toContain(shell.token);
    }
  });

  it('accepts localhost:PORT', async () => {
    const answer = await raw({
      method: 'POST',
      path: '/api/system.info',
      headers: {
        Host: `localhost:${shell.port}`,
        Authorization: `Bearer ${shell.token}`,
        'Content-Type': 'application/json',
      },
      body: '{}',
    });
    expect(answer.status).toBe(200);
    expect(envelope(answer).ok).toBe(true);
  });
});

describe('calls', () => {
  it('a valid call: 200 with ok:true', async () => {
    const answer = await post('system.status', {});
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/u);
    expect(envelope(answer)).toMatchObject({ ok: true, data: { firstRunPending: true } });
  });

  it('no body at all stands for {}', async () => {
    const answer = await raw({
      method: 'POST',
      path: '/api/system.info',
      headers: { Authorization: `Bearer ${shell.token}` },
    });
    expect(answer.status).toBe(200);
    expect(envelope(answer).ok).toBe(true);
  });

  it('malformed JSON: 400 VALIDATION', async () => {
    for (const body of ['{"fullName": ', 'not json', '{}}']) {
      const answer = await raw({
        method: 'POST',
        path: '/api/patrons.register',
        headers: { Authorization: `Bearer ${shell.token}`, 'Content-Type': 'application/json' },
        body,
      });
      expect(answer.status, body).toBe(400);
      expect(envelope(answer)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('JSON that breaks the contract: 400 VALIDATION, null included', async () => {
    for (const input of [null, 42, [], { fullName: '' }, { fullName: 'A', extra: 1 }]) {
      const answer = await post('patrons.register', input);
      expect(answer.status, JSON.stringify(input)).toBe(400);
      expect(envelope(answer).error?.code).toBe('VALIDATION');
      expect(envelope(answer).error?.message).toMatch(/^Dữ liệu không hợp lệ/u);
    }
    // A JSON null is not "no input", even for a channel whose input is {}.
    const nullInfo = await post('system.info', null);
    expect(nullInfo.status).toBe(400);
    expect(envelope(nullInfo).error?.code).toBe('VALIDATION');
  });

  it('a body over the limit is a client error, not a crash', async () => {
    // The shell answers 413 before reading the whole body and closes; on a busy machine the
    // client may see its upload reset before it reads that answer. Either way: no 2xx, no 500,
    // and the shell goes on serving.
    const answer = await post('patrons.search', { query: 'x'.repeat(2_000_000) }).catch(
      (error: NodeJS.ErrnoException) => error,
    );
    if (answer instanceof Error) expect(['EPIPE', 'ECONNRESET']).toContain(answer.code);
    else {
      expect(answer.status).toBe(413);
      expect(envelope(answer).error?.code).toBe('VALIDATION');
    }
    expect((await post('system.info', {})).status).toBe(200);
  });

  it('a business refusal: 4xx with the error code', async () => {
    const unknownCard = makeLibraryBarcode(2, 1, 987_654);
    const notFound = await post('circulation.loans', { patron: unknownCard });
    expect(notFound.status).toBe(404);
    expect(envelope(notFound).error).toMatchObject({ code: 'NOT_FOUND', details: { code: unknownCard } });
    const notOnLoan = await post('catalog.addTitle', {
      title: 'Một mình',
      copies: [{ barcode: makeLibraryBarcode(3, 7, 1) }],
    });
    expect(notOnLoan.status).toBe(200);
    const refusal = await post('circulation.return', { item: makeLibraryBarcode(3, 7, 1) });
    expect(refusal.status).toBe(409);
    expect(envelope(refusal).error?.code).toBe('NOT_ON_LOAN');
  });

  it('an unknown channel: 404 UNKNOWN_CHANNEL', async () => {
    const answer = await post('circulation.steal', {});
    expect(answer.status).toBe(404);
    expect(envelope(answer).error?.code).toBe('UNKNOWN_CHANNEL');
  });
});

describe('the page', () => {
  it('GET / serves HTML with a Content-Security-Policy and the token meta tag', async () => {
    const page = await raw({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/u);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/u);
    expect(page.text).toContain(`<meta name="desk-token" content="${shell.token}">`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends no CORS headers, not even to a cross-origin preflight', async () => {
    const preflight = await raw({
      method: 'OPTIONS',
      path: '/api/system.info',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const withOrigin = await raw({
      method: 'POST',
      path: '/api/system.info',
      headers: {
        Origin: 'http://evil.example',
        Authorization: `Bearer ${shell.token}`,
        'Content-Type': 'application/json',
      },
      body: '{}',
    });
    expect(withOrigin.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('pushed events', () => {
  it('GET /api/events streams "changed" after patrons.register', async () => {
    const received: string[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port: shell.port,
          path: '/api/events',
          headers: { Host: `127.0.0.1:${shell.port}`, Authorization: `Bearer ${shell.token}` },
        },
        resolve,
      );
      req.on('error', reject);
    });
    try {
      expect(stream.statusCode).toBe(200);
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/u);
      expect(stream.headers['access-control-allow-origin']).toBeUndefined();
      stream.setEncoding('utf8');
      const changed = new Promise<void>((resolve) => {
        stream.on('data', (chunk: string) => {
          received.push(chunk);
          if (received.join('').includes('"domain":"patrons"')) resolve();
        });
      });
      // Wait for the stream's first comment so the subscription is in place.
      await new Promise<void>((resolve) => stream.once('data', () => resolve()));
      expect((await post('patrons.register', { fullName: 'Lò Văn Đức' })).status).toBe(200);
      await changed;
      const events = received
        .join('')
        .split('\n\n')
        .filter((block) => block.startsWith('data: '))
        .map((block) => JSON.parse(block.slice('data: '.length)) as unknown);
      expect(events).toContainEqual({ type: 'changed', domain: 'patrons' });
    } finally {
      stream.destroy();
    }
  });
});

describe('Local API v1 channels', () => {
  const isoDate = /^\d{4}-\d{2}-\d{2}$/u;
  const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/u;

  async function data(channel: string, input: unknown): Promise<Record<string, unknown>> {
    const answer = await post(channel, input);
    const body = envelope(answer);
    expect(answer.status, `${channel}: ${JSON.stringify(body.error)}`).toBe(200);
    return body.data as Record<string, unknown>;
  }

  function expectPatron(p: Record<string, unknown>) {
    expect(p).toMatchObject({
      id: expect.any(Number),
      cardNumber: expect.any(String),
      fullName: expect.any(String),
      category: expect.any(String),
      expiresOn: expect.stringMatching(isoDate),
      blocked: expect.any(Boolean),
    });
  }

  function expectLoan(l: Record<string, unknown>, item: string, patron: string) {
    expect(l).toMatchObject({
      id: expect.any(Number),
      item,
      patron,
      loanedAt: expect.stringMatching(isoInstant),
      dueOn: expect.stringMatching(isoDate),
      renewals: expect.any(Number),
    });
    // The desk counts in Hà Nội time by default.
    expect(String(l.loanedAt).endsWith('+07:00')).toBe(true);
  }

  it('answer with the documented fields and types', async () => {
    const info = await data('system.info', {});
    expect(info).toMatchObject({
      version: expect.any(String),
      deviceId: expect.any(String),
      schemaVersion: latestSchemaVersion,
    });

    const patron = await data('patrons.register', { fullName: 'Hà Thị Hoà', category: 'adult' });
    expectPatron(patron);
    const card = String(patron.cardNumber);
    expect(patron.fullName).toBe('Hà Thị Hoà');

    const given = await data('patrons.register', {
      fullName: 'Lò Thị Mai',
      cardNumber: makeLibraryBarcode(2, 1, 4321),
    });
    expect(given.cardNumber).toBe(makeLibraryBarcode(2, 1, 4321));

    const found = (await data('patrons.search', { query: 'hoa', limit: 5 })) as unknown as Record<string, unknown>[];
    expect(Array.isArray(found)).toBe(true);
    expect(found.map((p) => p.cardNumber)).toContain(card);
    for (const p of found) expectPatron(p);

    const barcode = makeLibraryBarcode(3, 1, 2024);
    const title = await data('catalog.addTitle', {
      title: 'Tiễn dặn người yêu',
      authors: ['Khuyết danh'],
      materialType: 'book',
      copies: [{ barcode }],
    });
    expect(title).toMatchObject({
      id: expect.any(Number),
      title: 'Tiễn dặn người yêu',
      copies: [{ barcode, status: 'available' }],
    });

    const titles = (await data('catalog.search', { query: 'tien dan' })) as unknown as Record<string, unknown>[];
    expect(titles).toHaveLength(1);
    expect(titles[0]).toMatchObject({
      id: title.id,
      title: 'Tiễn dặn người yêu',
      authors: ['Khuyết danh'],
      copies: [{ barcode, status: 'available' }],
    });

    const loan = await data('circulation.checkout', { patron: card, item: barcode });
    expectLoan(loan, barcode, card);
    expect(loan.renewals).toBe(0);

    const loans = (await data('circulation.loans', { patron: card })) as unknown as Record<string, unknown>[];
    expect(loans).toHaveLength(1);
    expectLoan(loans[0]!, barcode, card);

    const renewed = await data('circulation.renew', { item: barcode });
    expectLoan(renewed, barcode, card);
    expect(renewed.renewals).toBe(1);

    const back = await data('circulation.return', { item: barcode });
    expect(back).toMatchObject({ overdueDays: 0, fee: 0 });
    expectLoan(back.loan as Record<string, unknown>, barcode, card);
    expect((await data('circulation.loans', { patron: card })) as unknown as unknown[]).toEqual([]);
  });
});

describe('across all answers', () => {
  it('none carried Access-Control-Allow-Origin', () => {
    expect(answers.length).toBeGreaterThan(20);
    for (const a of answers) expect(a.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('restart and shutdown', () => {
  it('a new token at each start; the old one no longer opens anything; SIGTERM exits with 0', async () => {
    const temp = tempDir('library-desk-web-restart-');
    try {
      const first = await startWebShell(temp.dir);
      const oldToken = first.token;
      expect((await first.post('patrons.register', { fullName: 'Vàng A Sùng' })).status).toBe(200);
      expect(await first.stop()).toBe(0);

      const second = await startWebShell(temp.dir);
      try {
        expect(second.token).not.toBe(oldToken);
        expect(statSync(second.tokenFile).mode & 0o777).toBe(0o600);
        const stale = await request(second.port, {
          method: 'POST',
          path: '/api/system.info',
          headers: { Authorization: `Bearer ${oldToken}`, 'Content-Type': 'application/json' },
          body: '{}',
        });
        expect(stale.status).toBe(401);
        // The data survived the restart.
        const found = (await second.post('patrons.search', { query: 'sung' })).json() as Envelope;
        expect((found.data as unknown[]).length).toBe(1);
      } finally {
        expect(await second.stop()).toBe(0);
      }
    } finally {
      temp.remove();
    }
  });

  it('SIGTERM exits cleanly even with an event stream open', async () => {
    const temp = tempDir('library-desk-web-term-');
    try {
      const running = await startWebShell(temp.dir);
      const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
        http
          .get(
            {
              host: '127.0.0.1',
              port: running.port,
              path: '/api/events',
              headers: { Host: `127.0.0.1:${running.port}`, Authorization: `Bearer ${running.token}` },
            },
            resolve,
          )
          .on('error', reject);
      });
      stream.on('error', () => undefined);
      stream.resume();
      const exit = await Promise.race([
        running.stop(),
        new Promise<string>((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000)),
      ]);
      if (exit === 'still running after 10 s') await running.kill();
      expect(exit).toBe(0);
      expect(running.stderr()).toBe('');
    } finally {
      temp.remove();
    }
  });
});
