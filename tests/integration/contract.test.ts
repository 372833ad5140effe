import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLibraryBarcode } from '../../shared/barcode';
import { channels, contract, type Channel } from '../../shared/contract';
import { maxImportBytes } from '../../shared/contract/catalog-io';
import type { DeskCore } from '../../electron/core';
import { latestSchemaVersion } from '../../electron/core/db/migrations';
import { addTitle, ok, refused, registerReader, snapshotTables, tempDesk, type TempDesk } from '../helpers/desk';

interface Seed {
  /** A reader with `onLoan` on loan. */
  reader: string;
  /** A reader with no loans. */
  other: string;
  onLoan: string;
  available: string;
  /** A copy of a title of its own, never lent, and that title's uuid. */
  spare: string;
  spareTitle: string;
  /** A kiosk session of `reader`. */
  session: string;
  /** The id of `other` among `reader`'s proxies, and of a home delivery for `reader`. */
  proxyId: number;
  deliveryId: number;
}

function seed(core: DeskCore): Seed {
  const reader = registerReader(core, { fullName: 'Lò Văn Đức' });
  const other = registerReader(core, { fullName: 'Hà Thị Hoa', category: 'child' });
  const [onLoan, available] = addTitle(core, { title: 'Truyện cổ dân tộc Thái', copies: 2, authors: ['Cầm Trọng'] });
  ok(core.call('circulation.checkout', { patron: reader, item: onLoan! }));
  const [spare] = addTitle(core, { title: 'Khun Lú Nàng Ủa', authors: ['Cầm Biêu'] });
  const spareTitle = ok(core.call('catalog.search', { query: spare! }))[0]!.uuid;
  ok(core.call('patrons.setSensitive', { cardNumber: reader, consent: true, disability: 'Nhìn kém' }));
  const [proxy] = ok(core.call('proxies.add', { cardNumber: reader, proxyCard: other, relation: 'con gái' }));
  const delivery = ok(core.call('deliveries.request', { cardNumber: reader, text: 'Truyện cổ tích' }));
  const { session } = ok(core.call('kiosk.identify', { card: reader }));
  return {
    reader,
    other,
    onLoan: onLoan!,
    available: available!,
    spare: spare!,
    spareTitle,
    session,
    proxyId: proxy!.id,
    deliveryId: delivery.id,
  };
}

