/// <reference lib="webworker" />
/**
 * Import worker: reads the file, parses it with the pure import library and
 * posts progress and the result, transferring the typed arrays so a million
 * rows cross to the main thread without copying.
 */
import { PART_PARAMS_HEAD_BYTES, parseFile, partParamsFromHead, previewFile } from '../domain/import/parseFile';
import { parseRawLedger } from '../domain/import/rawLedger';
import {
  SPLIT_MIN_BYTES,
  type ImportProgress,
  type ImportRequest,
  type ImportResponse,
  type PartMessage,
} from '../domain/import/protocol';
import {
  cutIn,
  decodePart,
  parseFileInParts,
  partTransferables,
  planSplit,
  readPart,
  splitSearchFrom,
  type PartParams,
  type PartReading,
} from '../domain/import/split';
import type { ImportResult } from '../domain/import/types';
import { columnText, type TextSink } from '../domain/import/builder';
import { textToUnitChunks, unitsToChunks, wellFormedUnits } from '../domain/import/wireText';

/** Least time between two progress messages of one phase. */
const PROGRESS_MS = 100;

/** Text columns longer than this go as transferred UTF-16 chunks rather than strings. */
const WIRE_TEXT_THRESHOLD = 1 << 18;

declare const self: DedicatedWorkerGlobalScope;

/** Buffers to transfer with a result (each at most once). */
export function transferablesOf(result: ImportResult): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  const a = result.accepted;
  for (const arr of [
    a.day,
    a.category,
    a.amountMinor,
    a.rowNumber,
    a.duplicateOf,
    a.reference.offsets,
    a.description.offsets,
  ]) {
    set.add(arr.buffer as ArrayBuffer);
  }
  for (const t of result.perCategoryDailyTotals.values()) {
    set.add(t.days.buffer as ArrayBuffer);
    set.add(t.prefix.buffer as ArrayBuffer);
  }
  return [...set];
}

/** Lowercase hex of a digest. */
function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function bytesOf(file: Blob | ArrayBuffer): Promise<Uint8Array> {
  return new Uint8Array(file instanceof ArrayBuffer ? file : await file.arrayBuffer());
}

interface Read {
  readonly bytes: Uint8Array;
  /** Bytes [0, loaded) are in `bytes`. */
  readonly loaded: number;
  /** Resolves once every byte is. */
  readonly all: Promise<unknown>;
}

/** A large file being read: its start first, then its first half (and the window where the cut is looked for), then the rest. */
interface HalvesRead {
  readonly bytes: Uint8Array;
  /** Bytes [0, started) are in `bytes` (PART_PARAMS_HEAD_BYTES, or the first half when shorter). */
  readonly started: number;
  /** Resolves once bytes [0, loaded) are in `bytes`. */
  readonly half: Promise<unknown>;
  readonly loaded: number;
  /** Resolves once every byte is. */
  readonly all: Promise<unknown>;
}

function wholeRead(bytes: Uint8Array): Read {
  return { bytes, loaded: bytes.length, all: Promise.resolve() };
}

/**
 * A large file's bytes: its first 2 MB (the second part's parameters are settled from
 * them, partParamsFromHead), then the first half and 64 KB past the middle, where the cut
 * is looked for; the first part's parse starts while the rest is still being read.
 */
async function readInHalves(file: Blob): Promise<HalvesRead> {
  const size = file.size;
  const loaded = Math.min(size, splitSearchFrom(size) + (1 << 16));
  const started = Math.min(loaded, PART_PARAMS_HEAD_BYTES);
  const start = file.slice(0, started).arrayBuffer();
  const head = file.slice(started, loaded).arrayBuffer();
  const rest = file.slice(loaded).arrayBuffer();
  const bytes = new Uint8Array(size);
  bytes.set(new Uint8Array(await start));
  const half = head.then((b) => bytes.set(new Uint8Array(b), started));
  const all = half.then(() => rest).then((b) => bytes.set(new Uint8Array(b), loaded));
  // A failed read is reported where the bytes are needed.
  all.catch(() => undefined);
  return { bytes, started, half, loaded, all };
}

