import { describe, expect, it } from 'vitest';
import { shortPeriodLabel } from '../../../../src/domain/series';
import { breakablePeriodLabel, tickWidth } from '../../../../src/ui/charts/PeriodCapsChart';

/** The period chart's axis labels wrap inside their own band, in both languages. */
describe('period chart tick labels', () => {
  it('wrap within their band on a phone, at most 150 px wide on a wide chart', () => {
    // A 390 px phone: the plot is about 290 px wide for three periods.
    expect(tickWidth(290, 3)).toBeCloseTo(290 / 3 - 6, 6);
    expect(tickWidth(700, 3)).toBe(150);
    expect(tickWidth(100, 4)).toBe(72);
    expect(tickWidth(undefined, 3)).toBe(150);
  });

  it('may break a Chinese period after 至, and leave an English one as it is', () => {
    const zh = shortPeriodLabel({ start: '2025-07-29', end: '2025-12-31' }, 'zh');
    expect(zh).toBe('2025年7月29日至12月31日');
    expect(breakablePeriodLabel(zh)).toBe('2025年7月29日至 12月31日');
    const en = shortPeriodLabel({ start: '2025-07-29', end: '2025-12-31' }, 'en');
    expect(breakablePeriodLabel(en)).toBe(en);
    expect(breakablePeriodLabel('2026年')).toBe('2026年');
  });
});
