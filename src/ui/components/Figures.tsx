import type Decimal from 'decimal.js';
import { formatGrowth, formatHeadroom, formatMillions, formatPercent, formatUtilisation } from '../../domain/format';
import type { Money } from '../../domain/money';
import { useT } from '../i18n';
import { componentMessages } from './messages';

/** An amount in millions (one decimal, or as many as its agreement disclosed), thousands separators; "n/a" for null. */
export function MoneyText({
  value,
  className,
  decimals = 1,
}: {
  value: Money | null | undefined;
  className?: string;
  decimals?: number;
}) {
  const t = useT(componentMessages);
  return (
    <span className={['num', className].filter(Boolean).join(' ')}>
      {value === null || value === undefined ? t('notApplicable') : formatMillions(value, decimals)}
    </span>
  );
}

/** A fraction as a percentage with one decimal; "n/a" for null. */
export function PercentText({ value, className }: { value: Decimal | null | undefined; className?: string }) {
  const t = useT(componentMessages);
  const text = value === null || value === undefined || !value.isFinite() ? t('notApplicable') : formatPercent(value);
  return <span className={['num', className].filter(Boolean).join(' ')}>{text}</span>;
}

/**
 * Utilisation that never contradicts the state (79.96% under an 80% threshold
 * shows 79.9%; 100.004% shows 100.1%); "no data for this span" for null.
 */
export function UtilisationText({
  value,
  threshold,
  className,
}: {
  value: Decimal | null | undefined;
  threshold: Decimal;
  className?: string;
}) {
  const t = useT(componentMessages);
  const text =
    value === null || value === undefined || !value.isFinite() ? t('noData') : formatUtilisation(value, threshold);
  return <span className={['num', className].filter(Boolean).join(' ')}>{text}</span>;
}

/** Headroom in millions that keeps its sign (one fen over shows −0.1); "no data for this span" for null. */
export function HeadroomText({
  value,
  className,
  decimals = 1,
}: {
  value: Money | null | undefined;
  className?: string;
  decimals?: number;
}) {
  const t = useT(componentMessages);
  return (
    <span className={['num', className].filter(Boolean).join(' ')}>
      {value === null || value === undefined ? t('noData') : formatHeadroom(value, decimals)}
    </span>
  );
}

/** Growth with an explicit sign (+81.4%); "n/a" for null. */
export function GrowthText({ value, className }: { value: Decimal | null | undefined; className?: string }) {
  const t = useT(componentMessages);
  const text = value === null || value === undefined || !value.isFinite() ? t('notApplicable') : formatGrowth(value);
  return <span className={['num', className].filter(Boolean).join(' ')}>{text}</span>;
}

/** A right-aligned table cell with an amount. */
export function MoneyCell({ value, decimals = 1 }: { value: Money | null | undefined; decimals?: number }) {
  return (
    <td className="num">
      <MoneyText value={value} decimals={decimals} />
    </td>
  );
}

/** A right-aligned table cell with a percentage. */
export function PercentCell({ value }: { value: Decimal | null | undefined }) {
  return (
    <td className="num">
      <PercentText value={value} />
    </td>
  );
}
