import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../../src/domain/dates';
import { sumDays } from '../../../../src/domain/ledgerTotals';
import { TransactionsPage } from '../../../../src/features/transactions/TransactionsPage';
import { useUndoStore } from '../../../../src/features/transactions/undo';
import { ledgerSummary, verifyAggregates } from '../../../../src/storage/ledgerStore';
import { loadLedgerTotals } from '../../../../src/storage/ledgerTotals';
import { saveRegisterAgreement } from '../../../../src/storage/register';
import { useLocaleStore } from '../../../../src/ui/i18n';
import { harbour } from '../../domain/register/registerFixture';
import { freshDb, renderAt } from '../render';

async function fill(fields: {
  date?: string;
  category?: string;
  amount?: string;
  reference?: string;
  description?: string;
}) {
  if (fields.date !== undefined) fireEvent.change(screen.getByLabelText('Date'), { target: { value: fields.date } });
  if (fields.category !== undefined)
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: fields.category } });
  const user = userEvent.setup();
  for (const [label, value] of [
    ['Amount (RMB yuan)', fields.amount],
    ['Reference', fields.reference],
    ['Description', fields.description],
  ] as const) {
    if (value === undefined) continue;
    const input = screen.getByLabelText(label);
    await user.clear(input);
    if (value) await user.type(input, value);
  }
}

function ledgerRows() {
  return within(screen.getByTestId('ledger-table'))
    .queryAllByRole('row')
    .slice(1)
    .filter((r) => r.getAttribute('data-source'));
}

async function cloudTotal(): Promise<bigint> {
  const t = await loadLedgerTotals();
  return sumDays(t.byCategory.get('cloud-services'), toDayNumber('2025-01-01'), toDayNumber('2027-12-31'));
}

describe('manual entry on a date with no cap in force (issue 9)', () => {
  beforeEach(() => {
    freshDb();
    useLocaleStore.setState({ locale: 'en' });
    useUndoStore.setState({ past: [], future: [], busy: false });
  });

  it('warns, saves, and the row counts as uncapped', { timeout: 30_000 }, async () => {
    renderAt(<TransactionsPage />, '/transactions');
    const user = userEvent.setup();
    await screen.findByText(/The ledger is empty/);
    // API services before their term and first cap (April 23, 2026).
    await fill({ date: '2026-01-05', category: 'api-services', amount: '100.00', reference: 'INV-T1' });
    expect(screen.getByTestId('entry-date-warning')).toHaveTextContent('No cap is in force for this category');
    await user.click(screen.getByTestId('entry-save'));
    expect(await screen.findByTestId('entry-saved-uncapped')).toHaveTextContent(
      'Saved. It is reported as a transaction with no cap in force.',
    );
    await waitFor(() => expect(ledgerRows()).toHaveLength(1));
    const totals = await loadLedgerTotals();
    expect(sumDays(totals.byCategory.get('api-services'), toDayNumber('2026-01-05'), toDayNumber('2026-01-05'))).toBe(
      10_000n,
    );
    // IDC in 2028 before July 29: inside the term, no cap recorded in this data.
    await fill({ date: '2028-03-01', category: 'idc-services', amount: '5.00', reference: 'INV-T2' });
    expect(screen.getByTestId('entry-date-warning')).toHaveTextContent(
      'No cap is recorded for this category on this date (inside its term)',
    );
    // A date with a cap in force: no warning.
    await fill({ date: '2026-05-10', category: 'cloud-services' });
    expect(screen.queryByTestId('entry-date-warning')).toBeNull();
  });
});

