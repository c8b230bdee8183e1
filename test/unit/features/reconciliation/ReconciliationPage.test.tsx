import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../../src/domain/dates';
import { ReconciliationPage } from '../../../../src/features/reconciliation/ReconciliationPage';
import { listHistory } from '../../../../src/storage/history';
import { saveManualEntry } from '../../../../src/storage/ledgerStore';
import { loadLedgerCompleteThrough } from '../../../../src/storage/ledgerSettings';
import { loadLedgerTotals } from '../../../../src/storage/ledgerTotals';
import { useLocaleStore } from '../../../../src/ui/i18n';
import { freshDb, renderAt } from '../render';

describe('reconciliation: ledger complete through (month-end close)', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    freshDb();
    useLocaleStore.setState({ locale: 'en' });
    // Cloud services: disclosed 749.1 million to April 23, 2026; RMB 100,000,000.00 on May 20 and 50,500,000.00 on June 10.
    for (const [date, fen] of [
      ['2026-05-20', 10_000_000_000],
      ['2026-06-10', 5_050_000_000],
    ] as const)
      await saveManualEntry({
        day: toDayNumber(date),
        categoryId: 'cloud-services',
        amountMinor: fen,
        reference: date,
        description: '',
      });
  });

  it('setting May 31 makes the actual known through it; the June row stays provisional; recorded in the history', async () => {
    renderAt(<ReconciliationPage />, '/reconciliation?asOf=2026-06-30');
    const section = within(await screen.findByTestId('recon-cloud-services'));
    expect(section.getByTestId('recon-actual-cloud-services')).toHaveTextContent(
      'Actual January 1, 2026 – June 30, 2026: RMB 899.6 million',
    );
    expect(section.getByTestId('recon-known-cloud-services')).toHaveTextContent(
      'Known through April 23, 2026; provisional: includes RMB 150,500,000.00 of ledger rows after it.',
    );
    const form = within(section.getByTestId('complete-through-cloud-services'));
    expect(form.getByText(/No month-end close set/)).toBeInTheDocument();
    fireEvent.change(form.getByLabelText('Ledger complete through'), { target: { value: '2026-05-31' } });
    await userEvent.setup().click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(section.getByTestId('recon-known-cloud-services')).toHaveTextContent(
        'Known through May 31, 2026; provisional: includes RMB 50,500,000.00 of ledger rows after it.',
      ),
    );
    expect(await loadLedgerCompleteThrough()).toEqual(new Map([['cloud-services', '2026-05-31']]));
    expect((await loadLedgerTotals()).completeThrough?.get('cloud-services')).toBe('2026-05-31');
    const h = (await listHistory()).filter((r) => r.kind === 'ledger-complete-through');
    expect(h.map((r) => [r.subject, r.before, r.after])).toEqual([['cloud-services', null, '2026-05-31']]);

    // June 30 closes it: no longer provisional.
    const form2 = within(screen.getByTestId('complete-through-cloud-services'));
    expect(form2.getByText(/Every transaction up to and including May 31, 2026 is in the ledger/)).toBeInTheDocument();
    fireEvent.change(form2.getByLabelText('Ledger complete through'), { target: { value: '2026-06-30' } });
    await userEvent.setup().click(form2.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(section.getByTestId('recon-known-cloud-services')).toHaveTextContent('Known through June 30, 2026.'),
    );

    // Clearing it goes back to the disclosure's date.
    await userEvent
      .setup()
      .click(within(screen.getByTestId('complete-through-cloud-services')).getByRole('button', { name: 'Clear' }));
    await waitFor(() =>
      expect(section.getByTestId('recon-known-cloud-services')).toHaveTextContent('Known through April 23, 2026;'),
    );
    expect((await loadLedgerCompleteThrough()).size).toBe(0);
  });

  it('refuses a date after today, and says so in Chinese too', async () => {
    useLocaleStore.setState({ locale: 'zh' });
    renderAt(<ReconciliationPage />, '/reconciliation?asOf=2026-06-30');
    const form = within(await screen.findByTestId('complete-through-cloud-services'));
    fireEvent.change(form.getByLabelText('台账完整截至'), { target: { value: '2999-01-31' } });
    await userEvent.setup().click(form.getByRole('button', { name: '保存' }));
    expect(await form.findByRole('alert')).toHaveTextContent('尚未结束的月份不能结账');
    expect((await loadLedgerCompleteThrough()).size).toBe(0);
  });
});
