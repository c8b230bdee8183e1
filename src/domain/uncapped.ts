/**
 * Transactions conducted with no cap in force: before a category's first cap,
 * between one term and the next recorded cap, after a meeting rejected a
 * revision, or while the only cap for the date awaits approval. They are
 * accepted, stored and reported — the most serious finding a monitor can make.
 */
import { resolveCaps } from './binding';
import { addDays, fromDayNumber, type IsoDate, toDayNumber } from './dates';
import { countDays, EMPTY_LEDGER, firstEntryDay, lastEntryDay, type LedgerTotals, sumDays } from './ledgerTotals';
import type { ApprovalRecord, CategoryId, CurrencyCode, Dataset } from './model';
import { add, type Money, ZERO } from './money';
import type { CapState } from './state';

/** What the user concluded about uncapped transactions (kept in the change history). */
export type UncappedOutcome =
  /** Booked to the wrong category (or not a connected transaction at all); the rows belong elsewhere. */
  | 'misclassified'
  /** Covered by another agreement's cap (e.g. the earlier framework agreement). */
  | 'other-agreement'
  /** Fully exempt under rule 14A.76 once aggregated over twelve months (rule 14A.81). */
  | 'exempt-14a76'
  /** Reported to the board / the Exchange as a breach. */
  | 'reported';

export const UNCAPPED_OUTCOMES: readonly UncappedOutcome[] = [
  'misclassified',
  'other-agreement',
  'exempt-14a76',
  'reported',
];

/**
 * A recorded resolution of an uncapped item: the uncapped rows of one
 * category from `start` to `end` (inclusive, within one capless span), with
 * the amount and row count they had when resolved. It applies only while the
 * ledger still holds exactly that amount and count there: a row added,
 * changed or removed in the range afterwards re-opens the item (the
 * resolution is then "stale"), so a resolution never covers rows nobody saw.
 */
export interface UncappedResolution {
  /** `${categoryId}:${start}:${end}`. */
  readonly id: string;
  readonly categoryId: CategoryId;
  readonly start: IsoDate;
  readonly end: IsoDate;
  /** Exact amount (minor units, decimal string) and row count resolved. */
  readonly amountMinor: string;
  readonly count: number;
  readonly outcome: UncappedOutcome;
  readonly note: string;
  /** misclassified: the category the rows belong to, or "none" when not a connected transaction at all. */
  readonly movedTo?: string;
  /** other-agreement: the agreement that covers them (name, date, reference). */
  readonly coveredBy?: string;
  /** reported: the day the breach was reported. */
  readonly reportedOn?: IsoDate;
  /** exempt-14a76: the ratio check the claim rests on (see uncappedResolution.ts). */
  readonly exemption?: ExemptionRecord;
  /** When the resolution was recorded (ISO timestamp). */
  readonly recordedAt: string;
}

/** What an exemption claim was tested with and found (stored with the resolution). */
export interface ExemptionRecord {
  /** The twelve months aggregated (rule 14A.81), inclusive. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Aggregate of the connected person's uncapped transactions over them (minor units, decimal string). */
  readonly aggregateMinor: string;
  /** Denominators entered, in millions of `currency` (decimal strings); absent ones were not given. */
  readonly assets?: string;
  readonly revenue?: string;
  readonly consideration?: string;
  readonly denominatorCurrency: CurrencyCode;
  /** HK$ per RMB 1 (decimal string), when needed. */
  readonly hkdPerRmb?: string;
  readonly subsidiaryLevelOnly: boolean;
  /** Highest ratio found, as a fraction (decimal string). */
  readonly highestRatio: string;
}

/** A resolution as it stands against today's ledger. */
export interface ResolutionStanding {
  readonly resolution: UncappedResolution;
  /** True while the ledger holds exactly the amount and rows resolved; false: re-opened (stale). */
  readonly applies: boolean;
  /** The uncapped amount and rows in its range now. */
  readonly amount: Money;
  readonly count: number;
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
  /** Resolutions recorded within this span, as they stand now. */
  readonly resolutions: readonly ResolutionStanding[];
  /** Rows and amount of the span no applying resolution covers. */
  readonly unresolvedAmount: Money;
  readonly unresolvedCount: number;
  /** First and last day of the unresolved rows, or null when all are resolved. */
  readonly unresolvedFrom: IsoDate | null;
  readonly unresolvedTo: IsoDate | null;
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

/** Id of a resolution of a category's uncapped rows from `start` to `end`. */
export function resolutionId(categoryId: CategoryId, start: IsoDate, end: IsoDate): string {
  return `${categoryId}:${start}:${end}`;
}

/**
 * Ledger transactions of a category dated on or before `asOf` on days when no
 * cap bound it, per capless span and per day, with the resolutions recorded
 * within each span. Days covered by a resolution that still applies (the
 * ledger holds exactly the amount and rows resolved) are resolved; the rest
 * drive the `uncapped` alert.
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
  const own = resolutions.filter((r) => r.categoryId === categoryId);
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
    // Resolutions recorded within this span, judged against the rows there now.
    const standings: ResolutionStanding[] = own
      .filter((r) => r.start >= s.start && r.end <= (s.end ?? asOf) && r.start <= r.end)
      .map((r) => {
        const ra = toDayNumber(r.start);
        const rb = toDayNumber(r.end);
        const now = sumDays(totals, ra, rb);
        const n = countDays(totals, ra, rb);
        return {
          resolution: r,
          applies: String(now) === r.amountMinor && n === r.count && n > 0,
          amount: now,
          count: n,
        };
      });
    const covering = (date: IsoDate) =>
      standings.find((x) => x.applies && x.resolution.start <= date && date <= x.resolution.end)?.resolution ?? null;
    let unresolvedAmount = ZERO;
    let unresolvedCount = 0;
    let unresolvedFrom: IsoDate | null = null;
    let unresolvedTo: IsoDate | null = null;
    for (let d: number | null = first; d !== null && d <= b; d = firstEntryDay(totals, d + 1, b)) {
      const date = fromDayNumber(d);
      const day: UncappedDay = {
        date,
        amount: sumDays(totals, d, d),
        count: countDays(totals, d, d),
        capState: s.capState,
        resolution: covering(date),
      };
      days.push(day);
      totalAmount = add(totalAmount, day.amount);
      totalCount += day.count;
      if (!day.resolution) {
        amount = add(amount, day.amount);
        count += day.count;
        if (firstDate === null) firstDate = date;
        unresolvedAmount = add(unresolvedAmount, day.amount);
        unresolvedCount += day.count;
        unresolvedFrom ??= date;
        unresolvedTo = date;
      }
    }
    spans.push({
      ...s,
      amount: sumDays(totals, a, b),
      count: countDays(totals, a, b),
      firstDate: fromDayNumber(first),
      lastDate: fromDayNumber(lastEntryDay(totals, a, b)!),
      resolutions: standings,
      unresolvedAmount,
      unresolvedCount,
      unresolvedFrom,
      unresolvedTo,
    });
  }
  return { spans, days, amount, count, firstDate, totalAmount, totalCount };
}
