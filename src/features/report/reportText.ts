import { actualForSpan, type ActualBasis } from '../../domain/actuals';
import { approvalFor } from '../../domain/binding';
import { currencyUnit } from '../../domain/currency';
import { minDate } from '../../domain/dates';
import type { CategoryStatus, EngineContext } from '../../domain/engine';
import { formatDate, formatGrowth, formatMillions, formatRange, type Locale } from '../../domain/format';
import type { GrowthComparison } from '../../domain/growth';
import type { Agreement, CapVersion, CurrencyCode, Dataset, HistoricalAmount, SourceRef } from '../../domain/model';
import type { Crossing, ProjectionMethod } from '../../domain/projection';
import { effectiveThreshold, type EffectiveThreshold } from '../../domain/threshold';
import type { TranslateFor } from '../../ui/i18n';
import type { reportMessages } from './messages';

export type RT = TranslateFor<typeof reportMessages>;

export function basisText(t: RT, b: ActualBasis): string {
  return b === 'disclosed'
    ? t('basis_disclosed')
    : b === 'disclosed+ledger'
      ? t('basis_disclosedLedger')
      : b === 'ledger'
        ? t('basis_ledger')
        : t('basis_none');
}

export function methodName(t: RT, m: ProjectionMethod): string {
  return m === 'seasonal' ? t('methodSeasonal') : m === 'linear' ? t('methodLinear') : t('methodGrowth');
}

function kindWord(t: RT, c: CapVersion): string {
  return c.kind === 'new' ? t('kindNew') : c.kind === 'revised' ? t('kindRevised') : t('kindOriginal');
}

/** How the binding cap came to bind (original, exempt revision, approved revision). */
export function bindingApprovalText(t: RT, locale: Locale, ctx: EngineContext, cap: CapVersion | null): string {
  if (!cap) return t('noCapInForce');
  switch (cap.approval.kind) {
    case 'in-force':
      return t('approvalOriginal');
    case 'exempt':
      return t('approvalExempt', {
        kind: kindWord(t, cap),
        date: formatDate(cap.announcedOn > cap.period.start ? cap.announcedOn : cap.period.start, locale),
      });
    case 'independent-shareholders': {
      const rec = approvalFor(cap.approval.resolutionId, ctx.approvals);
      return t('approvalApprovedOn', { kind: kindWord(t, cap), date: rec ? formatDate(rec.date, locale) : '—' });
    }
  }
}

/** The proposed cap's standing ("Revised cap of 4,000.0 awaiting approval (AGM of June 30, 2026)"). */
export function proposedApprovalText(t: RT, locale: Locale, s: CategoryStatus): string | null {
  if (!s.proposed) return null;
  const cap = s.proposed.cap;
  return t('approvalAwaiting', {
    kind: kindWord(t, cap),
    amount: formatMillions(cap.amount, s.decimals),
    meeting: s.proposedResolution ? s.proposedResolution.meeting[locale] : '—',
  });
}

export function rejectedText(t: RT, s: CategoryStatus): string[] {
  return s.caps.rejected.map((c) =>
    t('approvalRejectedCap', { kind: kindWord(t, c), amount: formatMillions(c.amount, s.decimals) }),
  );
}

export function growthText(t: RT, locale: Locale, g: GrowthComparison | null, decimals = 1): string {
  if (!g) return t('notApplicable');
  return t('growthSpan', {
    rate: formatGrowth(g.rate),
    span: formatRange(g.span, locale),
    prior: formatRange(g.priorSpan, locale),
    current: formatMillions(g.current, decimals),
    priorAmount: formatMillions(g.prior, decimals),
  });
}

export function crossingText(t: RT, locale: Locale, c: Crossing | undefined): string {
  if (!c) return t('none');
  if (c.state === 'reached') return t('crossReached', { date: c.date ? formatDate(c.date, locale) : '—' });
  if (c.state === 'projected' && c.date) return t('crossProjected', { date: formatDate(c.date, locale) });
  return t('crossNotReached');
}

/** The disclosed snapshot behind the category's actual, when there is one. */
export function snapshotOf(ctx: EngineContext, s: CategoryStatus): HistoricalAmount | null {
  if (!s.period) return null;
  return actualForSpan(ctx.dataset, ctx.ledger, s.category.id, {
    start: s.period.start,
    end: minDate(s.asOf, s.period.end),
  }).snapshot;
}

export interface Footnote {
  readonly label: string;
  readonly source: SourceRef;
}

