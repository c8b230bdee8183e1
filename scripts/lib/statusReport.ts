/**
 * Turns engine statuses into the status command's output: a JSON record per
 * category (amounts as RMB-million decimal strings, percents as one-decimal
 * strings) and an aligned text table. No arithmetic happens here beyond
 * formatting: every figure comes from categoryStatus.
 */
import type { Crossing } from '../../src/domain/projection';
import type { CategoryStatus, ProjectionSummary } from '../../src/domain/engine';
import type { WhatIfResult } from '../../src/domain/whatIf';
import {
  exactUnitsString,
  formatDate,
  formatGrowth,
  formatHeadroom,
  formatMillions,
  formatPercent,
  formatUtilisation,
  headroomString,
  percentString,
  utilisationString,
} from '../../src/domain/format';
import { formatMinorWithCurrency } from '../../src/domain/currency';
import { type Money, money, toMillionsString } from '../../src/domain/money';
import type { Locale } from '../../src/ui/translate';
import { statusT } from './statusMessages';

export interface CrossingRecord {
  /** Amount that is crossed, RMB million. */
  target: string;
  state: Crossing['state'];
  date: string | null;
}

export interface ProjectionRecord {
  method: string;
  /** Inclusive period projected. */
  periodStart: string;
  periodEnd: string;
  /** Projected cumulative amount at the period end, RMB million. */
  projectedPeriodEnd: string;
  /** Known actuals used through this day (inclusive). */
  through: string | null;
  unavailable: string | null;
  binding: { threshold: CrossingRecord; cap: CrossingRecord } | null;
  proposed: {
    threshold: CrossingRecord;
    cap: CrossingRecord;
    periodStart: string;
    periodEnd: string;
    projectedPeriodEnd: string;
  } | null;
}

/**
 * Version of the `--json` record. 2: unknown figures are null with `noDataReason`,
 * `alert` may be null or "uncapped", new display statuses, `capState`,
 * `actualExact`/`headroomExact`, `uncappedAmount`/`uncappedCount`, `meetingPrompt`.
 */
export const STATUS_SCHEMA_VERSION = 3;

/** One category in `--json` output. */
export interface StatusRecord {
  schemaVersion: number;
  category: string;
  categoryName: string;
  agreement: string;
  direction: string;
  asOf: string;
  periodStart: string | null;
  periodEnd: string | null;
  bindingCap: string | null;
  bindingCapId: string | null;
  proposedCap: string | null;
  proposedCapId: string | null;
  proposedResolution: { id: string; meetingDate: string } | null;
  /** Millions, one decimal; null when nothing is known for the span (see noDataReason). */
  actual: string | null;
  /** The same, exact, in units of the agreement's currency with two decimals ("749100000.00"). */
  actualExact: string | null;
  /** Ledger rows seen when nothing is known: a lower bound, not the figure (millions). */
  actualLowerBound: string | null;
  /** Last day the actual is known through (later of disclosure up-to date and ledger close). */
  actualThrough: string | null;
  /** Ledger rows after actualThrough are included. */
  provisional: boolean;
  actualBasis: string;
  capState: CategoryStatus['capState'];
  /** Percent of the binding cap, one decimal, never across a boundary the exact figure has not crossed. */
  utilisation: string | null;
  proposedUtilisation: string | null;
  /** Binding cap − actual (negative once exceeded, never rounded to 0.0); null without a known figure or cap. */
  headroom: string | null;
  headroomExact: string | null;
  proposedHeadroom: string | null;
  threshold: string;
  /** Where the threshold comes from: "override" (this agreement's), "setting" (for every agreement), "disclosed", "default". */
  thresholdSource: CategoryStatus['thresholdSource']['kind'];
  thresholdAmount: string | null;
  alert: CategoryStatus['alert'];
  displayStatus: CategoryStatus['displayStatus'];
  /** Why actual/utilisation/headroom/alert are null: "unknown-actual", "no-cap", "cap-not-recorded". */
  noDataReason: CategoryStatus['noData'];
  /** Unresolved transactions with no cap in force up to the as-of date; null when none. */
  uncappedAmount: string | null;
  uncappedAmountExact: string | null;
  uncappedCount: number | null;
  uncappedFirstDate: string | null;
  uncappedSpans: {
    start: string;
    end: string | null;
    capState: string;
    amount: string;
    count: number;
    /** Resolutions recorded in the span (from --backup); `applies` false: the rows changed since (re-opened). */
    resolutions: {
      start: string;
      end: string;
      outcome: string;
      amountExact: string;
      count: number;
      applies: boolean;
      note: string;
    }[];
  }[];
  meetingPrompt: { resolution: string; meetingDate: string; message: string } | null;
  yoyGrowth: string | null;
  yoySpan: { start: string; end: string; priorStart: string; priorEnd: string } | null;
  /** False when the YoY span is an earlier period, not the one before the current cap period. */
  yoyCurrent: boolean | null;
  ytdGrowth: string | null;
  ytdSpan: { start: string; end: string; priorStart: string; priorEnd: string } | null;
  expected: string | null;
  impliedBuffer: {
    binding: string | null;
    proposed: string | null;
    periodsDiffer: { binding: boolean; proposed: boolean };
  } | null;
  outsideTerm: boolean;
  projections: ProjectionRecord[];
}

