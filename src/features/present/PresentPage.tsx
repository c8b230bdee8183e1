import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { categoryCurrency, currenciesOf, currencyUnit, currencyUnitShort } from '../../domain/currency';
import { allStatuses, type EngineContext } from '../../domain/engine';
import {
  formatDate,
  formatHeadroom,
  formatMillions,
  formatPercent,
  formatRange,
  formatUtilisation,
} from '../../domain/format';
import { type CategoryAttention, reportSummary } from '../../domain/reportSummary';
import { cumulativeSeries } from '../../domain/series';
import { useEngineContext } from '../../data/queries';
import { CumulativeChart } from '../../ui/charts/CumulativeChart';
import { StatusBadge } from '../../ui/components/StatusBadge';
import { useBilingual, useLocale, useT } from '../../ui/i18n';
import { useCarriedHref } from '../../ui/links';
import { attentionContext, attentionKindLabel, attentionShort } from '../../ui/report/attentionText';
import { attentionMessages } from '../../ui/report/messages';
import { useReportAsOf } from '../../ui/report/useReportAsOf';
import { presentMessages } from './messages';
import './present.css';

/**
 * The stage every slide is laid out on, scaled to fit the window: 16:9 (1920×1080) in a
 * landscape window; in a portrait one (a tablet or phone held upright) 1920 high and as
 * wide as the window's proportions allow between 1080 and 1440, cards and chart stacked,
 * so the screen is filled rather than letterboxed to a strip.
 */
const STAGE_LONG = 1920;
const STAGE_SHORT = 1080;
const PORTRAIT_MAX_WIDTH = 1440;

