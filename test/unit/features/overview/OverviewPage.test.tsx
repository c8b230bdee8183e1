import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { OverviewPage } from '../../../../src/features/overview/OverviewPage';
import { recordApproval } from '../../../../src/storage/approvals';
import { saveRegisterAgreement } from '../../../../src/storage/register';
import { useLocaleStore } from '../../../../src/ui/i18n';
import { harbour } from '../../domain/register/registerFixture';
import { freshDb, renderAt } from '../render';

async function card(id: string) {
  return within(await screen.findByTestId(`card-${id}`));
}

describe('overview cards', { timeout: 30_000 }, () => {
  beforeEach(() => {
    freshDb();
    useLocaleStore.setState({ locale: 'en' });
  });

  it('cloud services on April 23, 2026: binding 3,138.3, proposed 4,000.0 awaiting the AGM, actual 749.1, 23.9%, YTD +81.4%', async () => {
    renderAt(<OverviewPage />, '/?asOf=2026-04-23');
    const c = await card('cloud-services');
    expect(c.getByTestId('binding-cap')).toHaveTextContent('3,138.3');
    expect(c.getByTestId('proposed-cap')).toHaveTextContent('4,000.0');
    expect(c.getByText('Awaits independent shareholders, AGM of June 30, 2026')).toBeInTheDocument();
    expect(c.getByTestId('actual')).toHaveTextContent('749.1');
    expect(c.getByText(/through April 23, 2026 · disclosed \(unaudited\)/)).toBeInTheDocument();
    expect(c.getByRole('meter', { name: 'Utilisation of the binding cap' })).toHaveAttribute(
      'aria-valuetext',
      '23.9% of the cap used; alert threshold 80.0%',
    );
    expect(c.getByText('23.9% of the binding cap')).toBeInTheDocument();
    expect(c.getByTestId('ytd-growth')).toHaveTextContent('+81.4%');
    expect(c.getByText('+77.0%')).toBeInTheDocument(); // 2025 vs 2024
    // Headroom 3,138.3 − 749.1 and the 80% alert amount.
    expect(c.getByText('2,389.2')).toBeInTheDocument();
    expect(c.getByText('2,510.6')).toBeInTheDocument();
    // Status is text plus icon, not colour alone.
    expect(c.getByText('Awaiting approval')).toBeInTheDocument();
    // Seasonal projection 749.1 × 2,255.2 ÷ 413.0 = 4,090.5; 80% of the binding cap on September 3, 2026.
    const projection = within(c.getByRole('table', { name: 'Projection' }));
    expect(projection.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Seasonal', 'Linear']);
    const cells = (row: string) => projection.getByRole('row', { name: new RegExp(`^${row}`) }).querySelectorAll('td');
    expect([...cells('Period end')].map((td) => td.textContent)).toEqual(['4,090.5', '2,419.7']);
    expect([...cells('Reaches threshold')].map((td) => td.textContent)).toEqual([
      'Sep 3, 2026',
      'not within the period',
    ]);
    expect([...cells('Reaches binding cap')].map((td) => td.textContent)).toEqual([
      'Oct 21, 2026',
      'not within the period',
    ]);
    expect([...cells('Reaches proposed cap')].map((td) => td.textContent)).toEqual([
      'Dec 25, 2026',
      'not within the period',
    ]);
    // Links to the agreement page section.
    expect(c.getByRole('link', { name: 'Charts and history of Cloud services' })).toHaveAttribute(
      'href',
      '/agreements/xiaomi-framework-2024?asOf=2026-04-23#cloud-services',
    );
  });

  it('groups cards by agreement with the relationship and data freshness in the heading', async () => {
    renderAt(<OverviewPage />, '/?asOf=2026-04-23');
    await screen.findByTestId('card-cloud-services');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Kingsoft Cloud Holdings Limited · Xiaomi Corporation',
    );
    expect(screen.getByText(/approximately 10.29% of the Shares/)).toBeInTheDocument();
    expect(screen.getByText('Position as of April 23, 2026')).toBeInTheDocument();
    expect(screen.getByText('Disclosed amounts up to April 23, 2026')).toBeInTheDocument();
    const second = screen.getByRole('region', {
      name: '2025 Xiaomi Cooperation Framework Agreement (as supplemented)',
    });
    expect(
      within(second)
        .getAllByRole('article')
        .map((a) => a.getAttribute('data-testid')),
    ).toEqual(['card-idc-services', 'card-hardware-equipment', 'card-api-services']);
    // IDC: the exempt revision to 100.0 binds from April 23; expected ≈90.0 leaves +11.1%.
    const idc = await card('idc-services');
    expect(idc.getByTestId('binding-cap')).toHaveTextContent('100.0');
    expect(idc.getByText('14.1% of the binding cap')).toBeInTheDocument();
    expect(idc.getByText('binding cap 100.0 over the expected ≈90.0: +11.1%')).toBeInTheDocument();
    expect(idc.getByTestId('ytd-growth')).toHaveTextContent('n/a');
    expect(idc.getByText('Procured by the Group', { exact: false })).toBeInTheDocument();
    // API: cap in force, but nothing is disclosed or recorded for its period: no data, not 0.0%.
    const api = await card('api-services');
    expect(api.getByTestId('actual')).toHaveTextContent('No data for this span');
    expect(api.getByText('No data for this span', { selector: '.status span' })).toBeInTheDocument();
    expect(api.getByTestId('no-data-note')).toHaveTextContent('No data for April 23, 2026 – April 23, 2026');
    expect(api.getByTestId('binding-cap')).toHaveTextContent('20.0');
  });

  it('cloud services on December 31, 2025: 97.6% of the 2025 cap, at threshold', async () => {
    renderAt(<OverviewPage />, '/?asOf=2025-12-31');
    const c = await card('cloud-services');
    expect(c.getByText('97.6% of the binding cap')).toBeInTheDocument();
    expect(c.getByText('At threshold')).toBeInTheDocument();
    expect(c.getByTestId('binding-cap')).toHaveTextContent('2,309.8');
    expect(c.getByTestId('actual')).toHaveTextContent('2,255.2');
    expect(c.getByText(/disclosed \(audited\)/)).toBeInTheDocument();
    expect(c.getByTestId('ytd-growth')).toHaveTextContent('+77.0%');
    // Hardware also stood at 29.6 of 33.5 (88.4%) for July 29 – December 31, 2025.
    expect(screen.getByText('2 × At threshold')).toBeInTheDocument();
    expect((await card('hardware-equipment')).getByText('88.4% of the binding cap')).toBeInTheDocument();
    // API services had no cap before the supplemental agreement.
    const api = await card('api-services');
    expect(api.getByText('No cap in force', { selector: '.status span' })).toBeInTheDocument();
  });

  it('hardware on April 23, 2026: the 6.7 cap (to July 28) is not compared with the year’s ≈930.0 — periods differ', async () => {
    renderAt(<OverviewPage />, '/?asOf=2026-04-23');
    const c = await card('hardware-equipment');
    expect(
      c.getByText(
        'binding cap 6.7 (January 1, 2026 – July 28, 2026) and the expected ≈930.0 (January 1, 2026 – December 31, 2026): periods differ, no buffer',
      ),
    ).toBeInTheDocument();
    expect(c.getByText('proposed cap 1,000.0 over the expected ≈930.0: +7.5%')).toBeInTheDocument();
    expect(c.queryByText(/-99\.3%|−99\.3%/)).toBeNull();
  });

  it('hardware on September 1, 2026: the 6.7 cap ended July 28, no cap in force, 1,000.0 awaiting approval', async () => {
    renderAt(<OverviewPage />, '/?asOf=2026-09-01');
    const c = await card('hardware-equipment');
    expect(c.getByTestId('binding-cap')).toHaveTextContent('No cap in force');
    expect(c.getByText('The cap for January 1, 2026 – July 28, 2026 has ended.')).toBeInTheDocument();
    // No cap is in force (never "ok" or merely "awaiting"), and the June 30 AGM has passed unrecorded.
    expect(c.getByText('No cap in force', { selector: '.status span' })).toBeInTheDocument();
    expect(c.getByTestId('meeting-passed-note')).toHaveTextContent(
      'The AGM of June 30, 2026 was expected on June 30, 2026; no outcome is recorded. Record the outcome',
    );
    expect(c.getByRole('link', { name: 'Record the outcome' })).toHaveAttribute(
      'href',
      '/agreements/xiaomi-cooperation-framework-2025?asOf=2026-09-01#approvals-xiaomi-cooperation-framework-2025',
    );
    expect(c.getByTestId('proposed-cap')).toHaveTextContent('1,000.0');
    // Expected ≈930.0 in 2026: the proposed 1,000.0 leaves +7.5%.
    expect(c.getByText('proposed cap 1,000.0 over the expected ≈930.0: +7.5%')).toBeInTheDocument();
    expect(c.getByText(/Latest figure 131 days before the as-of date/)).toBeInTheDocument();
  });

  it('after the hardware resolution is approved at the AGM, 1,000.0 binds and nothing is proposed', async () => {
    await recordApproval({ resolutionId: 'agm-2026-hardware-equipment', outcome: 'approved', date: '2026-06-30' });
    renderAt(<OverviewPage />, '/?asOf=2026-09-01');
    const c = await card('hardware-equipment');
    expect(c.getByTestId('binding-cap')).toHaveTextContent('1,000.0');
    expect(c.getByText('Within threshold')).toBeInTheDocument();
    expect(c.getByText('0.0% of the binding cap')).toBeInTheDocument();
  });

  it('shows a loading state before stored data is read, then the figures', async () => {
    renderAt(<OverviewPage />, '/?asOf=2026-04-23');
    expect(screen.getByRole('status')).toHaveTextContent('Loading figures…');
    expect(await screen.findByTestId('card-cloud-services')).toBeInTheDocument();
  });

  it('a saved 90% threshold moves the alert amount and is kept', async () => {
    const user = userEvent.setup();
    renderAt(<OverviewPage />, '/?asOf=2025-12-31');
    await screen.findByTestId('card-cloud-services');
    await user.click(screen.getByRole('button', { name: 'Alert threshold 80.0%' }));
    const input = screen.getByLabelText('Threshold (% of the cap)');
    await user.clear(input);
    await user.type(input, '98');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const c = await card('cloud-services');
    // 97.6% is below a 98% threshold: within threshold; alert at 98% of 2,309.8 = 2,263.6.
    expect(await c.findByText('Within threshold')).toBeInTheDocument();
    expect(c.getByText('2,263.6')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Alert threshold 98.0%' })).toBeInTheDocument();
  });

  it('rejects a threshold above 100% with a clear message and keeps the old one', async () => {
    const user = userEvent.setup();
    renderAt(<OverviewPage />, '/?asOf=2025-12-31');
    await screen.findByTestId('card-cloud-services');
    await user.click(screen.getByRole('button', { name: 'Alert threshold 80.0%' }));
    const input = screen.getByLabelText('Threshold (% of the cap)');
    await user.clear(input);
    await user.type(input, '120');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('at most 100');
    expect(screen.getByRole('button', { name: 'Alert threshold 80.0%' })).toBeInTheDocument();
  });

  it('speaks Simplified Chinese', async () => {
    useLocaleStore.setState({ locale: 'zh' });
    renderAt(<OverviewPage />, '/?asOf=2026-04-23');
    const c = await card('cloud-services');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('金山云控股有限公司 · 小米集团');
    expect(screen.getByText('截至2026年4月23日的状况')).toBeInTheDocument();
    expect(c.getByText('待批准')).toBeInTheDocument();
    expect(c.getByText('已使用生效上限的23.9%')).toBeInTheDocument();
    expect(c.getByText('待独立股东批准（2026年6月30日股东周年大会）')).toBeInTheDocument();
  });

  it('another company’s agreement in the register: a generic title, each agreement naming its parties and unit', async () => {
    await saveRegisterAgreement(harbour);
    renderAt(<OverviewPage />, '/?asOf=2026-06-30');
    await card('u-harbour-services-framework--warehousing');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/^Connected-transaction caps$/);
    const section = (name: string) => within(screen.getByRole('region', { name }));
    const harbourSection = section('Harbour Services Framework Agreement');
    expect(harbourSection.getByTestId('agreement-parties')).toHaveTextContent(
      /^Harbour Logistics Holdings Limited · Harbour Parent Group$/,
    );
    expect(harbourSection.getByTestId('agreement-unit')).toHaveTextContent('HK$ million');
    const cloud = section('2025 Xiaomi Cooperation Framework Agreement (as supplemented)');
    expect(cloud.getByTestId('agreement-parties')).toHaveTextContent(
      /^Kingsoft Cloud Holdings Limited · Xiaomi Corporation — .*approximately 10.29% of the Shares/,
    );
    expect(cloud.getByTestId('agreement-unit')).toHaveTextContent('RMB million');

    useLocaleStore.setState({ locale: 'zh' });
    expect(await screen.findByRole('heading', { level: 1, name: '关连交易上限' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '港湾服务框架协议' })).toHaveTextContent(
      '港湾物流控股有限公司 · 港湾母集团',
    );
  });

  it('the next announcement of the same two companies keeps the page titled after them', async () => {
    await saveRegisterAgreement({
      ...harbour,
      issuer: { en: 'Kingsoft Cloud Holdings Limited', zh: '' },
      counterparty: { en: 'xiaomi  corporation', zh: '' },
    });
    renderAt(<OverviewPage />, '/?asOf=2026-06-30');
    await card('u-harbour-services-framework--warehousing');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Kingsoft Cloud Holdings Limited · Xiaomi Corporation',
    );
    expect(screen.queryByTestId('agreement-parties')).not.toBeInTheDocument();
  });
});
