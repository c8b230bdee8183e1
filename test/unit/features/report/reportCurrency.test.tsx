/**
 * The directors' report, monthly report, their CSV / .xlsx exports and the
 * slides with an HK$ agreement added in the cap register: every unit label of
 * the HK$ category says HK$, the built-in categories keep RMB, and a table
 * mixing both names each row's currency.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MonthlyReportPage } from '../../../../src/features/report/MonthlyReportPage';
import { ReportPage } from '../../../../src/features/report/ReportPage';
import { PresentPage } from '../../../../src/features/present/PresentPage';
import { saveRegisterAgreement } from '../../../../src/storage/register';
import { useLocaleStore } from '../../../../src/ui/i18n';
import { harbour } from '../../domain/register/registerFixture';
import { freshDb, renderAt } from '../render';

const saved: { blob: Blob; name: string }[] = [];
vi.mock('../../../../src/ui/export/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/ui/export/download')>()),
  saveBlob: (blob: Blob, name: string) => void saved.push({ blob, name }),
}));

const HARBOUR = 'u-harbour-services-framework--warehousing';

/** The CSV a click on the button saved, as rows of cells (no quoted commas in these tables' first columns). */
async function savedCsv(): Promise<string[][]> {
  await waitFor(() => expect(saved).toHaveLength(1));
  const text = new TextDecoder().decode(await saved[0]!.blob.arrayBuffer());
  return text
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));
}

