import Decimal from 'decimal.js';
import { formatMinorWithCurrency } from '../../domain/currency';
import { formatDate, formatMillions, formatPercent, formatUtilisation, type Locale } from '../../domain/format';
import type { Money } from '../../domain/money';
import type { AttentionKind, AttentionReason } from '../../domain/reportSummary';
import type { Bilingual, CurrencyCode, Dataset } from '../../domain/model';
import type { UncappedResolution } from '../../domain/uncapped';

/** 100% as a fraction: an exceeded cap's utilisation is shown against the cap alone (never 100.0% when over). */
const ONE = new Decimal(1);
import type { MessageKey, TranslateFor } from '../i18n';
import type { attentionMessages } from './messages';

type T = TranslateFor<typeof attentionMessages>;

const KIND_LABEL = {
  uncapped: 'kindLabelUncapped',
  'uncapped-resolved': 'kindLabelUncappedResolved',
  'cap-not-recorded': 'kindLabelCapNotRecorded',
  'no-data': 'kindLabelNoData',
  'meeting-passed': 'kindLabelMeetingPassed',
  exceeded: 'kindLabelExceeded',
  threshold: 'kindLabelThreshold',
  projected: 'kindLabelProjected',
  'awaiting-approval': 'kindLabelAwaiting',
  rejected: 'kindLabelRejected',
  'no-cap': 'kindLabelNoCap',
  stale: 'kindLabelStale',
} as const satisfies Record<AttentionKind, MessageKey<typeof attentionMessages>>;

/** Short label of a reason kind ("At threshold"). */
export function attentionKindLabel(t: T, kind: AttentionKind): string {
  return t(KIND_LABEL[kind]);
}

export function methodLabel(t: T, method: string): string {
  return method === 'seasonal' ? t('methodSeasonal') : method === 'linear' ? t('methodLinear') : t('methodGrowth');
}

/** Label of a resolution outcome ("Reported as a breach"). */
export function outcomeLabel(t: T, outcome: UncappedResolution['outcome']): string {
  switch (outcome) {
    case 'misclassified':
      return t('outcomeMisclassified');
    case 'other-agreement':
      return t('outcomeOtherAgreement');
    case 'exempt-14a76':
      return t('outcomeExempt');
    case 'reported':
      return t('outcomeReported');
  }
}

/**
 * One resolution in words: range, rows, amount, outcome with its detail, and
 * the note ("January 5 – March 10, 2026: 2 transaction(s), RMB 3,000,000.00 —
 * reported as a breach on April 30, 2026. Note: …").
 */
export function resolutionSentence(
  t: T,
  locale: Locale,
  r: UncappedResolution,
  currency: CurrencyCode,
  categoryName: (id: string) => string,
): string {
  const d = (x: string) => formatDate(x, locale);
  const detail =
    r.outcome === 'misclassified'
      ? r.movedTo === 'none'
        ? t('detailNotConnected')
        : t('detailMovedTo', { category: categoryName(r.movedTo ?? '') })
      : r.outcome === 'other-agreement'
        ? t('detailCoveredBy', { agreement: r.coveredBy ?? '' })
        : r.outcome === 'reported'
          ? t('detailReportedOn', { date: d(r.reportedOn ?? '') })
          : t('detailExempt', {
              from: d(r.exemption?.from ?? ''),
              to: d(r.exemption?.to ?? ''),
              aggregate: formatMinorWithCurrency(BigInt(r.exemption?.aggregateMinor ?? '0'), currency, locale),
              pct: formatPercent(r.exemption ? new Decimal(r.exemption.highestRatio) : null, 4),
            });
  return t('resolutionLine', {
    range: r.start === r.end ? d(r.start) : `${d(r.start)} – ${d(r.end)}`,
    count: r.count,
    amount: formatMinorWithCurrency(BigInt(r.amountMinor), currency, locale),
    outcome: outcomeLabel(t, r.outcome),
    detail,
    note: r.note,
  });
}

/** What the wording of a reason needs besides the reason. */
export interface AttentionContext {
  /** The cap binding meanwhile (for "awaiting approval"). */
  bindingAmount: Money | null;
  meetingName: (m: { en: string; zh: string }) => string;
  asOf?: string;
  categoryName?: (id: string) => string;
  /** Decimals of a million the category's agreement disclosed its amounts with (one when absent). */
  decimals?: number;
}

/**
 * The context of a category's reasons: the cap binding meanwhile and the
 * decimals of its status, meetings and categories named in the user's language.
 */
export function attentionContext(
  status: { readonly binding: { readonly cap: { readonly amount: Money } } | null; readonly decimals: number },
  dataset: Pick<Dataset, 'categories'>,
  name: (b: Bilingual) => string,
  asOf: string,
): AttentionContext {
  return {
    bindingAmount: status.binding?.cap.amount ?? null,
    decimals: status.decimals,
    meetingName: name,
    asOf,
    categoryName: (id) => {
      const x = dataset.categories.find((k) => k.id === id);
      return x ? name(x.name) : id;
    },
  };
}

