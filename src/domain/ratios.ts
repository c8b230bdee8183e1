/**
 * Chapter 14A size tests for continuing connected transactions (Hong Kong
 * Listing Rules). Rule 14A.78: the assets, revenue and consideration ratios
 * use the annual cap as numerator, and an agreement running over more than one
 * year is classified on the LARGEST cap of its term. Rule 14A.76 sets the
 * bands and the alternative HK$3 million / HK$10 million consideration tests.
 * Pure; exact Decimal arithmetic.
 */
import Decimal from 'decimal.js';
import { capLines, capStanding } from './binding';
import { dateParts } from './dates';
import type {
  AgreementId,
  ApprovalRecord,
  CapVersion,
  CategoryId,
  CurrencyCode,
  Dataset,
  Direction,
  StatedBand,
} from './model';
import { fromMillions, fromUnits, type Money, readDecimal, sum } from './money';

/** The band a set of percentage ratios falls in. */
export type Band = StatedBand['band'];

/** The ratios that apply to a continuing connected transaction (rule 14A.78). */
export type RatioKind = 'assets' | 'revenue' | 'consideration';
export const RATIO_KINDS: readonly RatioKind[] = ['assets', 'revenue', 'consideration'];

/** 0.1%: below it a transaction is de minimis (fully exempt), rule 14A.76(1)(a). */
export const DE_MINIMIS_LIMIT = new Decimal('0.001');
/** 5%: at or above it a circular and independent shareholders' approval are needed, rule 14A.76(2)(a). */
export const SHAREHOLDERS_LIMIT = new Decimal('0.05');
/** 1%: de minimis limit when the person is connected only at the subsidiary level, rule 14A.76(1)(b). */
export const SUBSIDIARY_LEVEL_LIMIT = new Decimal('0.01');
/** 25%: ratio limit of the HK$10 million test, rule 14A.76(2)(b). */
export const SMALL_CONSIDERATION_RATIO_LIMIT = new Decimal('0.25');
/** HK$3,000,000 (rule 14A.76(1)(c)), in HK$ minor units. */
export const HKD_3M = fromUnits('3000000');
/** HK$10,000,000 (rule 14A.76(2)(b)), in HK$ minor units. */
export const HKD_10M = fromUnits('10000000');

/**
 * Band of a single ratio (a fraction): below 0.1% de minimis; 0.1% up to but
 * not including 5% announcement, reporting and annual review; 5% or more
 * shareholders (circular and independent shareholders' approval as well).
 * Exactly 0.1% is in the announcement band and exactly 5% in the shareholders band.
 */
export function bandForRatio(r: Decimal): Band {
  if (r.lt(DE_MINIMIS_LIMIT)) return 'de-minimis';
  if (r.lt(SHAREHOLDERS_LIMIT)) return 'announcement';
  return 'shareholders';
}

const BAND_ORDER: Record<Band, number> = { 'de-minimis': 0, announcement: 1, shareholders: 2 };

/** The stricter of two bands. */
export function stricterBand(a: Band, b: Band): Band {
  return BAND_ORDER[a] >= BAND_ORDER[b] ? a : b;
}

/**
 * Converts between RMB and HK$ exactly, rounding half-up to the minor unit.
 * `hkdPerRmb` is how many HK$ one RMB buys (e.g. 1.0870). Null when the
 * currencies differ and no positive rate is given.
 */
export function convert(amount: Money, from: CurrencyCode, to: CurrencyCode, hkdPerRmb: Decimal | null): Money | null {
  if (from === to) return amount;
  if (!hkdPerRmb || !hkdPerRmb.isFinite() || hkdPerRmb.lte(0)) return null;
  const a = new Decimal(amount.toString());
  const out = from === 'RMB' ? a.times(hkdPerRmb) : a.div(hkdPerRmb);
  return BigInt(out.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0)) as Money;
}

/**
 * Which cap versions count:
 * - "latest": each cap line's latest announced version not voted down (the caps
 *   as they stand once pending revisions are approved: the basis on which an
 *   announcement of a revision is classified);
 * - "in-force": each cap line's latest version that binds without a pending
 *   vote (originals, exempt revisions, approved ones); lines with nothing in
 *   force yet are left out.
 */
export type CapBasis = 'latest' | 'in-force';

