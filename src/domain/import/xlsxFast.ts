/**
 * A fast reader for the cells of plain .xlsx worksheets, with SheetJS kept as
 * the reference and the fallback.
 *
 * SheetJS spends most of a large import splitting the worksheet XML with
 * regular expressions per row and per cell. Headroom consumes only a few
 * fields of its result (SheetNames, Sheets[n]['!data'] dense rows of cells
 * with t/v/f, '!ref'/'!fullref', Workbook.WBProps.date1904), so the
 * worksheets' <sheetData> is read here by a hand-written scanner over one
 * decoded string, producing the values SheetJS produces under the options
 * parseFile uses (dense, sheetStubs, cellFormula, cellDates/cellNF/cellText
 * false, sheetRows).
 *
 * Everything above the cells is still read by SheetJS itself, from a small
 * copy of the workbook whose worksheets hold one marker cell naming their
 * part: the sheet names and order, hidden state, relationships, 1904 dates,
 * the shared-strings table, the content types — all keep SheetJS's exact
 * meaning, and any part SheetJS would refuse is refused the same way.
 *
 * Whenever a worksheet holds anything the scanner does not handle for sure —
 * a formula, a t="d" cell, merged cells, hyperlinks, comments, a namespace
 * prefix, CDATA, an unknown cell type or element, invalid UTF-8, an escape
 * whose meaning depends on SheetJS's byte-level decoding — readPlainWorkbook
 * returns null and the caller reads the file with SheetJS as before.
 * Correctness first: a fallback costs time, a different value would be a defect.
 */
import { read as readWorkbook, type CellObject, type WorkBook, type WorkSheet } from '@e965/xlsx';
import { inflateSync, zipSync, type Zippable } from 'fflate';
import type { ZipEntryInfo } from './zip';

type Cell = CellObject & { r?: unknown };
type Row = Cell[];

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const SHARED_STRINGS = 'xl/sharedstrings.xml';
const MARKER_PREFIX = '\u0001headroom-part:';

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}

/** The uncompressed bytes of an entry; null when damaged or compressed some other way. */
function entryBytes(bytes: Uint8Array, e: ZipEntryInfo): Uint8Array | null {
  const o = e.localHeaderOffset;
  if (o + 30 > bytes.length || u16(bytes, o) !== 0x4b50 || u16(bytes, o + 2) !== 0x0403) return null;
  const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
  const end = start + e.compressedSize;
  if (end > bytes.length) return null;
  const data = bytes.subarray(start, end);
  try {
    if (e.method === 0) return data;
    if (e.method === 8) {
      const out = inflateSync(data, { out: new Uint8Array(e.uncompressedSize) });
      return out.length === e.uncompressedSize ? out : null;
    }
  } catch {
    return null;
  }
  return null;
}

// ------------------------------------------------------------ SheetJS's text rules

const ENCODINGS: Record<string, string> = {
  '&quot;': '"',
  '&apos;': "'",
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
};
const ENC_REGEX = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const CODE_REGEX = /_x([\da-fA-F]{4})_/gi;

/** Set when an escape produced a character ≥ U+0080 (see unescapeXml). */
let producedNonAscii = false;

/**
 * SheetJS's unescapexml (raw_unescapexml + the xlsx CRLF rule), on text with
 * no CDATA (the caller refuses CDATA). Sets producedNonAscii when an escape
 * yields a non-ASCII character.
 */
function unescapeXml(text: string, xlsx: boolean): string {
  let out = text;
  if (out.indexOf('&') >= 0) {
    out = out.replace(ENC_REGEX, ($$: string, $1: string | undefined) => {
      const r = ENCODINGS[$$] || String.fromCharCode(parseInt($1!, $$.indexOf('x') > -1 ? 16 : 10)) || $$;
      for (let i = 0; i < r.length; i++) if (r.charCodeAt(i) >= 0x80) producedNonAscii = true;
      return r;
    });
  }
  if (out.indexOf('_') >= 0) {
    out = out.replace(CODE_REGEX, (_m: string, c: string) => {
      const r = String.fromCharCode(parseInt(c, 16));
      if (r.charCodeAt(0) >= 0x80) producedNonAscii = true;
      return r;
    });
  }
  return xlsx && out.indexOf('\r\n') >= 0 ? out.replace(/\r\n/g, '\n') : out;
}

