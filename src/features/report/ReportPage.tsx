import { useDeferredValue, useMemo } from 'react';
import { useStagedReveal } from '../../ui/useStagedReveal';
import { CapBasisNote, OpenItemsNotice } from '../../ui/components/OpenItemsNotice';
import { useConnectedConfig, useOpenItems } from '../../data/parties';
import { DEFAULT_CAP_BASIS } from '../../domain/import/capBasis';
import { Link } from 'react-router';
import { currenciesOf, currencyUnit } from '../../domain/currency';
import type { CategoryStatus } from '../../domain/engine';
import { formatDate, formatMillions, formatRange } from '../../domain/format';
import { HeadroomText, UtilisationText } from '../../ui/components/Figures';
import { reportSummary } from '../../domain/reportSummary';
import { useCommentary, useDataset, useEngineContext, useLedgerTotals } from '../../data/queries';
import { latestDisclosed, latestLedgerDay } from '../../ui/components/FreshnessNote';
import { Slice } from '../../ui/components/Slice';
import { StatusBadge } from '../../ui/components/StatusBadge';
import { TableExportButtons } from '../../ui/export/ExportButtons';
import { statusExportTable } from '../../ui/export/statusTable';
import { useStatusTableLabels } from '../../ui/export/useStatusTableLabels';
import { useBilingual, useLocale, useT } from '../../ui/i18n';
import { ReportAlerts } from './ReportAlerts';
import { useCarriedHref } from '../../ui/links';
import { attentionContext, attentionKindLabel, attentionSentence } from '../../ui/report/attentionText';
import { attentionMessages } from '../../ui/report/messages';
import { halfYearEnds, useReportAsOf } from '../../ui/report/useReportAsOf';
import { useAsOf } from '../../ui/useAsOf';
import { useHistoryHead } from '../../data/history';
import { HistoryHeadLine } from '../../ui/report/HistoryHeadLine';
import { useStatusesInSteps } from '../../ui/report/useStatusesInSteps';
import { loadChartLibrary } from '../../ui/charts/drawQueue';
import { CategorySection } from './CategorySection';
import { reportMessages } from './messages';
import { agreementSourceLine, footerUnits, reportSourceLine, thresholdLines, unitsSentence } from './reportText';
import { ReportCoverLoading } from './ReportCover';
import './report.css';

/** CSS string literal (for @page margin boxes). */
function cssString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

/**
 * The half-yearly directors' report (/report?asOf=YYYY-MM-DD; default the last
 * June 30 or December 31): a cover page with the matters needing attention,
 * then one section per agreement and category, then the sources. Prints on A4
 * landscape ("Save as PDF").
 */
