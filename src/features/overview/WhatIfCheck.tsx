import { useId, useState } from 'react';
import { formatMinorWithCurrency } from '../../domain/currency';
import { isIsoDate } from '../../domain/dates';
import type { CategoryStatus, EngineContext } from '../../domain/engine';
import { formatDate, formatHeadroom, formatMillions, formatPercent, formatUtilisation } from '../../domain/format';
import { fromUnits, type Money } from '../../domain/money';
import { whatIf, type WhatIfResult } from '../../domain/whatIf';
import { useLocale, useT } from '../../ui/i18n';
import { overviewCheckMessages } from './checks/messages';
import { overviewMessages } from './messages';
import './uncapped.css';

/**
 * "Will this order fit?": a date and an amount give the cap that binds on that
 * date, utilisation before and after, and whether the order crosses the alert
 * threshold or the cap (domain/whatIf.ts, the same as `status --what-if`).
 */
export function WhatIfCheck({
  s,
  ctx,
  defaultOpen = false,
}: {
  s: CategoryStatus;
  ctx: EngineContext;
  /** Opened by WhatIfLauncher's button, which stood in while this module loaded. */
  defaultOpen?: boolean;
}) {
  const t = useT(overviewCheckMessages);
  const tOverview = useT(overviewMessages);
  const locale = useLocale();
  const id = useId();
  const [open, setOpen] = useState(defaultOpen);
  const [date, setDate] = useState<string>(s.asOf);
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const unit = s.currency === 'HKD' ? t('unitHKD') : t('unitRMB');

  if (!open)
    return (
      <button
        type="button"
        className="btn btn-small btn-secondary"
        onClick={() => setOpen(true)}
        data-testid={`whatif-open-${s.category.id}`}
      >
        {tOverview('whatIfOpen')}
      </button>
    );

  const check = () => {
    setResult(null);
    if (!isIsoDate(date)) return setError(t('whatIfBadDate'));
    let m: Money;
    try {
      m = fromUnits(amount.replace(/[\s,]/g, ''));
    } catch {
      return setError(t('whatIfBadAmount', { unit }));
    }
    if (m <= 0n) return setError(t('whatIfBadAmount', { unit }));
    setError(null);
    setResult(whatIf(ctx, s.category.id, date, m));
  };

  const u = (r: WhatIfResult, d: WhatIfResult['utilisationBefore']) => formatUtilisation(d, r.threshold);
  const answer = (r: WhatIfResult): string => {
    const order = formatMinorWithCurrency(r.amount, r.currency, locale);
    if (!r.cap)
      return r.capState === 'cap-not-recorded'
        ? t('whatIfNotRecorded', { order, date: formatDate(r.date, locale) })
        : t('whatIfNoCap', { order, date: formatDate(r.date, locale) });
    const cap = formatMillions(r.cap.amount, r.decimals);
    if (!r.known)
      return r.verdict === 'exceeds'
        ? t('whatIfUnknownExceeds', { cap })
        : t('whatIfUnknown', { cap, date: formatDate(r.date, locale) });
    const verdict =
      r.verdict === 'exceeds'
        ? t('whatIfExceeds')
        : r.verdict === 'threshold'
          ? t('whatIfThreshold', { pct: formatPercent(r.threshold) })
          : t('whatIfFits');
    return t('whatIfAnswer', {
      cap,
      before: u(r, r.utilisationBefore),
      after: u(r, r.utilisationAfter),
      headroom: formatHeadroom(r.headroomAfter!, r.decimals),
      verdict,
    });
  };

  return (
    <form
      className="whatif"
      aria-label={tOverview('whatIfOpen')}
      data-testid={`whatif-${s.category.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        check();
      }}
    >
      <label className="field field-inline" htmlFor={`${id}-date`}>
        <span>{t('whatIfDate')}</span>
        <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label className="field field-inline" htmlFor={`${id}-amount`}>
        <span>{t('whatIfAmount', { unit })}</span>
        <input id={`${id}-amount`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      <button type="submit" className="btn btn-small">
        {t('whatIfCheck')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <p
          className={`whatif-answer whatif-${result.verdict}`}
          role="status"
          data-testid={`whatif-answer-${s.category.id}`}
          data-verdict={result.verdict}
        >
          {answer(result)}
        </p>
      )}
    </form>
  );
}
