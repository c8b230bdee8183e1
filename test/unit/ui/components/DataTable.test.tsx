/**
 * The shared table and panel of the record screens (evidence, connected
 * persons, change history): one scroll box per table, column classes, row
 * attributes, the empty message, and a panel labelled by its heading.
 */
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DataTable, Panel } from '../../../../src/ui/components/DataTable';

interface Check {
  id: string;
  quarter: string;
  reviewer: string;
  amountMinor: number;
  result: 'consistent' | 'inconsistent';
}

const rows: Check[] = [
  { id: 'a', quarter: '2026-Q1', reviewer: 'Chen Jun', amountMinor: 550000000, result: 'consistent' },
  { id: 'b', quarter: '2026-Q2', reviewer: 'Chen Jun', amountMinor: 570000000, result: 'inconsistent' },
];

function table(list: readonly Check[], empty?: string) {
  return (
    <Panel id="checks-title" title="Quarterly price checks" hint="One a quarter" testId="checks-panel">
      <DataTable
        rows={list}
        rowKey={(r) => r.id}
        rowAttrs={(r) => ({ 'data-status': r.result })}
        className="compact"
        testId="checks"
        {...(empty !== undefined ? { empty } : {})}
        columns={[
          { key: 'q', header: 'Quarter', cell: (r) => r.quarter },
          { key: 'who', header: 'Reviewer', cell: (r) => r.reviewer },
          { key: 'amount', header: 'Amount', num: true, cell: (r) => (r.amountMinor / 100).toFixed(2) },
          {
            key: 'result',
            header: 'Result',
            cellClass: (r) => (r.result === 'inconsistent' ? 'bad' : undefined),
            cell: (r) => r.result,
          },
        ]}
      />
    </Panel>
  );
}

describe('DataTable and Panel', () => {
  it('renders one row per record in a scroll box, with numeric and per-row cell classes', () => {
    render(table(rows));
    const panel = screen.getByRole('region', { name: 'Quarterly price checks' });
    expect(panel).toHaveClass('panel');
    expect(within(panel).getByText('One a quarter')).toHaveClass('hint');
    const t = screen.getByTestId('checks');
    expect(t).toHaveClass('data', 'compact');
    expect(t.parentElement).toHaveClass('table-scroll');
    expect(
      within(t)
        .getAllByRole('columnheader')
        .map((h) => [h.textContent, h.className]),
    ).toEqual([
      ['Quarter', ''],
      ['Reviewer', ''],
      ['Amount', 'num'],
      ['Result', ''],
    ]);
    const body = within(t).getAllByRole('row').slice(1);
    expect(body.map((r) => r.getAttribute('data-status'))).toEqual(['consistent', 'inconsistent']);
    expect(within(body[0]!).getByText('5500000.00')).toHaveClass('num');
    expect(within(body[1]!).getByText('inconsistent')).toHaveClass('bad');
    expect(within(body[0]!).getByText('consistent').className).toBe('');
  });

  it('shows the empty message instead of a table when there are no rows', () => {
    render(table([], 'No price checks recorded.'));
    expect(screen.queryByTestId('checks')).toBeNull();
    expect(screen.getByText('No price checks recorded.')).toHaveClass('muted');
  });

  it('without an empty message, an empty table keeps its headers', () => {
    render(table([]));
    expect(within(screen.getByTestId('checks')).getAllByRole('row')).toHaveLength(1);
  });
});
