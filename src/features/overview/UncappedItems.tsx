import { useId, useState } from 'react';
import { formatMinorWithCurrency } from '../../domain/currency';
import type { IsoDate } from '../../domain/dates';
import type { CategoryStatus, EngineContext } from '../../domain/engine';
import { formatDate, formatPercent } from '../../domain/format';
import type { CurrencyCode } from '../../domain/model';
import type { Money } from '../../domain/money';
import { parseDenominator, parseRate, type RatioKind } from '../../domain/ratios';
import { UNCAPPED_OUTCOMES, type UncappedOutcome, type UncappedSpan } from '../../domain/uncapped';
import {
  buildResolution,
  type ExemptionInput,
  MAX_RESOLUTION_NOTE,
  type ResolutionProblem,
} from '../../domain/uncappedResolution';
import { useRemoveUncappedResolution, useSaveUncappedResolution } from '../../data/queries';
import { type TranslateFor, useBilingual, useErrorText, useLocale, useT } from '../../ui/i18n';
import { outcomeLabel, resolutionSentence } from '../../ui/report/attentionText';
import { attentionMessages } from '../../ui/report/messages';
import { overviewCheckMessages } from './checks/messages';
import './uncapped.css';

type T = TranslateFor<typeof overviewCheckMessages>;

function problemText(t: T, p: ResolutionProblem, locale: 'en' | 'zh', currency: CurrencyCode): string {
  switch (p.code) {
    case 'note-required':
      return t('resNoteRequired');
    case 'note-too-long':
      return t('resNoteTooLong', { max: p.max });
    case 'no-rows':
      return t('resNoRows');
    case 'moved-to-required':
      return t('resMovedToRequired');
    case 'moved-to-same':
      return t('resMovedToSame');
    case 'moved-to-unknown':
      return t('resMovedToRequired');
    case 'covered-by-required':
      return t('resCoveredByRequired');
    case 'reported-on-required':
      return t('resReportedOnRequired');
    case 'reported-before-rows':
      return t('resReportedBefore', { date: formatDate(p.start, locale) });
    case 'exemption-incomplete':
      return t('resExemptionIncomplete');
    case 'not-exempt':
      return t('resNotExempt', {
        aggregate: formatMinorWithCurrency(p.aggregate, currency, locale),
        pct: formatPercent(p.highest, 4),
      });
  }
}

