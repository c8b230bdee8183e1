/**
 * The change history, pricing evidence, price checks and alert log behind
 * repository interfaces: src/data reaches them through `repositories()` (the
 * Dexie adapter by default, any other adapter once selected), like every
 * other store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../../src/domain/alerts/alertLog';
import type { PurchaseOrder } from '../../../src/domain/evidence/pricing';
import { idcOrder } from '../domain/evidence/orderFixture';
import { isEvidenceValidationError, loadAttachment } from '../../../src/data/evidence';
import { repositories, selectRepositories } from '../../../src/data/repositories';
import { dexieRepositories } from '../../../src/storage/dexieRepositories';
import { EvidenceValidationError, type Repositories } from '../../../src/storage/repositories';
import { freshDb } from '../storage/ledgerFixtures';

const PROCUREMENT = new Set(['idc-services', 'hardware-equipment', 'api-services']);

const order: PurchaseOrder = idcOrder();

const alert: AlertRecord = {
  id: 'hardware-equipment|2026-01-01|threshold',
  categoryId: 'hardware-equipment',
  periodStart: '2026-01-01',
  periodEnd: '2026-07-28',
  state: 'threshold',
  crossedOn: '2026-05-10',
  detectedOn: '2026-06-15',
  figures: {
    actualMinor: '550000000',
    capMinor: '670000000',
    thresholdPercent: '80',
    utilisationPercent: '82.0',
    currency: 'RMB',
    through: '2026-04-23',
  },
  source: { kind: 'ledger', ref: 'b-1' },
  boardRequired: false,
  acknowledged: null,
  reportedToManagement: null,
  reportedToBoard: null,
};

afterEach(() => selectRepositories(dexieRepositories()));

describe('evidence stores through the repositories', () => {
  it('stores orders, price checks and alerts through the Dexie adapter, each with its history record', async () => {
    freshDb();
    selectRepositories(dexieRepositories());
    const r = repositories();
    await r.history.saveUserName('Wong Mei Ling (Finance)');
    const bytes = new TextEncoder().encode('GDS quotation GDS-BJ-5532: RMB 5,700,000.00\n') as Uint8Array<ArrayBuffer>;
    const saved = await r.evidence.saveOrder(order, PROCUREMENT, [
      { quotePath: 'quotes[0]', name: 'gds.txt', type: 'text/plain', bytes },
    ]);
    expect((await r.evidence.orders()).map((o) => o.reference)).toEqual(['IDC-PO-2026-01']);
    const attachmentId = saved.thirdPartyQuotes[0]!.attachmentId!;
    const file = await loadAttachment(attachmentId);
    expect(file?.name).toBe('gds.txt');
    expect(await file!.blob.text()).toBe('GDS quotation GDS-BJ-5532: RMB 5,700,000.00\n');
    expect((await r.evidence.attachment(attachmentId))?.sha256).toBe(await r.history.sha256(bytes));

    await r.evidence.savePriceCheck({
      id: '',
      categoryId: 'cloud-services',
      quarter: '2026-Q1',
      date: '2026-04-10',
      reviewer: 'Chen Jun',
      compared: ['published-list-prices'],
      note: '',
      result: 'consistent',
    });
    expect((await r.evidence.priceChecks()).map((c) => c.quarter)).toEqual(['2026-Q1']);

    expect(await r.alerts.create([alert])).toHaveLength(1);
    // Once per state and period: the same alert again is skipped.
    expect(await r.alerts.create([alert])).toHaveLength(0);
    await r.alerts.recordHandling(alert.id, 'acknowledged', { on: '2026-06-15', by: 'Wong Mei Ling', note: 'Seen' });
    await expect(
      r.alerts.recordHandling(alert.id, 'reportedToBoard', { on: '2026-06-16', by: 'Wong Mei Ling', note: '' }),
    ).rejects.toThrow('Report it to senior management first.');
    await r.alerts.saveOverdueDays(5);
    expect(await r.alerts.overdueDays()).toBe(5);
    expect((await r.alerts.list())[0]!.acknowledged).toEqual({ on: '2026-06-15', by: 'Wong Mei Ling', note: 'Seen' });

    const h = await r.history.list();
    expect(h.map((x) => [x.seq, x.kind, x.who])).toEqual([
      [0, 'genesis', ''],
      [1, 'user', ''],
      [2, 'order-save', 'Wong Mei Ling (Finance)'],
      [3, 'price-check-save', 'Wong Mei Ling (Finance)'],
      [4, 'alert-created', 'Wong Mei Ling (Finance)'],
      [5, 'alert-acknowledged', 'Wong Mei Ling (Finance)'],
      [6, 'alert-settings', 'Wong Mei Ling (Finance)'],
    ]);
    const head = await r.history.head();
    expect(head).toEqual({ count: 7, hash: h[6]!.hash });
    expect(await r.history.verify({ hash: head.hash, count: 7 })).toEqual({ ok: true, head, failure: null });
  });

  it('refuses an invalid order with EvidenceValidationError, storing nothing', async () => {
    freshDb();
    selectRepositories(dexieRepositories());
    const r = repositories();
    const e = await r.evidence
      .saveOrder({ ...order, thirdPartyQuotes: [{ ...order.thirdPartyQuotes[0]!, date: '2026-05-20' }] }, PROCUREMENT)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EvidenceValidationError);
    expect(isEvidenceValidationError(e) && e.issues.map((i) => i.code)).toEqual(['quote-after-order']);
    expect(await r.evidence.orders()).toEqual([]);
    // Refused before anything was written, not even the history's genesis record.
    expect(await r.history.list()).toEqual([]);
  });

  it('reads through whichever adapter is selected (the data layer does not import storage modules)', async () => {
    const fake = {
      ...dexieRepositories(),
      evidence: {
        ...dexieRepositories().evidence,
        attachment: async (id: string) =>
          id === 'att-1'
            ? {
                id,
                name: 'quote.pdf',
                type: 'application/pdf',
                bytes: new Uint8Array([37, 80, 68, 70]) as Uint8Array<ArrayBuffer>,
                sha256: '',
              }
            : undefined,
      },
    } satisfies Repositories;
    selectRepositories(fake);
    const a = await loadAttachment('att-1');
    expect(a?.name).toBe('quote.pdf');
    expect(a?.blob.type).toBe('application/pdf');
    expect(await a!.blob.text()).toBe('%PDF');
    expect(await loadAttachment('att-2')).toBeNull();
  });
});