/** Messages of a port, one at a time, in order. */
function inbox(port: MessagePort): () => Promise<PartMessage> {
  const waiting: PartMessage[] = [];
  let wake: ((m: PartMessage) => void) | null = null;
  port.onmessage = (ev: MessageEvent<PartMessage>) => {
    if (wake) {
      const w = wake;
      wake = null;
      w(ev.data);
    } else waiting.push(ev.data);
  };
  return () =>
    waiting.length > 0
      ? Promise.resolve(waiting.shift()!)
      : new Promise<PartMessage>((resolve) => {
          wake = resolve;
        });
}

/**
 * Reads the second part of a large CSV file for the worker reading the first
 * (split.ts): reads its half of the file at once, decodes it once it has the
 * encoding, reads its rows once it has the header and mapping, and answers.
 */
async function readSecondPart(req: Extract<ImportRequest, { kind: 'part' }>): Promise<void> {
  const port = req.port;
  const next = inbox(port);
  try {
    const from = splitSearchFrom(req.file.size);
    const tail = new Uint8Array(await req.file.slice(from).arrayBuffer());
    const cut = cutIn(tail, from);
    const first = await next();
    if (first.type !== 'decode') return;
    const decoded = cut < 0 ? null : decodePart(tail.subarray(cut - from), first.encoding);
    const second = await next();
    if (second.type !== 'params') return;
    const reading = decoded && readPart(decoded.text, decoded.encoding, req.name, req.options, second.params);
    const msg: PartMessage = { type: 'reading', reading };
    port.postMessage(msg, reading ? partTransferables(reading) : []);
  } catch {
    // The first part's worker reads the whole file itself.
    const msg: PartMessage = { type: 'reading', reading: null };
    port.postMessage(msg);
  } finally {
    port.close();
  }
}

/**
 * Handles one request, reporting through `post` (exported so tests can drive
 * it without a real worker). Progress is throttled (PROGRESS_MS).
 */
