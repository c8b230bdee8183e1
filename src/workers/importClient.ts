/**
 * Promise API over the import worker. One worker per job, terminated when the
 * job ends or is aborted, so a cancelled million-row parse frees its memory.
 */
import {
  SPLIT_MIN_BYTES,
  type ImportProgress,
  type ImportRequest,
  type ImportResponse,
} from '../domain/import/protocol';
import type { ImportPreview, ImportResult, ParseOptions, PreviewOptions } from '../domain/import/types';
import type { RawLedgerOptions, RawLedgerResult } from '../domain/import/rawLedger';
import { lazyTextColumn } from '../domain/import/wireText';

export type { ImportProgress } from '../domain/import/protocol';

let nextId = 1;

/**
 * Workers started ahead of the next job. Loading and compiling the worker's script (the
 * spreadsheet reader included) takes a noticeable part of a preview on a slow device, and
 * an import is always a preview and a parse started together (a large CSV file's parse by
 * two workers): three spares cover the three, so that cost is off the path from file
 * chosen to preview and to import. Spares are refilled only a second after the last job
 * ended: a worker compiling its script during a parse, or during the duplicate check and
 * the commit that follow it in the ledger worker, would take a core from them.
 */
const spares: Worker[] = [];
const SPARES = 3;
const REFILL_DELAY_MS = 1000;
let running = 0;
let refill: ReturnType<typeof setTimeout> | undefined;

function newWorker(): Worker {
  return new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
}

/** Starts the spare workers now (the import page calls it when it opens); at most three are kept. */
export function prewarmImportWorker(): void {
  if (typeof Worker === 'undefined' || running > 0) return;
  while (spares.length < SPARES) spares.push(newWorker());
}

function takeWorker(): Worker {
  clearTimeout(refill);
  running++;
  return spares.shift() ?? newWorker();
}

function releaseWorker(worker: Worker): void {
  worker.terminate();
  running--;
  if (running === 0) refill = setTimeout(prewarmImportWorker, REFILL_DELAY_MS);
}

/** The second worker of a parse in two parts died: the parse runs again in one worker. */
class PartWorkerLost extends Error {}

/**
 * The result with its text columns put back. Columns sent as UTF-16 chunks
 * stay chunks (see wireText.ts): decoded only if the page reads them, and
 * handed on as they are to the ledger worker.
 */
export function resultFromWire(msg: Extract<ImportResponse, { type: 'result' }>): ImportResult {
  if (!msg.texts) return msg.result;
  const r = msg.result;
  return {
    ...r,
    accepted: {
      ...r.accepted,
      reference: lazyTextColumn(msg.texts.reference, r.accepted.reference.offsets),
      description: lazyTextColumn(msg.texts.description, r.accepted.description.offsets),
    },
  };
}

function fileNameOf(file: Blob | ArrayBuffer, explicit?: string): string {
  if (explicit) return explicit;
  if (typeof File !== 'undefined' && file instanceof File) return file.name;
  return 'file';
}

function run<T>(
  request: ImportRequest,
  pick: (msg: ImportResponse) => T | Promise<T> | undefined,
  onProgress?: (p: ImportProgress) => void,
  signal?: AbortSignal,
  /** The request for a second worker reading the file's second part, given its port. */
  partRequest?: (port: MessagePort) => ImportRequest,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new DOMException('Import aborted', 'AbortError'));
      return;
    }
    const worker = takeWorker();
    let helper: Worker | null = null;
    const transfer: Transferable[] = request.file instanceof ArrayBuffer ? [request.file] : [];
    if (partRequest) {
      const channel = new MessageChannel();
      helper = takeWorker();
      helper.onerror = () => {
        finish();
        reject(new PartWorkerLost('The second import worker failed'));
      };
      helper.postMessage(partRequest(channel.port2), [channel.port2]);
      request = { ...request, port: channel.port1 } as ImportRequest;
      transfer.push(channel.port1);
    }
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      releaseWorker(worker);
      if (helper) releaseWorker(helper);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(signal?.reason ?? new DOMException('Import aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (ev: MessageEvent<ImportResponse>) => {
      const msg = ev.data;
      if (msg.id !== request.id) return;
      if (msg.type === 'progress') {
        onProgress?.(msg.progress);
        return;
      }
      finish();
      if (msg.type === 'error') {
        reject(new Error(msg.message));
        return;
      }
      const value = pick(msg);
      if (value === undefined) reject(new Error(`Unexpected worker reply "${msg.type}"`));
      else Promise.resolve(value).then(resolve, reject);
    };
    worker.onerror = (ev) => {
      finish();
      reject(new Error(ev.message || 'Import worker failed'));
    };
    // The file (a Blob) is cheap to clone; an ArrayBuffer is transferred.
    worker.postMessage(request, transfer);
  });
}

