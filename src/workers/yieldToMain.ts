/**
 * Gives the event loop a turn so input and rendering are never held up by
 * long loops (and, inside an IndexedDB transaction's preparation, so a
 * million-row import never blocks the thread it runs on). Scheduling, not
 * math: the pure ledger code in src/domain never calls it; its callers slice
 * their work and yield between slices.
 */
export function yieldToMain(): Promise<void> {
  const sched = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (sched?.yield) return sched.yield();
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(0);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
