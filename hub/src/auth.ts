import type { z } from 'zod';
import type { enrolRequestSchema, enrolResponseSchema } from '../../shared/sync-protocol';
import type { HubDb, Queryable } from './db/adapter';
import { HubError } from './errors';
import { enrolmentCodeHash, newDeviceToken, sha256 } from './tokens';

export interface Device {
  deviceId: string;
  libraryId: string;
}

/**
 * Trades a one-time code for a device token. A desk enrolling again (a lost
 * token, a reinstall) with a fresh code for the same library gets a new token
 * and its stored sequence stays; the old token stops working.
 */
export async function enrol(
  db: HubDb,
  hubId: string,
  input: z.output<typeof enrolRequestSchema>,
): Promise<z.output<typeof enrolResponseSchema>> {
  return db.transaction(async (tx) => {
    const found = await tx.query<{ library_id: string; desk_name: string; name: string }>(
      `SELECT c.library_id::text AS library_id, c.desk_name, l.name
         FROM enrolment_codes c JOIN libraries l ON l.id = c.library_id
        WHERE c.code_hash = $1 AND c.used_at IS NULL AND c.expires_at > now()
        FOR UPDATE OF c`,
      [enrolmentCodeHash(input.code)],
    );
    const code = found.rows[0];
    if (!code) throw new HubError('CODE_USED', 'This enrolment code is unknown, already used or expired.');
    const existing = await tx.query<{ library_id: string }>(
      'SELECT library_id::text AS library_id FROM devices WHERE device_id = $1',
      [input.deviceId],
    );
    const other = existing.rows[0];
    if (other && other.library_id !== code.library_id)
      throw new HubError('DEVICE_MISMATCH', 'This device is enrolled with another library.');
    const token = newDeviceToken();
    const name = (input.deviceName ?? code.desk_name).normalize('NFC');
    await tx.query(
      `INSERT INTO devices (device_id, library_id, name, token_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (device_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, name = EXCLUDED.name,
         revoked_at = NULL, enrolled_at = now()`,
      [input.deviceId, code.library_id, name, sha256(token)],
    );
    await tx.query('UPDATE enrolment_codes SET used_at = now(), used_by = $2 WHERE code_hash = $1', [
      enrolmentCodeHash(input.code),
      input.deviceId,
    ]);
    return { deviceToken: token, deviceId: input.deviceId, libraryId: code.library_id, libraryName: code.name, hubId };
  });
}

/** The device a Bearer token belongs to; 401 when missing, unknown or revoked. */
export async function authenticate(db: Queryable, authorization: string | undefined): Promise<Device> {
  const match = /^Bearer ([A-Za-z0-9_-]{32,200})$/u.exec(authorization ?? '');
  if (!match) throw new HubError('UNAUTHORIZED', 'A device token is required.');
  const rows = await db.query<{ device_id: string; library_id: string }>(
    'SELECT device_id, library_id::text AS library_id FROM devices WHERE token_hash = $1 AND revoked_at IS NULL',
    [sha256(match[1]!)],
  );
  const row = rows.rows[0];
  if (!row) throw new HubError('UNAUTHORIZED', 'Unknown or revoked device token.');
  return { deviceId: row.device_id, libraryId: row.library_id };
}

/** The body names a device: it must be the token's. */
export function requireSameDevice(device: Device, bodyDeviceId: string): void {
  if (device.deviceId !== bodyDeviceId)
    throw new HubError('DEVICE_MISMATCH', 'The deviceId in the body is not this token’s device.');
}
