import { useDeferredValue, useMemo } from 'react';
import { useAsOf } from './useAsOf';

/** The link builder for a carried as-of date (null: today's, which is not carried). */
function carriedHref(asOf: string | null): (path: string, extra?: Record<string, string>) => string {
  return (path, extra) => {
    const p = new URLSearchParams();
    // Today's date by default is not carried: the next screen defaults to today too.
    if (asOf !== null) p.set('asOf', asOf);
    for (const [k, v] of Object.entries(extra ?? {})) p.set(k, v);
    const q = p.toString();
    return q ? `${path}?${q}` : path;
  };
}

/**
 * Builds a link to `path` that keeps the as-of date the screen shows (the URL's, or
 * one just chosen that the URL has not caught up with yet), plus `extra` parameters.
 */
export function useCarriedHref(): (path: string, extra?: Record<string, string>) => string {
  const [asOf, , { fromUrl }] = useAsOf();
  return carriedHref(fromUrl ? asOf : null);
}

/**
 * useCarriedHref for links outside the screen (the navigation): the builder changes in
 * a deferred render after an as-of change, so the change's own render (the screen's new
 * figures) does not wait for twenty-odd links to be rebuilt; one render later they carry
 * the new date. The same function is returned until the carried date changes, so a
 * memoised list of links is skipped in the change's render.
 */
export function useDeferredCarriedHref(): (path: string, extra?: Record<string, string>) => string {
  const [asOf, , { fromUrl }] = useAsOf();
  const carried = useDeferredValue(fromUrl ? asOf : null);
  return useMemo(() => carriedHref(carried), [carried]);
}
