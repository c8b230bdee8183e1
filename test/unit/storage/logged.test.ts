/**
 * Every write of the ledger, the register, the AGM outcomes and the settings
 * stores its change-history record in the SAME transaction (storage/logged.ts,
 * ledgerImports.commitPreparedLogged): a failed write leaves neither the
 * change nor its record, whichever of the two fails.
 */
import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../src/domain/dates';
import type { RegisterAgreement } from '../../../src/domain/register';
import { listApprovals } from '../../../src/storage/approvals';
import { listHistory, verifyStoredHistory } from '../../../src/storage/history';
import { commitPreparedLogged, prepareImport } from '../../../src/storage/ledgerImports';
import { loadAggregates } from '../../../src/storage/ledgerRead';
import {
  deleteManualEntryLogged,
  recordApprovalLogged,
  rollbackBatchLogged,
  saveManualEntryLogged,
  saveRegisterAgreementLogged,
  saveAgreementThresholdLogged,
  saveThresholdLogged,
} from '../../../src/storage/logged';
import { listRegister } from '../../../src/storage/register';
import { RegisterValidationError } from '../../../src/storage/repositories';
import { loadSettings } from '../../../src/storage/settings';
import { CATS, columns, freshDb } from './ledgerFixtures';

const entry = (yuan: number, reference: string) => ({
  day: toDayNumber('2026-05-20'),
  categoryId: 'idc-services',
  amountMinor: yuan * 100,
  reference,
  description: 'Rack space Beijing Q2',
});

/** Makes the history table refuse the next append (a full disk, a quota), inside the transaction. */
function historyFails(d: ReturnType<typeof freshDb>): void {
  const add = d.history.add.bind(d.history);
  let armed = true;
  d.history.add = ((rec: Parameters<typeof add>[0]) => {
    if (armed && rec.kind !== 'genesis') {
      armed = false;
      return Promise.reject(new Error('QuotaExceededError'));
    }
    return add(rec);
  }) as typeof d.history.add;
}

