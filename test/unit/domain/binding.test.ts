import { describe, expect, it } from 'vitest';
import { bindsFrom, capLines, capStanding, resolveCaps } from '../../../src/domain/binding';
import { categoryStatus } from '../../../src/domain/engine';
import type { ApprovalRecord, CapVersion } from '../../../src/domain/model';
import { approved, ctx, ds, ledgerOf, mil, rejected, RES_CLOUD, RES_HARDWARE } from './fixtures';

const cap = (id: string): CapVersion => {
  const c = ds.caps.find((x) => x.id === id);
  if (!c) throw new Error(`cap ${id} missing`);
  return c;
};

function caps(categoryId: string, date: string, approvals: ApprovalRecord[] = []) {
  const r = resolveCaps(ds, categoryId, date, approvals);
  return {
    binding: r.binding ? mil(r.binding.amount) : null,
    bindingPeriod: r.binding ? `${r.binding.period.start}..${r.binding.period.end}` : null,
    proposed: r.proposed ? mil(r.proposed.amount) : null,
    resolution: r.proposedResolution?.id ?? null,
    rejected: r.rejected.map((c) => c.id),
  };
}

describe('original caps bind over their whole (inclusive) period', () => {
  it.each([
    ['cloud-services', '2025-01-01', '2309.8'],
    ['cloud-services', '2025-12-31', '2309.8'],
    ['cloud-services', '2026-01-01', '3138.3'],
    ['idc-services', '2025-07-29', '41.0'],
    ['idc-services', '2025-12-31', '41.0'],
    ['hardware-equipment', '2025-07-29', '33.5'],
    ['hardware-equipment', '2026-07-28', '6.7'],
  ])('%s on %s: %s binds', (category, date, amount) => {
    expect(caps(category, date).binding).toBe(amount);
  });

  it.each([
    ['cloud-services', '2024-12-31'],
    ['idc-services', '2025-07-28'],
    ['hardware-equipment', '2025-07-28'],
    ['api-services', '2026-04-22'],
    ['cloud-services', '2028-01-01'],
  ])('%s on %s: no cap', (category, date) => {
    expect(caps(category, date)).toEqual({
      binding: null,
      bindingPeriod: null,
      proposed: null,
      resolution: null,
      rejected: [],
    });
  });
});

describe('exempt revised and new caps bind from the announcement date (April 23, 2026)', () => {
  it.each([
    ['idc-services', '2026-01-01', '82.0'],
    ['idc-services', '2026-04-22', '82.0'],
    ['idc-services', '2026-04-23', '100.0'],
    ['idc-services', '2026-12-31', '100.0'],
    ['idc-services', '2027-01-01', '150.0'],
    ['api-services', '2026-04-23', '20.0'],
    ['api-services', '2027-06-30', '50.0'],
  ])('%s on %s: %s binds, nothing proposed', (category, date, amount) => {
    const r = caps(category, date);
    expect(r.binding).toBe(amount);
    expect(r.proposed).toBeNull();
  });

  it('bindsFrom: exempt revision → announcement date; original → period start', () => {
    expect(bindsFrom(cap('idc-2026-revised'), [])).toBe('2026-04-23');
    expect(bindsFrom(cap('idc-2027-revised'), [])).toBe('2027-01-01');
    expect(bindsFrom(cap('idc-2026-original'), [])).toBe('2026-01-01');
    expect(bindsFrom(cap('api-2026-new'), [])).toBe('2026-04-23');
  });

  it('capStanding of the IDC revision the day before and on the announcement date', () => {
    expect(capStanding(cap('idc-2026-revised'), '2026-04-22', [])).toBe('unannounced');
    expect(capStanding(cap('idc-2026-revised'), '2026-04-23', [])).toBe('effective');
  });
});

