import { useCallback, useRef } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { create } from 'zustand';
import { type IsoDate, isIsoDate, todayIso } from '../domain/dates';
import { useUpdateSearchParams } from './useUpdateSearchParams';

/**
 * A date just chosen, shown at once while the URL catches up. The URL stays the
 * source of truth (a link reproduces the screen); this only bridges the time
 * until the router has the new search string (URL_WRITE_DELAY_MS after the last change). It applies only to the
 * address it was chosen on (the history entry's key and search): once the URL has
 * moved — our own write or back/forward — the URL decides, without a render of its
 * own to clear it (that render of every screen came just as the next change did).
 */
interface Pending {
  readonly date: IsoDate;
  readonly key: string;
  readonly search: string;
}
const usePendingAsOf = create<{ pending: Pending | null }>(() => ({ pending: null }));

/** How long the address waits after the last as-of change before it is written (ms). */
export const URL_WRITE_DELAY_MS = 250;

let pendingWrite: ReturnType<typeof setTimeout> | undefined;

/**
 * Writes the URL once the dates stop changing. The router's update (history.replaceState,
 * route matching, a transition render of every screen that reads the location) costs as
 * much as the change itself; written after each change, it landed on the next one when
 * dates came quickly (a held arrow key, a script), which then took 30–60 ms instead of
 * 5–10. Links carry the chosen date meanwhile (useCarriedHref reads it from here).
 */
function writeSoon(write: () => void): void {
  clearTimeout(pendingWrite);
  pendingWrite = setTimeout(write, URL_WRITE_DELAY_MS);
}

/**
 * The as-of date that drives every screen, held in the URL (?asOf=YYYY-MM-DD)
 * so a link reproduces the screen. Defaults to today when absent or invalid.
 * A new date renders at once and reaches the URL once the dates stop changing.
 */
export function useAsOf(): [IsoDate, (next: IsoDate) => void, { fromUrl: boolean }] {
  const [params] = useSearchParams();
  const { key, search } = useLocation();
  const update = useUpdateSearchParams();
  const chosen = usePendingAsOf((s) => s.pending);
  const pending = chosen !== null && chosen.key === key && chosen.search === search ? chosen.date : null;
  const raw = params.get('asOf');
  const fromUrl = pending !== null || (raw !== null && isIsoDate(raw));
  const asOf = pending ?? (raw !== null && isIsoDate(raw) ? raw : todayIso());
  const here = useRef({ key, search });
  here.current = { key, search };
  const setAsOf = useCallback(
    (next: IsoDate) => {
      if (!isIsoDate(next)) return;
      usePendingAsOf.setState({ pending: { date: next, ...here.current } });
      writeSoon(() => {
        // The address moved meanwhile (a link followed, back or forward): it decides, not this date.
        const chosen = usePendingAsOf.getState().pending;
        if (chosen === null || chosen.key !== here.current.key || chosen.search !== here.current.search) return;
        update((current) => {
          current.set('asOf', chosen.date);
          return current;
        });
      });
    },
    [update],
  );
  return [asOf, setAsOf, { fromUrl }];
}
