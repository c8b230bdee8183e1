/**
 * What kind of file the bytes are (content decides, not the file name) and,
 * for text, which encoding: UTF-8 with or without BOM, UTF-16 LE/BE (BOM or
 * BOM-less by the pattern of zero bytes), else GB18030 — what Chinese Excel
 * writes for "CSV". Binary data and web pages saved as .csv are refused.
 */
import type { BinaryKind, TextEncodingName } from './types';

export type Sniffed =
  | { readonly kind: 'empty' }
  | { readonly kind: 'zip' }
  | { readonly kind: 'cfb' }
  | { readonly kind: 'binary'; readonly what: BinaryKind }
  | { readonly kind: 'text'; readonly encoding: TextEncodingName; readonly bom: boolean };

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

const MAGIC: readonly { sig: number[]; what: BinaryKind }[] = [
  { sig: [0x25, 0x50, 0x44, 0x46], what: 'pdf' },
  { sig: [0x89, 0x50, 0x4e, 0x47], what: 'png' },
  { sig: [0xff, 0xd8, 0xff], what: 'jpeg' },
  { sig: [0x47, 0x49, 0x46, 0x38], what: 'gif' },
  { sig: [0x1f, 0x8b], what: 'gzip' },
  { sig: [0x52, 0x61, 0x72, 0x21], what: 'rar' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf], what: '7z' },
  { sig: [0x7f, 0x45, 0x4c, 0x46], what: 'elf' },
  { sig: [0x4d, 0x5a], what: 'exe' },
];

/** Counts zero bytes at even and odd offsets of the first 4 KB. */
function zeroPattern(bytes: Uint8Array): { even: number; odd: number; pairs: number } {
  const n = Math.min(bytes.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  return { even, odd, pairs: n / 2 };
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Classifies the bytes of an uploaded file. */
export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return { kind: 'zip' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'cfb' };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { kind: 'text', encoding: 'utf-8', bom: true };
  if (startsWith(bytes, [0xff, 0xfe])) return { kind: 'text', encoding: 'utf-16le', bom: true };
  if (startsWith(bytes, [0xfe, 0xff])) return { kind: 'text', encoding: 'utf-16be', bom: true };
  for (const m of MAGIC) if (startsWith(bytes, m.sig)) return { kind: 'binary', what: m.what };
  const z = zeroPattern(bytes);
  if (z.pairs > 0) {
    // UTF-16 text without BOM: ASCII characters put a zero in every other byte.
    if (z.odd >= z.pairs * 0.2 && z.even <= z.pairs * 0.02) return { kind: 'text', encoding: 'utf-16le', bom: false };
    if (z.even >= z.pairs * 0.2 && z.odd <= z.pairs * 0.02) return { kind: 'text', encoding: 'utf-16be', bom: false };
  }
  // Any NUL byte or control characters other than tab/CR/LF/FF/ESC-free text → binary.
  const n = Math.min(bytes.length, 65536);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return { kind: 'binary', what: 'binary' };
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) controls++;
  }
  if (controls > n * 0.01 + 2) return { kind: 'binary', what: 'binary' };
  const head = bytes.subarray(0, Math.min(bytes.length, 1 << 20));
  // A UTF-8 check of the first MB, cut back to a character boundary.
  let cut = head.length;
  if (cut < bytes.length) {
    while (cut > 0 && (head[cut - 1]! & 0xc0) === 0x80) cut--;
    if (cut > 0 && head[cut - 1]! >= 0xc0) cut--;
  }
  if (isValidUtf8(head.subarray(0, cut))) return { kind: 'text', encoding: 'utf-8', bom: false };
  return { kind: 'text', encoding: 'gb18030', bom: false };
}

/**
 * Decodes text strictly (invalid sequences throw). The BOM is not part of the
 * result. A UTF-8 guess that turns out invalid past the sniffed part falls
 * back to GB18030; the encoding actually used is returned.
 */
export function decodeText(
  bytes: Uint8Array,
  encoding: TextEncodingName,
  bom: boolean,
): { text: string; encoding: TextEncodingName } | { error: string } {
  const body = bom ? bytes.subarray(encoding === 'utf-8' ? 3 : 2) : bytes;
  const attempt = (enc: TextEncodingName): string | null => {
    try {
      return new TextDecoder(enc, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      return null;
    }
  };
  const text = attempt(encoding);
  if (text !== null) return { text, encoding };
  if (encoding === 'utf-8' && !bom) {
    const gb = attempt('gb18030');
    if (gb !== null) return { text: gb, encoding: 'gb18030' };
  }
  return { error: encoding };
}

/**
 * Decodes only the start of a file (for previews): at most `maxBytes`, the cut
 * made on a character boundary by a streaming decoder. Not strict.
 */
export function decodeHead(bytes: Uint8Array, encoding: TextEncodingName, bom: boolean, maxBytes: number): string {
  const body = bom ? bytes.subarray(encoding === 'utf-8' ? 3 : 2) : bytes;
  const slice = body.subarray(0, Math.min(body.length, maxBytes));
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(slice, { stream: slice.length < body.length });
}

/** True when decoded text is a web page or XML rather than CSV. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  return (
    head.startsWith('<!doctype html') ||
    head.startsWith('<html') ||
    head.startsWith('<?xml') ||
    head.startsWith('<table') ||
    head.startsWith('<head') ||
    head.startsWith('<body') ||
    head.startsWith('<!--')
  );
}