describe('caps needing independent shareholders’ approval (cloud services)', () => {
  it('before any vote: the original 3,138.3 binds and 4,000.0 is proposed under the AGM resolution', () => {
    expect(caps('cloud-services', '2026-04-23')).toEqual({
      binding: '3138.3',
      bindingPeriod: '2026-01-01..2026-12-31',
      proposed: '4000.0',
      resolution: RES_CLOUD,
      rejected: [],
    });
    expect(caps('cloud-services', '2027-03-01')).toMatchObject({ binding: '4035.1', proposed: '6000.0' });
  });

  it('the day before the announcement the revision is not yet proposed', () => {
    expect(caps('cloud-services', '2026-04-22')).toMatchObject({ binding: '3138.3', proposed: null });
    expect(capStanding(cap('cloud-2026-revised'), '2026-04-22', [])).toBe('unannounced');
  });

  const approval = [approved(RES_CLOUD, '2026-06-30')];
  it.each([
    ['2026-06-29', '3138.3', '4000.0'],
    ['2026-06-30', '4000.0', null],
    ['2026-12-31', '4000.0', null],
    ['2027-01-01', '6000.0', null],
  ])('approved on 2026-06-30 — on %s: binding %s, proposed %s', (date, binding, proposed) => {
    const r = caps('cloud-services', date, approval);
    expect(r.binding).toBe(binding);
    expect(r.proposed).toBe(proposed);
  });

  it('bindsFrom follows the recorded approval date and is null until one is recorded', () => {
    expect(bindsFrom(cap('cloud-2026-revised'), [])).toBeNull();
    expect(bindsFrom(cap('cloud-2026-revised'), approval)).toBe('2026-06-30');
    expect(bindsFrom(cap('cloud-2026-revised'), [rejected(RES_CLOUD, '2026-06-30')])).toBeNull();
  });

  it.each([
    ['2026-06-29', '3138.3', '4000.0', []],
    ['2026-06-30', '3138.3', null, ['cloud-2026-revised']],
    ['2026-11-01', '3138.3', null, ['cloud-2026-revised']],
    ['2027-01-01', '4035.1', null, ['cloud-2027-revised']],
  ])('rejected on 2026-06-30 — on %s: original %s keeps binding, proposed %s', (date, binding, proposed, rej) => {
    const r = caps('cloud-services', date, [rejected(RES_CLOUD, '2026-06-30')]);
    expect(r.binding).toBe(binding);
    expect(r.proposed).toBe(proposed);
    expect(r.rejected).toEqual(rej);
  });

  it('an approval of another resolution does not move the cloud cap', () => {
    expect(caps('cloud-services', '2026-07-01', [approved(RES_HARDWARE, '2026-06-30')])).toMatchObject({
      binding: '3138.3',
      proposed: '4000.0',
    });
  });
});

