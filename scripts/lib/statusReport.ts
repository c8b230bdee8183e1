/**
 * Turns engine statuses into the status command's output: a JSON record per
 * category (amounts as RMB-million decimal strings, percents as one-decimal
 * strings) and an aligned text table. No arithmetic happens here beyond
 * formatting: every figure comes from categoryStatus.
 */
import type { Crossing } from '../../src/domain/projection';
import type { CategoryStatus, ProjectionSummary } from '../../src/domain/engine';
import { formatGrowth, formatMillions, formatPercent, percentString } from '../../src/domain/format';
import { type Money, toMillionsString } from '../../src/domain/money';

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

/** One category in `--json` output. */
export interface StatusRecord {
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
  actual: string;
  actualThrough: string | null;
  actualBasis: string;
  /** Percent of the binding cap, one decimal; null without a binding cap. */
  utilisation: string | null;
  proposedUtilisation: string | null;
  /** Binding cap − actual (negative once exceeded); null without a binding cap. */
  headroom: string | null;
  proposedHeadroom: string | null;
  threshold: string;
  thresholdAmount: string | null;
  alert: CategoryStatus['alert'];
  displayStatus: CategoryStatus['displayStatus'];
  yoyGrowth: string | null;
  yoySpan: { start: string; end: string; priorStart: string; priorEnd: string } | null;
  ytdGrowth: string | null;
  ytdSpan: { start: string; end: string; priorStart: string; priorEnd: string } | null;
  expected: string | null;
  impliedBuffer: { binding: string | null; proposed: string | null } | null;
  outsideTerm: boolean;
  projections: ProjectionRecord[];
}

const mil = (m: Money): string => toMillionsString(m);
const milOrNull = (m: Money | null | undefined): string | null => (m === null || m === undefined ? null : mil(m));

function crossingRecord(c: Crossing): CrossingRecord {
  return { target: mil(c.target), state: c.state, date: c.date };
}

function projectionRecord(p: ProjectionSummary): ProjectionRecord {
  const { projection, proposedProjection } = p;
  return {
    method: projection.method,
    periodStart: projection.period.start,
    periodEnd: projection.period.end,
    projectedPeriodEnd: mil(projection.periodEnd),
    through: projection.through,
    unavailable: projection.unavailable ?? null,
    binding: p.binding && { threshold: crossingRecord(p.binding.threshold), cap: crossingRecord(p.binding.cap) },
    proposed: p.proposed && {
      threshold: crossingRecord(p.proposed.threshold),
      cap: crossingRecord(p.proposed.cap),
      periodStart: proposedProjection.period.start,
      periodEnd: proposedProjection.period.end,
      projectedPeriodEnd: mil(proposedProjection.periodEnd),
    },
  };
}

export function toStatusRecord(s: CategoryStatus): StatusRecord {
  const span = (g: CategoryStatus['ytd']) =>
    g && { start: g.span.start, end: g.span.end, priorStart: g.priorSpan.start, priorEnd: g.priorSpan.end };
  return {
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
    actual: mil(s.actual),
    actualThrough: s.actualThrough,
    actualBasis: s.actualBasis,
    utilisation: s.binding ? percentString(s.binding.utilisation) : null,
    proposedUtilisation: s.proposed ? percentString(s.proposed.utilisation) : null,
    headroom: milOrNull(s.binding?.headroom),
    proposedHeadroom: milOrNull(s.proposed?.headroom),
    threshold: percentString(s.threshold)!,
    thresholdAmount: milOrNull(s.binding?.thresholdAmount),
    alert: s.alert,
    displayStatus: s.displayStatus,
    yoyGrowth: percentString(s.yoy?.rate ?? null),
    yoySpan: span(s.yoy),
    ytdGrowth: percentString(s.ytd?.rate ?? null),
    ytdSpan: span(s.ytd),
    expected: milOrNull(s.expected?.amount),
    impliedBuffer: s.impliedBuffer && {
      binding: percentString(s.impliedBuffer.binding),
      proposed: percentString(s.impliedBuffer.proposed),
    },
    outsideTerm: s.outsideTerm,
    projections: s.projections.map(projectionRecord),
  };
}

