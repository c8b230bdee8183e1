/**
 * The monthly report lists the open items (connected-person rows no rule
 * classified) and states the cap basis per agreement, on the page and in its
 * CSV and .xlsx exports, in English and Chinese.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { kingsoftCloudXiaomi2026 } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { toDayNumber } from '../../../../src/domain/dates';
import { MonthlyReportPage } from '../../../../src/features/report/MonthlyReportPage';
import { addOpenItems, loadConnectedConfig, saveConnectedConfig } from '../../../../src/storage/parties';
import type { OpenItemRecord } from '../../../../src/storage/partiesTypes';
import { useLocaleStore } from '../../../../src/ui/i18n';
import { freshDb, renderAt } from '../render';

const saved: { blob: Blob; name: string }[] = [];
vi.mock('../../../../src/ui/export/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/ui/export/download')>()),
  saveBlob: (blob: Blob, name: string) => void saved.push({ blob, name }),
}));

async function savedCsv(): Promise<string[][]> {
  await waitFor(() => expect(saved).toHaveLength(1));
  const text = new TextDecoder().decode(await saved[0]!.blob.arrayBuffer());
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));
}

const item = (
  row: number,
  date: string,
  amountMinor: number,
  counterparty: string,
  status: 'open' | 'assigned' = 'open',
): OpenItemRecord => ({
  id: `raw-1:${row}`,
  importId: 'raw-1',
  fileName: 'kingdee-receivables.xlsx',
  row,
  day: toDayNumber(date),
  amountMinor,
  entityId: 'xiaomi-ev',
  counterparty,
  code: 'C1003',
  reference: `记-${row}`,
  description: '技术支持',
  headers: [],
  cells: [],
  status,
  createdAt: '2026-06-30T00:00:00.000Z',
});

describe('monthly report: open items and the cap basis', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    freshDb();
    saved.length = 0;
    useLocaleStore.setState({ locale: 'en' });
    // Kingdee row 16: 小米汽车 技术支持, RMB 84,800.00, no rule; a later row falls after the as-of date.
    await addOpenItems(
      [
        item(16, '2026-03-18', 8_480_000, '小米汽车科技有限公司'),
        item(30, '2026-07-02', 1_000_000, '小米汽车科技有限公司'),
        item(9, '2026-01-08', 500_000, '小米汽车科技有限公司', 'assigned'),
      ],
      'kingdee-receivables.xlsx',
    );
    const config = await loadConnectedConfig();
    await saveConnectedConfig(
      {
        ...config,
        capBasis: {
          ...config.capBasis,
          'xiaomi-cooperation-framework-2025': { tax: 'exclusive', currency: 'functional' },
        },
      },
      kingsoftCloudXiaomi2026,
    );
  });

  it('the page lists the open item as of June 30 and states each agreement’s cap basis', async () => {
    renderAt(<MonthlyReportPage />, '/report/monthly?asOf=2026-06-30');
    const open = await screen.findByTestId('monthly-open-items');
    await waitFor(() => expect(within(open).getAllByRole('row')).toHaveLength(2));
    expect(open).toHaveTextContent('kingdee-receivables.xlsx');
    expect(open).toHaveTextContent('小米汽车科技有限公司');
    expect(open).toHaveTextContent('RMB 84,800.00');
    expect(screen.getByTestId('open-items-notice')).toHaveTextContent(
      'Open item: 1 connected-person transaction, RMB 84,800.00',
    );
    const basis = screen.getAllByTestId('cap-basis').map((p) => p.textContent);
    expect(basis).toEqual([
      expect.stringMatching(/: tax-inclusive, functional currency\.$/),
      expect.stringMatching(/: tax-exclusive, functional currency\.$/),
    ]);
  });

  it('the monthly CSV states the cap basis on every row', async () => {
    renderAt(<MonthlyReportPage />, '/report/monthly?asOf=2026-06-30');
    await screen.findByTestId('monthly-open-items');
    await waitFor(() => expect(screen.getAllByTestId('cap-basis')[1]).toHaveTextContent('tax-exclusive'));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download “monthly report” as CSV' }));
    const [header, ...rows] = await savedCsv();
    const col = header!.indexOf('Cap basis');
    expect(col).toBe(header!.length - 1);
    const june = (id: string) => rows.find((r) => r[1] === id && r[2] === '2026-06')!;
    // "tax-inclusive, functional currency" is quoted in the CSV: split on commas it spans two cells.
    expect(june('cloud-services').slice(col).join(',')).toBe('"tax-inclusive, functional currency"');
    expect(june('hardware-equipment').slice(col).join(',')).toBe('"tax-exclusive, functional currency"');
  });

  it('the open items download as a CSV of their own', async () => {
    renderAt(<MonthlyReportPage />, '/report/monthly?asOf=2026-06-30');
    await screen.findByText('kingdee-receivables.xlsx');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download “open items” as CSV' }));
    const rows = await savedCsv();
    expect(saved[0]!.name).toBe('headroom-open-items-2026-06-30.csv');
    expect(rows).toEqual([
      ['Date', 'File', 'Row', 'Counterparty', 'Code', 'Reference', 'Description', 'Amount (RMB)'],
      ['2026-03-18', 'kingdee-receivables.xlsx', '16', '小米汽车科技有限公司', 'C1003', '记-16', '技术支持', '84800'],
    ]);
  });

  it('in Chinese', async () => {
    useLocaleStore.setState({ locale: 'zh' });
    renderAt(<MonthlyReportPage />, '/report/monthly?asOf=2026-06-30');
    const open = await screen.findByTestId('monthly-open-items');
    expect(open).toHaveTextContent('待处理事项：尚未归入任何类别的关连人士交易');
    await waitFor(() => expect(open).toHaveTextContent('人民币84,800.00元'));
  });
});