/** Millions with the decimals the agreement disclosed (one for the built-in data; a register cap of 26.47 keeps two). */
const mil = (m: Money, decimals = 1): string => toMillionsString(m, decimals);

function crossingRecord(c: Crossing, decimals: number): CrossingRecord {
  return { target: mil(c.target, decimals), state: c.state, date: c.date };
}

function projectionRecord(p: ProjectionSummary, decimals: number): ProjectionRecord {
  const mil = (m: Money) => toMillionsString(m, decimals);
  const crossingRecord_ = (c: Crossing) => crossingRecord(c, decimals);
  const { projection, proposedProjection } = p;
  return {
    method: projection.method,
    periodStart: projection.period.start,
    periodEnd: projection.period.end,
    projectedPeriodEnd: mil(projection.periodEnd),
    through: projection.through,
    unavailable: projection.unavailable ?? null,
    binding: p.binding && { threshold: crossingRecord_(p.binding.threshold), cap: crossingRecord_(p.binding.cap) },
    proposed: p.proposed && {
      threshold: crossingRecord_(p.proposed.threshold),
      cap: crossingRecord_(p.proposed.cap),
      periodStart: proposedProjection.period.start,
      periodEnd: proposedProjection.period.end,
      projectedPeriodEnd: mil(proposedProjection.periodEnd),
    },
  };
}

export function toStatusRecord(s: CategoryStatus): StatusRecord {
  const span = (g: CategoryStatus['ytd']) =>
    g && { start: g.span.start, end: g.span.end, priorStart: g.priorSpan.start, priorEnd: g.priorSpan.end };
  const b = s.binding;
  const known = s.known;
  const u = s.uncapped;
  const d = s.decimals;
  const mil = (m: Money) => toMillionsString(m, d);
  const milOrNull = (m: Money | null | undefined): string | null => (m === null || m === undefined ? null : mil(m));
  return {
    schemaVersion: STATUS_SCHEMA_VERSION,
    category: s.category.id,
    categoryName: s.category.name.en,
    agreement: s.category.agreementId,
    direction: s.category.direction,
    asOf: s.asOf,
    periodStart: s.period?.start ?? null,
    periodEnd: s.period?.end ?? null,
    bindingCap: milOrNull(s.binding?.cap.amount),
    bindingCapId: s.binding?.cap.id ?? null,
    proposedCap: milOrNull(s.proposed?.cap.amount),
    proposedCapId: s.proposed?.cap.id ?? null,
    proposedResolution: s.proposedResolution && {
      id: s.proposedResolution.id,
      meetingDate: s.proposedResolution.meetingDate,
    },
    actual: known && s.period ? mil(s.actual) : null,
    actualExact: known && s.period ? exactUnitsString(s.actual) : null,
    actualLowerBound: !known && s.actual > 0n ? mil(s.actual) : null,
    actualThrough: s.actualThrough,
    provisional: s.provisional,
    actualBasis: s.actualBasis,
    capState: s.capState,
    utilisation: b ? utilisationString(b.utilisation, s.threshold) : null,
    proposedUtilisation: s.proposed ? utilisationString(s.proposed.utilisation, s.threshold) : null,
    headroom: b?.headroom != null ? headroomString(b.headroom, d) : null,
    headroomExact: b?.headroom != null ? exactUnitsString(b.headroom) : null,
    proposedHeadroom: s.proposed?.headroom != null ? headroomString(s.proposed.headroom, d) : null,
    threshold: percentString(s.threshold)!,
    thresholdSource: s.thresholdSource.kind,
    thresholdAmount: milOrNull(s.binding?.thresholdAmount),
    alert: s.alert,
    displayStatus: s.displayStatus,
    noDataReason: s.noData,
    uncappedAmount: u.count > 0 ? mil(u.amount) : null,
    uncappedAmountExact: u.count > 0 ? exactUnitsString(u.amount) : null,
    uncappedCount: u.count > 0 ? u.count : null,
    uncappedFirstDate: u.firstDate,
    uncappedSpans: u.spans.map((x) => ({
      start: x.start,
      end: x.end,
      capState: x.capState,
      amount: mil(x.amount),
      count: x.count,
      resolutions: x.resolutions.map((r) => ({
        start: r.resolution.start,
        end: r.resolution.end,
        outcome: r.resolution.outcome,
        amountExact: exactUnitsString(money(BigInt(r.resolution.amountMinor))),
        count: r.resolution.count,
        applies: r.applies,
        note: r.resolution.note,
      })),
    })),
    meetingPrompt: s.meetingPrompt && {
      resolution: s.meetingPrompt.resolution.id,
      meetingDate: s.meetingPrompt.meetingDate,
      message: meetingPromptText(s),
    },
    yoyGrowth: percentString(s.yoy?.rate ?? null),
    yoySpan: span(s.yoy),
    yoyCurrent: s.yoy ? s.yoyCurrent : null,
    ytdGrowth: percentString(s.ytd?.rate ?? null),
    ytdSpan: span(s.ytd),
    expected: milOrNull(s.expected?.amount),
    impliedBuffer: s.impliedBuffer && {
      binding: percentString(s.impliedBuffer.binding),
      proposed: percentString(s.impliedBuffer.proposed),
      periodsDiffer: s.impliedBuffer.periodsDiffer,
    },
    outsideTerm: s.outsideTerm,
    projections: s.projections.map((p) => projectionRecord(p, d)),
  };
}