describe('manual entry with undo and redo', () => {
  beforeEach(() => {
    freshDb();
    useLocaleStore.setState({ locale: 'en' });
    useUndoStore.setState({ past: [], future: [], busy: false });
  });

  it(
    'adds an exact amount, validates inline, and undoes / redoes from buttons and keys',
    { timeout: 30_000 },
    async () => {
      renderAt(<TransactionsPage />, '/transactions');
      const user = userEvent.setup();
      await screen.findByText(/The ledger is empty/);

      // Invalid input: nothing is stored and each field says what is wrong. A date before the
      // category's term (June 1, 2024) is not wrong: it warns that no cap is in force (issue 9).
      await fill({ date: '2024-06-01', category: 'cloud-services', amount: '1.234' });
      await user.click(screen.getByTestId('entry-save'));
      expect(await screen.findByText('Use at most two decimals (fen).')).toBeInTheDocument();
      expect(screen.getByTestId('entry-date-warning')).toHaveTextContent(
        'No cap is in force for this category on this date: the entry is saved and reported as a transaction with no cap (Chapter 14A).',
      );
      expect(screen.getByLabelText('Date')).toHaveAttribute('aria-invalid', 'false');
      expect(screen.getByLabelText('Amount (RMB yuan)')).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByRole('alert')).toHaveTextContent('Fix the highlighted fields: 1 problem(s).');
      expect((await ledgerSummary({})).count).toBe(0);

      // Fixing the fields clears the messages as the user types.
      await fill({
        date: '2026-05-10',
        amount: '12,345,678.90',
        reference: 'INV-2026-0510',
        description: '=cmd|"/c calc"!A1',
      });
      expect(screen.queryByText('Use at most two decimals (fen).')).not.toBeInTheDocument();
      await user.click(screen.getByTestId('entry-save'));
      expect(await screen.findByText('Added INV-2026-0510 (12,345,678.90).')).toBeInTheDocument();
      await waitFor(() => expect(ledgerRows()).toHaveLength(1));
      expect(screen.getByTestId('ledger-summary')).toHaveTextContent('1 transactions, total RMB 12,345,678.90');
      // Text from the form is shown as text.
      expect(screen.getByText('=cmd|"/c calc"!A1')).toBeInTheDocument();
      expect(await cloudTotal()).toBe(1_234_567_890n);

      // A credit note.
      await fill({ amount: '-345,678.90', reference: 'CN-7', description: '' });
      await user.keyboard('{Enter}');
      await screen.findByText('Added CN-7 (−345,678.90).');
      await waitFor(() =>
        expect(screen.getByTestId('ledger-summary')).toHaveTextContent('2 transactions, total RMB 12,000,000.00'),
      );
      expect(await cloudTotal()).toBe(1_200_000_000n);

      // Undo with the button, then Ctrl+Z outside a text field, then redo with Ctrl+Shift+Z.
      await user.click(screen.getByTestId('undo'));
      await waitFor(() =>
        expect(screen.getByTestId('ledger-summary')).toHaveTextContent('1 transactions, total RMB 12,345,678.90'),
      );
      expect(await cloudTotal()).toBe(1_234_567_890n);
      (document.activeElement as HTMLElement | null)?.blur();
      fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
      await waitFor(() => expect(screen.getByTestId('ledger-summary')).toHaveTextContent('0 transactions'));
      expect(await cloudTotal()).toBe(0n);
      fireEvent.keyDown(document.body, { key: 'Z', ctrlKey: true, shiftKey: true });
      await waitFor(() =>
        expect(screen.getByTestId('ledger-summary')).toHaveTextContent('1 transactions, total RMB 12,345,678.90'),
      );
      fireEvent.keyDown(document.body, { key: 'y', ctrlKey: true });
      await waitFor(() =>
        expect(screen.getByTestId('ledger-summary')).toHaveTextContent('2 transactions, total RMB 12,000,000.00'),
      );
      expect((await verifyAggregates()).ok).toBe(true);

      // Ctrl+Z inside a text field is the field's own undo, not the ledger's.
      screen.getByLabelText('Reference').focus();
      fireEvent.keyDown(screen.getByLabelText('Reference'), { key: 'z', ctrlKey: true });
      expect(useUndoStore.getState().past).toHaveLength(2);
    },
  );

  it('edits and deletes manual rows, each undoable', { timeout: 30_000 }, async () => {
    renderAt(<TransactionsPage />, '/transactions');
    const user = userEvent.setup();
    await screen.findByText(/The ledger is empty/);
    await fill({ date: '2026-02-03', category: 'idc-services', amount: '1000', reference: 'PO-1' });
    await user.click(screen.getByTestId('entry-save'));
    await waitFor(() => expect(ledgerRows()).toHaveLength(1));

    await user.click(screen.getByRole('button', { name: /Edit transaction #1/ }));
    // The form is filled from the stored row after a render of its own: on a loaded machine that is not at once.
    expect(await screen.findByRole('heading', { name: 'Edit transaction #1' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Amount (RMB yuan)')).toHaveValue('1000.00'));
    await fill({ amount: '1500.5' });
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(screen.getByTestId('ledger-summary')).toHaveTextContent('1 transactions, total RMB 1,500.50'),
    );

    await user.click(screen.getByRole('button', { name: /Delete transaction #1/ }));
    await waitFor(() => expect(screen.getByTestId('ledger-summary')).toHaveTextContent('0 transactions'));
    await screen.findByText('Deleted #1. Undo with Ctrl+Z.');

    await user.click(screen.getByTestId('undo')); // undo delete
    await waitFor(() =>
      expect(screen.getByTestId('ledger-summary')).toHaveTextContent('1 transactions, total RMB 1,500.50'),
    );
    await user.click(screen.getByTestId('undo')); // undo edit
    await waitFor(() =>
      expect(screen.getByTestId('ledger-summary')).toHaveTextContent('1 transactions, total RMB 1,000.00'),
    );
    expect(within(ledgerRows()[0]!).getByText('Manual #1')).toBeInTheDocument();
    expect((await verifyAggregates()).ok).toBe(true);
  });

  it('undoes at least the last 20 changes', { timeout: 30_000 }, async () => {
    renderAt(<TransactionsPage />, '/transactions');
    const user = userEvent.setup();
    await screen.findByText(/The ledger is empty/);
    await fill({ date: '2026-03-01', category: 'hardware-equipment' });
    for (let i = 1; i <= 22; i++) {
      await fill({ amount: String(i), reference: `R${i}` });
      await user.click(screen.getByTestId('entry-save'));
      await screen.findByText(`Added R${i} (${i}.00).`);
    }
    expect((await ledgerSummary({})).count).toBe(22);
    for (let i = 0; i < 21; i++) {
      await waitFor(() => expect(screen.getByTestId('undo')).toBeEnabled());
      await user.click(screen.getByTestId('undo'));
    }
    await waitFor(async () => expect((await ledgerSummary({})).count).toBe(1));
    expect((await ledgerSummary({})).sumMinor).toBe(100n);
  });
});

describe('a ledger holding an HK$ register agreement beside the RMB categories', () => {
  const HARBOUR = 'u-harbour-services-framework--warehousing';

  beforeEach(async () => {
    freshDb();
    useLocaleStore.setState({ locale: 'en' });
    useUndoStore.setState({ past: [], future: [], busy: false });
    await saveRegisterAgreement(harbour);
  });

  it(
    'labels each amount with its category’s currency and never adds RMB and HK$ together',
    { timeout: 30_000 },
    async () => {
      renderAt(<TransactionsPage />, '/transactions');
      const user = userEvent.setup();
      await screen.findByText(/The ledger is empty/);
      expect(await screen.findByText(/Amounts are in the category’s currency/)).toBeInTheDocument();
      // Before a category is chosen the amount field claims no currency.
      expect(screen.getByLabelText('Amount (in the category’s currency)')).toBeInTheDocument();

      fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-05-10' } });
      fireEvent.change(screen.getByLabelText('Category'), { target: { value: HARBOUR } });
      await user.type(screen.getByLabelText('Amount (HK$)'), '50.005');
      await user.click(screen.getByTestId('entry-save'));
      expect(await screen.findByText('Use at most two decimals (cents).')).toBeInTheDocument();
      await user.clear(screen.getByLabelText('Amount (HK$)'));
      await user.type(screen.getByLabelText('Amount (HK$)'), '50');
      await user.click(screen.getByTestId('entry-save'));
      await screen.findByText('Added #1 (50.00).');

      fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'cloud-services' } });
      await user.type(screen.getByLabelText('Amount (RMB yuan)'), '100');
      await user.click(screen.getByTestId('entry-save'));
      await screen.findByText('Added #2 (100.00).');

      await waitFor(() => expect(ledgerRows()).toHaveLength(2));
      expect(screen.getByTestId('ledger-summary')).toHaveTextContent('2 transactions, totals RMB 100.00; HK$ 50.00');
      const table = within(screen.getByTestId('ledger-table'));
      expect(table.getByRole('columnheader', { name: 'Amount' })).toBeInTheDocument();
      expect(table.getByRole('columnheader', { name: 'Currency' })).toBeInTheDocument();
      const currencyByCategory = Object.fromEntries(
        ledgerRows().map((r) => [
          within(r).getAllByRole('cell')[1]!.textContent,
          within(r).getByTestId('row-currency').textContent,
        ]),
      );
      expect(currencyByCategory).toEqual({ 'Warehousing services': 'HK$', 'Cloud services': 'RMB' });

      // One category shown: its own currency.
      fireEvent.change(screen.getByTestId('ledger-filter-category'), { target: { value: HARBOUR } });
      await waitFor(() =>
        expect(screen.getByTestId('ledger-summary')).toHaveTextContent('1 transactions, total HK$ 50.00'),
      );
      useLocaleStore.setState({ locale: 'zh' });
      await waitFor(() => expect(screen.getByTestId('ledger-summary')).toHaveTextContent('共1笔交易，合计港币50.00元'));
    },
  );
});
