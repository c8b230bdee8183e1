/**
 * A large CSV file read in two parts at once (two workers, two cores), with a
 * result identical to reading it in one part.
 *
 * The file is cut just after the first line feed at or after the middle byte:
 * in UTF-8 and GB18030 a line feed byte is always a whole character, so each
 * part decodes on its own. The first part is read as usual (`parseSteps` in
 * parseFile.ts): everything the whole file decides — encoding, delimiter,
 * header, column mapping — comes from the file's start, and the reader of the
 * second part (`readPart`) is given it. The second part's rows, errors and
 * summary rows come back numbered from its own first record and are added to
 * the first part's (`LedgerBuilder.appendPart`) before anything that needs the
 * whole file: the day/month order, duplicates, totals.
 *
 * A cut inside a quoted field leaves the first part's last quote unclosed,
 * which the first part's reader reports; that, any refusal in either part, a
 * different encoding or too many rows, and the file is read again in one part.
 */
import { LedgerBuilder, type PartRows, type TextSink } from './builder';
import { decodeHead, decodeText, sniff } from './decode';
import { CsvReader } from './csv';
import {
  csvRows,
  Fatal,
  MAX_FILE_BYTES,
  parseFile,
  parseSteps,
  partParamsFromHead,
  textWorkbookKind,
  type ProgressCallback,
} from './parseFile';
import { SPLIT_MIN_BYTES } from './protocol';
import type { ColumnMapping, Delimiter, ImportResult, ParseOptions, TextEncodingName } from './types';

export { SPLIT_MIN_BYTES };

/** What the first part's reader decided for the whole file, for the second part's reader. */
export interface PartParams {
  readonly encoding: TextEncodingName;
  readonly delimiter: Delimiter;
  readonly headers: readonly string[];
  readonly mapping: ColumnMapping;
}

/** The second part as read (rows numbered from the part's first record). */
export interface PartReading extends PartRows {
  /** The encoding the part was decoded with (must be the first part's). */
  readonly encoding: TextEncodingName;
  readonly blank: number;
}

/** Where the search for the cut starts: the middle byte. */
export function splitSearchFrom(size: number): number {
  return Math.floor(size / 2);
}

/** Offset just after the first line feed in `tail` (bytes from `from` on), or -1. */
export function cutIn(tail: Uint8Array, from: number): number {
  const k = tail.indexOf(10);
  return k < 0 ? -1 : from + k + 1;
}

/**
 * Where the file is cut and the encoding it was sniffed as, or null when it is
 * read in one part: files under `minBytes`, workbooks, UTF-16 text (a line feed
 * byte can be half a character), and files without a line feed after the middle.
 */
export function planSplit(
  bytes: Uint8Array,
  fileName: string,
  minBytes = SPLIT_MIN_BYTES,
  /** Bytes [0, loaded) are read (the line feed is looked for there only). */
  loaded = bytes.length,
): { readonly cut: number; readonly encoding: TextEncodingName } | null {
  if (bytes.length < minBytes || bytes.length > MAX_FILE_BYTES) return null;
  const s = sniff(bytes);
  if (s.kind !== 'text' || (s.encoding !== 'utf-8' && s.encoding !== 'gb18030')) return null;
  if (textWorkbookKind(decodeHead(bytes, s.encoding, s.bom, 4096), fileName)) return null;
  const from = splitSearchFrom(bytes.length);
  const cut = cutIn(bytes.subarray(from, Math.max(from, loaded)), from);
  return cut > 0 && cut < bytes.length ? { cut, encoding: s.encoding } : null;
}

/** The buffers of a part's reading, to transfer rather than copy. */
export function partTransferables(p: PartReading): ArrayBuffer[] {
  return [
    p.day1,
    p.day2,
    p.ordered,
    p.category,
    p.amount,
    p.row,
    p.refs.units,
    p.refs.offsets,
    p.descs.units,
    p.descs.offsets,
  ].map((a) => a.buffer as ArrayBuffer);
}