export function ReportPage() {
  const t = useT(reportMessages);
  const ta = useT(attentionMessages);
  const locale = useLocale();
  const name = useBilingual();
  const href = useCarriedHref();
  const asOf = useReportAsOf('half-year');
  const [, setAsOf] = useAsOf();
  const dataset = useDataset();
  const ledger = useLedgerTotals();
  const { ctx: liveCtx, ready } = useEngineContext();
  const commentary = useCommentary(asOf);
  const historyHead = useHistoryHead();
  const labels = useStatusTableLabels();
  const openItems = (useOpenItems().data ?? []).filter((i) => i.status === 'open');
  const openTotal = openItems.reduce((sum, i) => sum + BigInt(i.amountMinor), 0n);
  const capBasis = useConnectedConfig().data?.capBasis ?? {};
  // The data arrives in an urgent update (a store subscription), which React renders in one
  // task; the report drawn from it follows in deferred renders instead, which React splits
  // into slices (one component each) between which the page stays responsive. Drawn in the
  // update, the cover and table were a task of about 0.3 s at a phone's CPU speed, and the
  // sections with them about 0.4 s more. Data that stops being ready (another report date's
  // commentary loading) shows "loading" at once, as before.
  const dataReady = ready && !commentary.isPending;
  const shown = useDeferredValue(dataReady, false) && dataReady;
  // Every category's status, one category per task (useStatusesInSteps), then the cover.
  const computed = useStatusesInSteps(liveCtx, asOf, shown);
  // What the report shows is drawn from the context its statuses were computed from.
  const ctx = computed?.ctx ?? liveCtx;
  const statuses = useMemo(() => computed?.statuses ?? [], [computed]);
  const summary = useMemo(() => reportSummary(statuses), [statuses]);
  // The per-category sections follow the cover and overview one at a time (useStagedReveal),
  // then the alerts and sources: shown in one render they were one commit and one layout, the
  // report's longest tasks at a phone's CPU speed. The order (and so the number of stages) comes
  // from the dataset, so it is the same before and after the statuses (printing may come first).
  const pageOrder = useMemo(
    () =>
      dataset.agreements.flatMap((a) => ctx.dataset.categories.filter((c) => c.agreementId === a.id).map((c) => c.id)),
    [dataset.agreements, ctx.dataset.categories],
  );
  // Stage 1 is the overview table, stages 2.. the categories in page order, the last the alerts and sources.
  const revealed = useStagedReveal(pageOrder.length + 2, computed !== null);
  const revealedIds = new Set(pageOrder.slice(0, Math.max(0, revealed - 1)));
  const restShown = revealed > pageOrder.length + 1;

  // The cover's heading does not depend on the data: it paints while the figures load.
  if (!computed) return <ReportCoverLoading />;

  const dateText = formatDate(asOf, locale);
  const disclosed = latestDisclosed(dataset);
  const ledgerDay = latestLedgerDay(ledger.data);
  const sourceLine = reportSourceLine(t, locale, dataset, ledgerDay !== null, disclosed ?? asOf);
  // Each category's amounts are in its agreement's currency; a report mixing RMB and HK$ says so everywhere.
  const currencies = currenciesOf(
    dataset,
    statuses.map((s) => s.category.id),
  );
  const mixed = currencies.length > 1;
  const pairs = [...new Map(dataset.agreements.map((a) => [`${a.issuerId}|${a.counterpartyId}`, a])).values()];
  const party = (id: string) => dataset.parties.find((p) => p.id === id);
  const options = halfYearEnds('2025-06-30');
  if (!options.includes(asOf)) options.unshift(asOf);
  const attentionReasonText = (c: (typeof summary.categories)[number]) =>
    c.reasons
      .map(
        (r) =>
          `${attentionKindLabel(ta, r.kind)}${locale === 'zh' ? '：' : ': '}${attentionSentence(ta, locale, r, attentionContext(c.status, dataset, name, asOf))}`,
      )
      .join(' | ');
  const pageCss = `@page { @bottom-left { content: ${cssString(t('footerLine', { date: dateText, units: footerUnits(t, locale, currencies) }))}; font-size: 8pt; color: #5b6b7f; }
    @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #5b6b7f; } }`;

  return (
    <article className="report" data-testid="report" data-as-of={asOf}>
      <style>{pageCss}</style>
      <div className="report-toolbar no-print">
        <label className="report-date">
          <span>{t('chooseHalfYear')}</span>
          <select value={asOf} onChange={(e) => setAsOf(e.target.value)}>
            {options.map((d) => (
              <option key={d} value={d}>
                {formatDate(d, locale)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          // Every chart is drawn for printing (beforeprint) once the chart library is there; printed regardless.
          onClick={() =>
            void loadChartLibrary()
              .catch(() => undefined)
              .then(() => window.print())
          }
          title={t('savePdfHint')}
          data-testid="save-pdf"
        >
          {t('savePdf')}
        </button>
        <Link className="btn btn-secondary" to={href('/report/monthly')}>
          {t('openMonthly')}
        </Link>
        <Link className="btn btn-secondary" to={href('/present')}>
          {t('openPresent')}
        </Link>
        <span className="report-hint">{t('savePdfHint')}</span>
      </div>

      <section className="report-cover report-sheet" aria-labelledby="report-title">
        <p className="report-kicker">{t('subtitle')}</p>
        <h1 id="report-title">{t('title')}</h1>
        <p className="report-asof" data-testid="report-asof">
          {t('asOfLabel', { date: dateText })}
        </p>
        <OpenItemsNotice count={openItems.length} totalMinor={openTotal} href={href('/parties')} />
        {pairs.map((a) => (
          <CapBasisNote key={a.id} agreement={name(a.name)} basis={capBasis[a.id] ?? DEFAULT_CAP_BASIS} />
        ))}

        <div className="report-facts">
          {pairs.map((a) => {
            const issuer = party(a.issuerId);
            const cp = party(a.counterpartyId);
            const rel = dataset.relationships.find(
              (r) => r.issuerId === a.issuerId && r.counterpartyId === a.counterpartyId,
            );
            return (
              <dl key={a.id} className="report-fact-group">
                <div>
                  <dt>{t('issuer')}</dt>
                  <dd>
                    {issuer
                      ? `${name(issuer.name)}${issuer.listings?.length ? ` (${issuer.listings.join(', ')})` : ''}`
                      : a.issuerId}
                  </dd>
                </div>
                <div>
                  <dt>{t('counterparty')}</dt>
                  <dd>
                    {cp
                      ? `${name(cp.name)}${cp.listings?.length ? ` (${cp.listings.join(', ')})` : ''}`
                      : a.counterpartyId}
                  </dd>
                </div>
                {rel && (
                  <div>
                    <dt>{t('relationship')}</dt>
                    <dd>{name(rel.basis)}</dd>
                  </div>
                )}
              </dl>
            );
          })}
          <dl className="report-fact-group">
            <div>
              <dt>{t('reportDate')}</dt>
              <dd>{dateText}</dd>
            </div>
            <div>
              <dt>{t('thresholdSetting')}</dt>
              <dd data-testid="report-threshold">
                {thresholdLines(t, ctx, statuses, (a) => name(a.name)).map((line, i) => (
                  <span key={i} className="threshold-line">
                    {i > 0 && <br />}
                    {line}
                  </span>
                ))}
              </dd>
            </div>
            <div>
              <dt>{t('approvalsRecorded')}</dt>
              <dd>
                {ctx.approvals.length === 0
                  ? t('approvalsNone')
                  : ctx.approvals.map((a) => {
                      const res = dataset.resolutions.find((r) => r.id === a.resolutionId);
                      const label = res ? name(res.description) : a.resolutionId;
                      return (
                        <span key={a.resolutionId} className="report-approval">
                          {a.outcome === 'approved'
                            ? t('approvalApproved', { resolution: label, date: formatDate(a.date, locale) })
                            : t('approvalRejected', { resolution: label, date: formatDate(a.date, locale) })}
                        </span>
                      );
                    })}
              </dd>
            </div>
            <div>
              <dt>{t('dataBasis')}</dt>
              <dd>
                {t('dataBasisText', {
                  date: disclosed ? formatDate(disclosed, locale) : '—',
                  ledger: ledgerDay ? t('dataBasisLedger', { date: formatDate(ledgerDay, locale) }) : '',
                  units: unitsSentence(t, locale, currencies),
                })}
              </dd>
            </div>
          </dl>
        </div>

        <h2>{t('attentionHeading')}</h2>
        {summary.attention.length === 0 ? (
          <p className="report-none">{t('attentionNone')}</p>
        ) : (
          <div className="table-scroll-plain" tabIndex={0}>
            <table className="data report-attention" data-testid="attention-table">
              <thead>
                <tr>
                  <th scope="col">{t('attentionCategory')}</th>
                  <th scope="col">{t('attentionStatus')}</th>
                  <th scope="col">{t('attentionWhy')}</th>
                </tr>
              </thead>
              <tbody>
                <Slice>
                  {() =>
                    summary.attention.map((c) => {
                      const ag = dataset.agreements.find((a) => a.id === c.status.category.agreementId);
                      return (
                        <tr key={c.categoryId} data-category={c.categoryId}>
                          <th scope="row">
                            {name(c.status.category.name)}
                            {ag && <span className="report-sub">{name(ag.name)}</span>}
                          </th>
                          <td>
                            <StatusBadge status={c.status.displayStatus} />
                          </td>
                          <td>
                            <ul className="report-reasons">
                              {c.reasons.map((r, i) => (
                                <li key={i} data-reason={r.kind}>
                                  <strong>
                                    {attentionKindLabel(ta, r.kind)}
                                    {locale === 'zh' ? '：' : '.'}
                                  </strong>
                                  {locale === 'zh' ? '' : ' '}
                                  {attentionSentence(ta, locale, r, attentionContext(c.status, dataset, name, asOf))}
                                </li>
                              ))}
                            </ul>
                          </td>
                        </tr>
                      );
                    })
                  }
                </Slice>
              </tbody>
            </table>
          </div>
        )}
      </section>

      {revealed >= 1 && (
        <section className="report-overview report-sheet" aria-labelledby="report-overview">
          <div className="report-section-head">
            <h2 id="report-overview">{t('overviewHeading')}</h2>
            <TableExportButtons
              table={() =>
                statusExportTable(dataset, statuses, locale, {
                  ...labels,
                  extra: {
                    header: t('attentionWhy'),
                    text: (s) => attentionReasonText(summary.categories.find((c) => c.categoryId === s.category.id)!),
                  },
                })
              }
              fileStem={`headroom-status-${asOf}`}
              what={t('statusTable')}
              asOf={asOf}
              sourceLine={sourceLine}
              currencies={currencies}
            />
          </div>
          {/* Scrolls sideways in its own box on narrow screens, never the page. */}
          <div className="table-scroll-plain" tabIndex={0}>
            <table className="data report-status" data-testid="status-table">
              <thead>
                <tr>
                  <th scope="col">{t('colCategory')}</th>
                  <th scope="col">{t('colPeriod')}</th>
                  <th scope="col" className="num">
                    {t('colBinding')}
                  </th>
                  <th scope="col" className="num">
                    {t('colProposed')}
                  </th>
                  <th scope="col" className="num">
                    {t('colActual')}
                  </th>
                  <th scope="col" className="num">
                    {t('colUtilisation')}
                  </th>
                  <th scope="col" className="num">
                    {t('colHeadroom')}
                  </th>
                  <th scope="col">{t('colStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {dataset.agreements.map((a) => (
                  <StatusRows
                    key={a.id}
                    agreementName={mixed ? `${name(a.name)} · ${currencyUnit(a.currency, locale)}` : name(a.name)}
                    rows={statuses.filter((s) => s.category.agreementId === a.id)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {dataset.agreements.map((a) => {
        const cats = summary.categories.filter(
          (c) => revealedIds.has(c.categoryId) && c.status.category.agreementId === a.id,
        );
        if (cats.length === 0) return null;
        return (
          <section key={a.id} className="report-agreement" aria-labelledby={`ag-${a.id}`}>
            <header className="report-agreement-head">
              <h2 id={`ag-${a.id}`}>{name(a.name)}</h2>
              <p className="report-meta">
                {t('agreementSigned', { date: formatDate(a.signedOn, locale), term: formatRange(a.term, locale) })}
                {' · '}
                <span data-testid="agreement-unit">{t('unitNote', { unit: currencyUnit(a.currency, locale) })}</span>
              </p>
              {a.supplements.map((s) => (
                <p key={s.date} className="report-meta">
                  {t('supplement', { date: formatDate(s.date, locale), text: name(s.description) })}
                </p>
              ))}
            </header>
            {cats.map((c) => (
              <CategorySection
                key={c.categoryId}
                ctx={ctx}
                attention={c}
                commentary={commentary.data?.[c.categoryId]}
                sourceLine={agreementSourceLine(t, locale, dataset, a, ledgerDay !== null, disclosed ?? asOf)}
              />
            ))}
          </section>
        );
      })}

      {restShown && <ReportAlerts asOf={asOf} />}
      {restShown && (
        <section className="report-sources report-sheet" aria-labelledby="report-sources">
          <h2 id="report-sources">{t('sourcesHeading')}</h2>
          <p>{t('sourcesIntro')}</p>
          <ul>
            {[...new Map(dataset.agreements.map((a) => [a.source.document, a.source])).values()].map((src) => (
              <li key={src.document}>
                <strong>{formatDate(src.documentDate, locale)}</strong> — {src.document}
              </li>
            ))}
            <li>
              {t('sourceControls')}: {dataset.controls.source.section}
              {dataset.controls.source.quote ? ` — “${dataset.controls.source.quote}”` : ''}
            </li>
            {dataset.relationships.map((r) => (
              <li key={`${r.issuerId}-${r.counterpartyId}`}>
                {t('sourceRelationship')}: {r.source.section}
                {r.source.quote ? ` — “${r.source.quote}”` : ''}
              </li>
            ))}
          </ul>
          <p className="report-meta">
            {t('generated', { date: formatDate(new Date().toISOString().slice(0, 10), locale) })}
          </p>
          <HistoryHeadLine head={historyHead.data} />
        </section>
      )}
    </article>
  );
}

function StatusRows({ agreementName, rows }: { agreementName: string; rows: readonly CategoryStatus[] }) {
  const t = useT(reportMessages);
  const locale = useLocale();
  const name = useBilingual();
  if (rows.length === 0) return null;
  return (
    <>
      <tr className="report-group-row">
        <th colSpan={8} scope="colgroup">
          {agreementName}
        </th>
      </tr>
      {rows.map((s) => (
        <tr key={s.category.id} data-category={s.category.id}>
          <th scope="row">{name(s.category.name)}</th>
          <td>
            {s.outsideTerm && !s.period ? t('outsideTerm') : s.period ? formatRange(s.period, locale) : t('none')}
          </td>
          <td className="num">{s.binding ? formatMillions(s.binding.cap.amount, s.decimals) : t('none')}</td>
          <td className="num">{s.proposed ? formatMillions(s.proposed.cap.amount, s.decimals) : t('none')}</td>
          <td className="num">
            {!s.period ? t('none') : s.known ? formatMillions(s.actual, s.decimals) : t('noData')}
          </td>
          <td className="num">
            {s.binding ? <UtilisationText value={s.binding.utilisation} threshold={s.threshold} /> : t('none')}
          </td>
          <td className="num">
            {s.binding ? <HeadroomText value={s.binding.headroom} decimals={s.decimals} /> : t('none')}
          </td>
          <td>
            <StatusBadge status={s.displayStatus} />
          </td>
        </tr>
      ))}
    </>
  );
}
