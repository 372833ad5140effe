import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A device token: 32 random bytes, base64url. Only its SHA-256 is stored. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// Crockford's base32 without look-alikes: read aloud or typed from paper.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time enrolment code, e.g. "7K3M-Q9XD-2HRT" (60 bits). */
export function newEnrolmentCode(): string {
  const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Case, spaces and hyphens do not matter when the code is typed back. */
export function enrolmentCodeHash(code: string): string {
  return sha256(code.toUpperCase().replace(/[\s-]/gu, ''));
}
