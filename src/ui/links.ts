import { useSearchParams } from 'react-router';

/** Search parameters carried from screen to screen (the as-of date and language-neutral state). */
const CARRIED = ['asOf'];

/** Builds a link to `path` that keeps the current as-of date. */
export function useCarriedHref(): (path: string, extra?: Record<string, string>) => string {
  const [params] = useSearchParams();
  return (path, extra) => {
    const p = new URLSearchParams();
    for (const k of CARRIED) {
      const v = params.get(k);
      if (v) p.set(k, v);
    }
    for (const [k, v] of Object.entries(extra ?? {})) p.set(k, v);
    const q = p.toString();
    return q ? `${path}?${q}` : path;
  };
}
