/**
 * "The ledger changed" notifications, in this tab and across tabs: every write
 * calls notifyLedgerChanged() after its transaction commits, and a second
 * open tab hears it over a BroadcastChannel and refreshes its caches, so two
 * tabs never show different ledgers for longer than a message hop.
 */
import type { LedgerChange } from './repositories';

export type { LedgerChange } from './repositories';

const CHANNEL_NAME = 'headroom-ledger';

type Listener = (change: LedgerChange) => void;

const listeners = new Set<Listener>();
let channel: BroadcastChannel | null | undefined;

function channelOrNull(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);
    channel?.addEventListener('message', (ev: MessageEvent<{ kind?: LedgerChange['kind'] }>) => {
      const kind = ev.data?.kind ?? 'all';
      for (const l of [...listeners]) l({ kind, remote: true });
    });
  }
  return channel;
}

/** Tells this tab's listeners and every other open tab that the ledger changed. */
export function notifyLedgerChanged(kind: LedgerChange['kind'] = 'rows'): void {
  for (const l of [...listeners]) l({ kind, remote: false });
  channelOrNull()?.postMessage({ kind });
}

/** Subscribes to ledger changes from this tab and other tabs; returns the unsubscribe function. */
export function subscribeLedgerChanged(listener: Listener): () => void {
  channelOrNull();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
