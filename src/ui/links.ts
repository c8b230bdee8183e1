import { useAsOf } from './useAsOf';

/**
 * Builds a link to `path` that keeps the as-of date the screen shows (the URL's, or
 * one just chosen that the URL has not caught up with yet), plus `extra` parameters.
 */
export function useCarriedHref(): (path: string, extra?: Record<string, string>) => string {
  const [asOf, , { fromUrl }] = useAsOf();
  return (path, extra) => {
    const p = new URLSearchParams();
    // Today's date by default is not carried: the next screen defaults to today too.
    if (fromUrl) p.set('asOf', asOf);
    for (const [k, v] of Object.entries(extra ?? {})) p.set(k, v);
    const q = p.toString();
    return q ? `${path}?${q}` : path;
  };
}