const TAG_REGEX = /<[/?]?[a-zA-Z0-9:_-]+(?:\s+[^"\s?<>/]+\s*=\s*(?:"[^"]*"|'[^']*'|[^'"<>\s=]+))*\s*[/?]?>/gm;
const SIT_REGEX = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;
const SIR_REGEX = /<(?:\w+:)?r\b[^<>]*>/;
const RPH_OPEN = /<(?:\w+:)?rPh\b[^<>]*>/g;
const RPH_CLOSE = /<\/(?:\w+:)?rPh>/g;

/** SheetJS's str_remove_xml_ns_g(str, 'rPh'). */
function removePhonetic(str: string): string | null {
  const out: string[] = [];
  RPH_OPEN.lastIndex = RPH_CLOSE.lastIndex = 0;
  let ef = 0;
  for (let m = RPH_OPEN.exec(str); m; m = RPH_OPEN.exec(str)) {
    out.push(str.slice(ef, m.index));
    RPH_CLOSE.lastIndex = RPH_OPEN.lastIndex;
    if (!RPH_CLOSE.exec(str)) return null;
    ef = RPH_CLOSE.lastIndex;
    RPH_OPEN.lastIndex = RPH_CLOSE.lastIndex;
  }
  out.push(str.slice(ef));
  return out.join('');
}

/**
 * The text SheetJS's parse_si gives an inline string's <is> content (its `t`),
 * on already-decoded text (utf8read is then the identity). `undefined` when
 * parse_si leaves `t` unset; null when SheetJS itself would fail.
 */
function inlineText(x: string): string | undefined | null {
  if (!x) return '';
  // The common shape first: <t>text</t> or <t xml:space="preserve">text</t>.
  if (x.charCodeAt(0) === 60 && x.charCodeAt(1) === 116 && (x.charCodeAt(2) === 62 || x.charCodeAt(2) === 32)) {
    const gt = x.indexOf('>');
    const end = x.indexOf('</t>', gt);
    const text = end < 0 ? null : x.slice(gt + 1, end);
    if (text !== null && text.indexOf('<') < 0) return unescapeXml(text, true);
  }
  if (/^\s*<(?:\w+:)?t[^>]*>/.test(x)) {
    return unescapeXml(x.slice(x.indexOf('>') + 1).split(/<\/(?:\w+:)?t>/)[0] || '', true);
  }
  if (SIR_REGEX.test(x)) {
    const noPh = removePhonetic(x);
    if (noPh === null) return null;
    return unescapeXml((noPh.match(SIT_REGEX) || []).join('').replace(TAG_REGEX, ''), true);
  }
  return undefined;
}

type SharedString = { t?: string; r?: string };

/** SheetJS's parse_si on already-decoded text (its utf8read is then the identity); null where SheetJS would fail. */
function sharedString(x: string): SharedString | null {
  if (!x) return { t: '' };
  const gt = x.indexOf('>');
  // parse_si's first branch, /^\s*<(?:\w+:)?t[^>]*>/, for the common unprefixed shape.
  if (gt > 0 && x.charCodeAt(0) === 60 && x.charCodeAt(1) === 116) {
    const end = x.indexOf('</t>', gt + 1);
    const body = end >= 0 ? x.slice(gt + 1, end) : null;
    const text = body !== null && body.indexOf('<') < 0 ? body : x.slice(gt + 1).split(/<\/(?:\w+:)?t>/)[0] || '';
    return { t: unescapeXml(text, true), r: x };
  }
  if (/^\s*<(?:\w+:)?t[^>]*>/.test(x)) {
    return { t: unescapeXml(x.slice(x.indexOf('>') + 1).split(/<\/(?:\w+:)?t>/)[0] || '', true), r: x };
  }
  if (SIR_REGEX.test(x)) {
    const noPh = removePhonetic(x);
    if (noPh === null) return null;
    return { t: unescapeXml((noPh.match(SIT_REGEX) || []).join('').replace(TAG_REGEX, ''), true), r: x };
  }
  return {};
}

/** SheetJS's parse_sst_xml on already-decoded text; null where SheetJS would fail. */
function sharedStrings(data: string): SharedString[] | null {
  const out: SharedString[] = [];
  const open = /<(?:\w+:)?sst\b[^<>]*>/g;
  const close = /<\/(?:\w+:)?sst>/g;
  if (!open.exec(data)) return out;
  close.lastIndex = open.lastIndex;
  const e = close.exec(data);
  if (!e) return out;
  const ss = data
    .slice(open.lastIndex, e.index)
    .replace(/<(?:\w+:)?(?:si|sstItem)>/g, '')
    .split(/<\/(?:\w+:)?(?:si|sstItem)>/);
  for (const piece of ss) {
    const o = sharedString(piece.trim());
    if (o === null) return null;
    out.push(o);
  }
  producedNonAscii = false;
  return out;
}

/** SheetJS's safe_decode_range. */
function decodeRange(range: string): { s: { c: number; r: number }; e: { c: number; r: number } } {
  const len = range.length;
  let i = 0;
  let cc = 0;
  const letters = (): number => {
    let idx = 0;
    for (; i < len; ++i) {
      if ((cc = range.charCodeAt(i) - 64) < 1 || cc > 26) break;
      idx = 26 * idx + cc;
    }
    return idx - 1;
  };
  const digits = (): number => {
    let idx = 0;
    for (; i < len; ++i) {
      if ((cc = range.charCodeAt(i) - 48) < 0 || cc > 9) break;
      idx = 10 * idx + cc;
    }
    return idx - 1;
  };
  const sc = letters();
  const sr = digits();
  if (i === len || cc != 10) return { s: { c: sc, r: sr }, e: { c: sc, r: sr } };
  ++i;
  const ec = letters();
  const er = digits();
  return { s: { c: sc, r: sr }, e: { c: ec, r: er } };
}

function encodeCell(c: number, r: number): string {
  let col = c + 1;
  let s = '';
  for (; col; col = ((col - 1) / 26) | 0) s = String.fromCharCode(((col - 1) % 26) + 65) + s;
  return s + (r + 1);
}

function encodeRange(s: { c: number; r: number }, e: { c: number; r: number }): string {
  const a = encodeCell(s.c, s.r);
  const b = encodeCell(e.c, e.r);
  return a === b ? a : `${a}:${b}`;
}

const ONE_LETTER_TYPES: Record<number, string | undefined> = { 115: 's', 110: 'n', 98: 'b', 101: 'e', 100: 'd' };

const ERRORS: Record<string, number> = {
  '#NULL!': 0x00,
  '#DIV/0!': 0x07,
  '#VALUE!': 0x0f,
  '#REF!': 0x17,
  '#NAME?': 0x1d,
  '#NUM!': 0x24,
  '#N/A': 0x2a,
  '#GETTING_DATA': 0x2b,
  '#WTF?': 0xff,
};

// ------------------------------------------------------------ the worksheet scanner

class Unhandled extends Error {}
const unhandled = (): never => {
  throw new Unhandled();
};

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 10 || ch === 13 || ch === 9;
}

interface ScannedSheet {
  rows: (Row | undefined)[];
  /** SheetJS's refguess. */
  guess: { s: { r: number; c: number }; e: { r: number; c: number } };
}

/** Attributes of the last tag read by readAttrs: name and value spans in the text, no allocation. */
const MAX_ATTRS = 32;
const nameStart = new Int32Array(MAX_ATTRS);
const nameEnd = new Int32Array(MAX_ATTRS);
const valueStart = new Int32Array(MAX_ATTRS);
const valueEnd = new Int32Array(MAX_ATTRS);
let attrCount = 0;
let tagSelfClosing = false;

/**
 * Reads the attributes of a start tag from `from` up to its '>' (plain
 * `name="value"` pairs only, values without '<' or '>') into the spans above;
 * returns the index after '>' and sets tagSelfClosing.
 */
function readAttrs(xml: string, from: number): number {
  attrCount = 0;
  let i = from;
  for (;;) {
    let ch = xml.charCodeAt(i);
    while (isSpace(ch)) ch = xml.charCodeAt(++i);
    if (ch === 62) {
      tagSelfClosing = false;
      return i + 1;
    }
    if (ch === 47) {
      if (xml.charCodeAt(i + 1) !== 62) unhandled();
      tagSelfClosing = true;
      return i + 2;
    }
    if (attrCount === MAX_ATTRS) unhandled();
    const ns = i;
    while (i < xml.length && (ch = xml.charCodeAt(i)) !== 61 && !isSpace(ch) && ch !== 62 && ch !== 47 && ch !== 60)
      i++;
    if (i === ns || ch !== 61) unhandled();
    const q = xml.charCodeAt(++i);
    if (q !== 34 && q !== 39) unhandled();
    const vs = ++i;
    while (i < xml.length && (ch = xml.charCodeAt(i)) !== q) {
      if (ch === 60 || ch === 62) unhandled();
      i++;
    }
    if (i >= xml.length) unhandled();
    nameStart[attrCount] = ns;
    nameEnd[attrCount] = vs - 2;
    valueStart[attrCount] = vs;
    valueEnd[attrCount] = i;
    attrCount++;
    ch = xml.charCodeAt(++i);
    if (!isSpace(ch) && ch !== 62 && ch !== 47) unhandled();
  }
}

/**
 * Scans the inner text of <sheetData>: rows of cells with <v> or <is> only.
 * Follows parse_ws_xml_data under Headroom's options.
 */
function scanSheetData(
  xml: string,
  start: number,
  n: number,
  strings: readonly SharedString[],
  sheetRows: number,
): ScannedSheet {
  const rows: (Row | undefined)[] = [];
  const guess = { s: { r: 2000000, c: 2000000 }, e: { r: 0, c: 0 } };
  let i = start;
  let tagr = 0;
  for (;;) {
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    if (i >= n) break;
    if (!xml.startsWith('<row', i)) unhandled();
    i = readAttrs(xml, i + 4);
    // SheetJS skips a self-closing row unless only such rows follow it: leave those to it.
    if (tagSelfClosing) unhandled();
    let rowNo = -1;
    for (let k = 0; k < attrCount; k++) {
      const ns = nameStart[k]!;
      const ne = nameEnd[k]!;
      if (ne - ns === 1 && xml.charCodeAt(ns) === 114) {
        if (rowNo !== -1) unhandled();
        rowNo = 0;
        const ve = valueEnd[k]!;
        let j = valueStart[k]!;
        if (ve === j || ve - j > 7 || xml.charCodeAt(j) === 48) unhandled();
        for (; j < ve; j++) {
          const d = xml.charCodeAt(j) - 48;
          if (d < 0 || d > 9) unhandled();
          rowNo = rowNo * 10 + d;
        }
      } else {
        // SheetJS also reads `r` from a prefixed or suffixed name (x:r, r_x): leave those to it.
        const name = xml.slice(ns, ne);
        if (name.endsWith(':r') || name.startsWith('r_') || name.includes(':r_')) unhandled();
      }
    }
    if (rowNo <= tagr) unhandled(); // no r, or rows out of order: SheetJS reads it
    tagr = rowNo;
    const skip = sheetRows > 0 && sheetRows < tagr;
    if (!skip) {
      if (guess.s.r > tagr - 1) guess.s.r = tagr - 1;
      if (guess.e.r < tagr - 1) guess.e.r = tagr - 1;
    }
    let row: Row | undefined;
    let lastCol = -1;
    // Cells up to </row>.
    for (;;) {
      while (i < n && isSpace(xml.charCodeAt(i))) i++;
      if (xml.charCodeAt(i) !== 60) unhandled();
      if (xml.charCodeAt(i + 1) === 47) {
        if (!xml.startsWith('</row>', i)) unhandled();
        i += 6;
        break;
      }
      const after = xml.charCodeAt(i + 2);
      if (xml.charCodeAt(i + 1) !== 99 || !(isSpace(after) || after === 62 || after === 47)) unhandled();
      i = readAttrs(xml, i + 2);
      const cClosed = tagSelfClosing;
      let t: string | undefined;
      let col = -1;
      let seen = 0;
      for (let k = 0; k < attrCount; k++) {
        const ns = nameStart[k]!;
        const len = nameEnd[k]! - ns;
        const c0 = xml.charCodeAt(ns);
        let bit = 0;
        if (len === 1 && c0 === 114) {
          // r: column letters, then exactly this row's number.
          bit = 1;
          const ve = valueEnd[k]!;
          let j = valueStart[k]!;
          col = 0;
          let ch = xml.charCodeAt(j);
          while (j < ve && ch >= 65 && ch <= 90) {
            col = 26 * col + (ch - 64);
            ch = xml.charCodeAt(++j);
          }
          if (col === 0 || col > 16384) unhandled();
          col--;
          let r = 0;
          if (j === ve || ch === 48) unhandled();
          for (; j < ve; j++) {
            const d = xml.charCodeAt(j) - 48;
            if (d < 0 || d > 9) unhandled();
            r = r * 10 + d;
          }
          if (r !== tagr) unhandled();
        } else if (len === 1 && c0 === 116) {
          bit = 2;
          // The one-letter types without a copy of the text (one per cell on a large sheet).
          const vs = valueStart[k]!;
          t = valueEnd[k]! - vs === 1 ? ONE_LETTER_TYPES[xml.charCodeAt(vs)] : undefined;
          if (t === undefined) t = xml.slice(vs, valueEnd[k]!);
        } else if (len === 1 && c0 === 115) {
          bit = 4;
        } else if (len === 2 && (c0 === 99 || c0 === 118 || c0 === 112)) {
          const name = xml.slice(ns, ns + 2);
          if (name !== 'cm' && name !== 'vm' && name !== 'ph') unhandled();
          bit = name === 'cm' ? 8 : name === 'vm' ? 16 : 32;
        } else if (len === 9 && xml.startsWith('xml:space', ns)) {
          bit = 64; // SheetJS's writer puts it on text cells with outer spaces; SheetJS reads it as `space`
        } else unhandled();
        if (seen & bit) unhandled();
        seen |= bit;
      }
      if (col <= lastCol) unhandled(); // no r, or cells out of order
      lastCol = col;
      let raw: string | undefined; // <v> content as SheetJS keeps it (undefined when absent or empty)
      let inline: string | undefined; // <is> inner text
      let sawV = false;
      if (!cClosed) {
        for (;;) {
          while (i < n && isSpace(xml.charCodeAt(i))) i++;
          if (xml.charCodeAt(i) !== 60) unhandled();
          const c1 = xml.charCodeAt(i + 1);
          if (c1 === 47) {
            if (!xml.startsWith('</c>', i)) unhandled();
            i += 4;
            break;
          }
          const c2 = xml.charCodeAt(i + 2);
          if (c1 === 118 && (c2 === 62 || isSpace(c2))) {
            if (sawV) unhandled();
            sawV = true;
            const afterV = readAttrs(xml, i + 2);
            if (tagSelfClosing) unhandled();
            const end = xml.indexOf('<', afterV);
            if (end < 0 || !xml.startsWith('</v>', end)) unhandled();
            if (end > afterV) raw = xml.slice(afterV, end);
            i = end + 4;
          } else if (c1 === 105 && c2 === 115 && xml.charCodeAt(i + 3) === 62) {
            if (inline !== undefined) unhandled();
            const end = xml.indexOf('</is>', i + 4);
            if (end < 0) unhandled();
            inline = xml.slice(i + 4, end);
            if (inline.indexOf('<is') >= 0 || inline.indexOf('<![CDATA[') >= 0) unhandled();
            i = end + 5;
          } else unhandled();
        }
      }
      if (skip) continue;
      // SheetJS: refguess columns, then the cell by type.
      if (guess.s.c > col) guess.s.c = col;
      if (guess.e.c < col) guess.e.c = col;
      let cell: Cell;
      const v = raw === undefined ? undefined : unescapeXml(raw, false);
      if (t === undefined && v === undefined) {
        cell = { t: 'z' };
      } else {
        switch (t ?? 'n') {
          case 'n':
            cell = v == null || v === '' ? { t: 'z' } : { t: 'n', v: parseFloat(v) };
            break;
          case 's': {
            if (v === undefined) {
              cell = { t: 'z' };
              break;
            }
            let index = 0;
            if (v.length === 0 || v.length > 9) unhandled();
            for (let j = 0; j < v.length; j++) {
              const d = v.charCodeAt(j) - 48;
              if (d < 0 || d > 9) unhandled();
              index = index * 10 + d;
            }
            const s = strings[index];
            if (!s) unhandled();
            cell = { t: 's', v: s!.t, r: s!.r } as Cell;
            break;
          }
          case 'str': {
            if (v == null) {
              cell = { t: 's', v: '' };
              break;
            }
            // SheetJS decodes UTF-8 bytes after the first unescape: exact only when that produced ASCII.
            if (producedNonAscii) unhandled();
            cell = { t: 's', v: unescapeXml(v, true) };
            break;
          }
          case 'inlineStr': {
            if (inline === undefined) {
              cell = { t: 's', v: '' };
              break;
            }
            const text = inlineText(inline);
            if (text === null) unhandled();
            cell = { t: 's', v: text } as Cell;
            break;
          }
          case 'b':
            cell = { t: 'b', v: v === '1' || v === 'true' };
            break;
          case 'e':
            if (v !== undefined && !Object.prototype.hasOwnProperty.call(ERRORS, v)) unhandled();
            cell = { t: 'e', v: v === undefined ? undefined : ERRORS[v] } as Cell;
            break;
          default:
            return unhandled();
        }
      }
      // Numbers, booleans and errors spelled with non-ASCII escapes: leave them to SheetJS.
      if (producedNonAscii && cell.t !== 's') unhandled();
      producedNonAscii = false;
      if (!row) row = rows[tagr - 1] = [];
      row[col] = cell;
    }
  }
  return { rows, guess };
}

// ------------------------------------------------------------ the workbook

interface SheetPart {
  text: string;
  /** Start and end of the <sheetData> element in text (end exclusive). */
  dataStart: number;
  dataEnd: number;
  /** Inner text of <sheetData>, '' when self-closing. */
  /** Start and end of its inner text (equal when self-closing). */
  innerStart: number;
  innerEnd: number;
}

/** Finds <sheetData> as SheetJS's str_match_xml_ns does; null when not there in a plain shape. */
function sheetPart(text: string): SheetPart | null {
  const open = text.indexOf('<sheetData');
  if (open < 0) return null;
  const ch = text.charCodeAt(open + 10);
  if (ch !== 62 && ch !== 47 && !isSpace(ch)) return null;
  const gt = text.indexOf('>', open);
  if (gt < 0 || text.lastIndexOf('<', gt) !== open) return null;
  if (text.charCodeAt(gt - 1) === 47) {
    if (text.indexOf('</sheetData>', gt) >= 0) return null;
    return { text, dataStart: open, dataEnd: gt + 1, innerStart: gt + 1, innerEnd: gt + 1 };
  }
  const close = text.indexOf('</sheetData>', gt);
  if (close < 0) return null;
  return { text, dataStart: open, dataEnd: close + 12, innerStart: gt + 1, innerEnd: close };
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The workbook as SheetJS would read it under parseFile's options (dense,
 * sheetStubs, cellFormula, cellDates/cellNF/cellText false, sheetRows), with
 * the fields Headroom consumes; null when any part is outside what this reader
 * handles for sure (the caller then reads the file with SheetJS).
 *
 * @param bytes the .xlsx file
 * @param entries its central directory (readZipDirectory), already checked against zip bombs
 * @param sheetRowsLimit SheetJS's sheetRows (0: every row)
 */
export function readPlainWorkbook(
  bytes: Uint8Array,
  entries: readonly ZipEntryInfo[],
  sheetRowsLimit: number,
): WorkBook | null {
  try {
    return readPlain(bytes, entries, sheetRowsLimit);
  } catch (err) {
    if (err instanceof Unhandled) return null;
    // Anything unexpected (a SheetJS refusal of the stub included): SheetJS reads the file and speaks for it.
    return null;
  } finally {
    producedNonAscii = false;
  }
}

function readPlain(bytes: Uint8Array, entries: readonly ZipEntryInfo[], sheetRowsLimit: number): WorkBook | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const seen = new Set<string>();
  const files: Zippable = {};
  const parts = new Map<string, SheetPart>();
  let sst: { path: string; text: string } | null = null;
  for (const e of entries) {
    const lower = e.name.toLowerCase().replace(/\\/g, '/');
    if (seen.has(lower)) return null;
    seen.add(lower);
    if (e.name.endsWith('/')) continue;
    // Parts whose meaning this reader does not reproduce: SheetJS reads the file.
    if (
      lower.includes('comment') ||
      lower.endsWith('.bin') ||
      lower === 'meta-inf/manifest.xml' ||
      lower === 'objectdata.xml' ||
      lower.startsWith('index/')
    )
      return null;
    const data = entryBytes(bytes, e);
    if (!data) return null;
    if (WORKSHEET.test(e.name)) {
      const text = decoder.decode(data);
      const part = sheetPart(text);
      if (!part) return null;
      // Outside the cells (the scanner refuses any other element inside): strict OOXML, merges, links, CDATA.
      const head = text.slice(0, part.dataStart);
      const tail = text.slice(part.dataEnd);
      // An unprefixed root in the transitional namespace only.
      if (!head.includes('<worksheet') || head.includes('purl.oclc.org/ooxml')) return null;
      for (const x of [head, tail])
        if (/<(?:\w+:)?(?:hyperlink|mergeCell)\b/.test(x) || x.includes('<![CDATA[')) return null;
      parts.set(e.name, part);
      const marker = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${escapeText(MARKER_PREFIX + e.name)}</t></is></c></row></sheetData>`;
      files[e.name] = [new TextEncoder().encode(head + marker + tail), { level: 0 }];
      continue;
    }
    if (lower === SHARED_STRINGS) {
      // Read here; the stub gets one marker string so SheetJS still says whether it uses this part.
      const text = decoder.decode(data);
      if (text.includes('<![CDATA[')) return null;
      sst = { path: e.name, text };
      const marker = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${escapeText(MARKER_PREFIX + e.name)}</t></si></sst>`;
      files[e.name] = [new TextEncoder().encode(marker), { level: 0 }];
      continue;
    }
    if (/<(?:\w+:)?sst\b/.test(new TextDecoder().decode(data.subarray(0, 1024)))) return null;
    files[e.name] = [data, { level: 0 }];
  }
  // SheetJS reads everything above the cells from the stub: names, order, relationships, 1904, strings.
  const stub = readWorkbook(zipSync(files, { level: 0 }), {
    type: 'array',
    dense: true,
    cellDates: false,
    cellHTML: false,
    cellText: false,
    cellStyles: false,
    cellNF: false,
    sheetStubs: true,
    cellFormula: true,
  }) as WorkBook & { Strings?: { t?: string; r?: unknown }[] };
  let strings: SharedString[] = [];
  const stubStrings = stub.Strings ?? [];
  if (stubStrings.length > 0) {
    // SheetJS read the shared strings from the part holding the marker: read the real text the same way.
    if (!sst || stubStrings.length !== 2 || stubStrings[0]!.t !== MARKER_PREFIX + sst.path) return null;
    const read = sharedStrings(sst.text);
    if (!read) return null;
    strings = read;
  }
  const sheets: Record<string, WorkSheet> = {};
  const scanned = new Map<string, ScannedSheet>();
  for (const name of stub.SheetNames) {
    const ws = stub.Sheets[name];
    if (!ws) return null;
    const data = (ws as { '!data'?: (Row | undefined)[] })['!data'];
    const only = data?.length === 1 ? data[0] : undefined;
    const markerCell = only?.length === 1 ? only[0] : undefined;
    const markerText = markerCell?.t === 's' && typeof markerCell.v === 'string' ? markerCell.v : '';
    if (!markerText.startsWith(MARKER_PREFIX)) return null; // a chart sheet, a macro sheet, …
    const path = markerText.slice(MARKER_PREFIX.length);
    const part = parts.get(path);
    if (!part) return null;
    let sc = scanned.get(path);
    if (!sc) {
      sc = scanSheetData(part.text, part.innerStart, part.innerEnd, strings, sheetRowsLimit);
      scanned.set(path, sc);
    }
    sheets[name] = sheetOf(part.text, sc, sheetRowsLimit);
  }
  const out = stub as WorkBook & { Strings?: unknown };
  out.Sheets = sheets;
  out.Strings = strings;
  return out;
}

