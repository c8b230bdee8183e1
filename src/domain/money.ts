import Decimal from 'decimal.js';

/**
 * An exact amount of money in minor units (fen for RMB, cents for HK$).
 * Branded bigint: arithmetic goes through the helpers below so that no code
 * path ever adds money as floating point.
 */
export type Money = bigint & { readonly __money: unique symbol };

/** Minor units per major unit (RMB and HK$ both have two decimals). */
export const MINOR_PER_UNIT = 100n;
/** Minor units in one million of the currency: the unit of every disclosed table. */
export const MINOR_PER_MILLION = 100_000_000n;

export const ZERO = 0n as Money;

/** Wraps a count of minor units (an integer) as Money. */
export function money(minor: bigint | number): Money {
  if (typeof minor === 'number') {
    if (!Number.isSafeInteger(minor)) throw new RangeError(`Minor units must be a safe integer, got ${minor}`);
    return BigInt(minor) as Money;
  }
  return minor as Money;
}

/** A typed decimal split into its parts; `frac` keeps its trailing zeros. */
export type DecimalReading =
  | { readonly ok: true; readonly negative: boolean; readonly int: string; readonly frac: string }
  | { readonly ok: false };

// Plain decimal; commas allowed only as proper thousands separators ("2,309.8"),
// so a decimal comma such as "2,5" is rejected instead of read as 25.
const DECIMAL_RE = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Reads a typed amount: an optional leading "-", digits with commas only as
 * thousands separators, an optional "." and decimals ("-1,234.50" → negative,
 * int "1234", frac "50"). The one amount pattern of the app: the entry form,
 * the register and the ratio check read amounts through it (the ledger
 * importer's cell scanner accepts more spellings and allocates nothing per cell).
 */
export function readDecimal(text: string): DecimalReading {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return { ok: false };
  return { ok: true, negative: m[1] === '-', int: m[2]!.replace(/,/g, ''), frac: m[3] ?? '' };
}

// Digit-string arithmetic, not Decimal: decimal.js keeps 20 significant digits by
// default, which would silently round very long inputs.
function parseScaled(text: string, scaleDigits: number, what: string): Money {
  const r = readDecimal(text);
  if (!r.ok) throw new RangeError(`Not a decimal ${what}: "${text}"`);
  const frac = r.frac.replace(/0+$/, '');
  if (frac.length > scaleDigits) {
    throw new RangeError(`${what} "${text}" has more than ${scaleDigits} decimals (finer than one minor unit)`);
  }
  const minor = BigInt(r.int + frac.padEnd(scaleDigits, '0'));
  return (r.negative ? -minor : minor) as Money;
}

/** Parses an amount in millions ("2,309.8" → RMB 2,309.8 million) exactly. */
export function fromMillions(text: string): Money {
  return parseScaled(text, MINOR_PER_MILLION.toString().length - 1, 'amount in millions');
}

/** Parses an amount in major units ("1234.56" yuan) exactly; at most two decimals. */
export function fromUnits(text: string): Money {
  return parseScaled(text, MINOR_PER_UNIT.toString().length - 1, 'amount');
}

export function add(a: Money, b: Money): Money {
  return (a + b) as Money;
}

export function sub(a: Money, b: Money): Money {
  return (a - b) as Money;
}

export function sum(values: Iterable<Money>): Money {
  let total = 0n;
  for (const v of values) total += v;
  return total as Money;
}

export function negate(a: Money): Money {
  return -a as Money;
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function max(a: Money, b: Money): Money {
  return a > b ? a : b;
}

/** Money as an exact Decimal in millions of its currency. */
export function toMillionsDecimal(a: Money): Decimal {
  return new Decimal(a.toString()).div(MINOR_PER_MILLION.toString());
}

/** Money as an exact Decimal in major units (yuan / dollars). */
export function toUnitsDecimal(a: Money): Decimal {
  return new Decimal(a.toString()).div(MINOR_PER_UNIT.toString());
}

/** Exact Decimal in millions → Money, rounded half-up to the minor unit. */
export function fromMillionsDecimal(d: Decimal): Money {
  return BigInt(d.times(MINOR_PER_MILLION.toString()).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0)) as Money;
}

/**
 * Amount in millions as a plain decimal string, rounded half-up
 * (e.g. "2309.8"); the form the status command and exports print.
 */
export function toMillionsString(a: Money, decimals = 1): string {
  return toMillionsDecimal(a).toFixed(decimals, Decimal.ROUND_HALF_UP);
}

/** a ÷ b as an exact Decimal fraction; null when b is zero. */
export function ratio(a: Money, b: Money): Decimal | null {
  if (b === 0n) return null;
  return new Decimal(a.toString()).div(b.toString());
}

/** Multiplies money by an exact factor, rounding half-up to the minor unit. */
export function scale(a: Money, factor: Decimal): Money {
  return BigInt(new Decimal(a.toString()).times(factor).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0)) as Money;
}

/** Rounds up to a multiple of `stepMinor` minor units (used to size a cap). */
export function ceilTo(a: Money, stepMinor: bigint): Money {
  const r = a % stepMinor;
  if (r === 0n) return a;
  return (a >= 0n ? a - r + stepMinor : a - r) as Money;
}
