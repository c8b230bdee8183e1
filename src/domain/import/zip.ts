/**
 * Checks on container files before any decompression: the ZIP central
 * directory (entry names and declared sizes, to refuse zip bombs and ZIPs
 * that are not workbooks) and the OLE/CFB container Excel uses for
 * password-protected workbooks.
 */

export interface ZipEntryInfo {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Compression method: 0 stored, 8 deflate (the only two workbooks use). */
  readonly method: number;
  /** Byte offset of the entry's local file header. */
  readonly localHeaderOffset: number;
}

/** Total uncompressed size allowed for a workbook. */
export const MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024;
/** An entry this large with a compression ratio above MAX_RATIO is a bomb, not a sheet. */
export const RATIO_CHECK_MIN_BYTES = 50 * 1024 * 1024;
export const MAX_RATIO = 200;

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}
function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 2 ** 32;
}

/**
 * Lists the entries of a ZIP from its central directory (ZIP64 sizes
 * included). Returns null when there is no readable central directory.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntryInfo[] | null {
  const n = bytes.length;
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 65535); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(bytes, eocd + 10);
  let offset = u32(bytes, eocd + 16);
  // ZIP64 end of central directory locator just before the EOCD.
  const loc = eocd - 20;
  if (loc >= 0 && u32(bytes, loc) === 0x07064b50) {
    const z64 = u64(bytes, loc + 8);
    if (z64 + 56 <= n && u32(bytes, z64) === 0x06064b50) {
      count = u64(bytes, z64 + 32);
      offset = u64(bytes, z64 + 48);
    }
  }
  const entries: ZipEntryInfo[] = [];
  let p = offset;
  const decoder = new TextDecoder('utf-8');
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || u32(bytes, p) !== 0x02014b50) return null;
    let compressedSize = u32(bytes, p + 20);
    let uncompressedSize = u32(bytes, p + 24);
    const method = u16(bytes, p + 10);
    let localHeaderOffset = u32(bytes, p + 42);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extra field (id 1) holds the real sizes when the 32-bit ones are 0xFFFFFFFF.
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = u16(bytes, e);
      const len = u16(bytes, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
          uncompressedSize = u64(bytes, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
          compressedSize = u64(bytes, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff && q + 8 <= e + 4 + len) localHeaderOffset = u64(bytes, q);
      }
      e += 4 + len;
    }
    entries.push({ name, compressedSize, uncompressedSize, method, localHeaderOffset });
    p = eEnd + commentLen;
  }
  return entries;
}

/** Why a ZIP should not be inflated (a `zip-bomb` detail and the values it names), or null when it looks safe. */
export function zipBombReason(
  entries: readonly ZipEntryInfo[],
): { detail: 'zip-forged-size' | 'zip-ratio' | 'zip-total'; params: Record<string, string | number> } | null {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    // Deflate never shrinks data to more than its size plus a few bytes per
    // block, so a declared size well below the compressed size is forged —
    // the trick that slips a bomb past a check of declared sizes.
    if (e.compressedSize > 4096 && e.uncompressedSize < e.compressedSize * 0.9) {
      return {
        detail: 'zip-forged-size',
        params: { entry: e.name, declared: e.uncompressedSize, compressed: e.compressedSize },
      };
    }
    if (e.uncompressedSize >= RATIO_CHECK_MIN_BYTES && e.uncompressedSize > Math.max(1, e.compressedSize) * MAX_RATIO) {
      const ratio = Math.round(e.uncompressedSize / Math.max(1, e.compressedSize));
      return {
        detail: 'zip-ratio',
        params: { entry: e.name, compressed: e.compressedSize, uncompressed: e.uncompressedSize, ratio },
      };
    }
  }
  if (total > MAX_UNCOMPRESSED_BYTES) {
    return {
      detail: 'zip-total',
      params: { mb: Math.round(total / 1048576), limitMb: MAX_UNCOMPRESSED_BYTES / 1048576 },
    };
  }
  return null;
}

/**
 * What a ZIP that is not a workbook appears to be (`not-xlsx`'s values): a
 * Word, PowerPoint or OpenDocument file, else a plain archive named by its
 * first five entries (`more` is 1 when it holds others).
 */
export function describeZip(entries: readonly ZipEntryInfo[]): {
  params: { zipKind: 'docx' | 'pptx' | 'odf' | 'zip'; more: number };
  names: string[];
} {
  const names = entries.map((e) => e.name);
  const zipKind = names.includes('word/document.xml')
    ? 'docx'
    : names.includes('ppt/presentation.xml')
      ? 'pptx'
      : names.includes('mimetype') && names.includes('content.xml')
        ? 'odf'
        : 'zip';
  return { params: { zipKind, more: names.length > 5 ? 1 : 0 }, names: names.slice(0, 5) };
}

/** True when the ZIP holds an Excel workbook. */
export function isWorkbookZip(entries: readonly ZipEntryInfo[]): boolean {
  return entries.some((e) => e.name === 'xl/workbook.xml' || e.name === 'xl/workbook.bin');
}

/**
 * True when an OLE/CFB container is an encrypted OOXML package (Excel's
 * "Encrypt with Password"): it holds EncryptionInfo / EncryptedPackage
 * streams, whose names are stored in UTF-16LE in the directory.
 */
export function isEncryptedCfb(bytes: Uint8Array): boolean {
  const needles = ['EncryptionInfo', 'EncryptedPackage'].map((s) => {
    const b = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) b[i * 2] = s.charCodeAt(i);
    return b;
  });
  const limit = bytes.length;
  for (const needle of needles) {
    const first = needle[0]!;
    outer: for (let i = 0; i + needle.length <= limit; i++) {
      if (bytes[i] !== first) continue;
      for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
      return true;
    }
  }
  return false;
}
