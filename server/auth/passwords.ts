/**
 * Password hashing with scrypt from node:crypto (a memory-hard function, no
 * native add-on to build). The stored string carries its own parameters, so
 * raising the cost later still verifies older hashes.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** log2 of scrypt's N. 17 (128 MiB, r = 8) is OWASP's recommendation; tests use less to stay fast. */
export const DEFAULT_COST_LOG2 = 17;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** log2N;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$<log2 N>$<r>$<p>$<salt, base64>$<key, base64>` */
export async function hashPassword(password: string, log2N = DEFAULT_COST_LOG2): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, log2N, R, P);
  return ['scrypt', log2N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!(log2N >= 10 && log2N <= 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16)) return false;
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await derive(password, Buffer.from(parts[4]!, 'base64'), log2N, r, p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * Rules for a new password: long enough to resist guessing, short enough to
 * hash cheaply. The problem is a refusal key (src/ui/messages/apiRefusals.ts).
 */
export function passwordProblem(password: string): 'password-too-short' | 'password-too-long' | null {
  if (password.length < 12) return 'password-too-short';
  if (password.length > 256) return 'password-too-long';
  return null;
}
