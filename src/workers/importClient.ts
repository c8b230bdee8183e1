/**
 * Promise API over the import worker. One worker per job, terminated when the
 * job ends or is aborted, so a cancelled million-row parse frees its memory.
 */
import type { ImportProgress, ImportRequest, ImportResponse } from '../domain/import/protocol';
import type { ImportPreview, ImportResult, ParseOptions, PreviewOptions } from '../domain/import/types';
import type { RawLedgerOptions, RawLedgerResult } from '../domain/import/rawLedger';
import { lazyTextColumn } from '../domain/import/wireText';

export type { ImportProgress } from '../domain/import/protocol';

let nextId = 1;

/**
 * A worker started ahead of the next job. Loading and compiling the worker's script (the
 * spreadsheet reader included) takes a noticeable part of a preview on a slow device, and
 * an import is always a preview followed by a parse: each job takes the spare, if any, and
 * starts the next one while it runs, so that cost is off the path from file chosen to
 * preview and from preview to import.
 */
let spare: Worker | null = null;

function newWorker(): Worker {
  return new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
}

/** Starts the spare worker now (the import page calls it when it opens); at most one is kept. */
export function prewarmImportWorker(): void {
  if (typeof Worker === 'undefined') return;
  spare ??= newWorker();
}

function takeWorker(): Worker {
  const worker = spare ?? newWorker();
  spare = null;
  prewarmImportWorker();
  return worker;
}

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
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new DOMException('Import aborted', 'AbortError'));
      return;
    }
    const worker = takeWorker();
    const finish = () => {
      worker.terminate();
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
    worker.postMessage(request, request.file instanceof ArrayBuffer ? [request.file] : []);
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
  return run(request, (m) => (m.type === 'result' ? resultFromWire(m) : undefined), onProgress, signal);
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