/** The form resolving the open rows of one capless span. */
function ResolveForm({
  s,
  ctx,
  span,
  onDone,
}: {
  s: CategoryStatus;
  ctx: EngineContext;
  span: UncappedSpan;
  onDone: () => void;
}) {
  const errorText = useErrorText();
  const t = useT(overviewCheckMessages);
  const name = useBilingual();
  const locale = useLocale();
  const save = useSaveUncappedResolution();
  const id = useId();
  const [outcome, setOutcome] = useState<UncappedOutcome>('reported');
  const [note, setNote] = useState('');
  const [movedTo, setMovedTo] = useState('');
  const [coveredBy, setCoveredBy] = useState('');
  const [reportedOn, setReportedOn] = useState('');
  const [denoms, setDenoms] = useState<Record<RatioKind, string>>({ assets: '', revenue: '', consideration: '' });
  const [denomCurrency, setDenomCurrency] = useState<CurrencyCode>('HKD');
  const [rate, setRate] = useState('');
  const [subsidiary, setSubsidiary] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const start = span.unresolvedFrom!;
  const end = span.unresolvedTo!;

  const exemption = (): ExemptionInput | undefined => {
    const d: Partial<Record<RatioKind, Money>> = {};
    for (const k of ['assets', 'revenue', 'consideration'] as const) {
      const m = denoms[k].trim() ? parseDenominator(denoms[k]) : null;
      if (m !== null) d[k] = m;
    }
    return { denominators: d, currency: denomCurrency, hkdPerRmb: parseRate(rate), subsidiaryLevelOnly: subsidiary };
  };

  const submit = () => {
    const r = buildResolution(
      ctx,
      {
        categoryId: s.category.id,
        start,
        end,
        outcome,
        note,
        movedTo,
        coveredBy,
        reportedOn,
        ...(outcome === 'exempt-14a76' ? { exemption: exemption() } : {}),
      },
      s.asOf,
      new Date().toISOString(),
    );
    if (!r.ok) {
      setProblems(r.problems.map((p) => problemText(t, p, locale, s.currency)));
      return;
    }
    setProblems([]);
    save.mutate(r.resolution, {
      onSuccess: onDone,
      onError: (e) => setProblems([errorText(e)]),
    });
  };

  const ta = useT(attentionMessages);
  const field = (key: string) => `${id}-${key}`;
  return (
    <form
      className="resolve-form"
      data-testid={`resolve-form-${s.category.id}`}
      aria-label={t('resFormLabel', { category: name(s.category.name) })}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="hint">
        {t('resFormIntro', {
          range:
            start === end ? formatDate(start, locale) : `${formatDate(start, locale)} – ${formatDate(end, locale)}`,
          count: span.unresolvedCount,
          amount: formatMinorWithCurrency(span.unresolvedAmount, s.currency, locale),
        })}
      </p>
      <label className="field" htmlFor={field('outcome')}>
        <span>{t('resOutcome')}</span>
        <select id={field('outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value as UncappedOutcome)}>
          {UNCAPPED_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {outcomeLabel(ta, o)}
            </option>
          ))}
        </select>
      </label>
      {outcome === 'misclassified' && (
        <label className="field" htmlFor={field('moved')}>
          <span>{t('resMovedTo')}</span>
          <select id={field('moved')} value={movedTo} onChange={(e) => setMovedTo(e.target.value)}>
            <option value="">—</option>
            {ctx.dataset.categories
              .filter((c) => c.id !== s.category.id)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {name(c.name)}
                </option>
              ))}
            <option value="none">{t('resNotConnected')}</option>
          </select>
        </label>
      )}
      {outcome === 'other-agreement' && (
        <label className="field" htmlFor={field('covered')}>
          <span>{t('resCoveredBy')}</span>
          <input id={field('covered')} value={coveredBy} onChange={(e) => setCoveredBy(e.target.value)} />
        </label>
      )}
      {outcome === 'reported' && (
        <label className="field" htmlFor={field('reported')}>
          <span>{t('resReportedOn')}</span>
          <input
            id={field('reported')}
            type="date"
            value={reportedOn}
            onChange={(e) => setReportedOn(e.target.value)}
          />
        </label>
      )}
      {outcome === 'exempt-14a76' && (
        <fieldset className="resolve-exemption">
          <legend>{t('resExemptionLegend')}</legend>
          <p className="hint">{t('resExemptionHint')}</p>
          {(['assets', 'revenue', 'consideration'] as const).map((k) => (
            <label key={k} className="field" htmlFor={field(k)}>
              <span>{k === 'assets' ? t('resAssets') : k === 'revenue' ? t('resRevenue') : t('resConsideration')}</span>
              <input
                id={field(k)}
                inputMode="decimal"
                value={denoms[k]}
                onChange={(e) => setDenoms((d) => ({ ...d, [k]: e.target.value }))}
              />
            </label>
          ))}
          <label className="field" htmlFor={field('ccy')}>
            <span>{t('resDenomCurrency')}</span>
            <select
              id={field('ccy')}
              value={denomCurrency}
              onChange={(e) => setDenomCurrency(e.target.value as CurrencyCode)}
            >
              <option value="HKD">{t('resHkdMillion')}</option>
              <option value="RMB">{t('resRmbMillion')}</option>
            </select>
          </label>
          <label className="field" htmlFor={field('rate')}>
            <span>{t('resRate')}</span>
            <input id={field('rate')} inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} />
          </label>
          <label className="toggle">
            <input type="checkbox" checked={subsidiary} onChange={(e) => setSubsidiary(e.target.checked)} />
            <span>{t('resSubsidiary')}</span>
          </label>
        </fieldset>
      )}
      <label className="field" htmlFor={field('note')}>
        <span>{t('resNote')}</span>
        <textarea
          id={field('note')}
          rows={2}
          maxLength={MAX_RESOLUTION_NOTE}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-small" disabled={save.isPending}>
          {t('resSave')}
        </button>
        <button type="button" className="btn btn-small btn-secondary" onClick={onDone}>
          {t('resCancel')}
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="field-error" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </form>
  );
}

