import { randomUUID } from 'node:crypto';
import type { Queryable } from './db/adapter';
import { enrolmentCodeHash, newEnrolmentCode } from './tokens';

export interface Library {
  id: string;
  name: string;
}

export async function createLibrary(db: Queryable, name: string): Promise<Library> {
  const trimmed = name.normalize('NFC').trim();
  if (trimmed === '') throw new Error('A library needs a name.');
  const existing = await db.query<Library>('SELECT id, name FROM libraries WHERE name = $1', [trimmed]);
  if (existing.rows[0]) throw new Error(`A library named "${trimmed}" already exists.`);
  const id = randomUUID();
  await db.query('INSERT INTO libraries (id, name) VALUES ($1, $2)', [id, trimmed]);
  return { id, name: trimmed };
}

/** By name or id. */
export async function findLibrary(db: Queryable, nameOrId: string): Promise<Library | null> {
  const rows = await db.query<Library>('SELECT id::text AS id, name FROM libraries WHERE name = $1 OR id::text = $1', [
    nameOrId.normalize('NFC').trim(),
  ]);
  return rows.rows[0] ?? null;
}

export interface DeskCode {
  code: string;
  expiresAt: Date;
  library: Library;
  deskName: string;
}

/** Issues a one-time enrolment code for a desk of `library` (default 7 days valid). */
export async function createDeskCode(
  db: Queryable,
  libraryNameOrId: string,
  deskName: string,
  validHours = 24 * 7,
): Promise<DeskCode> {
  const library = await findLibrary(db, libraryNameOrId);
  if (!library) throw new Error(`No library "${libraryNameOrId}".`);
  const code = newEnrolmentCode();
  const expiresAt = new Date(Date.now() + validHours * 3_600_000);
  await db.query('INSERT INTO enrolment_codes (code_hash, library_id, desk_name, expires_at) VALUES ($1, $2, $3, $4)', [
    enrolmentCodeHash(code),
    library.id,
    deskName.normalize('NFC').trim(),
    expiresAt,
  ]);
  return { code, expiresAt, library, deskName };
}

/** Revokes a device's token: its next request is refused (401). */
export async function revokeDevice(db: Queryable, deviceId: string): Promise<boolean> {
  const result = await db.query('UPDATE devices SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL', [
    deviceId,
  ]);
  return result.rowCount > 0;
}
