/**
 * Persistent storage: without it the browser may evict IndexedDB under
 * storage pressure, taking the ledger with it. The app asks once a ledger
 * holds data and shows the answer.
 */
import type { PersistenceState } from './repositories';

export type { PersistenceState } from './repositories';

function manager(): StorageManager | null {
  return typeof navigator !== 'undefined' && navigator.storage && typeof navigator.storage.persist === 'function'
    ? navigator.storage
    : null;
}

export async function loadPersistence(): Promise<PersistenceState> {
  const m = manager();
  if (!m) return { supported: false, persisted: false, usage: null, quota: null };
  const [persisted, estimate] = await Promise.all([
    m.persisted().catch(() => false),
    m.estimate ? m.estimate().catch(() => null) : Promise.resolve(null),
  ]);
  return { supported: true, persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

/** Asks the browser to keep this origin's data; resolves with whether it now does. */
export async function requestPersistence(): Promise<boolean> {
  const m = manager();
  if (!m) return false;
  if (await m.persisted().catch(() => false)) return true;
  return m.persist().catch(() => false);
}