/** The second part's text in the encoding the first part was sniffed as (the BOM is the first part's). */
export function decodePart(
  bytes: Uint8Array,
  encoding: TextEncodingName,
): { text: string; encoding: TextEncodingName } | null {
  const decoded = decodeText(bytes, encoding, false);
  return 'error' in decoded ? null : decoded;
}

/** Reads the second part's records (every one a data row); null when the part has a refusal. */
export function readPart(
  text: string,
  encoding: TextEncodingName,
  fileName: string,
  options: ParseOptions,
  params: PartParams,
): PartReading | null {
  const builder = new LedgerBuilder(fileName, params.headers, params.mapping, options, false);
  const r = new CsvReader(text, params.delimiter);
  try {
    // No row limit here: the first part's reader checks the sum of both parts.
    const blank = csvRows(fileName, r, 0, params.headers, builder, Infinity, () => {
      throw new Error('unreachable');
    });
    return { ...builder.partRows(), encoding, blank };
  } catch (err) {
    if (err instanceof Fatal) return null;
    throw err;
  }
}

/** How the first part's reader reaches the second part's, wherever that runs. */
export interface PartLink {
  /** Starts the second part's reading with what the file's start decided. */
  start(params: PartParams): void;
  /** The second part's reading, or null when it failed. */
  reading(): Promise<PartReading | null>;
}

/**
 * Parses a file cut at `cut` (planSplit): reads the first part here and the second
 * through `link`, at the same time. The result is parseFile's for the whole file;
 * when the parts cannot be put together it is parseFile's, read in one part.
 */
export async function parseFileInParts(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions,
  cut: number,
  link: PartLink,
  onProgress?: ProgressCallback,
  sink?: TextSink,
  /**
   * When `bytes` is still being filled: bytes [0, loaded) are there, and `all` resolves
   * once every byte is (before the file is read again in one part).
   */
  reading?: { readonly loaded: number; readonly all: Promise<unknown> },
  /** The parameters the second part's reading was already started with (partParamsFromHead). */
  sent?: PartParams,
): Promise<{ readonly result: ImportResult; readonly inParts: boolean }> {
  const onePart = async () => {
    await reading?.all;
    return { result: parseFile(bytes, fileName, options, onProgress, sink), inParts: false };
  };
  // Only a cut just after a line feed of a UTF-8 or GB18030 file (planSplit) reads in two parts.
  if (!(cut > 0 && cut <= (reading?.loaded ?? bytes.length) && cut < bytes.length && bytes[cut - 1] === 10))
    return onePart();
  const steps = parseSteps(bytes, fileName, options, onProgress, cut, sink, reading?.loaded ?? bytes.length, sent);
  let step = steps.next(null);
  while (!step.done) {
    if (step.value.kind === 'params') {
      link.start(step.value.params);
      step = steps.next(null);
    } else {
      step = steps.next(await link.reading());
    }
  }
  if (step.value) return { result: step.value, inParts: true };
  return onePart();
}

/**
 * Both parts read here, one after the other (tests, and Node scripts). With `early`, the
 * second part is read first, with the parameters from the file's start
 * (partParamsFromHead), as the import worker does when they are settled there.
 */
export function parseFileInPartsHere(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions,
  cut: number,
  early = false,
): Promise<{ readonly result: ImportResult; readonly inParts: boolean }> {
  let reading: PartReading | null = null;
  const start = (params: PartParams) => {
    const decoded = decodePart(bytes.subarray(cut), params.encoding);
    reading = decoded && readPart(decoded.text, decoded.encoding, fileName, options, params);
  };
  const sent = early ? (partParamsFromHead(bytes, fileName, options) ?? undefined) : undefined;
  if (sent) start(sent);
  return parseFileInParts(
    bytes,
    fileName,
    options,
    cut,
    { start, reading: () => Promise.resolve(reading) },
    undefined,
    undefined,
    undefined,
    sent,
  );
}
