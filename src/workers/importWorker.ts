/// <reference lib="webworker" />
/**
 * Import worker: reads the file, parses it with the pure import library and
 * posts progress and the result, transferring the typed arrays so a million
 * rows cross to the main thread without copying.
 */
import { parseFile, previewFile } from '../domain/import/parseFile';
import type { ImportRequest, ImportResponse } from '../domain/import/protocol';
import type { ImportResult } from '../domain/import/types';

declare const self: DedicatedWorkerGlobalScope;

/** Buffers to transfer with a result (each at most once). */
export function transferablesOf(result: ImportResult): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  const a = result.accepted;
  for (const arr of [a.day, a.category, a.amountMinor, a.rowNumber, a.duplicateOf, a.reference.offsets, a.description.offsets]) {
    set.add(arr.buffer as ArrayBuffer);
  }
  for (const t of result.perCategoryDailyTotals.values()) {
    set.add(t.days.buffer as ArrayBuffer);
    set.add(t.prefix.buffer as ArrayBuffer);
  }
  return [...set];
}

async function bytesOf(file: Blob | ArrayBuffer): Promise<Uint8Array> {
  return new Uint8Array(file instanceof ArrayBuffer ? file : await file.arrayBuffer());
}

function post(msg: ImportResponse, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

self.onmessage = async (ev: MessageEvent<ImportRequest>) => {
  const req = ev.data;
  try {
    if (req.kind === 'preview') {
      const preview = previewFile(await bytesOf(req.file), req.name, req.options);
      post({ id: req.id, type: 'preview', preview });
      return;
    }
    post({ id: req.id, type: 'progress', progress: { phase: 'reading', fraction: 0 } });
    const bytes = await bytesOf(req.file);
    let lastSent = -1;
    const result = parseFile(bytes, req.name, req.options, (fraction, phase) => {
      // Throttle: a message per percent is plenty for a progress bar.
      const pct = Math.floor(fraction * 100);
      if (pct === lastSent) return;
      lastSent = pct;
      post({ id: req.id, type: 'progress', progress: { phase, fraction } });
    });
    post({ id: req.id, type: 'result', result }, transferablesOf(result));
  } catch (err) {
    post({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
