import type Decimal from 'decimal.js';
import { formatGrowth, formatMillions, formatPercent } from '../../domain/format';
import type { Money } from '../../domain/money';
import { useT } from '../i18n';
import { componentMessages } from './messages';

/** An amount in millions, one decimal, thousands separators; "n/a" for null. */
export function MoneyText({ value, className }: { value: Money | null | undefined; className?: string }) {
  const t = useT(componentMessages);
  return (
    <span className={['num', className].filter(Boolean).join(' ')}>
      {value === null || value === undefined ? t('notApplicable') : formatMillions(value)}
    </span>
  );
}

/** A fraction as a percentage with one decimal; "n/a" for null. */
export function PercentText({ value, className }: { value: Decimal | null | undefined; className?: string }) {
  const t = useT(componentMessages);
  const text = value === null || value === undefined || !value.isFinite() ? t('notApplicable') : formatPercent(value);
  return <span className={['num', className].filter(Boolean).join(' ')}>{text}</span>;
}

/** Growth with an explicit sign (+81.4%); "n/a" for null. */
export function GrowthText({ value, className }: { value: Decimal | null | undefined; className?: string }) {
  const t = useT(componentMessages);
  const text = value === null || value === undefined || !value.isFinite() ? t('notApplicable') : formatGrowth(value);
  return <span className={['num', className].filter(Boolean).join(' ')}>{text}</span>;
}

/** A right-aligned table cell with an amount. */
export function MoneyCell({ value }: { value: Money | null | undefined }) {
  return (
    <td className="num">
      <MoneyText value={value} />
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
