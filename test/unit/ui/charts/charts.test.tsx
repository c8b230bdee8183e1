import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import { kingsoftCloudXiaomi2026 as ds } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { cumulativeSeries, periodSeries, ytdComparison } from '../../../../src/domain/series';
import { CumulativeChart } from '../../../../src/ui/charts/CumulativeChart';
import { PeriodCapsChart } from '../../../../src/ui/charts/PeriodCapsChart';
import { YtdChart } from '../../../../src/ui/charts/YtdChart';
import { useLocaleStore } from '../../../../src/ui/i18n';
import { MemoryRouter } from 'react-router';

const ctx = { dataset: ds, approvals: [] };

/** Text of every SVG <text> the chart drew. */
function svgTexts(container: HTMLElement): string[] {
  return [...container.querySelectorAll('svg text')].map((t) => t.textContent ?? '').filter(Boolean);
}

describe('shared charts at a fixed size (print / export)', () => {
  beforeEach(() => useLocaleStore.setState({ locale: 'en' }));

  it('PeriodCapsChart draws every cap marker, the actual bars and an axis that reaches past the largest cap', () => {
    const { container } = render(
      <MemoryRouter>
        <PeriodCapsChart
          series={periodSeries(ctx, 'cloud-services', '2026-04-23')}
          categoryName="Cloud services"
          title="Caps"
          width={640}
          height={300}
        />
      </MemoryRouter>,
    );
    const texts = svgTexts(container);
    for (const v of ['2,309.8', '3,138.3', '4,000.0', '4,035.1', '6,000.0', '2,255.2', '749.1'])
      expect(texts).toContain(v);
    // Y ticks 0–8,000: the 6,000.0 cap sits under the top of the axis.
    expect(texts).toEqual(expect.arrayContaining(['0', '2,000', '4,000', '6,000', '8,000']));
    expect(screen.getByRole('img')).toHaveAccessibleName(
      /^Cloud services: actual amount against the original and revised caps/,
    );
    expect(screen.getByRole('table', { name: 'Caps' })).toBeInTheDocument();
  });

  it('CumulativeChart draws the month axis and the cap levels as lines; the legend names their amounts', () => {
    const { container } = render(
      <MemoryRouter>
        <CumulativeChart
          series={cumulativeSeries(ctx, 'cloud-services', '2026-04-23', 'seasonal')!}
          categoryName="Cloud services"
          threshold={new Decimal('0.8')}
          width={640}
          height={300}
        />
      </MemoryRouter>,
    );
    const texts = svgTexts(container);
    expect(texts).toEqual(expect.arrayContaining(['Jan', 'Apr', 'Dec', '5,000', 'As of']));
    // Binding, proposed and threshold reference lines (three horizontal lines across the plot).
    expect(container.querySelectorAll('.recharts-reference-line').length).toBeGreaterThanOrEqual(4);
    expect(screen.getByText('Binding cap 3,138.3')).toBeInTheDocument();
    expect(screen.getByText('Proposed cap 4,000.0')).toBeInTheDocument();
    expect(screen.getByText('Threshold (80.0%) 2,510.6')).toBeInTheDocument();
    expect(
      screen.getByText('Projected (seasonal): threshold reached September 3, 2026; cap reached October 21, 2026.'),
    ).toBeInTheDocument();
  });

  it('YtdChart prints both years and the growth under each pair', () => {
    const { container } = render(
      <MemoryRouter>
        <YtdChart
          series={ytdComparison(ctx, 'cloud-services', '2026-04-23')}
          categoryName="Cloud services"
          width={640}
          height={260}
        />
      </MemoryRouter>,
    );
    const texts = svgTexts(container);
    for (const v of ['413.0', '749.1', '1,273.8', '2,255.2', 'Growth +81.4%', 'Growth +77.0%'])
      expect(texts).toContain(v);
  });
});
