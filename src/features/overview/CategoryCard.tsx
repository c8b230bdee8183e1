import { Link } from 'react-router';
import { approvalFor } from '../../domain/binding';
import type { CategoryStatus, EngineContext, ProjectionSummary } from '../../domain/engine';
import {
  formatDate,
  formatGrowth,
  formatHeadroom,
  formatMillions,
  formatPercent,
  formatRange,
} from '../../domain/format';
import { formatMinorWithCurrency } from '../../domain/currency';
import { negate } from '../../domain/money';
import {
  actualSnapshot,
  endedCap as endedCapOf,
  periodToDate,
  projectionColumns,
  staleDays as staleDaysOf,
} from '../../domain/statusView';
import type { Crossing } from '../../domain/projection';
import { shortDateLabel, shortPeriodLabel } from '../../domain/series';
import { MoneyText, UtilisationText } from '../../ui/components/Figures';
import { sourceAnchor } from '../../ui/components/sourceAnchor';
import { SourceRef } from '../../ui/components/SourceRef';
import { StatusBadge } from '../../ui/components/StatusBadge';
import { UtilisationBar } from '../../ui/components/UtilisationBar';
import { type TranslateFor, useBilingual, useLocale, useT } from '../../ui/i18n';
import { useCarriedHref } from '../../ui/links';
import { overviewMessages } from './messages';
import { UncappedLauncher } from './UncappedLauncher';
import { WhatIfLauncher } from './WhatIfLauncher';

type T = TranslateFor<typeof overviewMessages>;

function crossingText(t: T, c: Crossing | undefined, locale: 'en' | 'zh'): string {
  if (!c) return '—';
  if (c.state === 'reached') return c.date ? t('reached', { date: shortDateLabel(c.date, locale) }) : t('reachedShort');
  if (c.state === 'projected' && c.date) return shortDateLabel(c.date, locale);
  return t('notWithin');
}

