/**
 * The directors' report cover page: which categories need attention and why,
 * from the disclosed figures (dates of projections worked out by hand below).
 */
import { describe, expect, it } from 'vitest';
import { allStatuses, categoryStatus } from '../../../src/domain/engine';
import { percentString } from '../../../src/domain/format';
import { type AttentionReason, attentionReasons, reportSummary } from '../../../src/domain/reportSummary';
import { approved, ctx, ledgerOf, mil, rejected, RES_CLOUD, RES_HARDWARE } from './fixtures';

const kinds = (rs: readonly AttentionReason[]) => rs.map((r) => r.kind);
function reason<K extends AttentionReason['kind']>(rs: readonly AttentionReason[], kind: K) {
  const r = rs.find((x) => x.kind === kind);
  if (!r) throw new Error(`no ${kind} reason in ${kinds(rs).join(', ')}`);
  return r as Extract<AttentionReason, { kind: K }>;
}

describe('report summary as of December 31, 2025', () => {
  const s = reportSummary(allStatuses(ctx(), '2025-12-31'));
  const byId = Object.fromEntries(s.categories.map((c) => [c.categoryId, c]));

  it('flags cloud services at 97.6% and hardware at 88.4% of their caps as at the threshold', () => {
    expect(kinds(byId['cloud-services']!.reasons)).toEqual(['threshold']);
    const cloud = reason(byId['cloud-services']!.reasons, 'threshold');
    expect(percentString(cloud.utilisation)).toBe('97.6');
    expect([mil(cloud.actual), mil(cloud.cap)]).toEqual(['2255.2', '2309.8']);
    expect(kinds(byId['hardware-equipment']!.reasons)).toEqual(['threshold']);
    // 29.6 ÷ 33.5 for July 29 – December 31, 2025.
    expect(percentString(reason(byId['hardware-equipment']!.reasons, 'threshold').utilisation)).toBe('88.4');
  });

  it('leaves IDC (17.2 of 41.0, 42.0%) alone and does not assess API services before its term', () => {
    expect(byId['idc-services']!.needsAttention).toBe(false);
    expect(percentString(byId['idc-services']!.status.binding!.utilisation)).toBe('42.0');
    expect(byId['api-services']!.outsideTerm).toBe(true);
    expect(byId['api-services']!.reasons).toEqual([]);
  });

  it('lists the categories needing attention in dataset order within the same seriousness', () => {
    expect(s.asOf).toBe('2025-12-31');
    expect(s.attention.map((c) => c.categoryId)).toEqual(['cloud-services', 'hardware-equipment']);
    expect(s.counts.threshold).toBe(2);
    expect(s.counts.exceeded).toBe(0);
  });
});

describe('report summary as of June 30, 2026 (the AGM day, before its outcome is recorded)', () => {
  const s = reportSummary(allStatuses(ctx(), '2026-06-30'));
  const byId = Object.fromEntries(s.categories.map((c) => [c.categoryId, c]));

  it('projects cloud services through the 80% threshold, the 3,138.3 cap and even the proposed 4,000.0', () => {
    const cloud = byId['cloud-services']!;
    expect(kinds(cloud.reasons)).toEqual(['projected', 'awaiting-approval', 'stale']);
    const p = reason(cloud.reasons, 'projected');
    // Seasonal: 749.1 × 2,255.2 ÷ 413.0 = 4,090.5 at December 31, following 2025's shape, which is a
    // straight line from April 23 to December 31 (252 days). Share of the remaining 3,341.4 needed:
    // threshold 2,510.6 → 52.7% → day 133 → September 3; cap 3,138.3 → 71.5% → day 181 → October 21;
    // proposed 4,000.0 → 97.3% → day 246 → December 25.
    expect(mil(p.threshold!.periodEnd)).toBe('4090.5');
    expect(p.threshold).toMatchObject({ date: '2026-09-03', method: 'seasonal' });
    expect(p.cap).toMatchObject({ date: '2026-10-21', method: 'seasonal' });
    expect(p.proposedCap).toMatchObject({ date: '2026-12-25', method: 'seasonal' });
    expect([mil(p.threshold!.target), mil(p.cap!.target), mil(p.proposedCap!.target)]).toEqual([
      '2510.6',
      '3138.3',
      '4000.0',
    ]);
    expect(p.periodEnd).toBe('2026-12-31');
  });

  it('names the resolution the proposed caps wait on', () => {
    const a = reason(byId['cloud-services']!.reasons, 'awaiting-approval');
    expect(a.proposed.id).toBe('cloud-2026-revised');
    expect(a.resolution?.meetingDate).toBe('2026-06-30');
    expect(reason(byId['hardware-equipment']!.reasons, 'awaiting-approval').proposed.id).toBe('hardware-2026-revised');
  });

  it('calls figures known only to April 23 stale (68 days behind) and says API services have no data', () => {
    expect(reason(byId['idc-services']!.reasons, 'stale')).toEqual({
      kind: 'stale',
      through: '2026-04-23',
      daysBehind: 68,
    });
    expect(kinds(byId['api-services']!.reasons)).toEqual(['no-data']);
    const relaxed = reportSummary(allStatuses(ctx(), '2026-06-30'), { staleAfterDays: 70 });
    expect(relaxed.categories.find((c) => c.categoryId === 'idc-services')!.needsAttention).toBe(false);
  });

  it('puts the projected breach first on the cover page', () => {
    expect(s.attention.map((c) => c.categoryId)).toEqual([
      'cloud-services',
      'api-services', // no data for its period
      'hardware-equipment', // awaiting approval, stale
      'idc-services', // stale only
    ]);
  });
});

