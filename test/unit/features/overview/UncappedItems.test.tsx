import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../../src/domain/dates';
import { OverviewPage } from '../../../../src/features/overview/OverviewPage';
import { listHistory } from '../../../../src/storage/history';
import { saveManualEntry } from '../../../../src/storage/ledgerStore';
import { listUncappedResolutions } from '../../../../src/storage/uncappedResolutions';
import { useLocaleStore } from '../../../../src/ui/i18n';
import { freshDb, renderAt } from '../render';

// API services have no cap before their term starts on April 23, 2026.
async function seed() {
  for (const [date, fen] of [
    ['2026-01-05', 200_000_000],
    ['2026-03-10', 100_000_000],
  ] as const)
    await saveManualEntry({
      day: toDayNumber(date),
      categoryId: 'api-services',
      amountMinor: fen,
      reference: date,
      description: '',
    });
}

describe('uncapped items on the overview card', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    freshDb();
    useLocaleStore.setState({ locale: 'en' });
    await seed();
  });

  it('lists the span, resolves it as reported, records it in the history; the card is no longer "uncapped"', async () => {
    renderAt(<OverviewPage />, '/?asOf=2026-06-30');
    const card = within(await screen.findByTestId('card-api-services'));
    // The list loads on demand for a card that has uncapped transactions.
    expect(await card.findByTestId('uncapped-items-api-services')).toBeInTheDocument();
    expect(screen.getByTestId('card-api-services').querySelector('.status')).toHaveAttribute('data-status', 'uncapped');
    const items = within(card.getByTestId('uncapped-items-api-services'));
    expect(items.getByTestId('uncapped-span')).toHaveTextContent(
      'No cap in force until April 22, 2026: 2 transaction(s), RMB 3,000,000.00.',
    );
    expect(items.getByTestId('uncapped-open')).toHaveTextContent(
      'Open: 2 transaction(s), RMB 3,000,000.00, January 5, 2026 – March 10, 2026.',
    );
    const user = userEvent.setup();
    await user.click(items.getByRole('button', { name: 'Resolve…' }));
    const form = within(card.getByTestId('resolve-form-api-services'));
    // Nothing recorded without a note and a date.
    await user.click(form.getByRole('button', { name: 'Record the resolution' }));
    expect(form.getByRole('alert')).toHaveTextContent('Write a note saying what was found and done.');
    expect(form.getByRole('alert')).toHaveTextContent('Enter the date they were reported.');
    fireEvent.change(form.getByLabelText('Reported on'), { target: { value: '2026-04-30' } });
    await user.type(form.getByLabelText('Note'), 'Reported to the board; caps sought.');
    await user.click(form.getByRole('button', { name: 'Record the resolution' }));

    await waitFor(() =>
      expect(card.getByTestId('uncapped-resolution')).toHaveTextContent(
        'Resolved: January 5, 2026 – March 10, 2026: 2 transaction(s), RMB 3,000,000.00 — reported as a breach on April 30, 2026. Note: Reported to the board; caps sought.',
      ),
    );
    expect(card.queryByTestId('uncapped-open')).toBeNull();
    // No longer uncapped: API services 2026 have no data (nothing disclosed, no close), never "ok".
    await waitFor(() =>
      expect(screen.getByTestId('card-api-services').querySelector('.status')).toHaveAttribute(
        'data-status',
        'no-data',
      ),
    );
    const [stored] = await listUncappedResolutions();
    expect(stored).toMatchObject({
      id: 'api-services:2026-01-05:2026-03-10',
      amountMinor: '300000000',
      count: 2,
      outcome: 'reported',
      reportedOn: '2026-04-30',
    });
    const h = (await listHistory()).filter((r) => r.kind === 'uncapped-resolve');
    expect(h.map((r) => r.subject)).toEqual(['api-services:2026-01-05:2026-03-10']);

    // Withdrawn: open again, and the withdrawal is in the history too.
    await user.click(card.getByRole('button', { name: 'Withdraw' }));
    await waitFor(() => expect(card.getByTestId('uncapped-open')).toBeInTheDocument());
    expect((await listHistory()).filter((r) => r.kind === 'uncapped-reopen')).toHaveLength(1);
  });

  it('refuses an exemption the ratios do not support, with the figures', async () => {
    renderAt(<OverviewPage />, '/?asOf=2026-06-30');
    const card = within(await screen.findByTestId('card-api-services'));
    const user = userEvent.setup();
    await user.click(await card.findByRole('button', { name: 'Resolve…' }));
    const form = within(card.getByTestId('resolve-form-api-services'));
    fireEvent.change(form.getByLabelText('Outcome'), { target: { value: 'exempt-14a76' } });
    // RMB 3.0m against RMB 2,500m revenue is 0.12%; at HK$1.09 it is HK$3.27m, not under HK$3m.
    fireEvent.change(form.getByLabelText('Currency of these figures'), { target: { value: 'RMB' } });
    await user.type(form.getByLabelText('Total assets (million)'), '4000');
    await user.type(form.getByLabelText('Revenue (million)'), '2500');
    await user.type(form.getByLabelText('Market capitalisation (million)'), '10000');
    await user.type(form.getByLabelText('HK$ per RMB 1'), '1.09');
    await user.type(form.getByLabelText('Note'), 'Small trial purchases.');
    await user.click(form.getByRole('button', { name: 'Record the resolution' }));
    expect(form.getByRole('alert')).toHaveTextContent(
      'Not exempt: the aggregate over twelve months, RMB 3,000,000.00, reaches 0.1200% of a denominator',
    );
    expect(await listUncappedResolutions()).toEqual([]);
    // Revenue of RMB 3,100m: 0.0968%, below 0.1%: recorded as exempt.
    await user.clear(form.getByLabelText('Revenue (million)'));
    await user.type(form.getByLabelText('Revenue (million)'), '3100');
    await user.click(form.getByRole('button', { name: 'Record the resolution' }));
    await waitFor(() =>
      expect(card.getByTestId('uncapped-resolution')).toHaveTextContent(
        '— exempt under rule 14A.76 after aggregation (rule 14A.81) (RMB 3,000,000.00 over March 11, 2025 – March 10, 2026, highest ratio 0.0968%).',
      ),
    );
  });
});
