/**
 * A workbook cut to its first rows, for the import preview.
 *
 * The spreadsheet reader inflates and parses every worksheet and the whole
 * shared-strings table before it applies its row limit, which is most of the
 * preview's time on a 200,000-row export. The preview needs only the first few
 * dozen rows of each sheet, so each worksheet is inflated as a stream and
 * decompression stops once enough rows have arrived; the shared strings stop at
 * the last one those rows use. The result is a small, valid .xlsx that the same
 * reader then reads exactly as it would read the whole file — dates, number
 * formats and formula results keep their meaning, and the `<dimension>` kept at
 * the top of each sheet still states the full row count.
 */
import { Inflate, inflateSync, zipSync, type Zippable } from 'fflate';
import type { ZipEntryInfo } from './zip';

/** Stop inflating a worksheet that has produced this much text without enough rows (bytes). */
const MAX_HEAD_BYTES = 16 * 1024 * 1024;
/** Compressed bytes pushed into the inflater between checks for enough rows. */
const CHUNK_BYTES = 16 * 1024;

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const SHARED_STRINGS = 'xl/sharedStrings.xml';

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}

/** The compressed bytes of an entry, read through its local header; null when the header is not there. */
function entryData(bytes: Uint8Array, e: ZipEntryInfo): Uint8Array | null {
  const o = e.localHeaderOffset;
  if (o + 30 > bytes.length || u16(bytes, o) !== 0x4b50 || u16(bytes, o + 2) !== 0x0403) return null;
  const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
  const end = start + e.compressedSize;
  return end <= bytes.length ? bytes.subarray(start, end) : null;
}

/**
 * Inflates an entry until `enough(textSoFar)` returns the length of text to keep,
 * or to its end (then the whole text is returned with `complete: true`).
 * Returns null when the entry uses a method other than store or deflate, or is
 * damaged (the caller then reads the whole file the ordinary way and reports
 * the damage with its usual message).
 */
function inflateUntil(
  data: Uint8Array,
  method: number,
  enough: (text: string) => number | null,
): { text: string; complete: boolean } | null {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let cut: number | null = null;
  const take = (chunk: Uint8Array, final: boolean) => {
    text += decoder.decode(chunk, { stream: !final });
  };
  try {
    if (method === 0) {
      // Stored: decode in slices so a huge stored sheet is not decoded whole.
      for (let p = 0; p < data.length && cut === null; p += CHUNK_BYTES * 8) {
        const end = Math.min(data.length, p + CHUNK_BYTES * 8);
        take(data.subarray(p, end), end === data.length);
        cut = enough(text);
        if (text.length > MAX_HEAD_BYTES) return null;
      }
    } else if (method === 8) {
      const inflater = new Inflate(take);
      for (let p = 0; p < data.length && cut === null; p += CHUNK_BYTES) {
        const end = Math.min(data.length, p + CHUNK_BYTES);
        inflater.push(data.subarray(p, end), end === data.length);
        cut = enough(text);
        if (text.length > MAX_HEAD_BYTES) return null;
      }
    } else {
      return null;
    }
  } catch {
    return null;
  }
  return cut === null ? { text, complete: true } : { text: text.slice(0, cut), complete: false };
}

/** The namespace prefix of a document's root element (`x:` in `<x:worksheet>`), or ''. */
function rootPrefix(text: string, root: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${root}[\\s>]`).exec(text);
  return m?.[1] ?? '';
}

/** End offset of the n-th occurrence of `needle`, or null when there are fewer. */
function endOfNth(text: string, needle: string, n: number): number | null {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return null;
  }
  return at + needle.length;
}

/** Largest shared-string index a worksheet's cells use (`t="s"` cells), or -1. */
function maxSharedIndex(sheet: string, prefix: string): number {
  let max = -1;
  // A styled empty cell is self-closing (<c r="B2" s="3"/>): it must not swallow the next cell.
  const cell = new RegExp(`<${prefix}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${prefix}c>)`, 'g');
  const value = new RegExp(`<${prefix}v>\\s*(\\d+)\\s*</${prefix}v>`);
  for (let m = cell.exec(sheet); m; m = cell.exec(sheet)) {
    if (m[2] === undefined || !/\bt\s*=\s*["']s["']/.test(m[1]!)) continue;
    const v = value.exec(m[2]);
    if (v) max = Math.max(max, Number(v[1]));
  }
  return max;
}

/**
 * The workbook with every worksheet cut after its first `rowLimit` rows and the
 * shared strings cut after the last one those rows use, as .xlsx bytes; null
 * when nothing would be saved (no sheet is longer than the limit) or the file
 * cannot be cut safely (binary .xlsb sheets, an unknown compression method, a
 * damaged entry): the caller then reads the original bytes.
 *
 * @param bytes the .xlsx file
 * @param entries its central directory (readZipDirectory), already checked against zip bombs
 * @param rowLimit rows to keep per worksheet (≥ 1), counted as `<row>` elements from the top
 */
export function cutWorkbookRows(
  bytes: Uint8Array,
  entries: readonly ZipEntryInfo[],
  rowLimit: number,
): Uint8Array | null {
  const files: Zippable = {};
  const cutSheets: { text: string; prefix: string }[] = [];
  let anyCut = false;
  let sharedEntry: ZipEntryInfo | null = null;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const data = entryData(bytes, e);
    if (!data) return null;
    if (e.name === SHARED_STRINGS) {
      sharedEntry = e;
      continue;
    }
    if (WORKSHEET.test(e.name)) {
      let prefix: string | null = null;
      const head = inflateUntil(data, e.method, (text) => {
        prefix ??= text.length > 512 || text.includes('sheetData') ? rootPrefix(text, 'worksheet') : null;
        if (prefix === null) return null;
        return endOfNth(text, `</${prefix}row>`, rowLimit);
      });
      if (!head) return null;
      const p = prefix ?? rootPrefix(head.text, 'worksheet');
      const text = head.complete ? head.text : `${head.text}</${p}sheetData></${p}worksheet>`;
      anyCut ||= !head.complete;
      cutSheets.push({ text, prefix: p });
      files[e.name] = [new TextEncoder().encode(text), { level: 0 }];
      continue;
    }
    try {
      files[e.name] = [e.method === 0 ? data.slice() : inflateSync(data), { level: 0 }];
    } catch {
      return null;
    }
    if (e.method !== 0 && e.method !== 8) return null;
  }
  if (!anyCut) return null;
  if (sharedEntry) {
    const data = entryData(bytes, sharedEntry)!;
    const needed = Math.max(0, ...cutSheets.map((s) => maxSharedIndex(s.text, s.prefix) + 1));
    let prefix: string | null = null;
    const head = inflateUntil(data, sharedEntry.method, (text) => {
      prefix ??= text.length > 512 || text.includes('<si') ? rootPrefix(text, 'sst') : null;
      if (prefix === null) return null;
      // At least one string is kept so the table stays a well-formed <sst> with children.
      return endOfNth(text, `</${prefix}si>`, Math.max(1, needed));
    });
    if (!head) return null;
    const p = prefix ?? rootPrefix(head.text, 'sst');
    const text = head.complete ? head.text : `${head.text}</${p}sst>`;
    files[SHARED_STRINGS] = [new TextEncoder().encode(text), { level: 0 }];
  }
  return zipSync(files, { level: 0 });
}