describe('report summary reasons', () => {
  it('after the AGM approves the cloud caps, projects against 4,000.0 and no longer awaits approval', () => {
    const st = categoryStatus(ctx({ approvals: [approved(RES_CLOUD, '2026-06-30')] }), 'cloud-services', '2026-06-30');
    const rs = attentionReasons(st);
    expect(kinds(rs)).toEqual(['projected', 'stale']);
    // Threshold 3,200.0 → (3,200.0 − 749.1) ÷ 3,341.4 = 73.3% of 252 days → day 185 → October 25.
    expect(reason(rs, 'projected').threshold).toMatchObject({ date: '2026-10-25' });
    expect(reason(rs, 'projected').cap).toMatchObject({ date: '2026-12-25' });
    expect(reason(rs, 'projected').proposedCap).toBeNull();
  });

  it('reports an exceeded cap first, with the amount and the cap', () => {
    // Hardware: 7.0 in May 2026 against the original 6.7 cap still binding before the AGM.
    const led = ledgerOf({ 'hardware-equipment': [['2026-05-10', '7']] });
    const rs = attentionReasons(categoryStatus(ctx({ ledger: led }), 'hardware-equipment', '2026-05-31'));
    // The May 10 row is after the April 23 disclosure and no close is set: provisional, so stale too.
    expect(kinds(rs)).toEqual(['exceeded', 'awaiting-approval', 'stale']);
    const e = reason(rs, 'exceeded');
    expect([mil(e.actual), mil(e.cap!)]).toEqual(['7.0', '6.7']);
    expect(percentString(e.utilisation)).toBe('104.5');
  });

  it('reports a rejected cap and the gap it leaves', () => {
    // Hardware revision voted down: the 6.7 cap ended July 28, nothing binds on August 15.
    const st = categoryStatus(
      ctx({ approvals: [rejected(RES_HARDWARE, '2026-06-30')] }),
      'hardware-equipment',
      '2026-08-15',
    );
    expect(kinds(attentionReasons(st))).toEqual(['no-cap', 'rejected', 'stale']);
    const led = ledgerOf({ 'hardware-equipment': [['2026-08-01', '5']] });
    const withSpend = categoryStatus(
      ctx({ approvals: [rejected(RES_HARDWARE, '2026-06-30')], ledger: led }),
      'hardware-equipment',
      '2026-08-15',
    );
    // The 5.0 of August 1 had no cap at all: uncapped, listed first.
    const rs = attentionReasons(withSpend);
    expect(kinds(rs)).toEqual(['uncapped', 'no-cap', 'rejected', 'stale']);
    expect(reason(rs, 'uncapped')).toMatchObject({ count: 1, firstDate: '2026-08-01', capNotRecorded: false });
    expect(mil(reason(rs, 'uncapped').amount)).toBe('5.0');
  });

  it('says when the term runs on but no cap is recorded (IDC in 2028): cap not recorded, not "no cap"', () => {
    const st = categoryStatus(ctx(), 'idc-services', '2028-03-01');
    expect(kinds(attentionReasons(st))).toEqual(['cap-not-recorded']);
    // A RMB5 million row there is uncapped, marked as falling where the cap is not recorded.
    const led = ledgerOf({ 'idc-services': [['2028-02-10', '5']] });
    const rs = attentionReasons(categoryStatus(ctx({ ledger: led }), 'idc-services', '2028-03-01'));
    expect(kinds(rs)).toEqual(['uncapped', 'cap-not-recorded']);
    expect(reason(rs, 'uncapped')).toMatchObject({ count: 1, firstDate: '2028-02-10', capNotRecorded: true });
  });
});