/** The version of each cap line of a category that counts on `basis`, ordered by period start. */
export function capsOnBasis(
  dataset: Dataset,
  categoryId: CategoryId,
  basis: CapBasis,
  approvals: readonly ApprovalRecord[] = [],
): CapVersion[] {
  // Standing at the end of time: every announcement made and every recorded vote counted.
  const standing = (c: CapVersion) => capStanding(c, '9999-12-31', approvals);
  const keep =
    basis === 'latest' ? (c: CapVersion) => standing(c) !== 'rejected' : (c: CapVersion) => standing(c) === 'effective';
  return capLines(dataset, categoryId)
    .map((line) => [...line].reverse().find(keep))
    .filter((c): c is CapVersion => c !== undefined)
    .sort((a, b) => (a.period.start < b.period.start ? -1 : a.period.start > b.period.start ? 1 : 0));
}

export interface LargestCap {
  readonly amount: Money;
  /** The versions making up the amount (one for a category; one per category for an aggregate). */
  readonly caps: readonly CapVersion[];
  /** Financial year (calendar year of the period end) of the largest cap. */
  readonly year: number;
}

/**
 * Rule 14A.78: the largest annual cap of a category over its term, on the
 * chosen basis. Null when the category has no cap.
 */
export function largestCap(
  dataset: Dataset,
  categoryId: CategoryId,
  basis: CapBasis = 'latest',
  approvals: readonly ApprovalRecord[] = [],
): LargestCap | null {
  let best: CapVersion | null = null;
  for (const c of capsOnBasis(dataset, categoryId, basis, approvals)) {
    if (!best || c.amount > best.amount) best = c;
  }
  return best ? { amount: best.amount, caps: [best], year: dateParts(best.period.end).year } : null;
}

/**
 * Aggregate of an agreement's categories of one direction (rule 14A.81
 * aggregation, for when the Exchange treats them as one series): caps are
 * added per financial year — the calendar year in which each cap period ends —
 * and the largest yearly total is returned. Null when no category has a cap.
 */
export function largestAggregateCap(
  dataset: Dataset,
  agreementId: AgreementId,
  direction: Direction,
  basis: CapBasis = 'latest',
  approvals: readonly ApprovalRecord[] = [],
): LargestCap | null {
  const byYear = new Map<number, CapVersion[]>();
  for (const cat of dataset.categories) {
    if (cat.agreementId !== agreementId || cat.direction !== direction) continue;
    for (const c of capsOnBasis(dataset, cat.id, basis, approvals)) {
      const y = dateParts(c.period.end).year;
      byYear.set(y, [...(byYear.get(y) ?? []), c]);
    }
  }
  let best: LargestCap | null = null;
  for (const [year, caps] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
    const amount = sum(caps.map((c) => c.amount));
    if (!best || amount > best.amount) best = { amount, caps, year };
  }
  return best;
}

/** A denominator the user enters: total assets, revenue or market capitalisation. */
export interface Denominator {
  readonly amount: Money;
  readonly currency: CurrencyCode;
}

export interface RatioInput {
  /** The cap used as numerator (rule 14A.78). */
  readonly cap: Money;
  readonly capCurrency: CurrencyCode;
  /** Entered denominators; a missing one is left out of the test. */
  readonly denominators: Partial<Record<RatioKind, Denominator>>;
  /** HK$ per RMB 1, needed when currencies differ and for the HK$ consideration tests of an RMB cap. */
  readonly hkdPerRmb: Decimal | null;
  /** The counterparty is connected only at the subsidiary level (rule 14A.76(1)(b)). */
  readonly subsidiaryLevelOnly?: boolean;
}

export type RatioProblem = 'missing' | 'needs-rate' | 'not-positive';

export interface RatioValue {
  readonly kind: RatioKind;
  /** cap ÷ denominator as an exact fraction, or null with the reason. */
  readonly ratio: Decimal | null;
  readonly problem: RatioProblem | null;
  readonly band: Band | null;
}

export type AlternativeResult = boolean | null;

export interface RatioCheck {
  readonly ratios: readonly RatioValue[];
  /** Highest computed ratio, null when none could be computed. */
  readonly highest: Decimal | null;
  /** Band of the highest computed ratio (rule 14A.76(1)(a), (2)(a)); null when none computed. */
  readonly band: Band | null;
  /** True when all three ratios were computed (otherwise the band is a lower bound). */
  readonly complete: boolean;
  /** The cap in HK$ (for the consideration tests); null when an RMB cap has no rate. */
  readonly capHkd: Money | null;
  readonly alternatives: {
    /** 14A.76(1)(c): every ratio below 5% and the consideration below HK$3 million → fully exempt. */
    readonly under3mFullyExempt: AlternativeResult;
    /** 14A.76(2)(b): every ratio below 25% and the consideration below HK$10 million → no circular or shareholders' approval. */
    readonly under10mNoShareholders: AlternativeResult;
    /** 14A.76(1)(b): every ratio below 1% and connected only at the subsidiary level → fully exempt. */
    readonly subsidiaryLevelFullyExempt: AlternativeResult;
  };
  /** Band after the alternative tests (can only be lower than `band`); null when none computed. */
  readonly outcome: Band | null;
}