/** The worksheet object: '!data', and '!ref' / '!fullref' as parse_ws_xml sets them. */
function sheetOf(text: string, sc: ScannedSheet, sheetRows: number): WorkSheet {
  const ws: Record<string, unknown> = { '!data': sc.rows };
  // parse_ws_xml searches the whole part (its data1 is the whole text).
  const dim = /<(?:\w*:)?dimension/.exec(text);
  if (dim && dim.index > 0) {
    const ref = /"(\w*:\w*)"/.exec(text.slice(dim.index, dim.index + 50));
    if (ref) {
      const d = decodeRange(ref[1]!);
      if (d.s.r <= d.e.r && d.s.c <= d.e.c && d.s.r >= 0 && d.s.c >= 0) ws['!ref'] = encodeRange(d.s, d.e);
    }
  }
  const guess = sc.guess;
  if (!ws['!ref'] && guess.e.c >= guess.s.c && guess.e.r >= guess.s.r) ws['!ref'] = encodeRange(guess.s, guess.e);
  if (sheetRows > 0 && ws['!ref']) {
    const tmp = decodeRange(ws['!ref'] as string);
    if (sheetRows <= +tmp.e.r) {
      tmp.e.r = sheetRows - 1;
      if (tmp.e.r > guess.e.r) tmp.e.r = guess.e.r;
      if (tmp.e.r < tmp.s.r) tmp.s.r = tmp.e.r;
      if (tmp.e.c > guess.e.c) tmp.e.c = guess.e.c;
      if (tmp.e.c < tmp.s.c) tmp.s.c = tmp.e.c;
      ws['!fullref'] = ws['!ref'];
      ws['!ref'] = encodeRange(tmp.s, tmp.e);
    }
  }
  return ws as WorkSheet;
}
