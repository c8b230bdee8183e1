import Decimal from 'decimal.js';
import type { CapStanding } from '../../domain/binding';
import type { ActualBasis } from '../../domain/actuals';
import { formatDecimal } from '../../domain/format';
import type { AxisDomain } from '../../domain/series';
import type { TranslateFor } from '../i18n';
import { CHART_COLORS } from './ChartFrame';
import type { chartMessages } from './messages';

type ChartT = TranslateFor<typeof chartMessages>;

/** Y-axis tick text: thousands separators, decimals only when the step needs them. */
export function axisTickFormatter(domain: AxisDomain): (v: number) => string {
  const decimals = Number.isInteger(domain.step) ? 0 : 1;
  return (v) => formatDecimal(new Decimal(v), decimals);
}

/**
 * Props of the amount (y) axis every chart shares: the domain and ticks the
 * domain code prepared (so the caps always show), quiet styling. Spread onto
 * recharts' <YAxis>.
 */
export function amountAxisProps(domain: AxisDomain & { readonly min?: number }, width = 58) {
  return {
    domain: [domain.min ?? 0, domain.max] as [number, number],
    ticks: [...domain.ticks],
    tickFormatter: axisTickFormatter(domain),
    width,
    tick: { fontSize: 12, fill: CHART_COLORS.axis },
    axisLine: false,
    tickLine: false,
    allowDataOverflow: true,
  };
}

export function standingText(t: ChartT, s: CapStanding): string {
  switch (s) {
    case 'effective':
      return t('standingEffective');
    case 'awaiting-approval':
      return t('standingAwaiting');
    case 'rejected':
      return t('standingRejected');
    case 'unannounced':
      return t('standingUnannounced');
  }
}

export function basisText(t: ChartT, b: ActualBasis, audited: boolean | null): string {
  const base =
    b === 'disclosed'
      ? t('disclosed')
      : b === 'disclosed+ledger'
        ? t('disclosedLedger')
        : b === 'ledger'
          ? t('ledger')
          : t('none');
  return audited === null || b === 'ledger' || b === 'none'
    ? base
    : `${base} (${audited ? t('audited') : t('unaudited')})`;
}

export function methodText(t: ChartT, m: string): string {
  return m === 'seasonal' ? t('methodSeasonal') : m === 'linear' ? t('methodLinear') : t('methodGrowth');
}
