import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { formatUnits } from '../../domain/amounts';
import { alertStage } from '../../domain/alerts/alertLog';
import { todayIso } from '../../domain/dates';
import { formatDate, formatMillions, formatPercent, formatRange } from '../../domain/format';
import { buildReviewPack, type MatterId, type ReviewPack } from '../../domain/review/reviewPack';
import { useAlerts, useOverdueDays } from '../../data/alerts';
import { procurementCategories, useOrders, usePriceChecks, useReferenceTotals } from '../../data/evidence';
import { useHistory, useHistoryHead } from '../../data/history';
import { useEngineContext } from '../../data/queries';
import { StatusBadge } from '../../ui/components/StatusBadge';
import { saveBlob } from '../../ui/export/download';
import { type ExportTable, xlsxBlob } from '../../ui/export/table';
import { useBilingual, useLocale, useT } from '../../ui/i18n';
import { AlertList } from '../../ui/report/AlertList';
import { HistoryHeadLine } from '../../ui/report/HistoryHeadLine';
import { reviewMessages } from './messages';
import './review.css';

const MATTERS: readonly MatterId[] = ['approved', 'pricing', 'agreements', 'caps'];

/**
 * The annual review pack (/review?year=YYYY): caps, actuals, alerts and
 * pricing evidence per agreement and category; a draft of the INEDs'
 * confirmation (rule 14A.55); evidence schedules for the auditors' four
 * matters (rule 14A.56); rule 14A.59; the rule 14A.71 table. A4, printable;
 * an .xlsx appendix with every record.
 */