/**
 * One sentence saying why a category needs attention, with its figures.
 * `bindingAmount` is the cap binding meanwhile (for "awaiting approval").
 */
export function attentionSentence(t: T, locale: Locale, r: AttentionReason, ctx: AttentionContext): string {
  const d = (x: string) => formatDate(x, locale);
  const m = (x: Money): string => formatMillions(x, ctx.decimals ?? 1);
  switch (r.kind) {
    case 'uncapped':
      return `${t('uncapped', { count: r.count, amount: formatMinorWithCurrency(r.amount, r.currency, locale), date: d(r.firstDate) })}${
        r.capNotRecorded ? ` ${t('uncappedNotRecorded')}` : ''
      }`;
    case 'uncapped-resolved':
      return t('uncappedResolved', {
        list: r.resolutions
          .map((x) => resolutionSentence(t, locale, x, r.currency, ctx.categoryName ?? ((id) => id)))
          .join(' '),
      });
    case 'cap-not-recorded':
      return t('capNotRecorded');
    case 'no-data':
      return t('noData');
    case 'meeting-passed':
      return t('meetingPassed', { meeting: ctx.meetingName(r.resolution.meeting), date: d(r.meetingDate) });
    case 'exceeded':
      return r.cap === null
        ? t('exceededNoCap', { actual: m(r.actual) })
        : t('exceeded', {
            actual: m(r.actual),
            cap: m(r.cap),
            pct: formatUtilisation(r.utilisation, ONE),
          });
    case 'threshold':
      return t('threshold', {
        thr: formatPercent(r.threshold),
        pct: formatUtilisation(r.utilisation, r.threshold),
        actual: m(r.actual),
        cap: m(r.cap),
      });
    case 'projected': {
      const lead = r.cap ?? r.threshold ?? r.proposedCap!;
      const pd = (x: string) => (ctx.asOf && x <= ctx.asOf ? `${d(x)} ${t('beforeReportDate')}` : d(x));
      const parts: string[] = [];
      if (r.threshold) parts.push(t('projectedThreshold', { thr: m(r.threshold.target), date: pd(r.threshold.date) }));
      if (r.cap) parts.push(t('projectedCap', { cap: m(r.cap.target), date: pd(r.cap.date) }));
      if (r.proposedCap)
        parts.push(t('projectedProposed', { cap: m(r.proposedCap.target), date: pd(r.proposedCap.date) }));
      return t('projectedLead', {
        method: methodLabel(t, lead.method),
        end: m(lead.periodEnd),
        parts: parts.join(locale === 'zh' ? '；' : '; '),
      });
    }
    case 'awaiting-approval':
      return t('awaiting', {
        kind: r.proposed.kind === 'new' ? t('kindNew') : t('kindRevised'),
        amount: m(r.proposed.amount),
        meeting: r.resolution ? t('awaitingMeeting', { meeting: ctx.meetingName(r.resolution.meeting) }) : '',
        binding: ctx.bindingAmount === null ? t('awaitingNoBinding') : m(ctx.bindingAmount),
      });
    case 'rejected':
      return t('rejected', { amount: r.caps.map((c) => m(c.amount)).join(', ') });
    case 'no-cap':
      return t('noCap');
    case 'stale':
      return r.through === null ? t('staleNone') : t('stale', { date: d(r.through), days: r.daysBehind ?? 0 });
  }
}

/** A shorter wording for slides: dates and amounts only, where the long one explains. */
export function attentionShort(t: T, locale: Locale, r: AttentionReason, ctx: AttentionContext): string {
  const d = (x: string) => formatDate(x, locale);
  const m = (x: Money) => formatMillions(x, ctx.decimals ?? 1);
  switch (r.kind) {
    case 'projected': {
      const lead = r.cap ?? r.threshold ?? r.proposedCap!;
      const pd = (x: string) => (ctx.asOf && x <= ctx.asOf ? `${d(x)} ${t('beforeReportDate')}` : d(x));
      const parts: string[] = [];
      if (r.threshold) parts.push(t('shortThreshold', { date: pd(r.threshold.date) }));
      if (r.cap) parts.push(t('shortCap', { date: pd(r.cap.date) }));
      if (r.proposedCap) parts.push(t('shortProposed', { date: pd(r.proposedCap.date) }));
      const method = methodLabel(t, lead.method);
      return t('shortProjected', {
        method: method.charAt(0).toUpperCase() + method.slice(1),
        parts: parts.join(locale === 'zh' ? '，' : ', '),
      });
    }
    case 'awaiting-approval':
      return t('shortAwaiting', {
        amount: m(r.proposed.amount),
        meeting: r.resolution ? t('awaitingMeeting', { meeting: ctx.meetingName(r.resolution.meeting) }) : '',
        binding: ctx.bindingAmount === null ? t('awaitingNoBinding') : m(ctx.bindingAmount),
      });
    case 'stale':
      return r.through === null ? t('staleNone') : t('shortStale', { date: d(r.through), days: r.daysBehind ?? 0 });
    default:
      return attentionSentence(t, locale, r, ctx);
  }
}
