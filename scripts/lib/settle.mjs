/**
 * Waits for a quiet machine before a timed step of the benchmark or of Lighthouse:
 * flushes files just written (the benchmark writes ~150 MB of ledgers right before
 * importing them, so that their write-back to disk is not part of a timed import), then waits
 * until the 1-minute load average is at most `maxLoad`, for at most `maxSeconds`.
 * The caller reports the load it returns next to its figures, whether or not it
 * settled.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';

/**
 * @param {{ maxLoad: number, maxSeconds: number, log?: (...a: unknown[]) => void }} options
 * @returns {Promise<{ load: number, waitedSeconds: number, settled: boolean }>}
 */
export async function settle({ maxLoad, maxSeconds, log }) {
  spawnSync('sync', [], { stdio: 'ignore' });
  const start = Date.now();
  let load = os.loadavg()[0];
  while (load > maxLoad && Date.now() - start < maxSeconds * 1000) {
    await new Promise((r) => setTimeout(r, 2000));
    load = os.loadavg()[0];
  }
  const waitedSeconds = Math.round((Date.now() - start) / 100) / 10;
  const settled = load <= maxLoad;
  if (log && waitedSeconds >= 2)
    log(
      `waited ${waitedSeconds} s for the load average to fall to ${maxLoad} (now ${load.toFixed(2)}${settled ? '' : ', gave up'})`,
    );
  return { load: Number(load.toFixed(2)), waitedSeconds, settled };
}