function useStage(): { scale: number; width: number; height: number; portrait: boolean } {
  const [stage, setStage] = useState({ scale: 1, width: STAGE_LONG, height: STAGE_SHORT, portrait: false });
  useLayoutEffect(() => {
    const update = () => {
      const { innerWidth: vw, innerHeight: vh } = window;
      const portrait = vh > vw;
      const width = portrait
        ? Math.min(PORTRAIT_MAX_WIDTH, Math.max(STAGE_SHORT, Math.round((STAGE_LONG * vw) / vh)))
        : STAGE_LONG;
      const height = portrait ? STAGE_LONG : STAGE_SHORT;
      setStage({ scale: Math.min(vw / width, vh / height), width, height, portrait });
    };
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return stage;
}

function SummarySlide({
  ctx,
  categories,
  asOf,
}: {
  ctx: EngineContext;
  categories: readonly CategoryAttention[];
  asOf: string;
}) {
  const t = useT(presentMessages);
  const ta = useT(attentionMessages);
  const locale = useLocale();
  const name = useBilingual();
  const { dataset } = ctx;
  const pairs = [...new Map(dataset.agreements.map((a) => [`${a.issuerId}|${a.counterpartyId}`, a])).values()];
  const party = (id: string) => dataset.parties.find((p) => p.id === id);
  // A deck mixing RMB and HK$ agreements names each tile's unit beside its cap.
  const mixed =
    currenciesOf(
      dataset,
      categories.map((c) => c.categoryId),
    ).length > 1;
  return (
    <div className="slide slide-summary">
      <p className="slide-kicker">{t('summaryKicker', { date: formatDate(asOf, locale) })}</p>
      <h1 className="slide-title">{t('summaryTitle')}</h1>
      <p className="slide-parties">
        {pairs
          .map((a) =>
            t('parties', {
              issuer: party(a.issuerId) ? name(party(a.issuerId)!.name) : a.issuerId,
              counterparty: party(a.counterpartyId) ? name(party(a.counterpartyId)!.name) : a.counterpartyId,
            }),
          )
          .join(' · ')}
      </p>
      <div
        className="summary-tiles"
        style={{ gridTemplateColumns: `repeat(${Math.min(4, Math.max(1, categories.length))}, 1fr)` }}
      >
        {categories.map((c) => {
          const s = c.status;
          return (
            <div key={c.categoryId} className={`tile tile-${s.displayStatus}`} data-category={c.categoryId}>
              <div className="tile-name">{name(s.category.name)}</div>
              {c.outsideTerm ? (
                <div className="tile-outside">{t('outsideTerm')}</div>
              ) : (
                <>
                  <div className="tile-big">{s.binding ? formatPercent(s.binding.utilisation) : t('none')}</div>
                  <div className="tile-label">
                    {t('ofBinding')} {s.binding ? formatMillions(s.binding.cap.amount, s.decimals) : t('noCap')}
                    {mixed && s.binding && (
                      <span className="tile-unit">
                        {' '}
                        {currencyUnitShort(categoryCurrency(dataset, c.categoryId), locale)}
                      </span>
                    )}
                  </div>
                  <StatusBadge status={s.displayStatus} />
                  {c.reasons.length > 0 && (
                    <ul className="tile-reasons">
                      {c.reasons.map((r, i) => (
                        <li key={i}>{attentionKindLabel(ta, r.kind)}</li>
                      ))}
                    </ul>
                  )}
                </>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function CategorySlide({ ctx, attention }: { ctx: EngineContext; attention: CategoryAttention }) {
  const t = useT(presentMessages);
  const ta = useT(attentionMessages);
  const locale = useLocale();
  const name = useBilingual();
  const s = attention.status;
  const catName = name(s.category.name);
  const agreement = ctx.dataset.agreements.find((a) => a.id === s.category.agreementId);
  const unit = currencyUnit(agreement?.currency ?? 'RMB', locale);
  const series = useMemo(() => {
    const seasonalOk = s.projections.some((p) => p.projection.method === 'seasonal' && !p.projection.unavailable);
    return cumulativeSeries(ctx, s.category.id, s.asOf, seasonalOk ? 'seasonal' : 'linear');
  }, [ctx, s]);
  // The two most serious reasons fit the slide; the report holds the rest.
  const reasons = attention.reasons.slice(0, 2);
  return (
    <div className={`slide slide-category slide-${s.displayStatus}`} data-category={s.category.id}>
      <header className="slide-head">
        <div>
          <p className="slide-kicker">{agreement ? name(agreement.name) : ''}</p>
          <h1 className="slide-title">{catName}</h1>
        </div>
        <StatusBadge status={s.displayStatus} />
      </header>
      {attention.outsideTerm && !s.period ? (
        <p className="slide-outside">{t('outsideTerm')}</p>
      ) : (
        <div className="slide-body">
          <div className="big-numbers">
            <div className="big big-primary" data-testid="slide-utilisation">
              <span className="big-label">{t('utilisation')}</span>
              <span className="big-value">
                {s.binding
                  ? s.binding.utilisation === null
                    ? t('noData')
                    : formatUtilisation(s.binding.utilisation, s.threshold)
                  : t('none')}
              </span>
              <span className="big-sub">{t('ofBinding')}</span>
            </div>
            <div className="big">
              <span className="big-label">{t('headroom')}</span>
              <span className="big-value">
                {s.binding
                  ? s.binding.headroom === null
                    ? t('noData')
                    : formatHeadroom(s.binding.headroom, s.decimals)
                  : t('none')}
              </span>
            </div>
            <div className="big">
              <span className="big-label">{t('bindingCap')}</span>
              <span className="big-value">
                {s.binding ? formatMillions(s.binding.cap.amount, s.decimals) : t('noCap')}
              </span>
            </div>
            <div className="big">
              <span className="big-label">{t('proposedCap')}</span>
              <span className="big-value">
                {s.proposed ? formatMillions(s.proposed.cap.amount, s.decimals) : t('none')}
              </span>
            </div>
            <div className="big">
              <span className="big-label">{t('actual')}</span>
              <span className="big-value">
                {!s.period ? t('none') : s.known ? formatMillions(s.actual, s.decimals) : t('noData')}
              </span>
              <span className="big-sub">
                {s.actualThrough ? t('through', { date: formatDate(s.actualThrough, locale) }) : t('nothingKnown')}
              </span>
            </div>
            <p className="slide-period">
              {s.period ? t('period', { period: formatRange(s.period, locale) }) : ''} ·{' '}
              <span data-testid="slide-unit">{unit}</span>
            </p>
          </div>
          <div className="slide-chart">
            {series && (
              <div className="slide-chart-zoom">
                <CumulativeChart
                  series={series}
                  categoryName={catName}
                  threshold={s.threshold}
                  title={t('chartTitle')}
                  width={600}
                  height={290}
                  unit={unit}
                />
              </div>
            )}
          </div>
        </div>
      )}
      {reasons.length > 0 && (
        <ul className="slide-reasons">
          {reasons.map((r, i) => (
            <li key={i}>
              <strong>
                {attentionKindLabel(ta, r.kind)}
                {locale === 'zh' ? '：' : ':'}
              </strong>
              {locale === 'zh' ? '' : ' '}
              {attentionShort(ta, locale, r, attentionContext(s, ctx.dataset, name, s.asOf))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Presentation mode (/present?asOf=…&slide=N): a summary slide, then one per
 * category, on a 1920×1080 stage scaled to the window. Keys: → PageDown Space
 * next; ← PageUp previous; Home / End; F full screen; Esc leaves to the overview.
 */
export function PresentPage() {
  const t = useT(presentMessages);
  const locale = useLocale();
  const name = useBilingual();
  const navigate = useNavigate();
  const href = useCarriedHref();
  const asOf = useReportAsOf('half-year');
  const [params, setParams] = useSearchParams();
  const { ctx, ready } = useEngineContext();
  const { scale, width, height, portrait } = useStage();
  const rootRef = useRef<HTMLDivElement>(null);
  const [isFull, setIsFull] = useState(false);
  // The controls show on load and while the pointer moves, then fade so they never cover a slide.
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer = window.setTimeout(() => setIdle(true), 3000);
    const wake = () => {
      setIdle(false);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setIdle(true), 2500);
    };
    window.addEventListener('mousemove', wake);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('mousemove', wake);
    };
  }, []);
  const summary = useMemo(() => (ready ? reportSummary(allStatuses(ctx, asOf)) : null), [ctx, asOf, ready]);
  const total = 1 + (summary?.categories.length ?? 0);
  const raw = Number(params.get('slide') ?? '1');
  const slide = Number.isInteger(raw) ? Math.min(Math.max(raw, 1), total) : 1;

  const go = useCallback(
    (n: number) => {
      const next = Math.min(Math.max(n, 1), total);
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          p.set('slide', String(next));
          return p;
        },
        { replace: true },
      );
    },
    [setParams, total],
  );

  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void rootRef.current?.requestFullscreen?.().catch(() => undefined);
  }, []);

  useEffect(() => {
    const onChange = () => setIsFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
      // A focused button or link handles its own Space / Enter.
      if ((e.key === ' ' || e.key === 'Enter') && (tag === 'BUTTON' || tag === 'A')) return;
      switch (e.key) {
        case 'ArrowRight':
        case 'PageDown':
        case ' ':
          go(slide + 1);
          break;
        case 'ArrowLeft':
        case 'PageUp':
          go(slide - 1);
          break;
        case 'Home':
          go(1);
          break;
        case 'End':
          go(total);
          break;
        case 'f':
        case 'F':
          toggleFullscreen();
          break;
        case 'Escape':
          // In full screen the browser takes Esc to leave it; otherwise Esc leaves the deck.
          if (!document.fullscreenElement) navigate(href('/'));
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, slide, total, toggleFullscreen, navigate, href]);

  useEffect(() => {
    const prevTitle = document.title;
    document.title = `Headroom — ${formatDate(asOf, locale)}`;
    return () => {
      document.title = prevTitle;
    };
  }, [asOf, locale]);

  if (!summary) {
    return (
      <div className="present" aria-busy="true">
        <p className="present-loading">{t('loading')}</p>
      </div>
    );
  }
  const current = slide === 1 ? null : summary.categories[slide - 2]!;
  const slideTitle = current ? name(current.status.category.name) : t('summaryTitle');

  return (
    <div className="present" ref={rootRef} data-testid="present" data-slide={slide} data-total={total}>
      <main
        className={portrait ? 'present-stage portrait' : 'present-stage'}
        style={{ width, height, transform: `translate(-50%, -50%) scale(${scale})` }}
        aria-roledescription="slide deck"
        aria-label={t('deckLabel', { date: formatDate(asOf, locale) })}
      >
        <section
          aria-roledescription="slide"
          aria-label={t('slideLabel', { n: slide, total, title: slideTitle })}
          className="slide-frame"
        >
          {current ? (
            <CategorySlide key={current.categoryId} ctx={ctx} attention={current} />
          ) : (
            <SummarySlide ctx={ctx} categories={summary.categories} asOf={asOf} />
          )}
        </section>
        <footer className="stage-footer">
          <span className="stage-brand">Headroom · {formatDate(asOf, locale)}</span>
          <span className="stage-counter" aria-live="polite" data-testid="slide-counter">
            {t('counter', { n: slide, total })}
          </span>
        </footer>
      </main>
      <nav className={`present-controls${idle ? ' idle' : ''}`} aria-label={t('keys')}>
        <button type="button" onClick={() => go(slide - 1)} disabled={slide === 1} aria-label={t('prev')}>
          ‹
        </button>
        <span className="present-controls-count" aria-hidden="true">
          {t('counter', { n: slide, total })}
        </span>
        <button type="button" onClick={() => go(slide + 1)} disabled={slide === total} aria-label={t('next')}>
          ›
        </button>
        <button type="button" onClick={toggleFullscreen} aria-label={isFull ? t('exitFullscreen') : t('fullscreen')}>
          {isFull ? '⤡' : '⤢'}
        </button>
        <button type="button" onClick={() => navigate(href('/'))} aria-label={t('exit')}>
          ✕
        </button>
        <span className="present-keys">{t('keys')}</span>
      </nav>
    </div>
  );
}