describe('history written in the same transaction as the change', () => {
  it('a manual entry and its record are stored together, with the figures of the entry', async () => {
    freshDb();
    const saved = await saveManualEntryLogged(entry(3_000_000, 'IDC-PO-2026-01'));
    const h = await listHistory();
    expect(h.map((r) => [r.kind, r.subject])).toEqual([
      ['genesis', ''],
      ['entry-add', String(saved.id)],
    ]);
    expect(h[1]!.after).toEqual({
      id: saved.id,
      date: '2026-05-20',
      categoryId: 'idc-services',
      amountMinor: '300000000',
      reference: 'IDC-PO-2026-01',
      description: 'Rack space Beijing Q2',
    });
    expect((await verifyStoredHistory()).ok).toBe(true);
  });

  it('a failed history write leaves no ledger row and no change to the totals', async () => {
    const d = freshDb();
    await saveManualEntryLogged(entry(3_000_000, 'IDC-PO-2026-01'));
    historyFails(d);
    await expect(saveManualEntryLogged(entry(2_500_000, 'IDC-PO-2026-01'))).rejects.toThrow('QuotaExceededError');
    expect((await d.ledgerManual.toArray()).map((e) => e.amountMinor)).toEqual([300_000_000]);
    const idc = (await loadAggregates()).find((a) => a.categoryId === 'idc-services')!;
    expect(idc.sums.reduce((a, b) => a + b, 0n)).toBe(300_000_000n);
    expect((await listHistory()).map((r) => r.kind)).toEqual(['genesis', 'entry-add']);
  });

  it('a failed ledger write leaves no history record', async () => {
    const d = freshDb();
    await expect(saveManualEntryLogged({ ...entry(1, 'X'), amountMinor: 0.5 })).rejects.toThrow(RangeError);
    expect(await d.ledgerManual.count()).toBe(0);
    expect((await listHistory()).map((r) => r.kind)).toEqual(['genesis']);
  });

  it('an import is one record stored with its rows, or neither', async () => {
    const d = freshDb();
    const cols = columns(
      [
        { date: '2026-05-20', cat: 'idc-services', fen: 300_000_000, ref: 'IDC-PO-2026-01' },
        { date: '2026-06-08', cat: 'idc-services', fen: 40_000_000, ref: 'IDC-MISC-7' },
        { date: '2026-05-31', cat: 'cloud-services', fen: 60_000_000_000, ref: 'CS-2026-05' },
      ],
      CATS,
    );
    historyFails(d);
    await expect(
      commitPreparedLogged(await prepareImport(cols, CATS), {
        fileName: 'ledger-2026-h1.csv',
        fileSha256: 'ab'.repeat(32),
      }),
    ).rejects.toThrow('QuotaExceededError');
    expect(await d.ledgerBatches.count()).toBe(0);
    expect(await d.ledgerChunks.count()).toBe(0);
    expect(await loadAggregates()).toEqual([]);

    const batch = await commitPreparedLogged(await prepareImport(cols, CATS), {
      fileName: 'ledger-2026-h1.csv',
      fileSha256: 'ab'.repeat(32),
    });
    const h = await listHistory();
    expect(h.map((r) => r.kind)).toEqual(['genesis', 'import']);
    expect(h[1]!.after).toEqual({
      batchId: batch.id,
      fileName: 'ledger-2026-h1.csv',
      fileSha256: 'ab'.repeat(32),
      rowCount: 3,
      totalMinor: '60340000000',
      totalsByCategory: { 'cloud-services': '60000000000', 'idc-services': '340000000' },
      skippedDuplicates: 0,
      rejectedRows: 0,
      firstDate: '2026-05-20',
      lastDate: '2026-06-08',
    });

    historyFails(d);
    await expect(rollbackBatchLogged(batch.id)).rejects.toThrow('QuotaExceededError');
    expect((await d.ledgerBatches.get(batch.id))?.status).toBe('committed');
    expect(await d.ledgerChunks.count()).toBe(1);
    await rollbackBatchLogged(batch.id);
    expect((await listHistory()).map((r) => r.kind)).toEqual(['genesis', 'import', 'rollback']);
    expect(await d.ledgerChunks.count()).toBe(0);
  });

  it('a refused register agreement stores neither; a failed record keeps the approval unrecorded', async () => {
    const d = freshDb();
    const bad = { id: 'bad', categories: [] } as unknown as RegisterAgreement;
    await expect(saveRegisterAgreementLogged(bad)).rejects.toBeInstanceOf(RegisterValidationError);
    expect(await listRegister()).toEqual([]);
    expect((await listHistory()).map((r) => r.kind)).toEqual(['genesis']);

    historyFails(d);
    await expect(
      recordApprovalLogged({ resolutionId: 'agm-2026-cloud-services', outcome: 'approved', date: '2026-06-30' }),
    ).rejects.toThrow('QuotaExceededError');
    expect(await listApprovals()).toEqual([]);
    await recordApprovalLogged({ resolutionId: 'agm-2026-cloud-services', outcome: 'approved', date: '2026-06-30' });
    expect(await listApprovals()).toHaveLength(1);

    historyFails(d);
    await expect(saveThresholdLogged('75')).rejects.toThrow('QuotaExceededError');
    expect((await loadSettings()).thresholdPercent).toBe('80');
    expect((await listHistory()).map((r) => [r.kind, r.after])).toEqual([
      ['genesis', expect.anything()],
      ['approval', { resolutionId: 'agm-2026-cloud-services', outcome: 'approved', date: '2026-06-30' }],
    ]);
  });

  it('an agreement’s own threshold: set, changed and removed, each with its record; a failed record stores nothing', async () => {
    const d = freshDb();
    const A = 'xiaomi-cooperation-framework-2025';
    await saveAgreementThresholdLogged(A, '75');
    await saveAgreementThresholdLogged(A, '82.5');
    expect(await loadSettings()).toMatchObject({
      thresholdPercent: '80',
      thresholdSet: false,
      thresholdByAgreement: { [A]: '82.5' },
    });
    historyFails(d);
    await expect(saveAgreementThresholdLogged(A, null)).rejects.toThrow('QuotaExceededError');
    expect((await loadSettings()).thresholdByAgreement).toEqual({ [A]: '82.5' });
    await saveAgreementThresholdLogged(A, null);
    expect((await loadSettings()).thresholdByAgreement).toEqual({});
    await expect(saveAgreementThresholdLogged(A, '100.5')).rejects.toMatchObject({
      name: 'ThresholdError',
      problem: { agreementId: A, shown: '"100.5"' },
    });
    expect((await listHistory()).slice(1).map((r) => [r.kind, r.subject, r.before, r.after])).toEqual([
      ['threshold', `thresholdPercent@${A}`, null, '75'],
      ['threshold', `thresholdPercent@${A}`, '75', '82.5'],
      ['threshold', `thresholdPercent@${A}`, '82.5', null],
    ]);
    expect((await verifyStoredHistory()).ok).toBe(true);
  });

  it('the threshold for every agreement, removed again: not stored as 80, the disclosure applies', async () => {
    freshDb();
    await saveThresholdLogged('75');
    expect(await loadSettings()).toMatchObject({ thresholdPercent: '75', thresholdSet: true });
    await saveThresholdLogged(null);
    expect(await loadSettings()).toMatchObject({ thresholdPercent: '80', thresholdSet: false });
  });

  it('never gives a new entry the id of a deleted one (undo restores the deleted entry with its id)', async () => {
    const d = freshDb();
    const a = await saveManualEntryLogged(entry(100, 'A'));
    const b = await saveManualEntryLogged(entry(200, 'B'));
    await deleteManualEntryLogged(b.id);
    const c = await saveManualEntryLogged(entry(300, 'C'));
    expect([a.id, b.id, c.id]).toEqual([1, 2, 3]);
    // Undo of the deletion: B comes back under its own id, C is untouched.
    await saveManualEntryLogged({ ...entry(200, 'B'), id: b.id });
    expect((await d.ledgerManual.toArray()).map((e) => [e.id, e.reference])).toEqual([
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
    ]);
    expect((await listHistory()).map((r) => `${r.kind} ${r.subject}`)).toEqual([
      'genesis ',
      'entry-add 1',
      'entry-add 2',
      'entry-delete 2',
      'entry-add 3',
      'entry-add 2',
    ]);
  });
});