/** One valid input per channel, every optional field filled so that each can be spoiled. */
function validInput(channel: Channel, s: Seed): Record<string, unknown> {
  const inputs: Record<Channel, Record<string, unknown>> = {
    'system.info': {},
    'system.status': {},
    'system.setup': { mode: 'empty' },
    'settings.get': {},
    'settings.update': {
      language: 'vi',
      libraryName: 'Thư viện huyện Sìn Hồ',
      timeZone: 'Asia/Ho_Chi_Minh',
      feesEnabled: false,
      patronPattern: '^2\\d{13}$',
      itemPattern: '^3\\d{13}$',
      operator: 'Lò Thị Mai',
      libraryLogo: tinyPng,
      cardSymbology: 'code128',
      institutionCode: 1,
      cardValidityMonths: 24,
      theme: 'contrast',
      displayTheme: 'large',
      speech: 'auto',
    },
    'patrons.register': {
      fullName: 'Vàng Thị Dua',
      category: 'pupil',
      cardNumber: makeLibraryBarcode(2, 1, 500),
      expiresOn: '2027-06-30',
      dateOfBirth: '2012-05-17',
      sex: 'female',
      phone: '+84 912 345 678',
      address: 'Bản Thèn Thầu',
      commune: 'Nùng Nàng',
      idNumber: '012312000123',
      introducedBy: 'Trường PTDTBT THCS Khun Há',
      guardianName: 'Vàng A Sử',
      guardianPhone: '0388 123 456',
      notes: 'Thích truyện tranh',
      photo: tinyPng,
      sensitive: { consent: true, ethnicity: "H'Mông", disability: 'Nhìn kém' },
      acceptDuplicates: true,
    },
    'patrons.update': {
      cardNumber: s.reader,
      fullName: 'Lò Văn Đức',
      category: 'adult',
      dateOfBirth: '1988-02-01',
      sex: 'male',
      phone: '0912 000 111',
      address: 'Bản Nà Luồng',
      commune: 'Bình Lư',
      idNumber: '012088000111',
      introducedBy: 'UBND xã Bình Lư',
      guardianName: '',
      guardianPhone: '',
      notes: 'Đọc sách nông nghiệp',
      photo: tinyPng,
    },
    'patrons.findDuplicates': {
      fullName: 'Lo Van Duc',
      dateOfBirth: '1988-02-01',
      phone: '0912000111',
      idNumber: '012088000111',
      excludeCardNumber: s.other,
    },
    'patrons.search': { query: 'lo van', limit: 10 },
    'patrons.registeredSince': { since: '2026-03-01', limit: 50 },
    'patrons.get': { cardNumber: s.reader },
    'patrons.setBlock': { cardNumber: s.other, blocked: true, reason: 'Nợ sách quá hạn' },
    'patrons.renewCard': { cardNumber: s.other, expiresOn: '2027-12-31' },
    'patrons.setSensitive': { cardNumber: s.reader, consent: true, ethnicity: 'Thái', disability: 'Nhìn kém' },
    'patrons.exportData': { cardNumber: s.reader },
    'patrons.exportPdf': { cardNumber: s.reader },
    'patrons.erase': { cardNumber: s.other, confirmCardNumber: s.other },
    'categories.list': {},
    'categories.upsert': { code: 'village', labelVi: 'Bạn đọc thôn bản', labelEn: 'Village reader', active: true },
    'cards.pdf': { cardNumbers: [s.reader], layout: 'single' },
    'catalog.addTitle': {
      title: 'Sống chụ son sao',
      authors: ['Khuyết danh'],
      materialType: 'book',
      copies: [{ barcode: makeLibraryBarcode(3, 9, 1) }],
    },
    'catalog.search': { query: 'thai', limit: 5 },
    'catalog.item': { barcode: s.onLoan },
    'catalog.getTitle': { uuid: s.spareTitle },
    'catalog.saveTitle': {
      bib: {
        title: 'Tiễn dặn người yêu',
        responsibility: 'Mạc Phi dịch',
        authors: ['Khuyết danh'],
        isbn: ['978-604-969-842-2'],
        ddc: '398.209597',
        edition: 'Tái bản lần 2',
        place: 'Hà Nội',
        publisher: 'Văn học',
        year: '2019',
        extent: '180 tr.',
        series: ['Văn học dân gian Thái'],
        subjects: ['Truyện thơ'],
        languages: ['vie'],
        materialType: 'book',
      },
      needsCompletion: false,
      copies: [
        {
          barcode: makeLibraryBarcode(3, 9, 2),
          accessionNumber: 'VV00001',
          callNumber: '398.2 T305D',
          location: 'Kho mở',
          status: 'available',
          loanable: true,
          price: 56_000,
          acquisition: { kind: 'donation', donor: 'Hội Văn nghệ', date: '2026-03-01' },
        },
      ],
    },
    'catalog.addCopies': {
      uuid: s.spareTitle,
      copies: [
        {
          barcode: makeLibraryBarcode(3, 9, 3),
          accessionNumber: 'VV00002',
          callNumber: '398.2 KH500L',
          location: 'Kho mở',
          status: 'available',
          loanable: true,
          price: 40_000,
          acquisition: { kind: 'purchase', donor: 'Nhà sách', date: '2026-03-02' },
        },
      ],
      accessionPrefix: 'VV',
    },
    'catalog.updateCopy': {
      barcode: s.spare,
      status: 'damaged',
      location: 'Phòng đọc',
      callNumber: '398.2 KH500L',
      accessionNumber: 'VV00009',
      price: 40_000,
      loanable: false,
    },
    'catalog.quickAdd': {
      title: 'Sách chưa biên mục',
      author: 'Lò Văn Pọm',
      materialType: 'book',
      barcode: makeLibraryBarcode(3, 9, 4),
    },
    'catalog.incomplete': { offset: 0, limit: 10 },
    'catalog.nextAccession': { prefix: 'VV', count: 3 },
    'catalog.getAccessionSettings': {},
    'catalog.configureAccession': {
      prefixes: [
        { code: 'VV', label: 'Sách tiếng Việt' },
        { code: 'TN', label: 'Sách thiếu nhi' },
      ],
      digits: 6,
    },
    'catalog.labelsPdf': { barcodes: [s.spare], layout: 'a4-5x13', skip: 2 },
    'catalog.registerPdf': { from: '2026-01-01', to: '2026-12-31', prefix: 'VV' },
    'catalogio.preview': {
      filename: 'sach.csv',
      contentBase64: Buffer.from('title,barcode\nVợ chồng A Phủ,VV-0001\n').toString('base64'),
      format: 'csv',
      mapping: { title: 'title', barcode: 'barcode' },
      limit: 5,
    },
    'catalogio.import': {
      filename: 'sach.csv',
      contentBase64: Buffer.from('title,barcode\nVợ chồng A Phủ,VV-0001\n').toString('base64'),
      format: 'csv',
      mapping: { title: 'title', barcode: 'barcode' },
      dryRun: true,
      jobId: 'contract',
    },
    'catalogio.export': { format: 'csv' },
    'circulation.checkout': { patron: s.reader, item: s.available, proxy: { card: s.other } },
    'printing.getConfig': {},
    'printing.configure': {
      transport: { type: 'tcp', host: '192.168.1.50', port: 9100 },
      width: 80,
      mode: 'raster',
      autoPrint: true,
      wording: { checkoutTitle: 'PHIẾU MƯỢN', footerLines: ['Cảm ơn bạn đọc!'] },
    },
    'printing.queue': {},
    'printing.reprintLast': {},
    'printing.printReceipt': { kind: 'checkout', patron: s.reader, items: [s.onLoan] },
    'printing.testPage': {},
    'devices.list': {},
    'devices.configure': { serial: [], hid: [] },
    'speech.status': {},
    'speech.say': { text: 'Xin chào', language: 'vi' },
    'display.show': {
      state: {
        reader: { name: 'Lò Văn Đức', language: 'vi' },
        lines: [{ kind: 'lent', title: 'Truyện Kiều', barcode: s.onLoan, dueOn: '2026-12-10', overdueDays: 0 }],
        message: { code: 'lent', tone: 'success' },
        ended: false,
      },
    },
    'display.current': {},
    'circulation.return': { item: s.onLoan, proxy: { card: s.other } },
    'circulation.renew': { item: s.onLoan },
    'circulation.loans': { patron: s.reader },
    'policies.list': {},
    'policies.upsert': {
      patronCategory: 'pupil',
      materialType: 'book',
      loanDays: 10,
      maxItems: 4,
      maxRenewals: 1,
      graceDays: 2,
      dailyFee: 500,
    },
    'needs.set': { cardNumber: s.reader, kinds: ['visual', 'mobility'], note: 'Cần sách chữ to' },
    'needs.policies': {},
    'needs.setPolicy': { need: 'hearing', extraLoanDays: 7, extraItems: 1, extraRenewals: 1 },
    'proxies.list': { cardNumber: s.reader },
    'proxies.add': { cardNumber: s.reader, fullName: 'Lò Thị Xuân', idNumber: '012190000321', relation: 'vợ' },
    'proxies.remove': { cardNumber: s.reader, id: s.proxyId },
    'proxies.actingFor': { card: s.other },
    'deliveries.request': { cardNumber: s.reader, items: [s.available], text: 'Sách chữ to' },
    'deliveries.list': { status: 'requested', limit: 10 },
    'deliveries.advance': { id: s.deliveryId, to: 'delivered' },
    'deliveries.pdf': {},
    'kiosk.config': {},
    'kiosk.configure': { idleSeconds: 90 },
    'kiosk.identify': { card: s.reader },
    'kiosk.loans': { session: s.session },
    'kiosk.renew': { session: s.session, item: s.onLoan },
    'kiosk.search': { query: 'thai', limit: 5 },
    'kiosk.leave': { session: s.session },
    'calendar.get': {},
    'calendar.update': {
      openWeekdays: [0, 2, 3, 4, 5, 6],
      closedDates: [{ date: '2026-04-30', reason: 'Ngày Giải phóng miền Nam' }],
    },
    'sync.status': {},
    'sync.enrol': { hubUrl: 'http://127.0.0.1:9', code: 'K7Q2-M9XD', deviceName: 'Quầy 1' },
    'sync.now': {},
    'sync.exceptions': { status: 'all' },
    'sync.resolve': { id: 'exc-1', resolution: 'Đã gọi điện cho bạn đọc' },
  };
  return inputs[channel];
}