/** Projection by method (columns) of the period-end amount and the dates the threshold and caps are reached (rows). */
function ProjectionTable({ s, t, locale }: { s: CategoryStatus; t: T; locale: 'en' | 'zh' }) {
  const { columns: cols, unavailable } = projectionColumns(s);
  if (cols.length === 0) return null;
  if (unavailable) {
    return (
      <p className="projection-none">
        <span className="buffer-label">{t('projection')}</span>{' '}
        {unavailable === 'no-actuals' ? t('unavailableNoActuals') : t('unavailableNoPrior')}
      </p>
    );
  }
  const name = (p: ProjectionSummary) =>
    p.projection.method === 'seasonal'
      ? t('methodSeasonal')
      : p.projection.method === 'linear'
        ? t('methodLinear')
        : t('methodGrowth');
  const cell = (p: ProjectionSummary, what: 'end' | 'threshold' | 'binding' | 'proposed') => {
    const u = p.projection.unavailable;
    if (u)
      return (
        <td key={p.projection.method} className="muted">
          {what === 'end' ? (u === 'no-prior-year' ? t('unavailableNoPrior') : t('unavailableNoActuals')) : '—'}
        </td>
      );
    if (what === 'end')
      return (
        <td key={p.projection.method} className="num">
          {formatMillions(p.projection.periodEnd, s.decimals)}
        </td>
      );
    const c =
      what === 'threshold'
        ? (p.binding?.threshold ?? p.proposed?.threshold)
        : what === 'binding'
          ? p.binding?.cap
          : p.proposed?.cap;
    return (
      <td key={p.projection.method} className={c?.state === 'not-reached' ? 'muted' : 'strong'}>
        {crossingText(t, c, locale)}
      </td>
    );
  };
  const rows: { key: 'end' | 'threshold' | 'binding' | 'proposed'; label: string }[] = [
    { key: 'end', label: t('colPeriodEnd') },
    { key: 'threshold', label: t('colThreshold') },
    ...(s.binding ? [{ key: 'binding' as const, label: t('colBinding') }] : []),
    ...(s.proposed ? [{ key: 'proposed' as const, label: t('colProposed') }] : []),
  ];
  return (
    <table className="data compact projection-table">
      <caption>{t('projection')}</caption>
      <thead>
        <tr>
          <td />
          {cols.map((p) => (
            <th key={p.projection.method} scope="col">
              {name(p)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {cols.map((p) => cell(p, r.key))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What the state table says beyond the badge: uncapped transactions, a cap
 * missing from the register, no data for the span, a meeting date passed with
 * no outcome recorded — each with where to act.
 */
function StateNotices({ s, t, locale }: { s: CategoryStatus; t: T; locale: 'en' | 'zh' }) {
  const href = useCarriedHref();
  const name = useBilingual();
  const u = s.uncapped;
  return (
    <>
      {u.count > 0 && (
        <p className="card-note card-alarm" data-testid="uncapped-note">
          {t('uncappedNote', {
            count: u.count,
            amount: formatMinorWithCurrency(u.amount, s.currency, locale),
            date: formatDate(u.firstDate!, locale),
          })}{' '}
          {u.days.some((d) => !d.resolution && d.capState === 'cap-not-recorded') && t('uncappedNotRecorded')}
        </p>
      )}
      {s.capState === 'cap-not-recorded' && (
        <p className="card-note card-warn" data-testid="cap-not-recorded-note">
          {t('capNotRecordedNote')} <Link to={href('/register')}>{t('capNotRecordedLink')}</Link>
        </p>
      )}
      {s.displayStatus === 'no-data' && s.period && (
        <p className="card-note card-warn" data-testid="no-data-note">
          {t('noDataNote', {
            range: formatRange(periodToDate(s.period, s.asOf)!, locale),
          })}
        </p>
      )}
      {s.meetingPrompt && (
        <p className="card-note card-warn" data-testid="meeting-passed-note">
          {t('meetingPassedNote', {
            meeting: name(s.meetingPrompt.resolution.meeting),
            date: formatDate(s.meetingPrompt.meetingDate, locale),
          })}{' '}
          <Link to={`${href(`/agreements/${s.category.agreementId}`)}#approvals-${s.category.agreementId}`}>
            {t('meetingPassedLink')}
          </Link>
        </p>
      )}
    </>
  );
}

/** One category's position on the as-of date: caps, actual, utilisation, growth, projection. */
export function CategoryCard({ status: s, ctx }: { status: CategoryStatus; ctx: EngineContext }) {
  const t = useT(overviewMessages);
  const name = useBilingual();
  const locale = useLocale();
  const href = useCarriedHref();
  const { category } = s;
  const catName = name(category.name);
  const headingId = `card-${category.id}`;

  const { snapshot, audited } = actualSnapshot(ctx, s);
  const basis =
    s.actualBasis === 'disclosed'
      ? t('basisDisclosed')
      : s.actualBasis === 'disclosed+ledger'
        ? t('basisDisclosedLedger')
        : s.actualBasis === 'ledger'
          ? t('basisLedger')
          : '';
  const audit = audited === null ? '' : ` (${audited ? t('audited') : t('unaudited')})`;
  const staleDays = staleDaysOf(s);
  const endedCap = endedCapOf(ctx.dataset, s);
  const resolution = s.proposedResolution;
  const kindText = (k: string) => (k === 'revised' ? t('kindRevised') : k === 'new' ? t('kindNew') : t('kindOriginal'));
  const rejected = s.caps.rejected.map((c) => {
    const rec =
      c.approval.kind === 'independent-shareholders' ? approvalFor(c.approval.resolutionId, ctx.approvals) : undefined;
    return t('rejectedNote', {
      amount: formatMillions(c.amount, s.decimals),
      date: rec ? formatDate(rec.date, locale) : '',
    });
  });

  const buffers: string[] = [];
  if (s.expected && s.impliedBuffer) {
    if (s.binding && s.impliedBuffer.binding) {
      buffers.push(
        t('bufferText', {
          which: t('bufferBinding'),
          cap: formatMillions(s.binding.cap.amount, s.decimals),
          expected: formatMillions(s.expected.amount, s.decimals),
          pct: formatGrowth(s.impliedBuffer.binding),
        }),
      );
    }
    if (s.binding && s.impliedBuffer.periodsDiffer.binding) {
      // Like with like: the 6.7 cap for January 1 – July 28 says nothing against ~930 for the year.
      buffers.push(
        t('bufferPeriodsDiffer', {
          which: t('bufferBinding'),
          cap: formatMillions(s.binding.cap.amount, s.decimals),
          capPeriod: formatRange(s.binding.cap.period, locale),
          expected: formatMillions(s.expected.amount, s.decimals),
          expectedPeriod: formatRange(s.expected.period, locale),
        }),
      );
    }
    if (s.proposed && s.impliedBuffer.proposed) {
      buffers.push(
        t('bufferText', {
          which: t('bufferProposed'),
          cap: formatMillions(s.proposed.cap.amount, s.decimals),
          expected: formatMillions(s.expected.amount, s.decimals),
          pct: formatGrowth(s.impliedBuffer.proposed),
        }),
      );
    }
  }

  return (
    <article className={`card card-${s.displayStatus}`} aria-labelledby={headingId} data-testid={`card-${category.id}`}>
      <header className="card-head">
        <div>
          <h3 id={headingId} className="card-title">
            {catName}
          </h3>
          <p className="card-meta">
            {category.direction === 'provided-by-group' ? t('providedByGroup') : t('procuredByGroup')}
            {' · '}
            {s.period ? t('capPeriod', { range: formatRange(s.period, locale) }) : t('noCapPeriod')}
          </p>
        </div>
        <StatusBadge status={s.displayStatus} />
      </header>

      {s.outsideTerm && <p className="card-note">{t('outsideTerm', { range: formatRange(category.term, locale) })}</p>}
      <StateNotices s={s} t={t} locale={locale} />
      <UncappedLauncher s={s} ctx={ctx} />
      {!s.outsideTerm && !s.period && category.termNote && <p className="card-note">{name(category.termNote)}</p>}

      <div className={`card-body${s.projections.length > 0 || buffers.length > 0 ? '' : ' no-side'}`}>
        <div className="card-main">
          <div className="figures">
            <div className="figure">
              <div className="figure-label">{t('actualToDate')}</div>
              {s.actualThrough ? (
                <>
                  <div className="figure-value" data-testid="actual">
                    <MoneyText value={s.actual} decimals={s.decimals} />
                  </div>
                  {s.provisional && s.lastLedgerRow && (
                    <div className="figure-meta provisional" data-testid="provisional">
                      {t('provisionalNote', { date: formatDate(s.actualThrough, locale) })}
                    </div>
                  )}
                  <div className="figure-meta">
                    {t('through', { date: formatDate(s.actualThrough, locale) })} · {basis}
                    {audit}
                    {snapshot && (
                      <SourceRef
                        source={snapshot.source}
                        anchor={sourceAnchor('historical', snapshot.id)}
                        what={t('actualToDate')}
                      />
                    )}
                  </div>
                  {staleDays > 0 && <div className="figure-meta stale">{t('staleNote', { days: staleDays })}</div>}
                </>
              ) : s.period ? (
                <>
                  <div className="figure-value figure-none" data-testid="actual">
                    {t('noData')}
                  </div>
                  {s.actual > 0n && (
                    <div className="figure-meta provisional">
                      {t('lowerBound', { amount: formatMillions(s.actual, s.decimals) })}
                    </div>
                  )}
                </>
              ) : (
                <div className="figure-empty">{t('noAmounts')}</div>
              )}
            </div>
            <div className="figure">
              <div className="figure-label">{t('bindingCap')}</div>
              {s.binding ? (
                <>
                  <div className="figure-value" data-testid="binding-cap">
                    <MoneyText value={s.binding.cap.amount} decimals={s.decimals} />
                  </div>
                  <div className="figure-meta">
                    {kindText(s.binding.cap.kind)} · {shortPeriodLabel(s.binding.cap.period, locale)}
                    <SourceRef
                      source={s.binding.cap.source}
                      anchor={sourceAnchor('cap', s.binding.cap.id)}
                      what={t('bindingCap')}
                    />
                  </div>
                </>
              ) : (
                <>
                  <div className="figure-value figure-none" data-testid="binding-cap">
                    {t('noCapInForce')}
                  </div>
                  {endedCap && (
                    <div className="figure-meta">{t('capEnded', { range: formatRange(endedCap.period, locale) })}</div>
                  )}
                </>
              )}
            </div>
            <div className="figure">
              <div className="figure-label">{t('proposedCap')}</div>
              {s.proposed ? (
                <>
                  <div className="figure-value figure-proposed" data-testid="proposed-cap">
                    <MoneyText value={s.proposed.cap.amount} decimals={s.decimals} />
                  </div>
                  <div className="figure-meta">
                    {kindText(s.proposed.cap.kind)} · {shortPeriodLabel(s.proposed.cap.period, locale)}
                    <SourceRef
                      source={s.proposed.cap.source}
                      anchor={sourceAnchor('cap', s.proposed.cap.id)}
                      what={t('proposedCap')}
                    />
                  </div>
                  {resolution && (
                    <div className="figure-meta awaits">
                      {t('awaits', { who: t('independentShareholders'), meeting: name(resolution.meeting) })}
                    </div>
                  )}
                </>
              ) : (
                <div className="figure-value figure-none">—</div>
              )}
              {rejected.map((r) => (
                <div key={r} className="figure-meta rejected">
                  {r}
                </div>
              ))}
            </div>
          </div>

          {/* Nothing known is not a measured 0%: the bar says n/a until a figure is known. */}
          <UtilisationBar utilisation={s.binding?.utilisation ?? null} threshold={s.threshold} />

          <dl className="kv">
            <div>
              <dt>{t('headroom')}</dt>
              <dd>
                {s.binding ? (
                  s.binding.headroom === null ? (
                    <span className="muted">{t('noData')}</span>
                  ) : s.binding.headroom < 0n ? (
                    <span className="bad" data-testid="headroom">
                      {t('overBy', { amount: formatHeadroom(negate(s.binding.headroom), s.decimals) })}
                    </span>
                  ) : (
                    <span className="num" data-testid="headroom">
                      {formatHeadroom(s.binding.headroom, s.decimals)}
                    </span>
                  )
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div>
              <dt>
                {s.binding || !s.proposed
                  ? t('alertAt', { pct: formatPercent(s.threshold) })
                  : t('alertAtProposed', { pct: formatPercent(s.threshold) })}
              </dt>
              <dd>
                <MoneyText
                  value={s.binding?.thresholdAmount ?? s.proposed?.thresholdAmount ?? null}
                  decimals={s.decimals}
                />
              </dd>
            </div>
            <div>
              <dt>{t('ytdGrowth')}</dt>
              <dd>
                <span className="num" data-testid="ytd-growth">
                  {s.ytd ? formatGrowth(s.ytd.rate) : t('na')}
                </span>
                <span className="kv-sub">
                  {s.ytd ? t('ytdVs', { span: formatRange(s.ytd.priorSpan, locale) }) : t('noPriorSpan')}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t('yoyGrowth')}</dt>
              <dd>
                <span className="num">{s.yoy ? formatGrowth(s.yoy.rate) : t('na')}</span>
                <span className="kv-sub">
                  {s.yoy
                    ? t('yoyVs', {
                        span: shortPeriodLabel(s.yoy.span, locale),
                        prior: shortPeriodLabel(s.yoy.priorSpan, locale),
                      })
                    : t('noPriorSpan')}
                </span>
                {s.yoy && !s.yoyCurrent && (
                  <span className="kv-sub stale" data-testid="yoy-not-current">
                    {t('notCurrent')}
                  </span>
                )}
              </dd>
            </div>
            {s.proposed && (
              <div>
                <dt>{t('usedOfProposed')}</dt>
                <dd>
                  <UtilisationText value={s.proposed.utilisation} threshold={s.threshold} />
                </dd>
              </div>
            )}
          </dl>
        </div>
        <div className="card-side">
          <ProjectionTable s={s} t={t} locale={locale} />
          {buffers.length > 0 && (
            <div className="buffer">
              <div className="buffer-label">{t('buffer')}</div>
              {buffers.map((b) => (
                <p key={b} className="buffer-line">
                  {b}
                </p>
              ))}
              {s.expected && (
                <SourceRef
                  source={s.expected.source}
                  anchor={sourceAnchor('expected', s.expected.id)}
                  what={t('buffer')}
                />
              )}
            </div>
          )}
        </div>
      </div>

      <footer className="card-foot">
        <WhatIfLauncher s={s} ctx={ctx} />
        <Link
          to={`${href(`/agreements/${category.agreementId}`)}#${category.id}`}
          aria-label={t('detailsOf', { category: catName })}
        >
          {t('details')} →
        </Link>
      </footer>
    </article>
  );
}