/**
 * Every span of a category with transactions conducted when no cap was in
 * force: its rows, the resolutions recorded (and whether the ledger still
 * matches them), the open rows, and the form resolving them.
 */
export function UncappedItems({ s, ctx }: { s: CategoryStatus; ctx: EngineContext }) {
  const t = useT(overviewCheckMessages);
  const ta = useT(attentionMessages);
  const name = useBilingual();
  const locale = useLocale();
  const remove = useRemoveUncappedResolution();
  const [open, setOpen] = useState<IsoDate | null>(null);
  const spans = s.uncapped.spans;
  if (spans.length === 0) return null;
  const catName = (id: string) => {
    const c = ctx.dataset.categories.find((x) => x.id === id);
    return c ? name(c.name) : id;
  };
  const money = (m: bigint) => formatMinorWithCurrency(m, s.currency, locale);
  return (
    <div className="uncapped-items" data-testid={`uncapped-items-${s.category.id}`}>
      {spans.map((span) => (
        <div key={span.start} className="uncapped-span" data-testid="uncapped-span">
          <p className="uncapped-span-head">
            {t(span.capState === 'cap-not-recorded' ? 'uncappedSpanNotRecorded' : 'uncappedSpanNoCap', {
              // A span from the beginning of time (before the category's first cap) has no start worth naming.
              range:
                span.end && span.start <= '1900-01-01'
                  ? t('uncappedUntil', { date: formatDate(span.end, locale) })
                  : span.end
                    ? `${formatDate(span.start, locale)} – ${formatDate(span.end, locale)}`
                    : t('uncappedFrom', { date: formatDate(span.start, locale) }),
              count: span.count,
              amount: money(span.amount),
            })}
          </p>
          {span.resolutions.length > 0 && (
            <ul className="uncapped-resolutions">
              {span.resolutions.map((r) => (
                <li
                  key={r.resolution.id}
                  data-testid="uncapped-resolution"
                  data-applies={r.applies}
                  className={r.applies ? 'resolved' : 'stale'}
                >
                  <strong>{r.applies ? t('resResolved') : t('resStale')}</strong>{' '}
                  {resolutionSentence(ta, locale, r.resolution, s.currency, catName)}
                  {!r.applies && <> {t('resStaleNow', { count: r.count, amount: money(r.amount) })}</>}{' '}
                  <button
                    type="button"
                    className="btn-link"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(r.resolution.id)}
                  >
                    {t('resWithdraw')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {span.unresolvedCount > 0 && (
            <p className="uncapped-open" data-testid="uncapped-open">
              {t('resOpen', {
                count: span.unresolvedCount,
                amount: money(span.unresolvedAmount),
                range:
                  span.unresolvedFrom === span.unresolvedTo
                    ? formatDate(span.unresolvedFrom!, locale)
                    : `${formatDate(span.unresolvedFrom!, locale)} – ${formatDate(span.unresolvedTo!, locale)}`,
              })}{' '}
              {open !== span.start && (
                <button
                  type="button"
                  className="btn btn-small btn-secondary"
                  onClick={() => setOpen(span.start)}
                  data-testid="resolve-open"
                >
                  {t('resResolve')}
                </button>
              )}
            </p>
          )}
          {open === span.start && span.unresolvedCount > 0 && (
            <ResolveForm s={s} ctx={ctx} span={span} onDone={() => setOpen(null)} />
          )}
        </div>
      ))}
    </div>
  );
}