type Align = 'left' | 'right';

/** Columns a text takes in a terminal: Chinese characters and full-width forms take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}

function table(headers: readonly string[], aligns: readonly Align[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const pad = (c: string, i: number) => ' '.repeat(Math.max(0, widths[i]! - displayWidth(c)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (aligns[i] === 'right' ? pad(c, i) + c : c + pad(c, i)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The prompt printed (and put in JSON) when a meeting date passed with no outcome recorded. */
export function meetingPromptText(s: CategoryStatus, locale: Locale = 'en'): string {
  const p = s.meetingPrompt!;
  return statusT(locale)('meetingPrompt', {
    meeting: p.resolution.meeting[locale],
    date: formatDate(p.meetingDate, locale),
    id: p.resolution.id,
  });
}

function crossingText(c: Crossing | undefined, locale: Locale): string {
  const t = statusT(locale);
  if (!c) return '—';
  if (c.state === 'not-reached') return t('notReached');
  return c.state === 'reached' ? (c.date ? t('reachedOn', { date: c.date }) : t('reached')) : c.date!;
}

/** Human-readable report: a header, the status table, notes and a projection table. */
export function formatStatusTable(statuses: readonly CategoryStatus[], asOf: string, locale: Locale = 'en'): string {
  const t = statusT(locale);
  // One threshold for all, or each agreement's own (--threshold AGREEMENT=PCT, a backup's override).
  const byAgreement = new Map(statuses.map((s) => [s.category.agreementId, s] as const));
  const thresholds = [...new Set(statuses.map((s) => formatPercent(s.threshold)))];
  const threshold = thresholds.length === 1 ? thresholds[0]! : thresholds.length ? t('thresholdWord') : '';
  const source = (s: CategoryStatus) => t(`source_${s.thresholdSource.kind}`);
  const thresholdHead =
    thresholds.length > 1
      ? t('thresholdPer', {
          list: [...byAgreement]
            .map(([id, s]) => t('thresholdPerItem', { id, pct: formatPercent(s.threshold), source: source(s) }))
            .join(t('listSep')),
        })
      : statuses[0] && statuses[0].thresholdSource.kind !== 'disclosed'
        ? t('thresholdOneSource', { pct: threshold, source: source(statuses[0]) })
        : t('thresholdOne', { pct: threshold });
  const noData = t('noData');
  const growth = (rate: Parameters<typeof formatGrowth>[0]) => {
    const text = formatGrowth(rate);
    return text === 'n/a' ? t('na') : text;
  };
  const rows = statuses.map((s) => [
    s.category.id,
    s.period ? `${s.period.start}..${s.period.end}` : '—',
    s.binding ? formatMillions(s.binding.cap.amount, s.decimals) : '—',
    s.proposed ? formatMillions(s.proposed.cap.amount, s.decimals) : '—',
    !s.period ? '—' : s.known ? `${formatMillions(s.actual, s.decimals)}${s.provisional ? '*' : ''}` : noData,
    s.binding ? (s.binding.utilisation ? formatUtilisation(s.binding.utilisation, s.threshold) : noData) : '—',
    s.binding ? (s.binding.headroom !== null ? formatHeadroom(s.binding.headroom, s.decimals) : noData) : '—',
    t(`display_${s.displayStatus}`),
    `${growth(s.yoy?.rate ?? null)}${s.yoy && !s.yoyCurrent ? '†' : ''}`,
    growth(s.ytd?.rate ?? null),
    s.actualThrough ?? '—',
  ]);
  const main = table(
    [
      t('col_category'),
      t('col_period'),
      t('col_binding'),
      t('col_proposed'),
      t('col_actual'),
      t('col_utilisation'),
      t('col_headroom'),
      t('col_status'),
      t('col_yoy'),
      t('col_ytd'),
      t('col_through'),
    ],
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left', 'right', 'right', 'left'],
    rows,
  );

  const notes: string[] = [];
  for (const s of statuses) {
    const u = s.uncapped;
    const id = s.category.id;
    const millions = (m: Money) => formatMillions(m, s.decimals);
    for (const x of u.spans)
      for (const r of x.resolutions)
        notes.push(
          t('noteResolved', {
            id,
            start: r.resolution.start,
            end: r.resolution.end,
            count: r.resolution.count,
            amount: formatMinorWithCurrency(BigInt(r.resolution.amountMinor), s.currency),
            outcome: r.resolution.outcome,
            reopened: r.applies ? '' : t('noteReopened'),
            note: r.resolution.note,
          }),
        );
    if (u.count > 0) {
      const spans = u.spans
        .map(
          (x) =>
            // A span before the category's first cap has no start of its own ("..2026-04-22").
            `${x.start <= '1900-01-01' ? '' : x.start}..${x.end ?? ''} ${x.capState === 'cap-not-recorded' ? t('spanCapNotRecorded') : t('spanNoCap')}`,
        )
        .join(t('spanSep'));
      notes.push(
        t('noteUncapped', {
          id,
          count: u.count,
          amount: formatMinorWithCurrency(u.amount, s.currency),
          millions: millions(u.amount),
          first: u.firstDate ?? '',
          spans,
        }),
      );
    }
    if (s.capState === 'cap-not-recorded') notes.push(t('noteCapNotRecorded', { id, asOf: s.asOf }));
    if (s.capState === 'no-cap' && !s.outsideTerm) notes.push(t('noteNoCap', { id, asOf: s.asOf }));
    if (s.period && !s.known) {
      notes.push(
        t('noteNoData', {
          id,
          start: s.period.start,
          end: s.asOf < s.period.end ? s.asOf : s.period.end,
          lower: s.actual > 0n ? t('noteLowerBound', { millions: millions(s.actual) }) : '',
        }),
      );
    }
    if (s.known && s.provisional) notes.push(t('noteProvisional', { id, through: s.actualThrough ?? '' }));
    if (s.meetingPrompt) notes.push(`${id}${locale === 'zh' ? '：' : ': '}${meetingPromptText(s, locale)}`);
    if (s.proposed && s.proposedResolution) {
      notes.push(
        t('noteProposed', {
          id,
          millions: millions(s.proposed.cap.amount),
          meeting: s.proposedResolution.meeting[locale],
          resolution: s.proposedResolution.id,
          utilisation: formatUtilisation(s.proposed.utilisation, s.threshold),
        }),
      );
    }
    if (s.yoy)
      notes.push(
        t('noteYoy', {
          id,
          start: s.yoy.span.start,
          end: s.yoy.span.end,
          priorStart: s.yoy.priorSpan.start,
          priorEnd: s.yoy.priorSpan.end,
          notCurrent: s.yoyCurrent ? '' : t('noteYoyNotCurrent'),
        }),
      );
    if (s.impliedBuffer?.periodsDiffer.binding && s.binding && s.expected)
      notes.push(
        t('noteBuffer', {
          id,
          capStart: s.binding.cap.period.start,
          capEnd: s.binding.cap.period.end,
          expStart: s.expected.period.start,
          expEnd: s.expected.period.end,
        }),
      );
    if (s.outsideTerm) notes.push(t('noteOutsideTerm', { id }));
  }

  const projRows: string[][] = [];
  for (const s of statuses) {
    for (const p of s.projections) {
      if (p.projection.unavailable) continue;
      projRows.push([
        s.category.id,
        t(`method_${p.projection.method}`),
        formatMillions(p.projection.periodEnd, s.decimals),
        crossingText(p.binding?.threshold, locale),
        crossingText(p.binding?.cap, locale),
        crossingText(p.proposed?.threshold, locale),
        crossingText(p.proposed?.cap, locale),
      ]);
    }
  }
  const proj = projRows.length
    ? table(
        [
          t('col_category'),
          t('col_method'),
          t('col_periodEnd'),
          t('col_bindingThreshold', { threshold }),
          t('col_binding'),
          t('col_proposedThreshold', { threshold }),
          t('col_proposed'),
        ],
        ['left', 'left', 'right', 'left', 'left', 'left', 'left'],
        projRows,
      )
    : t('noProjection');

  return [
    t('head', { asOf, threshold: thresholdHead }),
    '',
    main,
    ...(notes.length ? ['', ...notes] : []),
    '',
    t('projectionsTitle'),
    '',
    proj,
    '',
  ].join('\n');
}

