import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { kingsoftCloudXiaomi2026 as ds } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { SourcesPage } from '../../../../src/features/sources/SourcesPage';
import { saveRegisterAgreement } from '../../../../src/storage/register';
import { sourceAnchor } from '../../../../src/ui/components/sourceAnchor';
import { useLocaleStore } from '../../../../src/ui/i18n';
import { harbour } from '../../domain/register/registerFixture';
import { freshDb, renderAt } from '../render';

describe('sources page', { timeout: 30_000 }, () => {
  beforeEach(() => {
    freshDb();
    useLocaleStore.setState({ locale: 'en' });
  });

  it('lists every disclosed figure under a stable anchor with its reference', async () => {
    const { container } = renderAt(<SourcesPage />, '/sources');
    await screen.findByRole('heading', { name: 'Sources' });
    const ids = [
      ...ds.caps.map((c) => sourceAnchor('cap', c.id)),
      ...ds.historicals.map((h) => sourceAnchor('historical', h.id)),
      ...ds.expected.map((e) => sourceAnchor('expected', e.id)),
      ...ds.statedFigures.map((s) => sourceAnchor('stated', s.id)),
      ...ds.statedBands.map((b) => sourceAnchor('band', b.categoryId)),
      ...ds.categories.map((c) => sourceAnchor('category', c.id)),
      ...ds.agreements.map((a) => sourceAnchor('agreement', a.id)),
      ...ds.resolutions.map((r) => sourceAnchor('resolution', r.id)),
      sourceAnchor('relationship', 'kingsoft-cloud-xiaomi'),
      sourceAnchor('controls', ds.id),
    ];
    for (const id of ids) expect(container.querySelector(`#${id}`), id).not.toBeNull();
    const cap2025 = container.querySelector(`#${sourceAnchor('cap', 'cloud-2025-original')}`) as HTMLElement;
    expect(cap2025).toHaveTextContent('2,309.8');
    expect(cap2025).toHaveTextContent('January 1, 2025 – December 31, 2025');
    expect(cap2025).toHaveTextContent('II.A.2(1) Annual caps and historical amounts');
    const ytd2025 = container.querySelector(`#${sourceAnchor('historical', 'cloud-2025-ytd-apr23')}`) as HTMLElement;
    expect(ytd2025).toHaveTextContent('413.0');
    expect(ytd2025).toHaveTextContent('compared to RMB413.0 million for the same period in 2025');
    expect(container.querySelector(`#${sourceAnchor('relationship', 'kingsoft-cloud-xiaomi')}`)).toHaveTextContent(
      'approximately 10.29% of the Shares',
    );
    expect(container.querySelector(`#${sourceAnchor('expected', 'hardware-2026-expected')}`)).toHaveTextContent(
      'approximately 930.0',
    );
  });

  it('filters by category and keeps the choice in the URL', async () => {
    const user = userEvent.setup();
    renderAt(<SourcesPage />, '/sources?category=idc-services');
    const caps = within(await screen.findByRole('region', { name: 'Annual caps' }));
    expect(
      caps
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.id),
    ).toEqual([
      'src-cap-idc-2025-original',
      'src-cap-idc-2026-original',
      'src-cap-idc-2026-revised',
      'src-cap-idc-2027-original',
      'src-cap-idc-2027-revised',
    ]);
    expect(screen.queryByRole('region', { name: 'Connected relationship' })).toBeNull();
    await user.selectOptions(screen.getByLabelText('Category'), '');
    expect(await screen.findByRole('region', { name: 'Connected relationship' })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Annual caps' })).getAllByRole('row')).toHaveLength(
      ds.caps.length + 1,
    );
  });

  it('with an HK$ register agreement: a Currency column names each figure’s currency; filtered to it, the lede says HK$', async () => {
    await saveRegisterAgreement(harbour);
    const { container } = renderAt(<SourcesPage />, '/sources');
    const cap = await screen.findByText('120.0');
    expect(
      screen.getByText(/Amounts in millions of each agreement’s currency, named in the Currency column\./),
    ).toBeInTheDocument();
    const row = (id: string) => within(container.querySelector<HTMLElement>(`#${CSS.escape(id)}`)!);
    expect(
      row(sourceAnchor('cap', 'u-harbour-services-framework--warehousing--2026-cap')).getByText('HK$'),
    ).toBeInTheDocument();
    expect(cap.closest('tr')).toHaveTextContent('HK$');
    expect(row(sourceAnchor('cap', ds.caps[0]!.id)).getByText('RMB')).toBeInTheDocument();
    expect(
      row(sourceAnchor('historical', 'u-harbour-services-framework--warehousing--h1-2026')).getByText('HK$'),
    ).toBeInTheDocument();

    await userEvent
      .setup()
      .selectOptions(screen.getByRole('combobox', { name: 'Category' }), 'u-harbour-services-framework--warehousing');
    expect(await screen.findByText(/Amounts in HK\$ million\./)).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Currency' })).not.toBeInTheDocument();
  });
});