/**
 * Parses a CSV or .xlsx file in a Web Worker. Resolves with the full result
 * (typed arrays transferred, not copied); a bad file resolves with
 * `result.fatal` set rather than rejecting. Rejects only on abort or a worker
 * crash. An ArrayBuffer passed in is transferred (detached) to the worker.
 */
export function parseInWorker(
  file: Blob | ArrayBuffer,
  options: ParseOptions & { readonly fileName?: string },
  onProgress?: (p: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<ImportResult> {
  const { fileName, ...parseOptions } = options;
  const request: ImportRequest = {
    id: nextId++,
    kind: 'parse',
    file,
    name: fileNameOf(file, fileName),
    options: parseOptions,
  };
  const pick = (m: ImportResponse) => (m.type === 'result' ? resultFromWire(m) : undefined);
  // A large CSV file is read in two parts by two workers at once (split.ts); the first
  // worker decides whether the file can be, and reads it in one part when not.
  const inParts =
    typeof Blob !== 'undefined' &&
    file instanceof Blob &&
    file.size >= SPLIT_MIN_BYTES &&
    typeof MessageChannel !== 'undefined' &&
    !/\.(xlsx?|xlsm)$/i.test(request.name);
  if (!inParts) return run(request, pick, onProgress, signal);
  const part = (port: MessagePort): ImportRequest => ({
    id: request.id,
    kind: 'part',
    file,
    name: request.name,
    options: parseOptions,
    port,
  });
  return run(request, pick, onProgress, signal, part).catch((err: unknown) => {
    if (!(err instanceof PartWorkerLost)) throw err;
    return run({ ...request, id: nextId++ }, pick, onProgress, signal);
  });
}

/** Header, first rows (default 20) and guessed mapping of a file, read in a Web Worker. */
export function previewInWorker(
  file: Blob | ArrayBuffer,
  options: PreviewOptions & { readonly fileName?: string } = {},
  signal?: AbortSignal,
): Promise<ImportPreview> {
  const { fileName, ...previewOptions } = options;
  const request: ImportRequest = {
    id: nextId++,
    kind: 'preview',
    file,
    name: fileNameOf(file, fileName),
    options: previewOptions,
  };
  return run(request, (m) => (m.type === 'preview' ? m.preview : undefined), undefined, signal);
}

/**
 * Parses a raw ERP ledger (buckets, connected persons, rules) in a Web
 * Worker; like parseInWorker, a bad file resolves with `fatal` set.
 */
export function parseRawInWorker(
  file: Blob | ArrayBuffer,
  options: RawLedgerOptions & { readonly fileName?: string },
  onProgress?: (p: ImportProgress) => void,
  signal?: AbortSignal,
): Promise<RawLedgerResult> {
  const { fileName, ...rawOptions } = options;
  const request: ImportRequest = {
    id: nextId++,
    kind: 'raw',
    file,
    name: fileNameOf(file, fileName),
    options: rawOptions,
  };
  return run(
    request,
    (m) => (m.type === 'result' ? (resultFromWire(m) as RawLedgerResult) : undefined),
    onProgress,
    signal,
  );
}