/** One `--what-if` result in JSON: amounts as millions and exact units, percents state-keeping. */
export function whatIfRecord(r: WhatIfResult) {
  const mil = (m: Money) => toMillionsString(m, r.decimals);
  return {
    schemaVersion: STATUS_SCHEMA_VERSION,
    category: r.categoryId,
    date: r.date,
    currency: r.currency,
    amountExact: exactUnitsString(r.amount),
    capState: r.capState,
    capId: r.cap?.id ?? null,
    cap: r.cap ? mil(r.cap.amount) : null,
    capPeriod: r.cap ? { start: r.cap.period.start, end: r.cap.period.end } : null,
    known: r.known,
    before: r.known ? mil(r.before) : null,
    beforeExact: r.known ? exactUnitsString(r.before) : null,
    after: r.known ? mil(r.after) : null,
    afterExact: r.known ? exactUnitsString(r.after) : null,
    utilisationBefore: utilisationString(r.utilisationBefore, r.threshold),
    utilisationAfter: utilisationString(r.utilisationAfter, r.threshold),
    headroomAfter: r.headroomAfter === null ? null : headroomString(r.headroomAfter, r.decimals),
    crossesThreshold: r.crossesThreshold,
    crossesCap: r.crossesCap,
    verdict: r.verdict,
  };
}

