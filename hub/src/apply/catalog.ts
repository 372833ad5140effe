import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { copyRecordSchema, type TitleRecord } from '../../../shared/bib';
import { materialTypeSchema } from '../../../shared/domain';
import type { titleAdded } from './payloads';

/** A stable UUID for a quick-added title, which carries only its desk's local id. */
export function quickAddUuid(deviceId: string, localId: string | number): string {
  const hex = createHash('sha256').update(`library-desk title ${deviceId} ${localId}`).digest('hex');
  // Shaped as a version-5-style UUID (name-based) so the protocol's z.uuid() accepts it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** catalog.titleAdded: the desk's quick add, turned into a TitleRecord marked for completion. */
export function titleAddedAsRecord(deviceId: string, p: z.output<typeof titleAdded>): TitleRecord {
  const materialType = materialTypeSchema.safeParse(p.materialType ?? 'book');
  return {
    uuid: quickAddUuid(deviceId, p.id),
    bib: {
      title: p.title.normalize('NFC'),
      responsibility: null,
      authors: p.authors.map((a) => a.normalize('NFC')),
      isbn: [],
      ddc: null,
      edition: null,
      place: null,
      publisher: null,
      year: null,
      extent: null,
      series: [],
      subjects: [],
      languages: [],
      materialType: materialType.success ? materialType.data : 'other',
    },
    marcxml: null,
    needsCompletion: true,
    copies: p.copies.map((c) => copyRecordSchema.parse({ barcode: c.barcode })),
  };
}