describe('hardware: a revision that changes the period itself (6.7 for Jan 1 – Jul 28 → 1,000.0 for 2026)', () => {
  it.each([
    ['2026-01-01', '6.7', '2026-01-01..2026-07-28', '1000.0'],
    ['2026-04-22', '6.7', '2026-01-01..2026-07-28', null],
    ['2026-04-23', '6.7', '2026-01-01..2026-07-28', '1000.0'],
    ['2026-07-28', '6.7', '2026-01-01..2026-07-28', '1000.0'],
    ['2026-07-29', null, null, '1000.0'],
    ['2026-09-01', null, null, '1000.0'],
  ])('without approval — on %s: binding %s (%s), proposed %s', (date, binding, period, proposed) => {
    const r = caps('hardware-equipment', date);
    expect(r.binding).toBe(binding);
    expect(r.bindingPeriod).toBe(period);
    // Jan 1 is before the announcement: nothing is proposed yet then.
    expect(r.proposed).toBe(date < '2026-04-23' ? null : proposed);
  });

  const approval = [approved(RES_HARDWARE, '2026-06-30')];
  it.each([
    ['2026-06-29', '6.7', '2026-01-01..2026-07-28', '1000.0'],
    ['2026-06-30', '1000.0', '2026-01-01..2026-12-31', null],
    ['2026-07-28', '1000.0', '2026-01-01..2026-12-31', null],
    ['2026-09-01', '1000.0', '2026-01-01..2026-12-31', null],
    ['2027-01-01', '1500.0', '2027-01-01..2027-12-31', null],
  ])('approved on 2026-06-30 — on %s: binding %s (%s), proposed %s', (date, binding, period, proposed) => {
    const r = caps('hardware-equipment', date, approval);
    expect(r.binding).toBe(binding);
    expect(r.bindingPeriod).toBe(period);
    expect(r.proposed).toBe(proposed);
  });

  it('2027 without approval: the new 1,500.0 cap is only proposed, nothing binds', () => {
    expect(caps('hardware-equipment', '2027-02-01')).toMatchObject({
      binding: null,
      proposed: '1500.0',
      resolution: RES_HARDWARE,
    });
  });

  it('status on 2026-09-01 without approval and without ledger: no cap in force (never ok), the AGM date has passed', () => {
    const s = categoryStatus(ctx(), 'hardware-equipment', '2026-09-01');
    expect(s.binding).toBeNull();
    expect(mil(s.proposed!.cap.amount)).toBe('1000.0');
    expect(s.period).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(s.capState).toBe('no-cap');
    expect(s.alert).toBeNull();
    expect(s.displayStatus).toBe('no-cap');
    expect(s.meetingPrompt).toMatchObject({ meetingDate: '2026-06-30' });
    expect(s.meetingPrompt!.resolution.id).toBe(RES_HARDWARE);
  });

  it('status on 2026-09-01 without approval, with ledger amounts after July 28: uncapped (worse than exceeded)', () => {
    const ledger = ledgerOf({
      'hardware-equipment': [
        ['2026-05-10', '5.0'],
        ['2026-08-15', '2.0'],
      ],
    });
    const s = categoryStatus(ctx({ ledger }), 'hardware-equipment', '2026-09-01');
    expect(s.binding).toBeNull();
    expect(mil(s.actual)).toBe('7.0');
    expect(s.alert).toBe('uncapped');
    expect(s.displayStatus).toBe('uncapped');
    // Only the 2.0 of August 15 had no cap: the 5.0 of May 10 sat under the 6.7.
    expect(mil(s.uncapped.amount)).toBe('2.0');
    expect(s.uncapped.count).toBe(1);
    expect(s.uncapped.firstDate).toBe('2026-08-15');
    expect(s.uncapped.spans).toMatchObject([{ start: '2026-07-29', end: '2026-09-01', capState: 'no-cap' }]);
  });

  it('ledger amounts only before July 28 (within 6.7): not exceeded on 2026-09-01', () => {
    const ledger = ledgerOf({
      'hardware-equipment': [
        ['2026-05-10', '5.0'],
        ['2026-07-28', '1.0'],
      ],
    });
    const s = categoryStatus(ctx({ ledger }), 'hardware-equipment', '2026-09-01');
    expect(mil(s.actual)).toBe('6.0');
    expect(s.uncapped.count).toBe(0);
    expect(s.alert).toBeNull();
    expect(s.displayStatus).toBe('no-cap');
  });

  it('after approval the same ledger sits under the 1,000.0 cap: ok', () => {
    const ledger = ledgerOf({
      'hardware-equipment': [
        ['2026-05-10', '5.0'],
        ['2026-08-15', '2.0'],
      ],
    });
    const s = categoryStatus(ctx({ ledger, approvals: approval }), 'hardware-equipment', '2026-09-01');
    expect(mil(s.binding!.cap.amount)).toBe('1000.0');
    expect(mil(s.actual)).toBe('7.0');
    expect(mil(s.binding!.headroom!)).toBe('993.0');
    expect(s.alert).toBe('ok');
    expect(s.displayStatus).toBe('ok');
  });

  it('rejected: after July 28 no cap exists, so amounts transacted then are a breach', () => {
    const ledger = ledgerOf({
      'hardware-equipment': [
        ['2026-05-10', '5.0'],
        ['2026-08-15', '2.0'],
      ],
    });
    const s = categoryStatus(
      ctx({ ledger, approvals: [rejected(RES_HARDWARE, '2026-06-30')] }),
      'hardware-equipment',
      '2026-09-01',
    );
    expect(s.binding).toBeNull();
    expect(s.proposed).toBeNull();
    expect(s.caps.rejected.map((c) => c.id)).toEqual(['hardware-2026-revised']);
    expect(mil(s.actual)).toBe('7.0');
    expect(s.alert).toBe('uncapped');
    expect(s.displayStatus).toBe('uncapped');
    expect(mil(s.uncapped.amount)).toBe('2.0');
    expect(s.meetingPrompt).toBeNull(); // the outcome is recorded
  });

  it('rejected, nothing transacted after July 28: no cap, not exceeded', () => {
    const s = categoryStatus(
      ctx({ approvals: [rejected(RES_HARDWARE, '2026-06-30')] }),
      'hardware-equipment',
      '2026-09-01',
    );
    expect(s.alert).toBeNull();
    expect(s.displayStatus).toBe('no-cap');
  });
});

describe('capLines', () => {
  it('groups each revision with the cap it supersedes, ordered by period start', () => {
    const ids = (cat: string) => capLines(ds, cat).map((line) => line.map((c) => c.id));
    expect(ids('hardware-equipment')).toEqual([
      ['hardware-2025-original'],
      ['hardware-2026-original', 'hardware-2026-revised'],
      ['hardware-2027-new'],
    ]);
    expect(ids('cloud-services')).toEqual([
      ['cloud-2025-original'],
      ['cloud-2026-original', 'cloud-2026-revised'],
      ['cloud-2027-original', 'cloud-2027-revised'],
    ]);
    expect(ids('api-services')).toEqual([['api-2026-new'], ['api-2027-new']]);
  });
});