/** The references behind a category's figures, in the order they appear. */
export function categoryFootnotes(t: RT, ctx: EngineContext, s: CategoryStatus): Footnote[] {
  const notes: Footnote[] = [];
  if (s.binding) notes.push({ label: t('sourceBinding'), source: s.binding.cap.source });
  if (s.proposed) notes.push({ label: t('sourceProposed'), source: s.proposed.cap.source });
  const snap = snapshotOf(ctx, s);
  if (snap) notes.push({ label: t('sourceActual'), source: snap.source });
  if (s.expected) notes.push({ label: t('sourceExpected'), source: s.expected.source });
  if (s.proposedResolution) notes.push({ label: t('sourceResolution'), source: s.proposedResolution.source });
  return notes;
}

/** "II.A.2(1) Annual caps … — For the year ended … (announcement of April 23, 2026)". */
export function footnoteText(locale: Locale, f: Footnote): string {
  const where = [f.source.section, f.source.table].filter(Boolean).join(' — ');
  return locale === 'zh'
    ? `${f.label}：${where}（${formatDate(f.source.documentDate, locale)}）`
    : `${f.label}: ${where} (${formatDate(f.source.documentDate, locale)})`;
}

/** The cover's unit sentence: "Amounts in RMB million." for one currency, else the per-agreement wording. */
export function unitsSentence(t: RT, locale: Locale, currencies: readonly CurrencyCode[]): string {
  return currencies.length > 1
    ? t('unitsMixed')
    : t('unitsOne', { unit: currencyUnit(currencies[0] ?? 'RMB', locale) });
}

/** The printed page footer's unit clause, likewise. */
export function footerUnits(t: RT, locale: Locale, currencies: readonly CurrencyCode[]): string {
  return currencies.length > 1
    ? t('footerUnitsMixed')
    : t('footerUnitsOne', { unit: currencyUnit(currencies[0] ?? 'RMB', locale) });
}

function builtInSourceLine(t: RT, locale: Locale, dataset: Dataset, hasLedger: boolean, fallback: string): string {
  return t(hasLedger ? 'sourceLineLedger' : 'sourceLineShort', {
    date: formatDate(dataset.agreements.find((a) => a.builtIn)?.source.documentDate ?? fallback, locale),
  });
}

/**
 * The source line of an export covering every agreement: the built-in
 * announcement (and the ledger when it holds entries), and the cap register
 * when it adds agreements. `fallback` is the date used when no built-in
 * agreement names its document date.
 */
export function reportSourceLine(
  t: RT,
  locale: Locale,
  dataset: Dataset,
  hasLedger: boolean,
  fallback: string,
): string {
  const register = dataset.agreements.some((a) => !a.builtIn);
  return `${builtInSourceLine(t, locale, dataset, hasLedger, fallback)}${register ? t('sourceAlsoRegister') : ''}`;
}

/** The source line of one agreement's charts: its own document, not the built-in announcement's. */
export function agreementSourceLine(
  t: RT,
  locale: Locale,
  dataset: Dataset,
  agreement: Agreement | undefined,
  hasLedger: boolean,
  fallback: string,
): string {
  if (!agreement || agreement.builtIn) return builtInSourceLine(t, locale, dataset, hasLedger, fallback);
  return t('sourceLineRegister', {
    document: agreement.source.document,
    date: formatDate(agreement.source.documentDate, locale),
  });
}

/** "80% of the binding cap (internal controls: …)" for one agreement's threshold and its source. */
export function thresholdSourceText(t: RT, eff: EffectiveThreshold): string {
  const pct = `${eff.fraction.times(100).toString()}%`;
  switch (eff.source.kind) {
    case 'override':
      return t('thresholdTextOverride', { pct });
    case 'setting':
      return t('thresholdTextSetting', { pct });
    case 'disclosed':
      return t('thresholdText', { pct });
    case 'default':
      return t('thresholdTextDefault', { pct });
  }
}

/**
 * The alert thresholds of the agreements of the reported categories: one line
 * when they all share one threshold from one source, else one line per agreement.
 */
export function thresholdLines(
  t: RT,
  ctx: EngineContext,
  statuses: readonly CategoryStatus[],
  agreementName: (a: Agreement) => string,
): string[] {
  const ids = [...new Set(statuses.map((s) => s.category.agreementId))];
  const each = ids.map((id) => ({
    agreement: ctx.dataset.agreements.find((a) => a.id === id),
    text: thresholdSourceText(t, effectiveThreshold(ctx, id)),
  }));
  if (new Set(each.map((e) => e.text)).size <= 1) return each.slice(0, 1).map((e) => e.text);
  return each.map((e) =>
    e.agreement ? t('thresholdOfAgreement', { agreement: agreementName(e.agreement), text: e.text }) : e.text,
  );
}
