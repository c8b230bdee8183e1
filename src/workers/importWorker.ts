/// <reference lib="webworker" />
/**
 * Import worker: reads the file, parses it with the pure import library and
 * posts progress and the result, transferring the typed arrays so a million
 * rows cross to the main thread without copying.
 */
import { parseFile, previewFile } from '../domain/import/parseFile';
import { parseRawLedger } from '../domain/import/rawLedger';
import type { ImportProgress, ImportRequest, ImportResponse } from '../domain/import/protocol';
import type { ImportResult } from '../domain/import/types';
import { textToUnitChunks } from '../domain/import/wireText';

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

/**
 * Handles one request, reporting through `post` (exported so tests can drive
 * it without a real worker). Progress is throttled to whole percents.
 */
export async function handleImportRequest(
  req: ImportRequest,
  post: (msg: ImportResponse, transfer: Transferable[]) => void,
): Promise<void> {
  try {
    if (req.kind === 'preview') {
      const preview = previewFile(await bytesOf(req.file), req.name, req.options);
      post({ id: req.id, type: 'preview', preview }, []);
      return;
    }
    post({ id: req.id, type: 'progress', progress: { phase: 'reading', fraction: 0 } }, []);
    const bytes = await bytesOf(req.file);
    // Hashed here, beside the parse, for the import's history record: on the main thread,
    // reading and hashing a 57 MB file was the one task over 50 ms of a 1,000,000-row import.
    // digest() copies the bytes when called, so the parse cannot change what is hashed.
    const digest = crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
    let lastSent = -1;
    const progress = (fraction: number, phase: ImportProgress['phase']) => {
      const pct = Math.floor(fraction * 100);
      if (pct === lastSent) return;
      lastSent = pct;
      post({ id: req.id, type: 'progress', progress: { phase, fraction } }, []);
    };
    const parsed: ImportResult =
      req.kind === 'raw'
        ? parseRawLedger(bytes, req.name, req.options, progress)
        : parseFile(bytes, req.name, req.options, progress);
    const result: ImportResult = { ...parsed, fileSha256: hex(await digest) };
    const a = result.accepted;
    if (a.reference.text.length + a.description.text.length > WIRE_TEXT_THRESHOLD) {
      const texts = {
        reference: textToUnitChunks(a.reference.text),
        description: textToUnitChunks(a.description.text),
      };
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
