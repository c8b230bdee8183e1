/**
 * How a backup file writes what JSON cannot hold: a bigint as `{"$bigint": "123"}` and a
 * typed array as `{"$typed": "Int32Array", "base64": "…"}` (its bytes, little-endian as
 * stored). One definition for every reader and writer of the file: the browser's backup
 * (src/storage/backup.ts), the status command (scripts/lib/backupFile.ts) and the team
 * server's move of a local workspace (server/ledger/localBackup.ts).
 */

export const BACKUP_TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
export type BackupTypedName = keyof typeof BACKUP_TYPED_ARRAYS;

/** What a reviver found wrong in an encoded value (`type` names the typed array, where there is one). */
export type BackupJsonProblem =
  | { readonly code: 'bad-bigint' }
  | { readonly code: 'unknown-typed'; readonly type: string }
  | { readonly code: 'bad-base64'; readonly type: string }
  | { readonly code: 'partial-element'; readonly type: string };

function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  const step = 3 * 10_922; // a multiple of 3, so only the last piece carries "=" padding
  for (let i = 0; i < bytes.length; i += step) {
    out += btoa(String.fromCharCode.apply(null, bytes.subarray(i, i + step) as unknown as number[]));
  }
  return out;
}

function base64ToBytes(b64: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return null;
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** JSON.stringify replacer writing bigints and typed arrays as above; another binary view throws. */
export function backupReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name;
    if (!Object.hasOwn(BACKUP_TYPED_ARRAYS, name)) throw new Error(`Cannot back up a ${name}`);
    return { $typed: name, base64: bytesToBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  return value;
}

/**
 * A JSON.parse reviver reading bigints and typed arrays as above. A malformed one is passed
 * to `onProblem`, which throws the caller's own error, or returns to keep the value as the
 * plain object it is (for a reader that checks the shape afterwards and names the path).
 */
export function backupReviver(onProblem: (problem: BackupJsonProblem) => void) {
  return (_key: string, value: unknown): unknown => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    const v = value as Record<string, unknown>;
    const keys = Object.keys(v);
    if (keys.length === 1 && typeof v.$bigint === 'string') {
      if (/^-?\d{1,20}$/.test(v.$bigint)) return BigInt(v.$bigint);
      onProblem({ code: 'bad-bigint' });
      return value;
    }
    if (keys.length === 2 && typeof v.$typed === 'string' && typeof v.base64 === 'string') {
      const type = v.$typed;
      if (!Object.hasOwn(BACKUP_TYPED_ARRAYS, type)) {
        onProblem({ code: 'unknown-typed', type });
        return value;
      }
      const ctor = BACKUP_TYPED_ARRAYS[type as BackupTypedName];
      const bytes = base64ToBytes(v.base64);
      if (!bytes) {
        onProblem({ code: 'bad-base64', type });
        return value;
      }
      if (bytes.byteLength % ctor.BYTES_PER_ELEMENT !== 0) {
        onProblem({ code: 'partial-element', type });
        return value;
      }
      return new ctor(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / ctor.BYTES_PER_ELEMENT);
    }
    return value;
  };
}
