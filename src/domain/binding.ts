import { contains, type IsoDate } from './dates';
import type { ApprovalRecord, CapVersion, CategoryId, Dataset, Resolution } from './model';

/** Where a cap version stands on a given date. */
export type CapStanding =
  /** Not yet announced on that date. */
  | 'unannounced'
  /** In force: may bind if no later version supersedes it. */
  | 'effective'
  /** Announced, waiting for independent shareholders' approval. */
  | 'awaiting-approval'
  /** Voted down: never binds. */
  | 'rejected';

export function approvalFor(resolutionId: string, approvals: readonly ApprovalRecord[]): ApprovalRecord | undefined {
  return approvals.find((a) => a.resolutionId === resolutionId);
}

/**
 * The first day a cap version binds, or null if it does not (yet).
 * Chapter 14A: an original cap binds over its whole period; a revised or new cap
 * exempt from shareholders' approval binds from its announcement date; one that
 * needs independent shareholders' approval binds from the recorded approval date.
 */
export function bindsFrom(cap: CapVersion, approvals: readonly ApprovalRecord[]): IsoDate | null {
  switch (cap.approval.kind) {
    case 'in-force':
      return cap.period.start;
    case 'exempt':
      return cap.announcedOn > cap.period.start ? cap.announcedOn : cap.period.start;
    case 'independent-shareholders': {
      const rec = approvalFor(cap.approval.resolutionId, approvals);
      return rec?.outcome === 'approved' ? rec.date : null;
    }
  }
}

/** Standing of a cap version on `date` (inclusive comparisons). */
export function capStanding(cap: CapVersion, date: IsoDate, approvals: readonly ApprovalRecord[]): CapStanding {
  if (cap.kind !== 'original' && date < cap.announcedOn) return 'unannounced';
  if (cap.approval.kind === 'independent-shareholders') {
    const rec = approvalFor(cap.approval.resolutionId, approvals);
    if (rec && rec.date <= date) return rec.outcome === 'approved' ? 'effective' : 'rejected';
    return 'awaiting-approval';
  }
  const from = bindsFrom(cap, approvals);
  return from !== null && from <= date ? 'effective' : 'unannounced';
}

export interface CapResolution {
  /** The cap that binds on the date, or null when no cap is in force. */
  readonly binding: CapVersion | null;
  /** A revised or new cap announced and awaiting approval whose period contains the date. */
  readonly proposed: CapVersion | null;
  /** The resolution the proposed cap waits on, if any. */
  readonly proposedResolution: Resolution | null;
  /** Caps voted down whose period contains the date. */
  readonly rejected: readonly CapVersion[];
}

/**
 * Which cap binds a category on `date`: among versions whose inclusive period
 * contains the date and that are effective on it, the one no other effective
 * version supersedes (the latest announced when several remain).
 */
export function resolveCaps(
  dataset: Dataset,
  categoryId: CategoryId,
  date: IsoDate,
  approvals: readonly ApprovalRecord[],
): CapResolution {
  const candidates = dataset.caps.filter((c) => c.categoryId === categoryId && contains(c.period, date));
  const effective = candidates.filter((c) => capStanding(c, date, approvals) === 'effective');
  const superseded = new Set(effective.flatMap((c) => c.supersedes));
  const binding =
    effective
      .filter((c) => !superseded.has(c.id))
      .sort((a, b) => (a.announcedOn < b.announcedOn ? 1 : a.announcedOn > b.announcedOn ? -1 : 0))[0] ?? null;
  const proposed =
    candidates
      .filter((c) => capStanding(c, date, approvals) === 'awaiting-approval')
      .sort((a, b) => (a.announcedOn < b.announcedOn ? 1 : -1))[0] ?? null;
  const proposedResolution =
    proposed && proposed.approval.kind === 'independent-shareholders'
      ? (dataset.resolutions.find((r) => r.id === (proposed.approval as { resolutionId: string }).resolutionId) ?? null)
      : null;
  const rejected = candidates.filter((c) => capStanding(c, date, approvals) === 'rejected');
  return { binding, proposed, proposedResolution, rejected };
}

/**
 * Cap lines of a category: versions grouped so that a revision sits with the
 * cap it supersedes (hardware's 6.7 for Jan 1–Jul 28, 2026 with its revision to
 * 1,000.0 for the whole of 2026). Ordered by period start.
 */
export function capLines(dataset: Dataset, categoryId: CategoryId): CapVersion[][] {
  const versions = dataset.caps.filter((c) => c.categoryId === categoryId);
  const lineOf = new Map<string, CapVersion[]>();
  const lines: CapVersion[][] = [];
  for (const v of [...versions].sort((a, b) =>
    a.announcedOn < b.announcedOn ? -1 : a.announcedOn > b.announcedOn ? 1 : 0,
  )) {
    const parent = v.supersedes.map((id) => lineOf.get(id)).find(Boolean);
    const line: CapVersion[] = parent ?? [];
    if (!parent) lines.push(line);
    line.push(v);
    lineOf.set(v.id, line);
  }
  return lines.sort((a, b) => (a[0]!.period.start < b[0]!.period.start ? -1 : 1));
}

/** Why a recorded shareholders' vote cannot be right. */
export type ApprovalProblem =
  | { readonly code: 'unknown-resolution'; readonly resolutionId: string }
  /** The vote is dated before the announcement of a cap it decides. */
  | { readonly code: 'before-announcement'; readonly capId: string; readonly announcedOn: IsoDate }
  /** The vote is dated before the meeting date recorded for the resolution. */
  | { readonly code: 'before-meeting'; readonly meetingDate: IsoDate };

/**
 * Checks a recorded outcome: a meeting cannot approve or reject a cap before
 * the cap was announced, nor before the date of the meeting itself (both
 * comparisons strict: the announcement or meeting day itself is allowed).
 */
export function validateApproval(dataset: Dataset, record: ApprovalRecord): ApprovalProblem | null {
  const resolution = dataset.resolutions.find((r) => r.id === record.resolutionId);
  if (!resolution) return { code: 'unknown-resolution', resolutionId: record.resolutionId };
  const caps = dataset.caps.filter(
    (c) => c.approval.kind === 'independent-shareholders' && c.approval.resolutionId === record.resolutionId,
  );
  const latest = [...caps].sort((a, b) => (a.announcedOn < b.announcedOn ? 1 : -1))[0];
  if (latest && record.date < latest.announcedOn) {
    return { code: 'before-announcement', capId: latest.id, announcedOn: latest.announcedOn };
  }
  if (record.date < resolution.meetingDate) return { code: 'before-meeting', meetingDate: resolution.meetingDate };
  return null;
}
