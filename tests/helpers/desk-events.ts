import { randomUUID } from 'node:crypto';
import type { TitleRecord } from '../../shared/bib';
import type { SyncEvent } from '../../shared/sync-protocol';

/** A small deterministic PRNG (mulberry32) so interleavings and streams are reproducible by seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A simulated desk writing outbox events with the payloads the real desk
 * writes (electron/core/services/*), in device_seq order, on its own clock.
 */
export class SimDesk {
  readonly events: SyncEvent[] = [];
  private clock: number;
  private openLoans = new Map<string, { loanId: string; patron: string }>();

  constructor(
    readonly deviceId: string,
    start = Date.parse('2026-09-01T01:00:00Z'),
    /** Added to every timestamp the desk writes (a wrong clock). */
    readonly skewMs = 0,
    /** Time between two events. */
    readonly stepMs = 30_000,
  ) {
    this.clock = start;
  }

  private record(type: string, payload: unknown): SyncEvent {
    this.clock += this.stepMs;
    const event: SyncEvent = {
      deviceSeq: this.events.length + 1,
      eventId: randomUUID(),
      hlc: `${String(this.clock).padStart(15, '0')}:0000:${this.deviceId}`,
      operator: 'thủ thư',
      type,
      payload,
      createdAt: this.now(),
    };
    this.events.push(event);
    return event;
  }

  now(): string {
    return new Date(this.clock + this.skewMs).toISOString();
  }

  register(cardNumber: string, fullName: string): SyncEvent {
    return this.record('patron.registered', {
      id: this.events.length + 1,
      cardNumber,
      fullName,
      category: 'adult',
      expiresOn: '2027-12-31',
      blocked: false,
      registeredAt: this.now(),
      details: { fullName, phone: '0912345678', dateOfBirth: '1990-05-01' },
      photo: false,
      notes: false,
      consent: false,
    });
  }

  block(cardNumber: string, reason: string): SyncEvent {
    return this.record('patron.blocked', { cardNumber, reason, by: 'thủ thư' });
  }

  erase(cardNumber: string): SyncEvent {
    return this.record('patron.erased', { cardNumber, erasedAt: this.now(), loansAnonymised: 0 });
  }

  addTitle(title: string, barcodes: string[]): SyncEvent {
    const record: TitleRecord = {
      uuid: randomUUID(),
      bib: {
        title,
        responsibility: null,
        authors: ['Tô Hoài'],
        isbn: [],
        ddc: '895.922',
        edition: null,
        place: 'Hà Nội',
        publisher: 'Kim Đồng',
        year: '2020',
        extent: null,
        series: [],
        subjects: [],
        languages: ['vie'],
        materialType: 'book',
      },
      marcxml: null,
      needsCompletion: false,
      copies: barcodes.map((barcode) => ({
        barcode,
        accessionNumber: null,
        callNumber: null,
        location: null,
        status: 'available',
        loanable: true,
        price: null,
        acquisition: null,
      })),
    };
    return this.record('catalog.titleSaved', record);
  }

  checkout(item: string, patron: string): SyncEvent {
    const loanId = randomUUID();
    this.openLoans.set(item, { loanId, patron });
    return this.record('loan.checkedOut', { loanId, item, patron, loanedAt: this.now(), dueOn: '2026-12-31' });
  }

  /** A return as this desk saw it (its own loan, or the item's open loan elsewhere when `loan` is given). */
  giveBack(item: string, loan?: { loanId: string; patron: string }): SyncEvent {
    const known = loan ?? this.openLoans.get(item);
    this.openLoans.delete(item);
    return this.record('loan.returned', {
      loanId: known?.loanId ?? null,
      item,
      patron: known?.patron ?? null,
      returnedAt: this.now(),
      overdueDays: 0,
      fee: 0,
    });
  }

  renew(item: string): SyncEvent | null {
    const loan = this.openLoans.get(item);
    if (!loan) return null;
    return this.record('loan.renewed', {
      loanId: loan.loanId,
      item,
      patron: loan.patron,
      dueOn: '2027-01-15',
      renewals: 1,
    });
  }

  isOut(item: string): boolean {
    return this.openLoans.has(item);
  }

  custom(type: string, payload: unknown): SyncEvent {
    return this.record(type, payload);
  }
}

/**
 * `count` events of ordinary desk work on its own readers and copies: a
 * catalogue and registrations first, then checkouts, returns and renewals.
 */
export function busyDesk(deviceId: string, count: number, seed: number, skewMs = 0): SimDesk {
  const desk = new SimDesk(deviceId, undefined, skewMs);
  const random = prng(seed);
  const readers = Math.max(5, Math.floor(count / 50));
  const titles = Math.max(5, Math.floor(count / 100));
  const items: string[] = [];
  for (let t = 0; t < titles && desk.events.length < count; t += 1) {
    const barcodes = [0, 1, 2].map((c) => `${deviceId}-I${t}-${c}`);
    items.push(...barcodes);
    desk.addTitle(`Dế Mèn phiêu lưu ký ${t}`, barcodes);
  }
  for (let r = 0; r < readers && desk.events.length < count; r += 1)
    desk.register(`${deviceId}-C${r}`, `Lò Văn Đức ${r}`);
  while (desk.events.length < count) {
    const item = items[Math.floor(random() * items.length)]!;
    if (desk.isOut(item)) {
      if (random() < 0.15) desk.renew(item);
      else desk.giveBack(item);
    } else desk.checkout(item, `${deviceId}-C${Math.floor(random() * readers)}`);
  }
  return desk;
}