/**
 * The percentage ratios of a cap against the entered denominators (each
 * converted into the denominator's currency), the band of the highest, and
 * the alternative consideration tests of rule 14A.76 when their inputs are known.
 */
export function checkRatios(input: RatioInput): RatioCheck {
  const ratios: RatioValue[] = RATIO_KINDS.map((kind) => {
    const d = input.denominators[kind];
    if (!d) return { kind, ratio: null, problem: 'missing', band: null };
    if (d.amount <= 0n) return { kind, ratio: null, problem: 'not-positive', band: null };
    const numerator = convert(input.cap, input.capCurrency, d.currency, input.hkdPerRmb);
    if (numerator === null) return { kind, ratio: null, problem: 'needs-rate', band: null };
    const r = new Decimal(numerator.toString()).div(d.amount.toString());
    return { kind, ratio: r, problem: null, band: bandForRatio(r) };
  });
  const computed = ratios.map((r) => r.ratio).filter((r): r is Decimal => r !== null);
  const highest = computed.length ? Decimal.max(...computed) : null;
  const complete = computed.length === RATIO_KINDS.length;
  const band = highest ? bandForRatio(highest) : null;
  const capHkd = convert(input.cap, input.capCurrency, 'HKD', input.hkdPerRmb);

  // An alternative test holds only when every ratio is known; it fails as soon as one known ratio breaks it.
  const test = (limit: Decimal, extra: boolean | null): AlternativeResult => {
    if (highest && highest.gte(limit)) return false;
    if (extra === false) return false;
    if (!complete || extra === null) return null;
    return true;
  };
  const under3mFullyExempt = test(SHAREHOLDERS_LIMIT, capHkd === null ? null : capHkd < HKD_3M);
  const under10mNoShareholders = test(SMALL_CONSIDERATION_RATIO_LIMIT, capHkd === null ? null : capHkd < HKD_10M);
  const subsidiaryLevelFullyExempt = test(SUBSIDIARY_LEVEL_LIMIT, input.subsidiaryLevelOnly ?? false);

  let outcome = band;
  if (outcome && complete) {
    if (under3mFullyExempt || subsidiaryLevelFullyExempt) outcome = 'de-minimis';
    else if (under10mNoShareholders && outcome === 'shareholders') outcome = 'announcement';
  }
  return {
    ratios,
    highest,
    band,
    complete,
    capHkd,
    alternatives: { under3mFullyExempt, under10mNoShareholders, subsidiaryLevelFullyExempt },
    outcome,
  };
}

/** Whether a computed band matches the band an announcement states. */
export type BandAgreement = 'agrees' | 'differs' | 'unknown';

export function compareWithStated(computed: Band | null, stated: StatedBand | undefined): BandAgreement {
  if (!computed || !stated) return 'unknown';
  return computed === stated.band ? 'agrees' : 'differs';
}

/** The band an announcement states for a category, if any. */
export function statedBandOf(dataset: Dataset, categoryId: CategoryId): StatedBand | undefined {
  return dataset.statedBands.find((b) => b.categoryId === categoryId);
}

/**
 * Percent text of a ratio for display: two decimals from 1% up, four below.
 * Rounded DOWN so a ratio just under a limit never reads as the limit
 * (4.9996% shows 4.99%, not 5.00%).
 */
export function ratioPercentText(r: Decimal): string {
  const pct = r.times(100);
  const decimals = pct.gte(1) ? 2 : 4;
  return pct.toDecimalPlaces(decimals, Decimal.ROUND_DOWN).toFixed(decimals);
}

/**
 * A denominator typed in millions ("30,000", "9,123.45"): exact, positive,
 * thousands separators allowed, at most 8 decimals (one minor unit). Null when invalid.
 */
export function parseDenominator(text: string): Money | null {
  const read = readDecimal(text);
  if (!read.ok || read.negative || read.frac.length > 8) return null;
  const m = fromMillions(text);
  return m > 0n ? m : null;
}

/** An exchange rate (HK$ per RMB 1): positive decimal, at most 8 decimals. Null when invalid. */
export function parseRate(text: string): Decimal | null {
  const t = text.trim();
  if (!/^\d{1,4}(\.\d{1,8})?$/.test(t)) return null;
  const d = new Decimal(t);
  return d.gt(0) ? d : null;
}