/** A 1×1 PNG, as a data URL. */
const tinyPng =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/**
 * Channels that answer with a PDF: their own tests (cards*.test.ts, export-pdf.test.ts) check what they make;
 * and the sync channels that talk to a hub (sync-worker.test.ts, against a stub hub).
 */
const documentChannels: Channel[] = [
  'cards.pdf',
  'patrons.exportPdf',
  'catalog.labelsPdf',
  'catalog.registerPdf',
  'deliveries.pdf',
  'sync.enrol',
  'sync.now',
  'sync.exceptions',
  'sync.resolve',
];
/** Job channels answer with a promise too (catalog-io.test.ts checks what they do). */
const jobChannels: Channel[] = ['catalogio.preview', 'catalogio.import', 'catalogio.export'];
const maxBase64Chars = Math.ceil(maxImportBytes / 3) * 4;
/** Strings whose limit is above the 10,000 characters the "oversized" case uses: a file's base64 content. */
const oversize: Record<string, number> = { contentBase64: maxBase64Chars + 4 };

type Path = (string | number)[];

/** Every leaf (string, number, boolean) and every array or object below the root, with its path. */
function walk(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = path.length > 0 ? [{ path, value }] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => walk(v, [...path, i]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([k, v]) => walk(v, [...path, k]))];
  return here;
}