/** One `--what-if` result as a sentence. */
export function whatIfText(r: WhatIfResult, locale: Locale = 'en'): string {
  const t = statusT(locale);
  const order = t('whatIfOrder', {
    id: r.categoryId,
    date: r.date,
    amount: formatMinorWithCurrency(r.amount, r.currency),
  });
  if (!r.cap) return t(r.capState === 'cap-not-recorded' ? 'whatIfNoCapRecorded' : 'whatIfNoCap', { order });
  const cap = t('whatIfCap', {
    millions: formatMillions(r.cap.amount, r.decimals),
    start: r.cap.period.start,
    end: r.cap.period.end,
  });
  if (!r.known)
    return t('whatIfUnknown', { order, cap, exceeds: r.verdict === 'exceeds' ? t('whatIfUnknownExceeds') : '' });
  const u = (d: typeof r.utilisationBefore) => formatUtilisation(d, r.threshold);
  const verdict =
    r.verdict === 'exceeds'
      ? t('verdict_exceeds')
      : r.verdict === 'threshold'
        ? t('verdict_threshold', { pct: formatPercent(r.threshold) })
        : t('verdict_fits');
  return t('whatIfKnown', {
    order,
    cap,
    before: u(r.utilisationBefore),
    after: u(r.utilisationAfter),
    headroom: formatHeadroom(r.headroomAfter!, r.decimals),
    verdict,
    crossesThreshold: r.crossesThreshold ? t('crossesThreshold') : '',
    crossesCap: r.crossesCap ? t('crossesCap') : '',
  });
}
