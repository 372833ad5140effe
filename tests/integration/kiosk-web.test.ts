import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLibraryBarcode } from '../../shared/barcode';
import { channels } from '../../shared/contract';
import { kioskAllowedChannels } from '../../shared/contract/kiosk';
import { tempDir } from '../helpers/desk';
import { ensureBuilt, request, startWebShell, type HttpAnswer, type WebShell } from '../helpers/web-shell';

let shell: WebShell;
let removeDir: () => void;
let kioskToken: string;
let card: string;
let item: string;

interface Envelope {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

function kioskPost(channel: string, input: unknown, token = kioskToken): Promise<HttpAnswer> {
  return request(shell.port, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
}

async function staff(channel: string, input: unknown): Promise<unknown> {
  const answer = await shell.post(channel, input);
  const body = answer.json() as Envelope;
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.data;
}

/** What the desk holds that a refused call could have changed. */
async function state(): Promise<unknown> {
  return [
    await staff('circulation.loans', { patron: card }),
    await staff('patrons.search', { query: '' }),
    await staff('system.status', {}),
    await staff('patrons.get', { cardNumber: card }).then((v) => (v as { record: unknown }).record),
  ];
}

beforeAll(async () => {
  ensureBuilt();
  const temp = tempDir('library-desk-kiosk-');
  removeDir = temp.remove;
  shell = await startWebShell(temp.dir);
  card = ((await staff('patrons.register', { fullName: 'Lò Văn Đức' })) as { cardNumber: string }).cardNumber;
  item = makeLibraryBarcode(3, 1, 777);
  await staff('catalog.addTitle', {
    title: 'Truyện cổ Thái',
    copies: [{ barcode: item }, { barcode: makeLibraryBarcode(3, 1, 778) }],
  });
  await staff('circulation.checkout', { patron: card, item });
  const page = await request(shell.port, { path: '/kiosk' });
  kioskToken = /<meta name="kiosk-token" content="([^"]+)">/u.exec(page.text)?.[1] ?? '';
}, 300_000);

afterAll(async () => {
  if (shell) await shell.stop();
  removeDir?.();
});

describe('the kiosk page', () => {
  it('carries its own token and never the desk token; the desk page never carries the kiosk token', async () => {
    expect(kioskToken).toMatch(/^[A-Za-z0-9_-]{32,}$/u);
    expect(kioskToken).not.toBe(shell.token);
    const kioskPage = await request(shell.port, { path: '/kiosk' });
    expect(kioskPage.status).toBe(200);
    expect(kioskPage.text).not.toContain(shell.token);
    expect(kioskPage.text).not.toContain('desk-token');
    expect(kioskPage.headers['content-security-policy']).toBeTruthy();
    const deskPage = await request(shell.port, { path: '/' });
    expect(deskPage.text).not.toContain(kioskToken);
  });
});

describe('the kiosk token', () => {
  it('is refused with 403 on every staff channel, and nothing changes', async () => {
    const before = await state();
    const staffOnly = channels.filter((c) => !(kioskAllowedChannels as readonly string[]).includes(c));
    expect(staffOnly).toContain('circulation.checkout');
    expect(staffOnly).toContain('kiosk.configure');
    const attempts: Record<string, unknown> = {
      'circulation.checkout': { patron: card, item: makeLibraryBarcode(3, 1, 778) },
      'circulation.return': { item },
      'circulation.renew': { item },
      'patrons.search': { query: 'duc' },
      'patrons.get': { cardNumber: card },
      'patrons.erase': { cardNumber: card, confirmCardNumber: card },
      'kiosk.configure': { idleSeconds: 600 },
      'settings.update': { operator: 'kẻ lạ' },
    };
    for (const channel of staffOnly) {
      const answer = await kioskPost(channel, attempts[channel] ?? {});
      expect(answer.status, channel).toBe(403);
      expect((answer.json() as Envelope).error?.code, channel).toBe('FORBIDDEN');
    }
    expect(await state()).toEqual(before);
  });

  it('cannot open the event stream or call an unknown channel', async () => {
    const events = await request(shell.port, {
      path: '/api/events',
      headers: { Authorization: `Bearer ${kioskToken}` },
    });
    expect(events.status).toBe(403);
    expect((await kioskPost('kiosk.steal', {})).status).toBe(403);
    for (const sneaky of ['kiosk.config%2F..%2Fpatrons.search', '..%2Fpatrons.search', 'patrons.search?kiosk.config']) {
      expect((await kioskPost(sneaky, { query: 'duc' })).status, sneaky).toBe(403);
    }
    // Other paths under /api/ with the kiosk token: never a staff answer.
    const get = await request(shell.port, {
      path: '/api/patrons.search',
      headers: { Authorization: `Bearer ${kioskToken}` },
    });
    expect(get.status).not.toBe(200);
  });

  it('a wrong token is still 401', async () => {
    const answer = await kioskPost('kiosk.config', {}, `${kioskToken}x`);
    expect(answer.status).toBe(401);
  });

  it('serves the kiosk channels: identify by card, loans, renew own item, search, leave', async () => {
    const config = (await kioskPost('kiosk.config', {})).json() as Envelope;
    expect(config.data).toMatchObject({ idleSeconds: 60, language: 'vi' });
    const who = (await kioskPost('kiosk.identify', { card })).json() as Envelope;
    expect(who.ok).toBe(true);
    const { session, loans } = who.data as { session: string; loans: { item: string; renewable: boolean }[] };
    expect(loans).toEqual([expect.objectContaining({ item, renewable: true })]);
    const renewed = (await kioskPost('kiosk.renew', { session, item })).json() as Envelope;
    expect(renewed.ok).toBe(true);
    expect((await staff('circulation.loans', { patron: card })) as { renewals: number }[]).toEqual([
      expect.objectContaining({ renewals: 1 }),
    ]);
    const found = (await kioskPost('kiosk.search', { query: 'truyen co' })).json() as Envelope;
    expect(found.data).toEqual([expect.objectContaining({ title: 'Truyện cổ Thái', available: 1, total: 2 })]);
    expect((await kioskPost('kiosk.leave', { session })).status).toBe(200);
    const after = await kioskPost('kiosk.loans', { session });
    expect((after.json() as Envelope).error?.code).toBe('SESSION_ENDED');
  });

  it('limits failed identifications: after five wrong cards, even a right one waits', async () => {
    for (let i = 0; i < 5; i += 1) {
      const wrong = await kioskPost('kiosk.identify', { card: makeLibraryBarcode(2, 1, 90_000 + i) });
      expect(wrong.status).toBe(404);
    }
    const limited = await kioskPost('kiosk.identify', { card });
    expect(limited.status).toBe(429);
    expect((limited.json() as Envelope).error?.code).toBe('RATE_LIMITED');
  });
});
