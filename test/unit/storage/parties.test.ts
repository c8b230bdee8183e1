/**
 * Connected persons, rules and open items in IndexedDB (fake-indexeddb):
 * validated saves, open items assigned by hand or by re-applied rules (each
 * a ledger entry and a recorded action, in one transaction), and backup /
 * restore carrying all of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRulesFile, RulesFileError } from '../../../src/domain/classify/rulesFile';
import { toDayNumber } from '../../../src/domain/dates';
import { kingsoftCloudXiaomi2026 as DS } from '../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { exportBackup, restoreBackup } from '../../../src/storage/backup';
import { db } from '../../../src/storage/db';
import { ledgerSummary } from '../../../src/storage/ledgerStore';
import {
  addOpenItems,
  assignOpenItems,
  listClassificationLog,
  listOpenItems,
  loadConnectedConfig,
  reapplyRules,
  saveConnectedConfig,
} from '../../../src/storage/parties';
import type { OpenItemRecord } from '../../../src/storage/partiesTypes';
import { listHistory, verifyStoredHistory } from '../../../src/storage/history';
import { freshDb } from './ledgerFixtures';

const CONFIG = parseRulesFile(
  readFileSync(join(__dirname, '../../fixtures/erp/rules.json'), 'utf8'),
  'rules.json',
  DS.categories.map((c) => c.id),
);

const HEADERS = ['日期', '客户名称', '产品名称'];
const item = (row: number, product: string, fen: number): OpenItemRecord => ({
  id: `imp-1:${row}`,
  importId: 'imp-1',
  fileName: '应收.xlsx',
  row,
  day: toDayNumber('2026-05-10'),
  amountMinor: fen,
  entityId: 'xiaomi-ev',
  counterparty: '小米汽车科技有限公司',
  code: 'C1003',
  reference: `记-${row}/1`,
  description: '技术服务',
  headers: HEADERS,
  cells: ['2026-05-10', '小米汽车科技有限公司', product],
  status: 'open',
  createdAt: '2026-07-01T00:00:00.000Z',
});

describe('connected persons storage', () => {
  it('starts with the built-in parent entity and no rules', async () => {
    await freshDb();
    const c = await loadConnectedConfig();
    expect(c.entities.map((e) => e.nameEn)).toEqual(['Xiaomi Corporation']);
    expect(c.rules).toEqual([]);
  });

  it('saves a valid configuration and refuses an invalid one without changing the stored one', async () => {
    await freshDb();
    await saveConnectedConfig(CONFIG, DS);
    expect((await loadConnectedConfig()).rules).toHaveLength(7);
    const bad = {
      ...CONFIG,
      rules: [
        {
          id: 'x',
          name: 'x',
          categoryId: 'cloud-services',
          conditions: [{ column: 'A', op: 'regex' as const, value: '(' }],
        },
      ],
    };
    await expect(saveConnectedConfig(bad, DS)).rejects.toBeInstanceOf(RulesFileError);
    expect((await loadConnectedConfig()).rules).toHaveLength(7);
  });

  it('open items: assigned by hand and by re-applied rules, each a ledger entry and a recorded action', async () => {
    await freshDb();
    await saveConnectedConfig(CONFIG, DS);
    await addOpenItems(
      [item(16, '技术支持', 8_480_000), item(17, '云服务器ECS', 1_000_000), item(18, '培训', 50_000)],
      '应收.xlsx',
    );
    expect((await listOpenItems()).filter((i) => i.status === 'open')).toHaveLength(3);
    // Rule "cloud-product" (产品名称 contains 云服务) now matches row 17 only.
    expect(await reapplyRules(DS)).toBe(1);
    expect(await assignOpenItems(['imp-1:18'], 'idc-services')).toBe(1);
    const items = await listOpenItems();
    expect(items.map((i) => [i.row, i.status, i.categoryId ?? null, i.assignedBy ?? null])).toEqual([
      [16, 'open', null, null],
      [17, 'assigned', 'cloud-services', 'cloud-product'],
      [18, 'assigned', 'idc-services', 'user'],
    ]);
    const summary = await ledgerSummary({});
    expect(summary.count).toBe(2);
    const log = await listClassificationLog();
    expect(log.map((l) => l.action).sort()).toEqual(['assign', 'import', 'reapply-rules']);
    expect(log.find((l) => l.action === 'reapply-rules')!.items).toEqual(['imp-1:17']);
  });

  it('backup and restore carry the configuration, the open items and the log', async () => {
    await freshDb();
    await saveConnectedConfig(CONFIG, DS);
    await addOpenItems([item(16, '技术支持', 8_480_000)], '应收.xlsx');
    const { blob, summary } = await exportBackup();
    expect(summary.tables.connectedConfig).toBe(1);
    expect(summary.tables.openItems).toBe(1);
    const text = await blob.text();
    await freshDb();
    expect(await listOpenItems()).toEqual([]);
    await restoreBackup(text);
    expect((await loadConnectedConfig()).entities).toHaveLength(5);
    expect((await listOpenItems()).map((i) => i.id)).toEqual(['imp-1:16']);
    expect(await db().classificationLog.count()).toBe(1);
  });

  it('a backup whose rules are invalid is refused and nothing changes', async () => {
    await freshDb();
    await saveConnectedConfig(CONFIG, DS);
    const { blob } = await exportBackup();
    const text = (await blob.text()).replace('^KC-XM-CLD-\\\\d{3}$', '^KC-(');
    await expect(restoreBackup(text)).rejects.toThrow(/connected persons and rules in the backup are not valid/);
    expect((await loadConnectedConfig()).rules[1]!.conditions[0]!.value).toBe('^KC-XM-CLD-\\d{3}$');
  });

  it('records every change of connected persons, rules and open items in the change history', async () => {
    await freshDb();
    await saveConnectedConfig(CONFIG, DS);
    // A rule changed: only the rules are in the record.
    const renamed = { ...CONFIG, rules: CONFIG.rules.map((r, i) => (i === 0 ? { ...r, name: 'Cloud (renamed)' } : r)) };
    await saveConnectedConfig(renamed, DS);
    // A connected person's connection ends.
    const ended = {
      ...renamed,
      entities: renamed.entities.map((e) => (e.id === 'xiaomi-ev' ? { ...e, connectedTo: '2026-06-30' } : e)),
    };
    await saveConnectedConfig(ended, DS);
    await addOpenItems([item(16, '技术支持', 8_480_000), item(17, '云服务器ECS', 1_000_000)], '应收.xlsx');
    await reapplyRules(DS);
    await assignOpenItems(['imp-1:16'], 'cloud-services');
    const h = await listHistory();
    expect(h.map((r) => [r.kind, r.subject])).toEqual([
      ['genesis', ''],
      ['connected-person', ''],
      ['rule', ''],
      ['connected-person', ''],
      ['classification', '应收.xlsx'],
      ['classification', 'rules'],
      ['classification', 'cloud-services'],
    ]);
    // The first save brings the entities and the rules; the rename changes one rule only.
    expect(Object.keys(h[1]!.after as object).sort()).toEqual(['capBasis', 'entities', 'rules']);
    expect(Object.keys(h[2]!.after as object)).toEqual(['rules']);
    const ev = (x: unknown) =>
      (x as { entities: { id: string; connectedTo?: string }[] }).entities.find((e) => e.id === 'xiaomi-ev');
    expect([ev(h[3]!.before)?.connectedTo, ev(h[3]!.after)?.connectedTo]).toEqual([undefined, '2026-06-30']);
    expect(h[4]!.after).toEqual({
      action: 'import',
      fileName: '应收.xlsx',
      importId: 'imp-1',
      openItems: 2,
      totalMinor: '9480000',
    });
    expect(h[5]!.after).toEqual({
      action: 'reapply-rules',
      classified: 1,
      items: [
        { id: 'imp-1:17', categoryId: 'cloud-services', amountMinor: '1000000', counterparty: '小米汽车科技有限公司' },
      ],
    });
    expect(h[6]!.after).toEqual({
      action: 'assign',
      by: 'user',
      items: [
        { id: 'imp-1:16', categoryId: 'cloud-services', amountMinor: '8480000', counterparty: '小米汽车科技有限公司' },
      ],
    });
    expect((await verifyStoredHistory()).ok).toBe(true);
  });

  it('a refused configuration stores no history record', async () => {
    await freshDb();
    await saveConnectedConfig(CONFIG, DS);
    const bad = { ...CONFIG, rules: [{ ...CONFIG.rules[0]!, categoryId: 'no-such-category' }] };
    await expect(saveConnectedConfig(bad, DS)).rejects.toBeInstanceOf(RulesFileError);
    expect((await listHistory()).map((r) => r.kind)).toEqual(['genesis', 'connected-person']);
  });
});