type Align = 'left' | 'right';

function table(headers: readonly string[], aligns: readonly Align[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (aligns[i] === 'right' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const DISPLAY: Record<CategoryStatus['displayStatus'], string> = {
  ok: 'ok',
  threshold: 'AT THRESHOLD',
  exceeded: 'EXCEEDED',
  'awaiting-approval': 'ok, awaiting approval',
  'no-cap': 'no cap',
};

function crossingText(c: Crossing | undefined): string {
  if (!c) return '—';
  if (c.state === 'not-reached') return 'not reached';
  return c.state === 'reached' ? `reached ${c.date ?? ''}`.trim() : c.date!;
}

/** Human-readable report: a header, the status table, notes and a projection table. */
export function formatStatusTable(statuses: readonly CategoryStatus[], asOf: string): string {
  const threshold = statuses[0] ? formatPercent(statuses[0].threshold) : '';
  const rows = statuses.map((s) => [
    s.category.id,
    s.period ? `${s.period.start}..${s.period.end}` : '—',
    s.binding ? formatMillions(s.binding.cap.amount) : '—',
    s.proposed ? formatMillions(s.proposed.cap.amount) : '—',
    formatMillions(s.actual),
    s.binding ? formatPercent(s.binding.utilisation) : '—',
    s.binding ? formatMillions(s.binding.headroom) : '—',
    DISPLAY[s.displayStatus],
    formatGrowth(s.yoy?.rate ?? null),
    formatGrowth(s.ytd?.rate ?? null),
    s.actualThrough ?? '—',
  ]);
  const main = table(
    [
      'Category',
      'Period',
      'Binding cap',
      'Proposed cap',
      'Actual',
      'Utilisation',
      'Headroom',
      'Alert / status',
      'YoY',
      'YTD',
      'Data through',
    ],
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left', 'right', 'right', 'left'],
    rows,
  );

  const notes: string[] = [];
  for (const s of statuses) {
    if (s.proposed && s.proposedResolution) {
      notes.push(
        `${s.category.id}: proposed ${formatMillions(s.proposed.cap.amount)} awaits ${s.proposedResolution.meeting.en} (resolution ${s.proposedResolution.id}); utilisation against it ${formatPercent(s.proposed.utilisation)}.`,
      );
    }
    if (s.yoy)
      notes.push(
        `${s.category.id}: YoY compares ${s.yoy.span.start}..${s.yoy.span.end} with ${s.yoy.priorSpan.start}..${s.yoy.priorSpan.end}.`,
      );
    if (s.outsideTerm) notes.push(`${s.category.id}: the as-of date is outside the category's term.`);
  }

  const projRows: string[][] = [];
  for (const s of statuses) {
    for (const p of s.projections) {
      if (p.projection.unavailable) continue;
      projRows.push([
        s.category.id,
        p.projection.method,
        formatMillions(p.projection.periodEnd),
        crossingText(p.binding?.threshold),
        crossingText(p.binding?.cap),
        crossingText(p.proposed?.threshold),
        crossingText(p.proposed?.cap),
      ]);
    }
  }
  const proj = projRows.length
    ? table(
        [
          'Category',
          'Method',
          'Period end',
          `Binding ${threshold}`,
          'Binding cap',
          `Proposed ${threshold}`,
          'Proposed cap',
        ],
        ['left', 'left', 'right', 'left', 'left', 'left', 'left'],
        projRows,
      )
    : 'No projection can run on the data available.';

  return [
    `Headroom status as of ${asOf} — amounts in RMB million; alert threshold ${threshold} of the binding cap`,
    '',
    main,
    ...(notes.length ? ['', ...notes] : []),
    '',
    'Projections (period-end amount; dates the threshold and cap are reached)',
    '',
    proj,
    '',
  ].join('\n');
}
