/**
 * Team mode offline: the last successful answer of each of the team server's
 * reads (the overview's totals, AGM outcomes, the register, commentary, the
 * evidence, the change history, small ledger pages…) kept in the browser's
 * Cache Storage with the time it was read. When the server cannot be reached,
 * the app is shown from these answers, read-only, labelled "as at" the oldest
 * of them it shows — never as current — and every write is refused.
 * Signing out (or a session the server ended) removes them.
 */

const CACHE = 'headroom-team-reads-v1';
const SYNCED_AT = 'x-headroom-synced-at';
/** Remembered by the browser: this address is a team server (offline, /api/mode cannot say). */
export const TEAM_FLAG = 'headroom.teamServer';

/** Bulk reads (whole-ledger walks in pages of thousands) are not kept: screens' pages are. */
export function worthKeeping(path: string): boolean {
  if (!path.startsWith('/api/') || path.startsWith('/api/events')) return false;
  if (path.startsWith('/api/ledger/page')) {
    const limit = Number(new URLSearchParams(path.split('?')[1] ?? '').get('limit') ?? 100);
    return limit <= 1000;
  }
  return true;
}

async function open(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(CACHE);
  } catch {
    return null;
  }
}

export async function keepRead(path: string, text: string, at = new Date()): Promise<void> {
  if (!worthKeeping(path)) return;
  const c = await open();
  await c
    ?.put(
      new Request(path),
      new Response(text, { headers: { 'content-type': 'application/json', [SYNCED_AT]: at.toISOString() } }),
    )
    .catch(() => {});
}

/** The last answer kept for `path`, with when it was read; null when none is. */
export async function keptRead(path: string): Promise<{ text: string; at: string } | null> {
  const c = await open();
  const res = await c?.match(new Request(path)).catch(() => undefined);
  if (!res) return null;
  return { text: await res.text(), at: res.headers.get(SYNCED_AT) ?? new Date(0).toISOString() };
}

export async function forgetReads(): Promise<void> {
  try {
    if (typeof caches !== 'undefined') await caches.delete(CACHE);
  } catch {
    // nothing kept
  }
}

// ---------------------------------------------------------------------------
// Whether the app is showing kept answers, and as at when

type Listener = () => void;
let asAt: string | null = null;
const listeners = new Set<Listener>();

/** The oldest read time of the kept answers shown since the server was last reached; null when online. */
export function offlineAsAt(): string | null {
  return asAt;
}

export function onOfflineChange(l: Listener): () => void {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

export function markShownFromCache(at: string): void {
  const next = asAt === null || at < asAt ? at : asAt;
  if (next === asAt) return;
  asAt = next;
  for (const l of [...listeners]) l();
}

export function markReached(): void {
  if (asAt === null) return;
  asAt = null;
  for (const l of [...listeners]) l();
}
