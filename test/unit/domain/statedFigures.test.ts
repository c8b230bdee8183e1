/**
 * Every ratio the announcement states outright is re-derived from the typed
 * data through the engine and compared with the printed figure.
 */
import { describe, expect, it } from 'vitest';
import { actualForSpan } from '../../../src/domain/actuals';
import { categoryStatus } from '../../../src/domain/engine';
import { percentString } from '../../../src/domain/format';
import { ytdGrowth, yoyGrowth } from '../../../src/domain/growth';
import type { StatedFigure } from '../../../src/domain/model';
import { ctx, ds, mil } from './fixtures';

function stated(id: string): StatedFigure {
  const f = ds.statedFigures.find((s) => s.id === id);
  if (!f) throw new Error(`stated figure ${id} missing from the dataset`);
  return f;
}

function historical(id: string) {
  const h = ds.historicals.find((x) => x.id === id);
  if (!h) throw new Error(`historical ${id} missing`);
  return h;
}

/** How each stated figure is derived: through the engine, from the typed data only. */
const derivations: Record<string, () => string | null> = {
  'cloud-2025-utilisation': () => {
    // Status on the last day of 2025: the 2025 cap binds and the audited full-year amount is known.
    const s = categoryStatus(ctx(), 'cloud-services', '2025-12-31');
    return percentString(s.binding?.utilisation ?? null);
  },
  'cloud-2025-vs-2024': () => percentString(yoyGrowth(ds, undefined, 'cloud-services', '2026-04-23')?.rate ?? null),
  'cloud-2026-ytd-vs-2025': () =>
    percentString(ytdGrowth(ds, undefined, 'cloud-services', '2026-01-01', '2026-04-23')?.rate ?? null),
};

describe('stated figures of the announcement', () => {
  it('every stated figure has a derivation (a new one cannot slip in untested)', () => {
    expect(ds.statedFigures.map((f) => f.id).sort()).toEqual(Object.keys(derivations).sort());
  });

  it.each(ds.statedFigures.map((f) => [f.id, f] as const))('%s derives to the printed percent', (id, figure) => {
    expect(derivations[id]!()).toBe(figure.percent);
  });

  it('utilisation of the 2025 cloud-services cap: 2,255.2 / 2,309.8 = 97.6%', () => {
    const s = categoryStatus(ctx(), 'cloud-services', '2025-12-31');
    expect(s.binding!.cap.id).toBe('cloud-2025-original');
    expect(s.binding!.cap.amount).toBe(ds.caps.find((c) => c.id === 'cloud-2025-original')!.amount);
    expect(s.actual).toBe(historical('cloud-2025-full').amount);
    expect(mil(s.binding!.cap.amount)).toBe('2309.8');
    expect(mil(s.actual)).toBe('2255.2');
    expect(s.binding!.utilisation!.toFixed(4)).toBe('0.9764');
    expect(percentString(s.binding!.utilisation)).toBe(stated('cloud-2025-utilisation').percent);
    expect(s.binding!.alert).toBe('threshold');
  });

  it('2025 vs 2024: 2,255.2 vs 1,273.8 = +77.0%, both through the status of April 23, 2026', () => {
    const s = categoryStatus(ctx(), 'cloud-services', '2026-04-23');
    expect(s.yoy).not.toBeNull();
    expect(s.yoy!.span).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    expect(s.yoy!.priorSpan).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(s.yoy!.current).toBe(historical('cloud-2025-full').amount);
    expect(s.yoy!.prior).toBe(historical('cloud-2024-full').amount);
    expect(mil(s.yoy!.prior)).toBe('1273.8');
    expect(percentString(s.yoy!.rate)).toBe(stated('cloud-2025-vs-2024').percent);
  });

  it('Jan 1 – Apr 23, 2026 vs the same span of 2025: 749.1 vs 413.0 = +81.4%', () => {
    const s = categoryStatus(ctx(), 'cloud-services', '2026-04-23');
    expect(s.ytd).not.toBeNull();
    expect(s.ytd!.span).toEqual({ start: '2026-01-01', end: '2026-04-23' });
    expect(s.ytd!.priorSpan).toEqual({ start: '2025-01-01', end: '2025-04-23' });
    expect(s.ytd!.current).toBe(historical('cloud-2026-ytd').amount);
    expect(s.ytd!.prior).toBe(historical('cloud-2025-ytd-apr23').amount);
    expect(mil(s.ytd!.current)).toBe('749.1');
    expect(mil(s.ytd!.prior)).toBe('413.0');
    expect(percentString(s.ytd!.rate)).toBe(stated('cloud-2026-ytd-vs-2025').percent);
  });

  it.each([
    ['cloud-services', '749.1', '3138.3'],
    ['idc-services', '14.1', '82.0'],
    ['hardware-equipment', '0.0', '6.7'],
  ])(
    '%s: disclosed 2026 amount to April 23 (%s) has not exceeded its original 2026 cap (%s), as stated',
    (id, amount, cap) => {
      const original = ds.caps.find(
        (c) => c.categoryId === id && c.kind === 'original' && c.period.start === '2026-01-01',
      )!;
      const a = actualForSpan(ds, undefined, id, { start: '2026-01-01', end: '2026-04-23' });
      expect(a.basis).toBe('disclosed');
      expect(mil(a.amount)).toBe(amount);
      expect(mil(original.amount)).toBe(cap);
      expect(a.amount <= original.amount).toBe(true);
    },
  );
});
