/**
 * The import session over the ledger worker (ledgerWorker.ts): hand an
 * import's accepted rows over, get the duplicate check and the plan back,
 * then commit. Where Web Workers do not exist (unit tests under jsdom) the same
 * functions run on this thread instead.
 */
import type { CategoryId } from '../domain/model';
import { unitChunksOf } from '../domain/import/wireText';
import { notifyLedgerChanged } from './ledgerEvents';
import {
  HeldImport,
  type LedgerWorkerRequest,
  type LedgerWorkerResponse,
  type WireColumns,
  type WireText,
} from './ledgerSession';
import { yieldToMain } from '../workers/yieldToMain';
import type { PackedStrings } from './ledgerTypes';
import type { LedgerImportSession } from './repositories';

let worker: Worker | null = null;
let nextId = 1;
let nextSession = 1;
const pending = new Map<
  number,
  {
    resolve: (r: LedgerWorkerResponse) => void;
    reject: (e: Error) => void;
    progress?: (r: LedgerWorkerResponse) => void;
  }
>();

/**
 * Starts the ledger worker now, so that loading and compiling its script (Dexie with it)
 * is not part of the first import's path from parsed to checked (~80 ms measured there).
 */
export function prewarmLedgerWorker(): void {
  getWorker();
}

function getWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  if (!worker) {
    worker = new Worker(new URL('./ledgerWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<LedgerWorkerResponse>) => {
      const p = pending.get(ev.data.id);
      if (!p) return;
      if (ev.data.type === 'writing') {
        p.progress?.(ev.data);
        return;
      }
      pending.delete(ev.data.id);
      if (ev.data.type === 'error') p.reject(new Error(ev.data.message));
      else p.resolve(ev.data);
    };
    worker.onerror = (ev) => {
      const err = new Error(ev.message || 'Ledger worker failed');
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      worker?.terminate();
      worker = null;
    };
  }
  return worker;
}

function send(
  w: Worker,
  req: LedgerWorkerRequest,
  transfer: Transferable[] = [],
  progress?: (r: LedgerWorkerResponse) => void,
): Promise<LedgerWorkerResponse> {
  return new Promise((resolve, reject) => {
    pending.set(req.id, { resolve, reject, ...(progress ? { progress } : {}) });
    w.postMessage(req, transfer);
  });
}

/** Code units per chunk: about 1 MB, a couple of milliseconds to copy. */
const UNITS_PER_CHUNK = 1 << 19;

/**
 * A text column as transferable UTF-16 chunks. A column that came from the
 * import worker as chunks (lazyTextColumn) hands on those very chunks, never
 * decoded on this thread; any other is copied a chunk per task so a million
 * rows of text never block the page (a string would be copied in one go by
 * postMessage).
 */
export async function toWireText(col: PackedStrings): Promise<WireText> {
  const received = unitChunksOf(col);
  if (received) return { chunks: received, offsets: col.offsets };
  const { text } = col;
  const chunks: Uint16Array[] = [];
  for (let start = 0; start < text.length; start += UNITS_PER_CHUNK) {
    const end = Math.min(text.length, start + UNITS_PER_CHUNK);
    const u = new Uint16Array(end - start);
    for (let k = start; k < end; k++) u[k - start] = text.charCodeAt(k);
    chunks.push(u);
    await yieldToMain();
  }
  return { chunks, offsets: col.offsets };
}

/**
 * Opens an import session (the repository's LedgerImportSession). With a
 * worker, each appended chunk's typed arrays are TRANSFERRED to it: the
 * caller's arrays are detached afterwards and only the check's answers are
 * used on the page. Without one (unit tests under jsdom) the session runs on
 * this thread.
 */
export function openImportSession(categoryIds: readonly CategoryId[]): LedgerImportSession {
  const w = getWorker();
  if (!w) {
    let local: HeldImport | null = new HeldImport(categoryIds);
    const live = () => {
      if (!local) throw new Error('The import was aborted; choose the file again.');
      return local;
    };
    return {
      append: async (chunk) => live().append(chunk),
      check: (options) => live().check(options?.maxListed),
      commit: async (info, { skipDuplicates, onProgress }) => {
        const batch = await live().commit(info, skipDuplicates, (rows) => onProgress?.({ phase: 'writing', rows }));
        local = null;
        return batch;
      },
      abort: () => {
        local = null;
      },
    };
  }
  const session = nextSession++;
  let sent = false;
  return {
    append: async (columns) => {
      const [reference, description] = [await toWireText(columns.reference), await toWireText(columns.description)];
      const wire: WireColumns = {
        length: columns.length,
        day: columns.day,
        category: columns.category,
        amountMinor: columns.amountMinor,
        reference,
        description,
        ...(columns.rowNumber ? { rowNumber: columns.rowNumber } : {}),
        ...(columns.duplicateOf ? { duplicateOf: columns.duplicateOf } : {}),
      };
      const transfer = new Set<ArrayBuffer>();
      for (const a of [
        wire.day,
        wire.category,
        wire.amountMinor,
        wire.rowNumber,
        wire.duplicateOf,
        reference.offsets,
        description.offsets,
      ]) {
        if (a) transfer.add(a.buffer as ArrayBuffer);
      }
      for (const c of [...reference.chunks, ...description.chunks]) transfer.add(c.buffer as ArrayBuffer);
      sent = true;
      const res = await send(w, { id: nextId++, kind: 'append', session, columns: wire, categoryIds }, [...transfer]);
      if (res.type !== 'appended') throw new Error(`Unexpected ledger worker reply "${res.type}"`);
    },
    check: async (options) => {
      const maxListed = options?.maxListed;
      const res = await send(w, { id: nextId++, kind: 'check', session, ...(maxListed ? { maxListed } : {}) });
      if (res.type !== 'checked') throw new Error(`Unexpected ledger worker reply "${res.type}"`);
      return res.check;
    },
    commit: async (info, { skipDuplicates, onProgress }) => {
      if (!sent) throw new Error('Check the import before committing it');
      const res = await send(w, { id: nextId++, kind: 'commit', session, info, skipDuplicates }, [], (r) => {
        if (r.type === 'writing') onProgress?.({ phase: 'writing', rows: r.rows });
      });
      if (res.type !== 'committed') throw new Error(`Unexpected ledger worker reply "${res.type}"`);
      // The worker's BroadcastChannel message reaches this tab too; telling
      // this tab's listeners directly does not wait for it.
      notifyLedgerChanged('rows');
      return res.batch;
    },
    abort: () => {
      if (sent) void send(w, { id: nextId++, kind: 'drop', session }).catch(() => undefined);
    },
  };
}