function replaceAt(root: unknown, path: Path, replacement: (old: unknown) => unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  parent[last] = replacement(parent[last]);
  return copy;
}

function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'not a list';
  return 'not an object';
}

/** Inputs the contract must refuse for this channel, each with a name for the failure report. */
function malformedInputs(valid: Record<string, unknown>): [string, unknown][] {
  const cases: [string, unknown][] = [
    ['null', null],
    ['a number', 42],
    ['an array', [valid]],
    ['a string', JSON.stringify(valid)],
    ['a boolean', true],
    ['an unknown extra key', { ...valid, unexpected: 'x' }],
    [
      'a prototype-ish key',
      JSON.parse(
        `{${JSON.stringify(valid).slice(1, -1)}${Object.keys(valid).length ? ',' : ''}"__proto__":{"admin":true}}`,
      ),
    ],
  ];
  if (Object.keys(valid).length === 0) cases.push(['a field where none is expected', { limit: 5 }]);
  for (const { path, value } of walk(valid)) {
    const where = path.join('.');
    cases.push([`${where} of the wrong type`, replaceAt(valid, path, wrongType)]);
    if (typeof value === 'string')
      cases.push([
        `${where} oversized`,
        replaceAt(valid, path, () => 'x'.repeat(oversize[String(path.at(-1))] ?? 10_000)),
      ]);
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      cases.push([
        `${where} with an unknown extra key`,
        replaceAt(valid, path, (o) => ({ ...(o as object), extra: 1 })),
      ]);
  }
  return cases;
}

let desk: TempDesk;
let seeded: Seed;

beforeEach(() => {
  desk = tempDesk();
  seeded = seed(desk.core);
});

afterEach(() => desk.dispose());

