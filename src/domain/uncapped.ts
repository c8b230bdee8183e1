/**
 * Transactions conducted with no cap in force: before a category's first cap,
 * between one term and the next recorded cap, after a meeting rejected a
 * revision, or while the only cap for the date awaits approval. They are
 * accepted, stored and reported — the most serious finding a monitor can make.
 */
import { resolveCaps } from './binding';
import { addDays, fromDayNumber, type IsoDate, toDayNumber } from './dates';
import { countDays, EMPTY_LEDGER, firstEntryDay, lastEntryDay, type LedgerTotals, sumDays } from './ledgerTotals';
import type { ApprovalRecord, CategoryId, Dataset } from './model';
import { add, type Money, ZERO } from './money';
import type { CapState } from './state';

/** What the user concluded about an uncapped day's transactions (kept in the history). */
export type UncappedOutcome =
  /** Booked to the wrong category; the rows were moved to the right one. */
  | 'misclassified'
  /** Covered by another agreement's cap (e.g. the earlier framework agreement). */
  | 'other-agreement'
  /** Fully exempt under rule 14A.76 once aggregated over twelve months (rule 14A.81). */
  | 'exempt-14a76'
  /** Reported to the board / the Exchange as a breach. */
  | 'reported';

/** A recorded resolution of the uncapped transactions of one category on one day. */
export interface UncappedResolution {
  readonly categoryId: CategoryId;
  /** The transaction day resolved. */
  readonly date: IsoDate;
  readonly outcome: UncappedOutcome;
  readonly note: string;
  /** When the resolution was recorded (ISO timestamp or date). */
  readonly recordedAt: string;
}

/** A maximal run of days (inclusive) on which no cap binds a category. */
export interface CaplessSpan {
  readonly start: IsoDate;
  /** Inclusive; null when open-ended (no later boundary is known). */
  readonly end: IsoDate | null;
  /** `no-cap` or `cap-not-recorded` (inside the term but no version recorded). */
  readonly capState: Exclude<CapState, 'in-force'>;
}

/** The capless transactions of one span with ledger rows. */
export interface UncappedSpan extends CaplessSpan {
  readonly amount: Money;
  /** Ledger rows (or days, where row counts are not kept). */
  readonly count: number;
  readonly firstDate: IsoDate;
  readonly lastDate: IsoDate;
}

/** Uncapped transactions of a category up to an as-of date. */
export interface UncappedSummary {
  readonly spans: readonly UncappedSpan[];
  /** Days with uncapped rows, each with its resolution if one was recorded. */
  readonly days: readonly UncappedDay[];
  /** Totals of the unresolved days. */
  readonly amount: Money;
  readonly count: number;
  readonly firstDate: IsoDate | null;
  /** Totals of every uncapped day, resolved or not. */
  readonly totalAmount: Money;
  readonly totalCount: number;
}

export interface UncappedDay {
  readonly date: IsoDate;
  readonly amount: Money;
  readonly count: number;
  readonly capState: Exclude<CapState, 'in-force'>;
  readonly resolution: UncappedResolution | null;
}

/** Whether a cap binds `categoryId` on `date`, and if not, which missing-cap state applies. */
export function capStateOn(
  dataset: Dataset,
  categoryId: CategoryId,
  date: IsoDate,
  approvals: readonly ApprovalRecord[],
): CapState {
  if (resolveCaps(dataset, categoryId, date, approvals).binding) return 'in-force';
  const category = dataset.categories.find((c) => c.id === categoryId);
  const inTerm = !!category && category.term.start <= date && date <= category.term.end;
  const anyVersion = dataset.caps.some(
    (c) => c.categoryId === categoryId && c.period.start <= date && date <= c.period.end,
  );
  return inTerm && !anyVersion ? 'cap-not-recorded' : 'no-cap';
}

/**
 * The days (inclusive runs) from `from` to `to` on which no cap binds. Cap
 * standing only changes at period starts and ends, announcement dates, approval
 * dates and term ends, so each run between those boundaries is tested once.
 */
