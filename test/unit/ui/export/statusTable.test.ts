/**
 * The directors' report status table as exported (CSV/.xlsx): the alert word
 * never says "ok" or "exceeded" for a state the figures do not support, and a
 * figure that counts ledger rows after its known-through date carries the
 * provisional mark, as on screen.
 */
import { describe, expect, it } from 'vitest';
import { allStatuses } from '../../../../src/domain/engine';
import { statusExportTable } from '../../../../src/ui/export/statusTable';
import { exportMessages } from '../../../../src/ui/export/messages';
import { statusTableLabels } from '../../../../src/ui/export/useStatusTableLabels';
import { translator } from '../../../../src/ui/translate';
import { ctx, ds, ledgerOf } from '../../domain/fixtures';

const labels = (locale: 'en' | 'zh') => statusTableLabels(translator(exportMessages, locale), (s) => s);

function table(asOf: string, ledger = ledgerOf({}), locale: 'en' | 'zh' = 'en') {
  const statuses = allStatuses(ctx({ ledger }), asOf);
  const t = statusExportTable(ds, statuses, locale, labels(locale));
  const col = (header: string) => t.columns.findIndex((c) => c.header === header);
  const row = (categoryId: string) => t.rows[statuses.findIndex((s) => s.category.id === categoryId)]!;
  return { t, col, row };
}

describe('status table export', () => {
  it('nothing known for cloud services on 2026-04-22: no actual and no alert word, not "exceeded"', () => {
    const { col, row } = table('2026-04-22');
    const cloud = row('cloud-services');
    expect(cloud[col('Actual (RMB m)')]).toBeNull();
    expect(cloud[col('Alert')]).toBe('none (no data or no cap to compare with)');
  });

  it('hardware bought after July 28, 2026 with no AGM outcome: uncapped, worse than exceeded, named as such', () => {
    const ledger = ledgerOf({
      'hardware-equipment': [
        ['2026-05-10', '5.0'],
        ['2026-08-15', '2.0'],
      ],
    });
    const { col, row } = table('2026-09-01', ledger);
    expect(row('hardware-equipment')[col('Alert')]).toBe('uncapped (no cap in force)');
    const zh = table('2026-09-01', ledger, 'zh');
    expect(zh.row('hardware-equipment')[zh.col('预警')]).toBe('无上限交易（无生效上限）');
  });

  it('ledger rows after the known-through date: the actual is marked provisional with that date', () => {
    const ledger = ledgerOf(
      {
        'cloud-services': [
          ['2026-05-20', '20.0'],
          ['2026-06-30', '5.0'],
        ],
      },
      [],
      {
        'cloud-services': '2026-05-31',
      },
    );
    const { col, row } = table('2026-06-30', ledger);
    const cloud = row('cloud-services');
    expect(cloud[col('Actual known through')]).toBe('2026-05-31');
    expect(cloud[col('Provisional')]).toBe('provisional: includes ledger rows after 2026-05-31');
    // Closed through the as-of date: nothing provisional.
    const closed = ledgerOf({ 'cloud-services': [['2026-05-20', '20.0']] }, [], { 'cloud-services': '2026-06-30' });
    const c = table('2026-06-30', closed);
    expect(c.row('cloud-services')[c.col('Provisional')]).toBe('');
  });
});
