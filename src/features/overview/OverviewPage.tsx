import { lazy, Suspense, useDeferredValue, useMemo } from 'react';
import { Link } from 'react-router';
import { currencyUnit } from '../../domain/currency';
import { allStatuses, type CategoryStatus, type DisplayStatus } from '../../domain/engine';
import { formatDate, formatRange } from '../../domain/format';
import { DISPLAY_ORDER } from '../../domain/state';
import type { Agreement, Bilingual, Dataset } from '../../domain/model';
import { useEngineContext } from '../../data/queries';
import { useAlerts, useOverdueDays } from '../../data/alerts';
import { todayIso } from '../../domain/dates';
import { FreshnessNote } from '../../ui/components/FreshnessNote';
import { OpenItemsNotice } from '../../ui/components/OpenItemsNotice';
import { useOpenItems } from '../../data/parties';
import { sourceAnchor } from '../../ui/components/sourceAnchor';
import { SourceRef } from '../../ui/components/SourceRef';
import { StatusBadge, useStatusLabel } from '../../ui/components/StatusBadge';
import { useBilingual, useLocale, useT } from '../../ui/i18n';
import { useCarriedHref } from '../../ui/links';
import { useAsOf } from '../../ui/useAsOf';
import { CategoryCard } from './CategoryCard';
import { overviewMessages } from './messages';
import { ThresholdSetting } from './ThresholdSetting';

// Loaded once there is an alert to show: a clean overview paints without it (entry budget).
const OpenAlertsBanner = lazy(() =>
  import('../../ui/report/OpenAlertsBanner').then((m) => ({ default: m.OpenAlertsBanner })),
);

function sameName(a: Bilingual | undefined, b: Bilingual | undefined): boolean {
  const norm = (x: string) => x.trim().replace(/\s+/g, ' ').toLowerCase();
  return !!a && !!b && (norm(a.en) === norm(b.en) || norm(a.zh) === norm(b.zh));
}

/**
 * How many different issuer / counterparty pairs the agreements with
 * categories name. A register agreement has parties of its own ids, so pairs
 * are compared by name: the next announcement of the same two companies
 * keeps the page titled after them.
 */
function partyPairCount(dataset: Dataset): number {
  const party = (id: string) => dataset.parties.find((p) => p.id === id)?.name;
  const shown = dataset.agreements.filter((a) => dataset.categories.some((c) => c.agreementId === a.id));
  const pairs: Agreement[] = [];
  for (const a of shown) {
    const known = pairs.some(
      (b) =>
        sameName(party(a.issuerId), party(b.issuerId)) && sameName(party(a.counterpartyId), party(b.counterpartyId)),
    );
    if (!known) pairs.push(a);
  }
  return pairs.length;
}