export async function handleImportRequest(
  req: ImportRequest,
  post: (msg: ImportResponse, transfer: Transferable[]) => void,
): Promise<void> {
  try {
    if (req.kind === 'part') {
      await readSecondPart(req);
      return;
    }
    if (req.kind === 'preview') {
      const preview = previewFile(await bytesOf(req.file), req.name, req.options);
      post({ id: req.id, type: 'preview', preview }, []);
      return;
    }
    post({ id: req.id, type: 'progress', progress: { phase: 'reading', fraction: 0 } }, []);
    // A large CSV file is read in two parts, by this worker and the one at the other end of
    // the port; its first 2 MB are read first, and when they settle the parameters the
    // second part is read with, its reading starts at once (not after this worker has read
    // and decoded the first half).
    const port = req.kind === 'parse' ? req.port : undefined;
    const inHalves = port && req.file instanceof Blob && req.file.size >= SPLIT_MIN_BYTES;
    let halves: HalvesRead | null = null;
    let sent: PartParams | undefined;
    let started = false;
    if (port && inHalves && req.kind === 'parse') {
      halves = await readInHalves(req.file as Blob);
      // planSplit over the start alone: text in UTF-8 or GB18030, not an XML workbook.
      const head = halves.bytes.subarray(0, halves.started);
      const early =
        planSplit(head, req.name, 0) !== null
          ? partParamsFromHead(halves.bytes, req.name, req.options, halves.started)
          : null;
      if (early) {
        port.postMessage({ type: 'decode', encoding: early.encoding } satisfies PartMessage);
        port.postMessage({ type: 'params', params: early } satisfies PartMessage);
        sent = early;
        started = true;
      }
      await halves.half;
    }
    const read: Read = halves ?? wholeRead(await bytesOf(req.file));
    const { bytes, loaded, all } = read;
    // Hashed here, beside the parse, for the import's history record: on the main thread,
    // reading and hashing a 57 MB file was the one task over 50 ms of a 1,000,000-row import.
    // digest() copies the bytes when called, so the parse cannot change what is hashed.
    const digest = all.then(() => crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
    // At most one progress message per PROGRESS_MS, and one at each new phase: each
    // message is a render of the import page, and on two cores the main thread's renders
    // (a hundred of them, one per percent) took their time from the two parsing workers.
    let lastPhase: ImportProgress['phase'] | null = null;
    let lastAt = -Infinity;
    const progress = (fraction: number, phase: ImportProgress['phase']) => {
      const now = performance.now();
      if (phase === lastPhase && now - lastAt < PROGRESS_MS) return;
      lastPhase = phase;
      lastAt = now;
      post({ id: req.id, type: 'progress', progress: { phase, fraction } }, []);
    };
    let parsed: ImportResult;
    // A CSV or workbook parse leaves its text columns here as code units (their text '').
    const sink: TextSink = {};
    if (req.kind === 'raw') parsed = parseRawLedger(bytes, req.name, req.options, progress);
    else {
      const plan = port ? planSplit(bytes, req.name, undefined, loaded) : null;
      if (port && plan && (!sent || sent.encoding === plan.encoding)) {
        // A large CSV file: the worker at the other end of the port reads the second half.
        const next = inbox(port);
        if (!sent) {
          const decode: PartMessage = { type: 'decode', encoding: plan.encoding };
          port.postMessage(decode);
        }
        const link = {
          start(params: Extract<PartMessage, { type: 'params' }>['params']) {
            const msg: PartMessage = { type: 'params', params };
            started = true;
            port.postMessage(msg);
          },
          async reading(): Promise<PartReading | null> {
            const msg = await next();
            return msg.type === 'reading' ? msg.reading : null;
          },
        };
        parsed = (
          await parseFileInParts(bytes, req.name, req.options, plan.cut, link, progress, sink, { loaded, all }, sent)
        ).result;
        if (!started) {
          // Refused before the second part was needed (the refusal is read in one part).
          const skip: PartMessage = { type: 'skip' };
          port.postMessage(skip);
        }
        port.close();
      } else {
        if (port) {
          // A second part already started just reads on; its answer is not waited for.
          if (!started) {
            const skip: PartMessage = { type: 'skip' };
            port.postMessage(skip);
          }
          port.close();
        }
        await all;
        parsed = parseFile(bytes, req.name, req.options, progress, sink);
      }
    }
    const units =
      sink.reference && sink.description ? { reference: sink.reference, description: sink.description } : null;
    // Big columns of well-formed text cross as chunks of their units (no string built and
    // taken apart again); a lone surrogate would be U+FFFD in the string, so such a column
    // (and every small one) is made the string it always was.
    const asChunks =
      units !== null &&
      units.reference.length + units.description.length > WIRE_TEXT_THRESHOLD &&
      (sink.wellFormed === true || (wellFormedUnits(units.reference) && wellFormedUnits(units.description)));
    if (units && !asChunks) {
      const a = parsed.accepted;
      parsed = {
        ...parsed,
        accepted: {
          ...a,
          reference: { ...a.reference, text: columnText(units.reference) },
          description: { ...a.description, text: columnText(units.description) },
        },
      };
    }
    const result: ImportResult = { ...parsed, fileSha256: hex(await digest) };
    const a = result.accepted;
    if (asChunks || a.reference.text.length + a.description.text.length > WIRE_TEXT_THRESHOLD) {
      const texts = asChunks
        ? { reference: unitsToChunks(units.reference), description: unitsToChunks(units.description) }
        : { reference: textToUnitChunks(a.reference.text), description: textToUnitChunks(a.description.text) };
      const wire: ImportResult = {
        ...result,
        accepted: { ...a, reference: { ...a.reference, text: '' }, description: { ...a.description, text: '' } },
      };
      const transfer = [
        ...transferablesOf(wire),
        ...texts.reference.map((u) => u.buffer),
        ...texts.description.map((u) => u.buffer),
      ];
      post({ id: req.id, type: 'result', result: wire, texts }, transfer as ArrayBuffer[]);
    } else {
      post({ id: req.id, type: 'result', result }, transferablesOf(result));
    }
  } catch (err) {
    post({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) }, []);
  }
}

// Wire up only inside a dedicated worker (not when imported by tests).
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  self.onmessage = (ev: MessageEvent<ImportRequest>) => {
    void handleImportRequest(ev.data, (msg, transfer) => self.postMessage(msg, transfer));
  };
}
