/**
 * Moving the big text columns of an import result from the import worker,
 * past the main thread, to the ledger worker: a 1M-row column is ~10-20 M
 * UTF-16 code units, and turning it into a string (or a string back into
 * code units) costs the main thread tens of milliseconds (measured ~90 ms
 * each way for two columns in Chromium here). So the import worker transfers
 * the code units as chunks of Uint16Array (zero-copy), the main thread keeps
 * them as they are in a lazily decoded column (`lazyTextColumn`), and the
 * ledger client transfers the same chunks on (`unitChunksOf`). The page
 * decodes only if something actually reads the text.
 */
import type { StringColumn } from './types';

/** Code units per chunk: ~1 MB, a couple of milliseconds to copy. */
export const TEXT_CHUNK_UNITS = 1 << 19;

/** Splits a string into chunks of UTF-16 code units (copies; run this in the worker). */
export function textToUnitChunks(text: string, chunkUnits = TEXT_CHUNK_UNITS): Uint16Array[] {
  const out: Uint16Array[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + chunkUnits);
    // Never end a chunk between the two halves of a surrogate pair, so any
    // one chunk decodes to well-formed text.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - start > 1 && last >= 0xd800 && last <= 0xdbff) end--;
    const u = new Uint16Array(end - start);
    for (let k = start; k < end; k++) u[k - start] = text.charCodeAt(k);
    out.push(u);
    start = end;
  }
  return out;
}

/**
 * The same chunks as textToUnitChunks(text) for the code units of `text`, copied
 * straight from the units (no string in between).
 */
export function unitsToChunks(units: Uint16Array, chunkUnits = TEXT_CHUNK_UNITS): Uint16Array[] {
  const out: Uint16Array[] = [];
  let start = 0;
  while (start < units.length) {
    let end = Math.min(units.length, start + chunkUnits);
    const last = units[end - 1]!;
    if (end < units.length && end - start > 1 && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(units.slice(start, end));
    start = end;
  }
  return out;
}

/** True when every surrogate of the units is half of a pair (what a TextDecoder keeps as it is). */
export function wellFormedUnits(units: Uint16Array): boolean {
  const n = units.length;
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    if (u < 0xd800 || u > 0xdfff) continue;
    if (u > 0xdbff) return false;
    const v = i + 1 < n ? units[i + 1]! : 0;
    if (v < 0xdc00 || v > 0xdfff) return false;
    i++;
  }
  return true;
}

const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The units as bytes when every one is ASCII, else null (often at the first unit: a
 * Chinese description column costs nothing here).
 */
function asciiBytes(units: Uint16Array): Uint8Array | null {
  const n = units.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    if (u > 0x7f) return null;
    out[i] = u;
  }
  return out;
}

/**
 * The string of these code units, exactly. Well-formed units (every surrogate half of
 * a pair) go through the native UTF-16 decoder, told to keep a leading U+FEFF (it
 * would drop it as a byte order mark); units with a lone surrogate, which the
 * decoder would replace with U+FFFD, through String.fromCharCode, a slice at a time
 * (apply() takes a bounded number of arguments). The decoder is ~5× faster on a
 * million-row column (it was the ledger worker's longest step before a check).
 */
export function unitsToText(units: Uint16Array): string {
  if (units.length > 64 && units[0]! <= 0x7f) {
    // ASCII (invoice numbers, ERP codes) through the UTF-8 decoder, which gives a string of
    // one byte per character: the UTF-16 decoder's string has two, and that is what the
    // chunk records would store and clone (a million rows' references: ~50 ms of write, and
    // the UTF-16 decode itself was slower than this pass).
    const bytes = asciiBytes(units);
    if (bytes) return utf8.decode(bytes);
  }
  if (units.length > 64 && wellFormedUnits(units)) {
    // Code units as little-endian bytes: the platform order of typed arrays everywhere JS runs.
    return utf16.decode(new Uint8Array(units.buffer, units.byteOffset, units.byteLength));
  }
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += 4096) {
    parts.push(String.fromCharCode.apply(null, units.subarray(i, i + 4096) as unknown as number[]));
  }
  return parts.join('');
}

/** The string of several chunks in order. */
export function unitChunksToText(chunks: readonly Uint16Array[]): string {
  return chunks.map(unitsToText).join('');
}

/** Chunks behind the columns built by lazyTextColumn (kept off the object, so the column's shape is unchanged). */
const chunksOf = new WeakMap<StringColumn, readonly Uint16Array[]>();

/**
 * A text column over transferred chunks: `text` is decoded on first read (and
 * kept), so a column only handed on to another worker is never decoded here.
 * After the chunks are transferred away (detached) an unread `text` is ''
 * — as the column's offsets, transferred with them, are empty too.
 */
export function lazyTextColumn(chunks: readonly Uint16Array[], offsets: Uint32Array): StringColumn {
  let text: string | undefined;
  const col: StringColumn = {
    offsets,
    get text(): string {
      text ??= unitChunksToText(chunks);
      return text;
    },
  };
  chunksOf.set(col, chunks);
  return col;
}

/** The chunks a column from lazyTextColumn was built over, or undefined for an ordinary column. */
export function unitChunksOf(col: StringColumn): readonly Uint16Array[] | undefined {
  return chunksOf.get(col);
}