describe('malformed input is refused with VALIDATION and changes nothing', () => {
  it.each(channels)('%s', async (channel) => {
    const valid = validInput(channel, seeded);
    // The valid input really is valid for the schema: the refusals below come from the spoiling.
    expect(contract[channel].input.safeParse(valid).success).toBe(true);
    const cases = malformedInputs(valid);
    expect(cases.length).toBeGreaterThanOrEqual(7);
    for (const [name, input] of cases) {
      const before = snapshotTables(desk.core.db);
      const result = await desk.core.call(channel, input);
      expect(result.ok, `${channel} accepted ${name}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, `${channel} / ${name}`).toBe('VALIDATION');
      expect(result.error.message.length, `${channel} / ${name}`).toBeGreaterThan(0);
      expect(snapshotTables(desk.core.db), `${channel} / ${name} changed the database`).toEqual(before);
    }
  });
});

describe('channel names', () => {
  it('an unknown channel answers UNKNOWN_CHANNEL and changes nothing', async () => {
    const before = snapshotTables(desk.core.db);
    for (const name of ['circulation.steal', 'constructor', '__proto__', 'toString', 'patrons', '', 'Patrons.Search']) {
      const error = refused(await desk.core.call(name, {}));
      expect(error.code, name).toBe('UNKNOWN_CHANNEL');
      expect(error.message.length).toBeGreaterThan(0);
    }
    expect(snapshotTables(desk.core.db)).toEqual(before);
  });

  it('every channel is domain.action', () => {
    for (const channel of channels) expect(channel).toMatch(/^[a-z]+\.[a-zA-Z]+$/u);
  });
});

describe('successful output matches the output schema', () => {
  it('for every channel', async () => {
    const order: Channel[] = [
      'system.info',
      'system.status',
      'settings.get',
      'patrons.search',
      'patrons.findDuplicates',
      'patrons.registeredSince',
      'patrons.get',
      'patrons.exportData',
      'categories.list',
      'catalog.search',
      'catalog.item',
      'catalog.getTitle',
      'catalog.incomplete',
      'catalog.nextAccession',
      'catalog.getAccessionSettings',
      'circulation.loans',
      'policies.list',
      'calendar.get',
      'printing.getConfig',
      'printing.queue',
      'printing.printReceipt',
      'printing.reprintLast',
      'printing.testPage',
      'printing.configure',
      'devices.list',
      'devices.configure',
      'needs.policies',
      'proxies.list',
      'proxies.actingFor',
      'deliveries.list',
      'kiosk.config',
      'kiosk.identify',
      'kiosk.loans',
      'kiosk.search',
      'kiosk.renew',
      'speech.status',
      'speech.say',
      'display.show',
      'display.current',
      'sync.status',
      'circulation.renew',
      'circulation.return',
      'circulation.checkout',
      'kiosk.leave',
      'kiosk.configure',
      'needs.set',
      'needs.setPolicy',
      'proxies.add',
      'proxies.remove',
      'deliveries.request',
      'deliveries.advance',
      'patrons.register',
      'patrons.update',
      'patrons.setSensitive',
      'patrons.renewCard',
      'patrons.setBlock',
      'patrons.erase',
      'categories.upsert',
      'catalog.addTitle',
      'catalog.saveTitle',
      'catalog.addCopies',
      'catalog.updateCopy',
      'catalog.quickAdd',
      'catalog.configureAccession',
      'policies.upsert',
      'calendar.update',
      'settings.update',
      'system.setup',
    ];
    expect([...order, ...documentChannels, ...jobChannels].sort()).toEqual([...channels].sort());
    for (const channel of order) {
      const result = desk.core.call(channel as string, validInput(channel, seeded));
      // Only document channels answer with a promise.
      expect(result, channel).not.toBeInstanceOf(Promise);
      const data = ok(await result);
      const parsed = contract[channel].output.safeParse(data);
      expect(parsed.success, `${channel}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
      // Nothing in the answer is dropped by the schema's parse either: its keys are the schema's keys.
      expect(JSON.parse(JSON.stringify(parsed.data))).toEqual(JSON.parse(JSON.stringify(data)));
    }
    for (const channel of jobChannels) {
      const result = desk.core.call(channel as string, validInput(channel, seeded));
      expect(result, channel).toBeInstanceOf(Promise);
      const data = ok(await result);
      const parsed = contract[channel].output.safeParse(data);
      expect(parsed.success, `${channel}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
      expect(JSON.parse(JSON.stringify(parsed.data))).toEqual(JSON.parse(JSON.stringify(data)));
    }
  });

  it('the answers carry what was asked for', () => {
    const core = desk.core;
    expect(ok(core.call('patrons.search', { query: 'duc' }))[0]?.cardNumber).toBe(seeded.reader);
    expect(ok(core.call('catalog.search', { query: 'cam trong' }))[0]?.title).toBe('Truyện cổ dân tộc Thái');
    expect(ok(core.call('catalog.search', { query: seeded.available }))[0]?.copies).toHaveLength(2);
    expect(ok(core.call('patrons.get', { cardNumber: seeded.reader })).loans.map((l) => l.item)).toEqual([
      seeded.onLoan,
    ]);
    const info = ok(core.call('system.info', {}));
    expect(info).toEqual({ version: '0.1.0', deviceId: core.deviceId, schemaVersion: latestSchemaVersion });
    expect(ok(core.call('system.status', {}))).toMatchObject({ patrons: 2, titles: 2, items: 3, openLoans: 1 });
  });
});
