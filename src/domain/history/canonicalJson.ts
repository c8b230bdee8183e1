/**
 * JSON Canonicalization Scheme (RFC 8785): the one byte sequence a JSON value
 * hashes as, whoever wrote it. Object members are sorted by the UTF-16 code
 * units of their names (RFC 8785 §3.2.3), no whitespace, numbers as
 * ECMAScript's Number-to-String (§3.2.2.3, which `String(n)` is), strings with
 * the minimal JSON escapes (§3.2.2.2, which `JSON.stringify` of a string is).
 */

/** Raised for a value RFC 8785 cannot represent; nothing is hashed. */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function str(s: string, path: string): string {
  // I-JSON (RFC 7493), which RFC 8785 requires, has no lone surrogates.
  if (LONE_SURROGATE.test(s)) throw new CanonicalJsonError(`${path}: a string holds a lone surrogate.`);
  return JSON.stringify(s);
}

/**
 * The RFC 8785 canonical text of a JSON value. Object members whose value is
 * `undefined` are left out (as JSON.stringify does), so optional fields need
 * no special care; `undefined` in an array, NaN, ±Infinity, bigints,
 * functions and symbols are refused with CanonicalJsonError naming the path.
 * Hash the UTF-8 bytes of the result (TextEncoder).
 */
export function canonicalJson(value: unknown, path = '$'): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${String(value)} is not a JSON number.`);
      // String(-0) is "0", as §3.2.2.3 wants.
      return String(value);
    case 'string':
      return str(value, path);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((v, i) => {
            if (v === undefined) throw new CanonicalJsonError(`${path}[${i}]: undefined is not a JSON value.`);
            return canonicalJson(v, `${path}[${i}]`);
          })
          .join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null)
        throw new CanonicalJsonError(`${path}: only plain objects are JSON objects.`);
      const obj = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, exactly §3.2.3's order.
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${str(k, path)}:${canonicalJson(obj[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${path}: a ${typeof value} is not a JSON value.`);
  }
}
