/// <reference lib="webworker" />
/**
 * Ledger worker: the heavy half of an import runs here, off the page's main
 * thread — hashing the incoming rows and checking them against the stored
 * ledger, counting what Import would store, splitting the rows into chunk
 * records and writing the batch in one IndexedDB transaction (the structured
 * clone of every record happens on the thread that writes it).
 *
 * The page hands the accepted rows over (typed arrays transferred, the text
 * as transferred UTF-16 chunks) and keeps only what it shows; the rows stay
 * here, as a session, between the check and the commit.
 */
import { db } from './db';
import { columnsFromWire, HeldImport, type LedgerWorkerRequest, type LedgerWorkerResponse } from './ledgerSession';

declare const self: DedicatedWorkerGlobalScope;

const sessions = new Map<number, HeldImport>();

// The database opens here while the page waits for a file, not inside the first import's
// duplicate check (Dexie compares the stored schema with the declared one when it opens: about
// 20 ms of that check on a 1,000,000-row file). A failed opening is reported by the first read.
void db()
  .open()
  .catch(() => undefined);

function post(msg: LedgerWorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function held(session: number): HeldImport {
  const s = sessions.get(session);
  if (!s) throw new Error('The import is no longer held by the ledger worker; choose the file again.');
  return s;
}

self.onmessage = async (ev: MessageEvent<LedgerWorkerRequest>) => {
  const req = ev.data;
  try {
    if (req.kind === 'append') {
      let s = sessions.get(req.session);
      if (!s) sessions.set(req.session, (s = new HeldImport(req.categoryIds)));
      s.append(columnsFromWire(req.columns));
      post({ id: req.id, type: 'appended' });
    } else if (req.kind === 'check') {
      const check = await held(req.session).check(req.maxListed);
      // The mask is not needed by the page (the session keeps its own skip mask).
      post({ id: req.id, type: 'checked', check: { ...check, stored: { ...check.stored, mask: new Uint8Array(0) } } });
    } else if (req.kind === 'commit') {
      const batch = await held(req.session).commit(req.info, req.skipDuplicates, (rows) =>
        post({ id: req.id, type: 'writing', rows }),
      );
      sessions.delete(req.session);
      post({ id: req.id, type: 'committed', batch });
    } else {
      sessions.delete(req.session);
      post({ id: req.id, type: 'dropped' });
    }
  } catch (err) {
    post({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
