import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportPreview } from '../../../../src/domain/import/types';
import { PreviewTable, type T } from '../../../../src/features/import/ImportParts';
import { oneTask, stubFramesAsTimeouts } from '../../frames';

/**
 * The import preview lays its table out over three frames (ImportParts.tsx): the column
 * headings with their role selectors, then the first 8 rows, then the rest. It arrives while
 * the full parse holds both cores, so each frame's layout must stay small.
 */
const preview: ImportPreview = {
  fileName: 'ledger.csv',
  format: 'csv',
  fatal: null,
  headers: ['日期', '金额', '类别'],
  headerLayoutKey: 'k',
  guessedMapping: ['date', 'amount', 'category'],
  rows: Array.from({ length: 20 }, (_, i) => ({
    row: i + 2,
    cells: [`2026-05-${String(i + 1).padStart(2, '0')}`, `${i + 1}00.00`, 'cloud-services'],
  })),
};
const t = ((key: string) => key) as unknown as T;
const bodyRows = () => within(screen.getByTestId('import-preview')).queryAllByRole('row').length - 2;
// A step is a frame then a zero timeout: two calls of oneTask.
beforeEach(stubFramesAsTimeouts);
afterEach(() => vi.unstubAllGlobals());

describe('PreviewTable', () => {
  it('shows the headings first, then the first 8 rows, then all 20, each in a later frame', async () => {
    render(<PreviewTable preview={preview} mapping={preview.guessedMapping} onRole={() => undefined} t={t} />);
    expect(screen.getByTestId('role-2')).toHaveValue('category');
    expect(screen.getByText('类别')).toBeInTheDocument();
    const seen = [bodyRows()];
    for (let i = 0; i < 10 && bodyRows() < 20; i++) {
      await oneTask();
      if (bodyRows() !== seen[seen.length - 1]) seen.push(bodyRows());
    }
    expect(seen).toEqual([0, 8, 20]);
    expect(screen.getByText('2026-05-20')).toBeInTheDocument();
  });

  it('stops at the rows there are when the file has fewer than 8', async () => {
    const short = { ...preview, rows: preview.rows.slice(0, 3) };
    render(<PreviewTable preview={short} mapping={short.guessedMapping} onRole={() => undefined} t={t} />);
    for (let i = 0; i < 6; i++) await oneTask();
    expect(bodyRows()).toBe(3);
  });
});
