import Decimal from 'decimal.js';
import { formatPercent } from '../../domain/format';
import { useT } from '../i18n';
import { componentMessages } from './messages';

/**
 * How much of a cap is used, with the alert threshold marked on the track.
 * The fill is clipped at 100%; an exceeded cap shows a full red bar and the
 * true percentage in text.
 */
export function UtilisationBar({
  utilisation,
  threshold,
  label,
  caption,
}: {
  /** actual ÷ cap (fraction); null when there is nothing to measure. */
  utilisation: Decimal | null;
  /** Alert threshold as a fraction (0.8). */
  threshold: Decimal;
  /** Accessible name; defaults to "Utilisation of the binding cap". */
  label?: string;
  /** Visible text after the bar; defaults to "23.9% of the binding cap". */
  caption?: string;
}) {
  const t = useT(componentMessages);
  const thrText = formatPercent(threshold);
  if (utilisation === null || !utilisation.isFinite()) {
    return (
      <div className="util util-state-none">
        <div className="util-track" aria-hidden="true">
          <span className="util-mark" style={{ left: `${threshold.times(100).toNumber()}%` }} />
        </div>
        <div className="util-caption">{t('notApplicable')}</div>
      </div>
    );
  }
  const pctText = formatPercent(utilisation);
  const state = utilisation.gt(1) ? 'exceeded' : utilisation.gte(threshold) ? 'threshold' : 'ok';
  // Widths are presentation only; the text carries the exact figure.
  const width = Decimal.min(1, Decimal.max(0, utilisation)).times(100).toNumber();
  const thrPos = Decimal.min(1, threshold).times(100).toNumber();
  return (
    <div className={`util util-state-${state}`}>
      <div
        className="util-track"
        role="meter"
        aria-label={label ?? t('utilisationLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, utilisation.times(100).toDecimalPlaces(1).toNumber())}
        aria-valuetext={t('utilisationValueText', { pct: pctText, thr: thrText })}
      >
        <span className="util-fill" style={{ width: `${width}%` }} />
        <span className="util-mark" style={{ left: `${thrPos}%` }} title={t('thresholdMark', { thr: thrText })} />
        <span className="util-mark-label" style={{ left: `${thrPos}%` }} aria-hidden="true">
          {thrText}
        </span>
      </div>
      <div className="util-caption">{caption ?? t('utilisationOf', { pct: pctText })}</div>
    </div>
  );
}
