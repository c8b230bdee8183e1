import { useCallback, useRef } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { create } from 'zustand';
import { type IsoDate, isIsoDate, todayIso } from '../domain/dates';
import { useUpdateSearchParams } from './useUpdateSearchParams';

/**
 * A date just chosen, shown at once while the URL catches up. The URL stays the
 * source of truth (a link reproduces the screen); this only bridges the few
 * milliseconds until the router has the new search string. It applies only to the
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

/**
 * Writes the URL after the browser has painted the new figures. The router's update
 * (history.replaceState, route matching, a transition render of every screen that
 * reads the location) took about two thirds of an as-of change when it came first.
 */
function afterPaint(write: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    write();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
  // A hidden tab gets no animation frames; the URL must still follow.
  setTimeout(once, 100);
}

/**
 * The as-of date that drives every screen, held in the URL (?asOf=YYYY-MM-DD)
 * so a link reproduces the screen. Defaults to today when absent or invalid.
 * A new date renders at once and reaches the URL right after the next paint.
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
      afterPaint(() => {
        // Two quick changes: the URL takes the latest date, never an older one.
        const latest = usePendingAsOf.getState().pending?.date ?? next;
        update((current) => {
          current.set('asOf', latest);
          return current;
        });
      });
    },
    [update],
  );
  return [asOf, setAsOf, { fromUrl }];
}
