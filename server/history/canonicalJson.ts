/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units, no
 * whitespace, strings and finite numbers as JSON.stringify writes them (the
 * RFC 8785 rules for the values this server stores).
 *
 * NOTE: the control-evidence work is writing the app's canonical-JSON and hash
 * chain in src/domain/history/. It had not landed when this was written; once
 * it has, the server should hash with that code so a chain exported from a
 * browser workspace continues unchanged here, and this file goes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Canonical JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const keys = Object.keys(rec)
      .filter((k) => rec[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(rec[k])}`).join(',')}}`;
  }
  throw new TypeError(`Canonical JSON cannot encode a ${typeof value}`);
}
