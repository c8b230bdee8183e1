import type Decimal from 'decimal.js';
import { formatGrowth, formatHeadroom, formatMillions, formatPercent, formatUtilisation } from '../../domain/format';
import type { Money } from '../../domain/money';
import { useT } from '../i18n';
import { componentMessages } from './messages';

/** A figure's text in a span of class "num" (and the caller's class). */
function Num({ text, className }: { text: string; className?: string | undefined }) {
  return <span className={['num', className].filter(Boolean).join(' ')}>{text}</span>;
}

/** Whether a ratio can be shown: given and finite (a cap of zero makes it infinite). */
const finite = (value: Decimal | null | undefined): value is Decimal =>
  value !== null && value !== undefined && value.isFinite();

/** An amount in millions: the amount, none (null or undefined), decimals of a million (one when absent). */
interface AmountProps {
  value: Money | null | undefined;
  className?: string;
  decimals?: number;
}

/** An amount in millions (one decimal, or as many as its agreement disclosed), thousands separators; "n/a" for null. */
export function MoneyText({ value, className, decimals = 1 }: AmountProps) {
  const t = useT(componentMessages);
  const text = value === null || value === undefined ? t('notApplicable') : formatMillions(value, decimals);
  return <Num text={text} className={className} />;
}

/** A fraction as a percentage with one decimal; "n/a" for null. */
export function PercentText({ value, className }: { value: Decimal | null | undefined; className?: string }) {
  const t = useT(componentMessages);
  return <Num text={finite(value) ? formatPercent(value) : t('notApplicable')} className={className} />;
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
  return <Num text={finite(value) ? formatUtilisation(value, threshold) : t('noData')} className={className} />;
}

/** Headroom in millions that keeps its sign (one fen over shows −0.1); "no data for this span" for null. */
export function HeadroomText({ value, className, decimals = 1 }: AmountProps) {
  const t = useT(componentMessages);
  const text = value === null || value === undefined ? t('noData') : formatHeadroom(value, decimals);
  return <Num text={text} className={className} />;
}

/** Growth with an explicit sign (+81.4%); "n/a" for null. */
export function GrowthText({ value, className }: { value: Decimal | null | undefined; className?: string }) {
  const t = useT(componentMessages);
  return <Num text={finite(value) ? formatGrowth(value) : t('notApplicable')} className={className} />;
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
