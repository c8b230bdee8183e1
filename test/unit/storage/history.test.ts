import { describe, expect, it } from 'vitest';
import type { PurchaseOrder, Quote } from '../../../src/domain/evidence/pricing';
import { headOf } from '../../../src/domain/history/chain';
import { recordApproval } from '../../../src/storage/approvals';
import { exportBackup, restoreBackup } from '../../../src/storage/backup';
import { db } from '../../../src/storage/db';
import { EvidenceValidationError, listOrders, saveOrder } from '../../../src/storage/evidence';
import { appendHistory, listHistory, saveUserName, stateHash, verifyStoredHistory } from '../../../src/storage/history';
import { freshDb } from './ledgerFixtures';

const PROCUREMENT = new Set(['idc-services', 'hardware-equipment', 'api-services']);

function quote(supplier: string, amountMinor: string, extra: Partial<Quote> = {}): Quote {
  return {
    supplier,
    amountMinor,
    currency: 'RMB',
    date: '2026-05-02',
    documentRef: `Q-${supplier}`,
    independent: true,
    comparable: true,
    ...extra,
  };
}

function order(extra: Partial<PurchaseOrder> = {}): PurchaseOrder {
  return {
    id: '',
    reference: 'PO-2026-001',
    date: '2026-05-06',
    categoryId: 'hardware-equipment',
    amountMinor: '1200000000',
    currency: 'RMB',
    description: 'GPU servers',
    xiaomiQuote: quote('Xiaomi', '1200000000', { independent: false }),
    thirdPartyQuotes: [quote('Inspur', '1250000000'), quote('H3C', '1310000000')],
    closure: null,
    ...extra,
  };
}

describe('stored change history', () => {
  it('starts with a genesis record hashing the data already stored, then chains every change with its author', async () => {
    freshDb();
    await recordApproval({ resolutionId: 'agm-2026-cloud', outcome: 'approved', date: '2026-06-30' });
    const state = await stateHash();
    await saveUserName('Chan Tai Man');
    await appendHistory({ kind: 'threshold', subject: '', before: '80', after: '75' });
    const h = await listHistory();
    expect(h.map((r) => [r.seq, r.kind, r.who])).toEqual([
      [0, 'genesis', ''],
      [1, 'user', ''],
      [2, 'threshold', 'Chan Tai Man'],
    ]);
    expect(h[0]!.after).toEqual({
      stateHash: state.hash,
      tables: expect.objectContaining({ approvals: 1 }) as unknown,
    });
    expect((await verifyStoredHistory()).ok).toBe(true);
  });

  it('stores an order, its attachment and its record together; a refused order stores nothing', async () => {
    freshDb();
    const file = new Uint8Array([37, 80, 68, 70]);
    await saveOrder(order(), PROCUREMENT, [
      { quotePath: 'quotes[0]', name: 'inspur.pdf', type: 'application/pdf', bytes: file },
    ]);
    const [saved] = await listOrders();
    expect(saved!.thirdPartyQuotes[0]!.attachmentBytes).toBe(4);
    const att = await db().evidenceAttachments.get(saved!.thirdPartyQuotes[0]!.attachmentId!);
    expect([...att!.bytes]).toEqual([37, 80, 68, 70]);
    const before = (await listHistory()).length;

    // USD quote without its rate, a quote dated after the order, an attachment over 5 MiB: refused, nothing stored.
    const bad = order({
      reference: 'PO-2026-002',
      thirdPartyQuotes: [
        quote('Dell', '170000000', { currency: 'USD', date: '2026-05-07' }),
        quote('H3C', '1310000000'),
      ],
    });
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    const err = await saveOrder(bad, PROCUREMENT, [
      { quotePath: 'quotes[1]', name: 'big.pdf', type: 'application/pdf', bytes: big },
    ]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EvidenceValidationError);
    expect((err as EvidenceValidationError).issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      'quotes[0].date quote-after-order',
      'quotes[0].rate rate-missing',
      'quotes[1].attachment attachment-too-large',
    ]);
    expect(await listOrders()).toHaveLength(1);
    expect(await db().evidenceAttachments.count()).toBe(1);
    expect(await listHistory()).toHaveLength(before);
  });

  it('restores a backup with its history, records the restore, and refuses a backup whose history was edited', async () => {
    freshDb();
    await saveUserName('Ada');
    await saveOrder(order(), PROCUREMENT);
    const text = await (await exportBackup()).blob.text();
    const headBefore = headOf(await listHistory());

    freshDb();
    await restoreBackup(text);
    const h = await listHistory();
    expect(h.slice(0, headBefore.count).at(-1)!.hash).toBe(headBefore.hash);
    expect(h.at(-1)!.kind).toBe('restore');
    expect((await verifyStoredHistory(headBefore)).ok).toBe(true);

    // One byte of the order in the history changed by hand: refused, the restored data stays.
    const tampered = text.replace('"subject":"PO-2026-001"', '"subject":"PO-2026-00X"');
    expect(tampered).not.toBe(text);
    await expect(restoreBackup(tampered)).rejects.toThrow(/change history in the backup does not verify: record #2/);
    expect(await listHistory()).toEqual(h);
  });
});