export function caplessSpans(
  dataset: Dataset,
  categoryId: CategoryId,
  from: IsoDate,
  to: IsoDate,
  approvals: readonly ApprovalRecord[],
): CaplessSpan[] {
  if (to < from) return [];
  const bounds = new Set<IsoDate>([from]);
  const add1 = (d: IsoDate) => {
    if (d > from && d <= to) bounds.add(d);
  };
  const category = dataset.categories.find((c) => c.id === categoryId);
  if (category) {
    add1(category.term.start);
    add1(addDays(category.term.end, 1));
  }
  for (const c of dataset.caps) {
    if (c.categoryId !== categoryId) continue;
    add1(c.period.start);
    add1(addDays(c.period.end, 1));
    add1(c.announcedOn);
    if (c.approval.kind === 'independent-shareholders') {
      const id = c.approval.resolutionId;
      for (const a of approvals) if (a.resolutionId === id) add1(a.date);
    }
  }
  const starts = [...bounds].sort();
  const out: CaplessSpan[] = [];
  starts.forEach((start, i) => {
    const next = starts[i + 1];
    const end = next ? addDays(next, -1) : to;
    const state = capStateOn(dataset, categoryId, start, approvals);
    if (state === 'in-force') return;
    const prev = out[out.length - 1];
    if (prev && prev.capState === state && prev.end === addDays(start, -1)) {
      out[out.length - 1] = { ...prev, end };
    } else out.push({ start, end, capState: state });
  });
  return out;
}

const EARLIEST: IsoDate = '1900-01-01';

/**
 * Ledger transactions of a category dated on or before `asOf` on days when no
 * cap bound it, per capless span and per day, with the resolutions recorded
 * for those days. Unresolved days drive the `uncapped` alert.
 */
export function uncappedTransactions(
  dataset: Dataset,
  ledger: LedgerTotals = EMPTY_LEDGER,
  categoryId: CategoryId,
  asOf: IsoDate,
  approvals: readonly ApprovalRecord[],
  resolutions: readonly UncappedResolution[] = [],
): UncappedSummary {
  const totals = ledger.byCategory.get(categoryId);
  const empty: UncappedSummary = {
    spans: [],
    days: [],
    amount: ZERO,
    count: 0,
    firstDate: null,
    totalAmount: ZERO,
    totalCount: 0,
  };
  if (!totals || totals.days.length === 0) return empty;
  const firstRow = fromDayNumber(totals.days[0]!);
  const from = firstRow < EARLIEST ? firstRow : EARLIEST;
  const resolutionOf = new Map<string, UncappedResolution>();
  for (const r of resolutions) if (r.categoryId === categoryId) resolutionOf.set(r.date, r);
  const spans: UncappedSpan[] = [];
  const days: UncappedDay[] = [];
  let amount = ZERO;
  let count = 0;
  let firstDate: IsoDate | null = null;
  let totalAmount = ZERO;
  let totalCount = 0;
  for (const s of caplessSpans(dataset, categoryId, from, asOf, approvals)) {
    const a = toDayNumber(s.start);
    const b = toDayNumber(s.end ?? asOf);
    const first = firstEntryDay(totals, a, b);
    if (first === null) continue;
    spans.push({
      ...s,
      amount: sumDays(totals, a, b),
      count: countDays(totals, a, b),
      firstDate: fromDayNumber(first),
      lastDate: fromDayNumber(lastEntryDay(totals, a, b)!),
    });
    for (let d: number | null = first; d !== null && d <= b; d = firstEntryDay(totals, d + 1, b)) {
      const date = fromDayNumber(d);
      const day: UncappedDay = {
        date,
        amount: sumDays(totals, d, d),
        count: countDays(totals, d, d),
        capState: s.capState,
        resolution: resolutionOf.get(date) ?? null,
      };
      days.push(day);
      totalAmount = add(totalAmount, day.amount);
      totalCount += day.count;
      if (!day.resolution) {
        amount = add(amount, day.amount);
        count += day.count;
        if (firstDate === null) firstDate = date;
      }
    }
  }
  return { spans, days, amount, count, firstDate, totalAmount, totalCount };
}