export function ReviewPage() {
  const t = useT(reviewMessages);
  const locale = useLocale();
  const name = useBilingual();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const year = Number(/^\d{4}$/.test(params.get('year') ?? '') ? params.get('year') : today.slice(0, 4));
  const { ctx, ready } = useEngineContext();
  const { dataset } = ctx;
  const procurement = useMemo(() => procurementCategories(dataset), [dataset]);
  const alerts = useAlerts();
  const overdue = useOverdueDays();
  const orders = useOrders();
  const checks = usePriceChecks();
  const refs = useReferenceTotals(procurement);
  const head = useHistoryHead();
  const history = useHistory();
  const loaded = ready && alerts.isSuccess && orders.isSuccess && checks.isSuccess && refs.isSuccess;
  const pack = useMemo<ReviewPack | null>(
    () =>
      loaded
        ? buildReviewPack({
            ctx,
            year,
            today,
            alerts: alerts.data,
            orders: orders.data,
            checks: checks.data,
            references: refs.data,
          })
        : null,
    [loaded, ctx, year, today, alerts.data, orders.data, checks.data, refs.data],
  );
  if (!pack)
    return (
      <section className="page" aria-busy="true">
        <p>{t('loading')}</p>
      </section>
    );

  const catName = (id: string) => {
    const c = dataset.categories.find((x) => x.id === id);
    if (c) return name(c.name);
    const a = dataset.agreements.find((x) => x.id === id);
    return a ? name(a.name) : id;
  };
  const exceptionText = (code: string) => {
    const [k, ...args] = code.split('|');
    const vars: Record<string, string> = {};
    args.forEach((a, i) => (vars[String(i + 1)] = catName(a)));
    return (t as unknown as (key: string, v: Record<string, string>) => string)(`x_${k}`, vars);
  };
  const party = (id: string) => dataset.parties.find((p) => p.id === id);
  const rel = (issuer: string, cp: string) =>
    dataset.relationships.find((r) => r.issuerId === issuer && r.counterpartyId === cp);
  const yearCaps = (c: ReviewPack['categories'][number]) =>
    c.periods.map((p) => p.status.binding?.cap ?? p.versions.find((v) => v.kind === 'original') ?? null);
  const allOrders = pack.categories.flatMap((c) => c.orders);
  const quotes = allOrders.reduce((n, o) => n + o.order.thirdPartyQuotes.length + (o.order.xiaomiQuote ? 1 : 0), 0);
  const refsOfYear = (refs.data ?? []).filter(
    (r) => r.lastDate >= pack.yearRange.start && r.firstDate <= pack.yearRange.end,
  );
  const linked = refsOfYear.filter((r) =>
    (orders.data ?? []).some(
      (o) => o.categoryId === r.categoryId && o.reference.trim() === r.reference.trim() && r.reference,
    ),
  ).length;
  const atRiskPoints = [
    pack.matters.find((m) => m.id === 'pricing')!.exceptions.length > 0 ? '2' : null,
    pack.matters.find((m) => m.id === 'agreements')!.exceptions.length > 0 ||
    pack.matters.find((m) => m.id === 'approved')!.exceptions.length > 0
      ? '3'
      : null,
    pack.matters.find((m) => m.id === 'caps')!.exceptions.length > 0 ? '4' : null,
  ].filter(Boolean);
  const dateText = formatDate(pack.reviewDate, locale);

  const appendix = async () => {
    const tables: ExportTable[] = [
      {
        name: t('sheetCategories'),
        columns: [
          { header: 'Agreement', kind: 'text', width: 30 },
          { header: 'Category', kind: 'text', width: 24 },
          { header: 'Period start', kind: 'date' },
          { header: 'Period end', kind: 'date' },
          { header: 'Binding cap (RMB m)', kind: 'amount' },
          { header: 'Actual (RMB m)', kind: 'amount' },
          { header: 'Known through', kind: 'text' },
          { header: 'Status', kind: 'text' },
          { header: 'Exceeded', kind: 'text' },
          { header: 'Uncapped', kind: 'text' },
        ],
        rows: pack.categories.flatMap((c) =>
          c.periods.map((p) => [
            name(c.agreement.name),
            name(c.category.name),
            p.period.start,
            p.period.end,
            p.status.binding?.cap.amount ?? null,
            p.status.actual,
            p.status.actualThrough ?? '',
            p.status.displayStatus,
            p.exceeded ? 'yes' : 'no',
            p.uncapped ? 'yes' : 'no',
          ]),
        ),
      },
      {
        name: t('sheetAlerts'),
        columns: [
          'Id',
          'Category',
          'State',
          'Period start',
          'Period end',
          'Crossed on',
          'Detected on',
          'Actual (minor)',
          'Cap (minor)',
          'Source',
          'Stage',
          'Acknowledged',
          'Reported to management',
          'Reported to board',
        ].map((h) => ({ header: h, kind: 'text' as const, width: 18 })),
        rows: pack.alerts.map((a) => [
          a.id,
          a.categoryId,
          a.state,
          a.periodStart,
          a.periodEnd,
          a.crossedOn ?? '',
          a.detectedOn,
          a.figures.actualMinor,
          a.figures.capMinor ?? '',
          `${a.source.kind} ${a.source.ref}`,
          alertStage(a),
          a.acknowledged ? `${a.acknowledged.on} ${a.acknowledged.by}: ${a.acknowledged.note}` : '',
          a.reportedToManagement
            ? `${a.reportedToManagement.on} ${a.reportedToManagement.by}: ${a.reportedToManagement.note}`
            : '',
          a.reportedToBoard ? `${a.reportedToBoard.on} ${a.reportedToBoard.by}: ${a.reportedToBoard.note}` : '',
        ]),
      },
      {
        name: t('sheetOrders'),
        columns: [
          'Reference',
          'Date',
          'Category',
          'Amount (RMB minor)',
          'Independent quotes',
          'Check',
          'Reasons',
          'Closure',
        ].map((h) => ({ header: h, kind: 'text' as const, width: 20 })),
        rows: allOrders.map(({ order: o, check }) => [
          o.reference,
          o.date,
          o.categoryId,
          o.amountMinor,
          String(check.independentQuotes),
          check.status,
          check.reasons.map((r) => r.code).join('; '),
          o.closure ? `${o.closure.date} ${o.closure.approvedBy}: ${o.closure.justification}` : '',
        ]),
      },
      {
        name: t('sheetQuotes'),
        columns: [
          'Order',
          'Supplier',
          'Xiaomi',
          'Independent',
          'Comparable',
          'Amount (minor)',
          'Currency',
          'Rate',
          'Rate source',
          'Date',
          'Document',
          'Attachment',
        ].map((h) => ({ header: h, kind: 'text' as const, width: 16 })),
        rows: allOrders.flatMap(({ order: o }) =>
          [
            ...(o.xiaomiQuote ? [{ q: o.xiaomiQuote, x: true }] : []),
            ...o.thirdPartyQuotes.map((q) => ({ q, x: false })),
          ].map(({ q, x }) => [
            o.reference,
            q.supplier,
            x ? 'yes' : 'no',
            q.independent ? 'yes' : 'no',
            q.comparable ? 'yes' : 'no',
            q.amountMinor,
            q.currency,
            q.rate ?? '',
            q.rateSource ?? '',
            q.date,
            q.documentRef,
            q.attachmentName ?? '',
          ]),
        ),
      },
      {
        name: t('sheetChecks'),
        columns: ['Category', 'Quarter', 'Date', 'Reviewer', 'Compared', 'Note', 'Result'].map((h) => ({
          header: h,
          kind: 'text' as const,
          width: 18,
        })),
        rows: pack.categories.flatMap((c) =>
          c.checks.map((k) => [k.categoryId, k.quarter, k.date, k.reviewer, k.compared.join('; '), k.note, k.result]),
        ),
      },
      {
        name: t('sheetApprovals'),
        columns: [
          'Agreement',
          'What',
          'Cap',
          'Date',
          'Board',
          'Board approved on',
          'Board minutes',
          'Resolution',
          'Meeting',
          'Outcome',
          'Source',
        ].map((h) => ({ header: h, kind: 'text' as const, width: 18 })),
        rows: pack.approvals.map((a) => [
          a.agreementId,
          a.what,
          a.capId ?? '',
          a.date,
          a.board,
          a.boardApproval?.date ?? '',
          a.boardApproval?.source ?? '',
          a.shareholders?.resolutionId ?? '',
          a.shareholders?.meetingDate ?? '',
          a.shareholders?.outcome ? `${a.shareholders.outcome.outcome} ${a.shareholders.outcome.date}` : '',
          a.sourceSection,
        ]),
      },
      {
        name: t('sheetMatters'),
        columns: [
          { header: 'Matter', kind: 'text', width: 60 },
          { header: 'Exception', kind: 'text', width: 90 },
        ],
        rows: pack.matters.flatMap((m) =>
          m.exceptions.length ? m.exceptions.map((x) => [t(`m_${m.id}`), exceptionText(x)]) : [[t(`m_${m.id}`), '']],
        ),
      },
      {
        name: t('sheetHistory'),
        columns: ['Seq', 'At', 'Who', 'Kind', 'Subject', 'Before', 'After', 'Prev hash', 'Hash'].map((h) => ({
          header: h,
          kind: 'text' as const,
          width: 20,
        })),
        rows: (history.data ?? []).map((r) => [
          String(r.seq),
          r.at,
          r.who,
          r.kind,
          r.subject,
          JSON.stringify(r.before),
          JSON.stringify(r.after),
          r.prevHash,
          r.hash,
        ]),
      },
    ];
    const blob = await xlsxBlob(tables, {
      title: `${t('kicker')} — ${year}`,
      lines: [
        [t('draftAsOf', { date: pack.reviewDate }), ''],
        ['History head', head.data ? `${head.data.count} records · ${head.data.hash}` : ''],
        ['Source', t('sourceLine')],
      ],
    });
    saveBlob(blob, `headroom-review-${year}.xlsx`);
  };

  const years = [2025, 2026, 2027, 2028];
  return (
    <article className="review" data-testid="review-pack" data-year={year}>
      <div className="review-toolbar no-print">
        <label>
          <span>{t('year')} </span>
          <select value={year} onChange={(e) => setParams({ year: e.target.value })} data-testid="review-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" onClick={() => window.print()} data-testid="review-pdf">
          {t('savePdf')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => void appendix()} data-testid="review-xlsx">
          {t('xlsx')}
        </button>
        <span className="small muted">{t('saveHint')}</span>
      </div>

      <section className="review-sheet review-cover">
        <p className="review-kicker">{t('kicker')}</p>
        <h1>{t('title', { year })}</h1>
        <p>{pack.complete ? t('finalAsOf', { date: dateText }) : t('draftAsOf', { date: dateText })}</p>
        {!pack.complete && <p className="small">{t('runningYear', { date: dateText })}</p>}
        <p className="small">{t('unit')}</p>
        <h2>{t('contents')}</h2>
        <ul className="review-toc">
          <li>{t('s1')}</li>
          <li>{t('s2')}</li>
          <li>{t('s3')}</li>
          <li>{t('s4')}</li>
          <li>{t('s5')}</li>
        </ul>
        <HistoryHeadLine head={head.data} />
      </section>

      <section className="review-sheet" data-testid="review-s1">
        <h2>{t('s1')}</h2>
        {dataset.agreements
          .filter((a) => pack.categories.some((c) => c.agreement.id === a.id))
          .map((a) => {
            const iss = party(a.issuerId);
            const cp = party(a.counterpartyId);
            const r = rel(a.issuerId, a.counterpartyId);
            return (
              <div key={a.id} className="review-agreement">
                <h3>{name(a.name)}</h3>
                <p className="small">
                  {t('parties', {
                    issuer: iss ? name(iss.name) : a.issuerId,
                    counterparty: cp ? name(cp.name) : a.counterpartyId,
                    relationship: r ? name(r.basis) : '—',
                  })}
                </p>
                {pack.categories
                  .filter((c) => c.agreement.id === a.id)
                  .map((c) => (
                    <div key={c.category.id} className="review-category" data-category={c.category.id}>
                      <h4>
                        {name(c.category.name)} ·{' '}
                        <span className="small">
                          {c.category.direction === 'provided-by-group'
                            ? t('direction_provided')
                            : t('direction_procured')}
                        </span>
                      </h4>
                      <div className="table-scroll-plain">
                        <table className="data compact">
                          <thead>
                            <tr>
                              <th>{t('colPeriod')}</th>
                              <th>{t('colCaps')}</th>
                              <th className="num">{t('colBinding')}</th>
                              <th className="num">{t('colActual')}</th>
                              <th>{t('colThrough')}</th>
                              <th className="num">{t('colUtil')}</th>
                              <th>{t('colStatus')}</th>
                            </tr>
                          </thead>
                          <tbody>
                            {c.periods.map((p) => (
                              <tr key={p.period.start}>
                                <td>{formatRange(p.period, locale)}</td>
                                <td>
                                  {p.versions
                                    .map(
                                      (v) =>
                                        `${formatMillions(v.amount, p.status.decimals)} (${t(`capKind_${v.kind}`)})`,
                                    )
                                    .join('; ')}
                                </td>
                                <td className="num">
                                  {p.status.binding
                                    ? formatMillions(p.status.binding.cap.amount, p.status.decimals)
                                    : t('none')}
                                </td>
                                <td className="num">{formatMillions(p.status.actual, p.status.decimals)}</td>
                                <td>
                                  {p.status.actualThrough ? formatDate(p.status.actualThrough, locale) : t('none')}
                                </td>
                                <td className="num">
                                  {p.status.binding ? formatPercent(p.status.binding.utilisation) : t('none')}
                                </td>
                                <td>
                                  <StatusBadge status={p.status.displayStatus} />
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </div>
                      <p className={c.periods.some((p) => p.exceeded || p.uncapped) ? 'bad' : 'small'}>
                        {c.periods.some((p) => p.exceeded || p.uncapped)
                          ? c.periods
                              .flatMap((p) => [
                                p.exceeded ? t('exceededYes', { period: formatRange(p.period, locale) }) : null,
                                p.uncapped ? t('uncappedYes', { period: formatRange(p.period, locale) }) : null,
                              ])
                              .filter(Boolean)
                              .join(' ')
                          : t('noBreach')}
                      </p>
                      <h5>{t('alertsH')}</h5>
                      <AlertList
                        alerts={c.alerts}
                        categoryName={catName}
                        today={pack.reviewDate}
                        overdueDays={overdue.data ?? 3}
                        testId={`review-alerts-${c.category.id}`}
                      />
                      {c.category.direction === 'procured-by-group' ? (
                        <>
                          <h5>{t('pricingH')}</h5>
                          {c.orders.length === 0 ? (
                            <p className="small">{t('ordersNone')}</p>
                          ) : (
                            <div className="table-scroll-plain">
                              <table className="data compact" data-testid={`review-orders-${c.category.id}`}>
                                <thead>
                                  <tr>
                                    <th>{t('colRef')}</th>
                                    <th>{t('colDate')}</th>
                                    <th className="num">{t('colAmount')}</th>
                                    <th className="num">{t('colQuotes')}</th>
                                    <th>{t('colCheck')}</th>
                                  </tr>
                                </thead>
                                <tbody>
                                  {c.orders.map(({ order: o, check }) => (
                                    <tr key={o.id} data-order={o.reference} data-status={check.status}>
                                      <td>{o.reference}</td>
                                      <td>{o.date}</td>
                                      <td className="num">{formatUnits(BigInt(o.amountMinor))}</td>
                                      <td className="num">{check.independentQuotes}</td>
                                      <td className={check.status === 'exception' ? 'bad' : undefined}>
                                        {t(check.status)}
                                        {check.reasons.length > 0 &&
                                          ` — ${check.reasons
                                            .map((r) =>
                                              r.code === 'fewer-than-two-independent'
                                                ? `${r.independent} < 2`
                                                : r.code === 'xiaomi-less-favourable'
                                                  ? `${r.supplier} −${formatUnits(BigInt(r.byMinor))}`
                                                  : r.code,
                                            )
                                            .join('; ')}`}
                                        {o.closure &&
                                          ` (${o.closure.approvedBy}, ${o.closure.date}: ${o.closure.justification})`}
                                      </td>
                                    </tr>
                                  ))}
                                </tbody>
                              </table>
                            </div>
                          )}
                          {c.withoutOrder.length > 0 && (
                            <p className="bad small">
                              {t('withoutOrderH')}:{' '}
                              {c.withoutOrder.map((r) => `${r.reference || '—'} (${r.rows})`).join(', ')}
                            </p>
                          )}
                        </>
                      ) : (
                        <>
                          <h5>{t('checksH')}</h5>
                          {c.checks.length === 0 ? (
                            <p className="small">{t('checksNone')}</p>
                          ) : (
                            <div className="table-scroll-plain">
                              <table className="data compact" data-testid={`review-checks-${c.category.id}`}>
                                <thead>
                                  <tr>
                                    <th>{t('colQuarter')}</th>
                                    <th>{t('colDate')}</th>
                                    <th>{t('colReviewer')}</th>
                                    <th>{t('colResult')}</th>
                                  </tr>
                                </thead>
                                <tbody>
                                  {c.checks.map((k) => (
                                    <tr key={k.id}>
                                      <td>{k.quarter}</td>
                                      <td>{k.date}</td>
                                      <td>{k.reviewer}</td>
                                      <td className={k.result === 'inconsistent' ? 'bad' : undefined}>
                                        {t(k.result)} — {k.note}
                                      </td>
                                    </tr>
                                  ))}
                                </tbody>
                              </table>
                            </div>
                          )}
                          {c.missingQuarters.length > 0 && (
                            <p className="bad small">{t('missingQ', { list: c.missingQuarters.join(', ') })}</p>
                          )}
                        </>
                      )}
                    </div>
                  ))}
              </div>
            );
          })}
      </section>

      <section className="review-sheet" data-testid="review-s2">
        <h2>{t('s2')}</h2>
        <p className="small">{t('inedIntro')}</p>
        <blockquote className="review-draft">
          <p>{t('inedLead')}</p>
          <p>{t('ined1')}</p>
          <p>{t('ined2')}</p>
          <p>{t('ined3')}</p>
          <p>{t('ined4')}</p>
        </blockquote>
        <p className={atRiskPoints.length ? 'bad' : 'small'}>
          {atRiskPoints.length ? t('inedCaveat', { points: atRiskPoints.join(', ') }) : t('inedClean')}
        </p>
      </section>

      <section className="review-sheet" data-testid="review-s3">
        <h2>{t('s3')}</h2>
        <p className="small">{t('auditorIntro')}</p>
        {MATTERS.map((id) => {
          const m = pack.matters.find((x) => x.id === id)!;
          return (
            <div key={id} className="review-matter" data-matter={id}>
              <h3>{t(`m_${id}`)}</h3>
              <h4 className="review-label">{t('evidence')}</h4>
              {id === 'approved' && (
                <div className="table-scroll-plain">
                  <table className="data compact" data-testid="review-approvals">
                    <thead>
                      <tr>
                        <th>{t('colWhat')}</th>
                        <th>{t('colDate')}</th>
                        <th>{t('colBoard')}</th>
                        <th>{t('colShareholders')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {pack.approvals.map((ap, i) => (
                        <tr key={i}>
                          <td>
                            {catName(ap.agreementId)} —{' '}
                            {ap.what === 'cap' ? t('what_cap', { id: ap.capId ?? '' }) : t(`what_${ap.what}`)}
                          </td>
                          <td>{ap.date}</td>
                          <td className={ap.board === 'not-recorded' ? 'bad' : undefined}>
                            {ap.board === 'recorded' && ap.boardApproval
                              ? t('board_recorded', { date: ap.boardApproval.date, source: ap.boardApproval.source })
                              : t(ap.board === 'disclosed' ? 'board_disclosed' : 'board_not-recorded', {
                                  section: ap.sourceSection,
                                })}
                          </td>
                          <td>
                            {!ap.shareholders
                              ? t('shNotNeeded')
                              : ap.shareholders.outcome
                                ? t('shOutcome', {
                                    outcome: t(ap.shareholders.outcome.outcome),
                                    date: ap.shareholders.outcome.date,
                                  })
                                : ap.shareholders.meetingDate <= pack.reviewDate
                                  ? t('shMissing', { date: ap.shareholders.meetingDate })
                                  : t('shPending', { date: ap.shareholders.meetingDate })}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {id === 'pricing' && (
                <p>
                  {t('pricingEvidence', {
                    orders: allOrders.length,
                    quotes,
                    passing: allOrders.filter((o) => o.check.status === 'pass').length,
                    closed: allOrders.filter((o) => o.check.status === 'closed').length,
                    open: allOrders.filter((o) => o.check.status === 'exception').length,
                    checks: pack.categories.reduce((n, c) => n + c.checks.length, 0),
                  })}
                </p>
              )}
              {id === 'agreements' && (
                <p>{t('agreementsEvidence', { linked, unlinked: refsOfYear.length - linked })}</p>
              )}
              {id === 'caps' && (
                <p>
                  {t('capsEvidence', {
                    alerts: pack.alerts.length,
                    handled: pack.alerts.filter((a) => alertStage(a) === 'closed').length,
                  })}
                </p>
              )}
              <h4 className="review-label">{t('exceptions')}</h4>
              {m.exceptions.length === 0 ? (
                <p className="small">{t('noExceptions')}</p>
              ) : (
                <ul className="review-exceptions" data-testid={`review-exceptions-${id}`}>
                  {m.exceptions.map((x) => (
                    <li key={x}>{exceptionText(x)}</li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </section>

      <section className="review-sheet" data-testid="review-s4">
        <h2>{t('s4')}</h2>
        <p>{t('r1459')}</p>
        <p className={pack.confirmationAtRisk ? 'bad' : 'small'}>
          {pack.confirmationAtRisk ? t('r1459Now') : t('r1459Clean')}
        </p>
      </section>

      <section className="review-sheet" data-testid="review-s5">
        <h2>{t('s5')}</h2>
        <p className="small">{t('t71Intro')}</p>
        <div className="table-scroll-plain">
          <table className="data compact" data-testid="review-cct-table">
            <thead>
              <tr>
                <th>{t('colParties')}</th>
                <th>{t('colNature')}</th>
                <th className="num">{t('colCap', { year })}</th>
                <th className="num">{t('colActualYear', { year })}</th>
              </tr>
            </thead>
            <tbody>
              {pack.categories.map((c) => {
                const iss = party(c.agreement.issuerId);
                const cp = party(c.agreement.counterpartyId);
                const r = rel(c.agreement.issuerId, c.agreement.counterpartyId);
                const caps = yearCaps(c);
                return (
                  <tr key={c.category.id} data-category={c.category.id}>
                    <td>
                      {iss ? name(iss.name) : ''} / {cp ? name(cp.name) : ''}
                      <div className="small">{r ? name(r.basis) : ''}</div>
                    </td>
                    <td>
                      <strong>{name(c.category.name)}</strong> — {name(c.agreement.name)}
                      <div className="small">{name(c.category.description)}</div>
                    </td>
                    <td className="num">
                      {c.periods.map((p, i) => (
                        <div key={p.period.start}>
                          {caps[i] ? formatMillions(caps[i]!.amount, p.status.decimals) : t('none')}
                          {c.periods.length > 1 && <span className="small"> ({formatRange(p.period, locale)})</span>}
                        </div>
                      ))}
                    </td>
                    <td className="num">
                      {c.periods.map((p) => (
                        <div key={p.period.start}>
                          {formatMillions(p.status.actual, p.status.decimals)}
                          {p.status.actualThrough && p.status.actualThrough < p.measuredAt && (
                            <span className="small">
                              {' '}
                              {t('toDate', { date: formatDate(p.status.actualThrough, locale) })}
                            </span>
                          )}
                        </div>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="small">{t('sourceLine')}</p>
        <HistoryHeadLine head={head.data} hint={false} />
        <p className="small">{t('generated', { date: formatDate(today, locale) })}</p>
      </section>
    </article>
  );
}