describe('report, exports and slides with an HK$ register agreement', { timeout: 30_000 }, () => {
  beforeEach(() => {
    freshDb();
    saved.length = 0;
    useLocaleStore.setState({ locale: 'en' });
  });

  it('built-in data alone: the report says RMB million everywhere, as before', async () => {
    renderAt(<ReportPage />, '/report?asOf=2026-06-30');
    const report = await screen.findByTestId('report');
    expect(report).toHaveTextContent('Disclosed amounts up to April 23, 2026. Amounts in RMB million.');
    expect(report.querySelector('style')!.textContent).toContain('Amounts in RMB million unless stated');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download “status table” as CSV' }));
    const [header] = await savedCsv();
    expect(header).toContain('Binding cap (RMB m)');
    expect(header).not.toContain('Currency');
  });

  it('the directors’ report: HK$ million for the harbour category, RMB million for the built-in ones', async () => {
    await saveRegisterAgreement(harbour);
    renderAt(<ReportPage />, '/report?asOf=2026-06-30');
    const report = await screen.findByTestId('report');
    const harbourSection = await waitFor(() => {
      const el = report.querySelector<HTMLElement>(`section.report-category[data-category="${HARBOUR}"]`);
      expect(el).not.toBeNull();
      return el!;
    });
    const cloudSection = report.querySelector<HTMLElement>('section.report-category[data-category="cloud-services"]')!;

    expect(within(harbourSection).getByTestId('category-unit')).toHaveTextContent('Amounts in HK$ million');
    expect(within(cloudSection).getByTestId('category-unit')).toHaveTextContent('Amounts in RMB million');
    // The shared charts carry the unit of their category, and the harbour charts cite its own announcement.
    expect(harbourSection).toHaveTextContent('HK$ million');
    expect(harbourSection).not.toHaveTextContent('RMB million');
    expect(cloudSection).not.toHaveTextContent('HK$');
    // Figures unchanged: 58.3 of the 120.0 cap.
    expect(within(harbourSection).getByTestId('fig-binding')).toHaveTextContent('120.0');
    expect(within(harbourSection).getByTestId('fig-actual')).toHaveTextContent('58.3');
    expect(within(harbourSection).getByTestId('fig-utilisation')).toHaveTextContent('48.6%');

    const units = screen.getAllByTestId('agreement-unit').map((e) => e.textContent);
    expect(units).toEqual(['Amounts in RMB million', 'Amounts in RMB million', 'Amounts in HK$ million']);
    expect(report).toHaveTextContent(
      'Amounts in millions of each agreement’s currency (RMB or HK$), as stated with each agreement.',
    );
    expect(report).not.toHaveTextContent('Amounts in RMB million.');
    expect(report.querySelector('style')!.textContent).toContain('Amounts in millions of each agreement’s currency');
    // The on-screen status table names the currency on each agreement's group row.
    const status = within(screen.getByTestId('status-table'));
    expect(
      status.getByRole('columnheader', { name: 'Harbour Services Framework Agreement · HK$ million' }),
    ).toBeInTheDocument();
    expect(
      status.getByRole('columnheader', { name: /^2025 Xiaomi Cooperation Framework Agreement .*· RMB million$/ }),
    ).toBeInTheDocument();
  });

  it('the status table CSV: a Currency column instead of RMB in the headers; the workbook’s About sheet says so', async () => {
    await saveRegisterAgreement(harbour);
    renderAt(<ReportPage />, '/report?asOf=2026-06-30');
    await waitFor(() =>
      expect(document.querySelector(`section.report-category[data-category="${HARBOUR}"]`)).not.toBeNull(),
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Download “status table” as CSV' }));
    const [header, ...rows] = await savedCsv();
    expect(header).toContain('Currency');
    expect(header).toContain('Binding cap (millions)');
    expect(header!.join(',')).not.toContain('RMB');
    const col = (h: string) => header!.indexOf(h);
    const row = (id: string) => rows.find((r) => r[col('Category id')] === id)!;
    expect(row(HARBOUR)[col('Currency')]).toBe('HK$');
    expect(row(HARBOUR)[col('Binding cap (millions)')]).toBe('120.0');
    expect(row(HARBOUR)[col('Actual (millions)')]).toBe('58.3');
    expect(row('cloud-services')[col('Currency')]).toBe('RMB');
    expect(row('cloud-services')[col('Binding cap (millions)')]).toBe('3138.3');

    saved.length = 0;
    await user.click(screen.getByRole('button', { name: 'Download “status table” as an Excel workbook (.xlsx)' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(new Uint8Array(await saved[0]!.blob.arrayBuffer()), { type: 'array' });
    const about = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.About!, { header: 1 });
    expect(about.find((r) => r[0] === 'Units')?.[1]).toBe(
      'Amounts in millions of each row’s currency, as its Currency column says (one decimal); percentages of the cap.',
    );
    expect(about.find((r) => r[0] === 'Source')?.[1]).toContain('agreements added in the Headroom cap register');
  });

  it('the Chinese report names 港币百万元 for the harbour category and 币种 in the export', async () => {
    await saveRegisterAgreement(harbour);
    useLocaleStore.setState({ locale: 'zh' });
    renderAt(<ReportPage />, '/report?asOf=2026-06-30');
    const report = await screen.findByTestId('report');
    // The category sections follow the cover in a deferred render: wait until it is there.
    const harbourSection = await waitFor(() => {
      const section = report.querySelector<HTMLElement>(`section.report-category[data-category="${HARBOUR}"]`);
      expect(section).not.toBeNull();
      return section!;
    });
    expect(within(harbourSection).getByTestId('category-unit')).toHaveTextContent('金额单位：港币百万元');
    const cloudSection = report.querySelector<HTMLElement>('section.report-category[data-category="cloud-services"]')!;
    expect(within(cloudSection).getByTestId('category-unit')).toHaveTextContent('金额单位：人民币百万元');
    expect(report).toHaveTextContent('金额以各协议币种（人民币或港币）的百万元为单位');
    await userEvent.setup().click(screen.getByRole('button', { name: '将“状态表”下载为CSV' }));
    const [header, ...rows] = await savedCsv();
    expect(header).toContain('币种');
    expect(header).toContain('生效上限（百万元）');
    expect(rows.find((r) => r.includes(HARBOUR))).toContain('港币');
    expect(rows.find((r) => r.includes('cloud-services'))).toContain('人民币');
  });

  it('the monthly report: unit per category, and a Currency column in the all-categories CSV', async () => {
    await saveRegisterAgreement(harbour);
    renderAt(<MonthlyReportPage />, '/report/monthly?asOf=2026-06-30');
    expect(await screen.findByTestId(`unit-${HARBOUR}`)).toHaveTextContent('Amounts in HK$ million');
    expect(screen.getByTestId('unit-cloud-services')).toHaveTextContent('Amounts in RMB million');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download “monthly report” as CSV' }));
    const [header, ...rows] = await savedCsv();
    expect(header!.slice(0, 9)).toEqual([
      'Category',
      'Category id',
      'Month',
      'From',
      'To',
      'Currency',
      'Amount (millions)',
      'Amount covers from',
      'Amount covers to',
    ]);
    expect(header).toContain('Cumulative (millions)');
    expect(header).toContain('Binding cap (millions)');
    const june = (id: string) => rows.find((r) => r[1] === id && r[2] === '2026-06')!;
    expect(june(HARBOUR)[5]).toBe('HK$');
    // The harbour disclosure: 58.3 for January 1 – June 30, 2026, known only at June 30.
    expect(june(HARBOUR)[header!.indexOf('Cumulative (millions)')]).toBe('58.3');
    expect(june(HARBOUR)[header!.indexOf('Binding cap (millions)')]).toBe('120.0');
    expect(june('cloud-services')[5]).toBe('RMB');
  });

  it('the monthly report without register agreements keeps RMB in the headers', async () => {
    renderAt(<MonthlyReportPage />, '/report/monthly?asOf=2026-06-30');
    await screen.findByTestId('unit-cloud-services');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download “monthly report” as CSV' }));
    const [header] = await savedCsv();
    expect(header).toEqual(expect.arrayContaining(['Amount (RMB m)', 'Cumulative (RMB m)', 'Binding cap (RMB m)']));
    expect(header).not.toContain('Currency');
  });

  it('slides: the harbour slide says HK$ million, the cloud slide RMB million; summary tiles name their unit', async () => {
    await saveRegisterAgreement(harbour);
    const first = renderAt(<PresentPage />, '/present?asOf=2026-06-30&slide=1');
    const tile = await waitFor(() => {
      const el = document.querySelector<HTMLElement>(`.tile[data-category="${HARBOUR}"]`);
      expect(el).not.toBeNull();
      return el!;
    });
    expect(tile).toHaveTextContent('of the binding cap 120.0 HK$ m');
    expect(document.querySelector('.tile[data-category="cloud-services"]')).toHaveTextContent(
      'of the binding cap 3,138.3 RMB m',
    );
    const order = [...document.querySelectorAll('.tile')].map((e) => e.getAttribute('data-category'));
    first.unmount();

    const slideOf = async (id: string) => {
      const r = renderAt(<PresentPage />, `/present?asOf=2026-06-30&slide=${order.indexOf(id) + 2}`);
      const el = await screen.findByTestId('slide-unit');
      expect(document.querySelector('.slide-category')).toHaveAttribute('data-category', id);
      const text = { unit: el.textContent, slide: document.querySelector('.slide-category')!.textContent ?? '' };
      r.unmount();
      return text;
    };
    const h = await slideOf(HARBOUR);
    expect(h.unit).toBe('HK$ million');
    expect(h.slide).not.toContain('RMB');
    expect((await slideOf('cloud-services')).unit).toBe('RMB million');
  });
});
