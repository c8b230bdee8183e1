import { useEffect } from 'react';
import { addDays, type IsoDate, lastHalfYearEnd, startOfMonth, todayIso } from '../../domain/dates';
import { useAsOf } from '../useAsOf';

/**
 * The as-of date of a report: the URL's, else a default that suits the report
 * (the directors' report: the last half-year end; the monthly report: the
 * last month end). The default is written into the URL (replacing the entry)
 * so the header's date control and any link show the date the report uses.
 */
export function useReportAsOf(kind: 'half-year' | 'month-end'): IsoDate {
  const [asOf, setAsOf, { fromUrl }] = useAsOf();
  const today = todayIso();
  const fallback = kind === 'half-year' ? lastHalfYearEnd(today) : addDays(startOfMonth(today), -1);
  useEffect(() => {
    if (!fromUrl) setAsOf(fallback);
  }, [fromUrl, fallback, setAsOf]);
  return fromUrl ? asOf : fallback;
}

/** Half-year ends (June 30 / December 31) from `first` through the last one on or before today, newest first. */
export function halfYearEnds(first: IsoDate, today: IsoDate = todayIso()): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = lastHalfYearEnd(today); d >= first; d = lastHalfYearEnd(addDays(d, -1))) out.push(d);
  return out;
}
