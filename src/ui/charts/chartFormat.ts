import Decimal from 'decimal.js';
import type { CapStanding } from '../../domain/binding';
import type { ActualBasis } from '../../domain/actuals';
import { formatDecimal } from '../../domain/format';
import type { AxisDomain } from '../../domain/series';
import type { Translate } from '../i18n';
import type { chartMessages } from './messages';

type ChartKey = keyof (typeof chartMessages)['en'];

/** Y-axis tick text: thousands separators, decimals only when the step needs them. */
export function axisTickFormatter(domain: AxisDomain): (v: number) => string {
  const decimals = Number.isInteger(domain.step) ? 0 : 1;
  return (v) => formatDecimal(new Decimal(v), decimals);
}

export function standingText(t: Translate<ChartKey>, s: CapStanding): string {
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

export function basisText(t: Translate<ChartKey>, b: ActualBasis, audited: boolean | null): string {
  const base = b === 'disclosed' ? t('disclosed') : b === 'disclosed+ledger' ? t('disclosedLedger') : b === 'ledger' ? t('ledger') : t('none');
  return audited === null || b === 'ledger' || b === 'none' ? base : `${base} (${audited ? t('audited') : t('unaudited')})`;
}

export function methodText(t: Translate<ChartKey>, m: string): string {
  return m === 'seasonal' ? t('methodSeasonal') : m === 'linear' ? t('methodLinear') : t('methodGrowth');
}