/** The dashboard: every category's position on the as-of date, grouped by agreement. */
export function OverviewPage() {
  const t = useT(overviewMessages);
  const name = useBilingual();
  const locale = useLocale();
  const href = useCarriedHref();
  const openItems = (useOpenItems().data ?? []).filter((i) => i.status === 'open');
  const openTotal = openItems.reduce((sum, i) => sum + BigInt(i.amountMinor), 0n);
  const [asOf] = useAsOf();
  const { ctx, ready } = useEngineContext();
  const { dataset } = ctx;
  // The heading paints with the first render; when the data is ready, the statuses and the
  // category cards follow in a deferred render that React slices, so the page is not held by
  // one long task (Lighthouse's total blocking time).
  const cardsReady = useDeferredValue(ready, false);
  const statuses = useMemo(() => (cardsReady ? allStatuses(ctx, asOf) : []), [ctx, asOf, cardsReady]);
  const statusLabel = useStatusLabel();
  const alerts = useAlerts();
  const overdueDays = useOverdueDays();

  const relationship = dataset.relationships[0];
  const party = (id: string) => dataset.parties.find((p) => p.id === id);
  const issuer = relationship ? party(relationship.issuerId) : undefined;
  const counterparty = relationship ? party(relationship.counterpartyId) : undefined;
  // One pair of companies: the page is titled after them. Several (the register adds another
  // company's agreement): a generic title, and each agreement section names its own parties.
  const manyPairs = partyPairCount(dataset) > 1;
  const title =
    issuer && counterparty && !manyPairs ? `${name(issuer.name)} · ${name(counterparty.name)}` : t('pageTitleGeneric');

  const counts = new Map<DisplayStatus, number>();
  for (const s of statuses) counts.set(s.displayStatus, (counts.get(s.displayStatus) ?? 0) + 1);

  return (
    <section className="page overview" aria-labelledby="overview-title">
      <div className="page-head">
        <div>
          <h1 id="overview-title">{title}</h1>
          {relationship && !manyPairs && (
            <p className="lede">
              {name(relationship.basis)}
              <SourceRef
                source={relationship.source}
                anchor={sourceAnchor('relationship', `${relationship.issuerId}-${relationship.counterpartyId}`)}
              />
            </p>
          )}
          <div className="page-meta">
            <span className="asof-big">{t('positionAsOf', { date: formatDate(asOf, locale) })}</span>
            <FreshnessNote dataset={dataset} ledger={ctx.ledger} />
          </div>
        </div>
        <ThresholdSetting />
      </div>

      {/* Open alerts come first: the internal control asks for an immediate report. */}
      {(alerts.data?.length ?? 0) > 0 && (
        <Suspense fallback={null}>
          <OpenAlertsBanner
            alerts={alerts.data ?? []}
            categoryName={(id) => {
              const c = dataset.categories.find((x) => x.id === id);
              return c ? name(c.name) : id;
            }}
            today={todayIso()}
            overdueDays={overdueDays.data ?? 3}
            href={href('/alerts')}
          />
        </Suspense>
      )}

      {!cardsReady ? (
        <p role="status" className="loading">
          {t('loading')}
        </p>
      ) : (
        <>
          <OpenItemsNotice count={openItems.length} totalMinor={openTotal} href={href('/parties')} />
          <ul className="status-summary" aria-label={t('summaryLabel')}>
            {DISPLAY_ORDER.filter((k) => counts.has(k)).map((k) => (
              <li key={k}>
                <StatusBadge status={k} label={t('summaryCount', { count: counts.get(k)!, status: statusLabel(k) })} />
              </li>
            ))}
          </ul>
          {dataset.agreements.map((a) => {
            const cards = statuses.filter((s: CategoryStatus) => s.category.agreementId === a.id);
            if (cards.length === 0) return null;
            const headingId = `agreement-${a.id}`;
            const directions = [...new Set(cards.map((c) => c.category.direction))];
            const cp = party(a.counterpartyId);
            const iss = party(a.issuerId);
            const rel = manyPairs
              ? dataset.relationships.find((r) => r.issuerId === a.issuerId && r.counterpartyId === a.counterpartyId)
              : undefined;
            return (
              <section key={a.id} className="agreement-section" aria-labelledby={headingId}>
                <div className="section-head">
                  <div className="section-title-row">
                    <h2 id={headingId}>{name(a.name)}</h2>
                    <Link to={href(`/agreements/${a.id}`)}>{t('agreementDetails')} →</Link>
                  </div>
                  {manyPairs && (
                    <p className="section-meta section-parties" data-testid="agreement-parties">
                      {iss && cp ? `${name(iss.name)} · ${name(cp.name)}` : ''}
                      {rel && (
                        <>
                          {' — '}
                          {name(rel.basis)}
                          <SourceRef
                            source={rel.source}
                            anchor={sourceAnchor('relationship', `${rel.issuerId}-${rel.counterpartyId}`)}
                          />
                        </>
                      )}
                    </p>
                  )}
                  <p className="section-meta">
                    <span className="section-direction">
                      {directions
                        .map((d) =>
                          t(d === 'provided-by-group' ? 'directionProvided' : 'directionProcured', {
                            party: cp ? name(cp.name) : '',
                          }),
                        )
                        .join(' · ')}
                    </span>
                    {' · '}
                    {t('agreementSigned', { date: formatDate(a.signedOn, locale) })}
                    {' · '}
                    {t('agreementTerm', { range: formatRange(a.term, locale) })}
                    {' · '}
                    <span data-testid="agreement-unit">{currencyUnit(a.currency, locale)}</span>
                  </p>
                </div>
                <div className="card-grid">
                  {cards.map((s) => (
                    <CategoryCard key={s.category.id} status={s} ctx={ctx} />
                  ))}
                </div>
              </section>
            );
          })}
          <p className="unit-note">
            {dataset.agreements.some((a) => a.currency !== 'RMB') ? t('unitMixed') : t('unit')}
          </p>
        </>
      )}
    </section>
  );
}
