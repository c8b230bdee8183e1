/**
 * RFC 4180 CSV reader over a decoded string, hand-written for speed: one
 * record at a time into a reused `fields` array (no per-row arrays or
 * objects), char-code scanning, slices only for the field values.
 *
 * Accepts CRLF, LF and lone CR line ends; quoted fields with embedded
 * delimiters, doubled quotes and line breaks. A quote that is never closed is
 * reported with the record (row) where it was opened.
 */
import type { Delimiter } from './types';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvReader {
  /** Start offset (into the text) of each field of the current record. */
  starts = new Int32Array(256);
  /** End offset (exclusive) of each field of the current record. */
  ends = new Int32Array(256);
  /**
   * 1 when a field's value is not the plain text range (doubled quotes or
   * text after the closing quote); its value is then in `escapedValues`.
   */
  escaped = new Uint8Array(256);
  readonly escapedValues: string[] = [];
  /** Number of fields in the current record. */
  count = 0;
  /** 1-based record number of the current record (= row number the user sees). */
  record = 0;
  /** Set when `next()` stopped at a quote that is never closed: the row where it opened. */
  unbalancedQuoteRow = 0;
  /** 0-based index of the field holding the unbalanced quote. */
  unbalancedQuoteField = -1;
  /** Index of the first field of the current record holding a line break, or -1. */
  multilineField = -1;
  /** Position of the next unread character. */
  pos = 0;
  private readonly d: number;

  /** Char code of the delimiter. */
  get delimiterCode(): number {
    return this.d;
  }

  constructor(
    readonly text: string,
    delimiter: Delimiter,
    start = 0,
  ) {
    this.d = delimiter.charCodeAt(0);
    this.pos = start;
  }

  /** Fraction of the text consumed (for progress). */
  get fraction(): number {
    return this.text.length === 0 ? 1 : this.pos / this.text.length;
  }

  /** Value of field k of the current record ('' past the last field). */
  field(k: number): string {
    if (k >= this.count) return '';
    return this.escaped[k] ? this.escapedValues[k]! : this.text.slice(this.starts[k]!, this.ends[k]!);
  }

  /** All fields of the current record as a new array (for the first rows only). */
  fieldList(): string[] {
    const out: string[] = [];
    for (let k = 0; k < this.count; k++) out.push(this.field(k));
    return out;
  }

  private growFields(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(n);
    e.set(this.ends);
    this.ends = e;
    const x = new Uint8Array(n);
    x.set(this.escaped);
    this.escaped = x;
  }

  /**
   * Reads the next record (field ranges into starts/ends). Returns false at
   * the end of the text or on an unbalanced quote (then `unbalancedQuoteRow`
   * is set).
   */
  next(): boolean {
    const s = this.text;
    const n = s.length;
    const d = this.d;
    let p = this.pos;
    if (p >= n) return false;
    this.record++;
    this.multilineField = -1;
    let f = 0;
    for (;;) {
      if (f === this.starts.length) this.growFields();
      // One field starting at p.
      if (s.charCodeAt(p) === QUOTE) {
        let q = p + 1;
        const contentStart = q;
        let value: string | null = null;
        let chunkStart = q;
        for (;;) {
          q = s.indexOf('"', q);
          if (q < 0) {
            this.unbalancedQuoteRow = this.record;
            this.unbalancedQuoteField = f;
            this.count = f;
            this.pos = n;
            return false;
          }
          if (s.charCodeAt(q + 1) === QUOTE) {
            value = (value ?? '') + s.slice(chunkStart, q + 1);
            q += 2;
            chunkStart = q;
            continue;
          }
          break;
        }
        const contentEnd = q;
        if (this.multilineField < 0) {
          for (let k = contentStart; k < contentEnd; k++) {
            const ch = s.charCodeAt(k);
            if (ch === LF || ch === CR) {
              this.multilineField = f;
              break;
            }
          }
        }
        // Text after the closing quote up to the delimiter is kept verbatim
        // (lenient, as Excel does: "ab"c → abc).
        p = q + 1;
        let c = p < n ? s.charCodeAt(p) : LF;
        let tail: string | null = null;
        if (c !== d && c !== LF && c !== CR) {
          const startTail = p;
          while (p < n) {
            c = s.charCodeAt(p);
            if (c === d || c === LF || c === CR) break;
            p++;
          }
          tail = s.slice(startTail, p);
          c = p < n ? c : LF;
        }
        if (value !== null || tail !== null) {
          this.escaped[f] = 1;
          this.escapedValues[f] = (value ?? '') + s.slice(chunkStart, contentEnd) + (tail ?? '');
        } else {
          this.escaped[f] = 0;
        }
        this.starts[f] = contentStart;
        this.ends[f] = contentEnd;
        f++;
        if (c === d) {
          p++;
          continue;
        }
      } else {
        const start = p;
        let c = 0;
        while (p < n) {
          c = s.charCodeAt(p);
          if (c === d || c === LF || c === CR) break;
          p++;
        }
        this.starts[f] = start;
        this.ends[f] = p;
        this.escaped[f] = 0;
        f++;
        if (p < n && c === d) {
          p++;
          continue;
        }
      }
      // End of record: p is at CR, LF or end of text.
      if (p < n) {
        if (s.charCodeAt(p) === CR) p++;
        if (p < n && s.charCodeAt(p) === LF) p++;
      }
      break;
    }
    this.count = f;
    this.pos = p;
    return true;
  }
}

/**
 * Picks the delimiter (comma, semicolon or tab) that splits the first lines
 * into the most consistent number of fields (> 1), counting only outside
 * quotes. Comma wins ties; a single-column file reads as comma.
 */
export function detectDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 64 * 1024);
  const candidates: Delimiter[] = [',', ';', '\t'];
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delim of candidates) {
    const reader = new CsvReader(sample, delim);
    const counts: number[] = [];
    while (counts.length < 20 && reader.next()) {
      if (reader.count === 1 && reader.starts[0] === reader.ends[0]) continue;
      counts.push(reader.count);
    }
    if (counts.length === 0) continue;
    // Score: most common field count (if > 1) times how many lines have it.
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let score = 0;
    for (const [fieldsPerLine, times] of freq) {
      if (fieldsPerLine > 1) score = Math.max(score, times * 1000 + fieldsPerLine);
    }
    if (score > bestScore) {
      bestScore = score;
      best = delim;
    }
  }
  return best;
}
