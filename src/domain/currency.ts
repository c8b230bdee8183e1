/**
 * Which currency an amount is in, and how to say so. A category's amounts
 * (caps, disclosed amounts, ledger rows) are in its agreement's currency: the
 * built-in disclosure is in RMB, a register agreement may be in HK$. Money
 * carries no currency of its own, so every label of an amount asks here.
 * Pure: no React or storage.
 */
import { formatUnits } from './amounts';
import type { Locale } from './format';
import type { CategoryId, CurrencyCode, Dataset } from './model';

const UNIT: Record<CurrencyCode, Record<Locale, string>> = {
  RMB: { en: 'RMB million', zh: '人民币百万元' },
  HKD: { en: 'HK$ million', zh: '港币百万元' },
};

const UNIT_SHORT: Record<CurrencyCode, Record<Locale, string>> = {
  RMB: { en: 'RMB m', zh: '人民币百万元' },
  HKD: { en: 'HK$ m', zh: '港币百万元' },
};

const MARK: Record<CurrencyCode, Record<Locale, string>> = {
  RMB: { en: 'RMB', zh: '人民币' },
  HKD: { en: 'HK$', zh: '港币' },
};

/** The unit of amounts shown in millions: "RMB million", "HK$ million", "人民币百万元", "港币百万元". */
export function currencyUnit(currency: CurrencyCode, locale: Locale = 'en'): string {
  return UNIT[currency][locale];
}

/** The short unit for column headers: "RMB m", "HK$ m" (Chinese has no shorter form than 人民币百万元 / 港币百万元). */
export function currencyUnitShort(currency: CurrencyCode, locale: Locale = 'en'): string {
  return UNIT_SHORT[currency][locale];
}

/** The currency's name as written before an amount in units: "RMB", "HK$", "人民币", "港币". */
export function currencyMark(currency: CurrencyCode, locale: Locale = 'en'): string {
  return MARK[currency][locale];
}

/** The currency of a category's amounts (its agreement's); RMB when the category or agreement is unknown. */
export function categoryCurrency(dataset: Dataset, categoryId: CategoryId): CurrencyCode {
  const agreementId = dataset.categories.find((c) => c.id === categoryId)?.agreementId;
  return dataset.agreements.find((a) => a.id === agreementId)?.currency ?? 'RMB';
}

/** Most decimals of a million an agreement's amounts are shown with (a disclosure in thousands). */
export const MAX_AMOUNT_DECIMALS = 3;

/**
 * Decimals of a million a category's amounts are shown with: those its
 * agreement was disclosed with (a register cap of 26.47 → 2), one for the
 * built-in data and when unknown.
 */
export function categoryDecimals(dataset: Dataset, categoryId: CategoryId): number {
  const agreementId = dataset.categories.find((c) => c.id === categoryId)?.agreementId;
  return dataset.agreements.find((a) => a.id === agreementId)?.amountDecimals ?? 1;
}

/**
 * The decimals of amounts written as decimal strings in millions ("26.47" → 2),
 * at least one and at most MAX_AMOUNT_DECIMALS (an amount typed to the yuan,
 * "1.23456789", is shown to the thousand).
 */
export function disclosedDecimals(amounts: readonly string[]): number {
  let d = 1;
  for (const a of amounts) {
    const frac = /\.(\d+)$/.exec(a.trim())?.[1]?.replace(/0+$/, '') ?? '';
    d = Math.max(d, frac.length);
  }
  return Math.min(d, MAX_AMOUNT_DECIMALS);
}

/**
 * The distinct currencies of the given categories (all of the dataset's when
 * none are given), RMB first. One entry: a table can name the unit in its
 * headers; more: each row must say its currency.
 */
export function currenciesOf(dataset: Dataset, categoryIds?: readonly CategoryId[]): CurrencyCode[] {
  const ids = categoryIds ?? dataset.categories.map((c) => c.id);
  const set = new Set(ids.map((id) => categoryCurrency(dataset, id)));
  return (['RMB', 'HKD'] as const).filter((c) => set.has(c));
}

/**
 * An exact amount in minor units (fen, cents) with its currency, two decimals:
 * "RMB 1,234.56", "HK$ 50.00" / "人民币1,234.56元", "港币50.00元".
 */
export function formatMinorWithCurrency(minor: bigint, currency: CurrencyCode, locale: Locale = 'en'): string {
  const amount = formatUnits(minor, currency);
  return locale === 'zh' ? `${MARK[currency].zh}${amount}元` : `${MARK[currency].en} ${amount}`;
}

/**
 * Totals in minor units per currency, RMB first, joined for a sentence:
 * "RMB 1,000.00; HK$ 50.00" / "人民币1,000.00元；港币50.00元". Amounts in
 * different currencies are never added together.
 */
export function formatTotalsByCurrency(totals: ReadonlyMap<CurrencyCode, bigint>, locale: Locale = 'en'): string {
  return (['RMB', 'HKD'] as const)
    .filter((c) => totals.has(c))
    .map((c) => formatMinorWithCurrency(totals.get(c)!, c, locale))
    .join(locale === 'zh' ? '；' : '; ');
}
