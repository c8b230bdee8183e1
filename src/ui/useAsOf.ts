import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { type IsoDate, isIsoDate, todayIso } from '../domain/dates';

/**
 * The as-of date that drives every screen, held in the URL (?asOf=YYYY-MM-DD)
 * so a link reproduces the screen. Defaults to today when absent or invalid.
 */
export function useAsOf(): [IsoDate, (next: IsoDate) => void, { fromUrl: boolean }] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('asOf');
  const fromUrl = raw !== null && isIsoDate(raw);
  const asOf = fromUrl ? raw : todayIso();
  const setAsOf = useCallback(
    (next: IsoDate) => {
      if (!isIsoDate(next)) return;
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          p.set('asOf', next);
          return p;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [asOf, setAsOf, { fromUrl }];
}
