/**
 * Builds test/fixtures/evidence/review-2026.backup.json: a Headroom backup holding a 2026
 * ledger (the two CSVs beside it), the AGM outcomes, purchase orders with quotations, quarterly
 * price checks and the alerts raised along the way with their handling — every step through
 * the real storage modules (fake IndexedDB), so its change history is a genuine chain.
 * Alerts are evaluated with the engine at the date each step happened.
 *
 *   npx tsx scripts/fixtures-review2026.ts
 */
import 'fake-indexeddb/auto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateAlerts } from '../src/domain/alerts/observe';
import { toDayNumber } from '../src/domain/dates';
import { kingsoftCloudXiaomi2026 as dataset } from '../src/domain/disclosed/kingsoftCloudXiaomi2026';
import type { PurchaseOrder, Quote } from '../src/domain/evidence/pricing';
import { packStrings } from '../src/domain/import/accepted';
import { fromUnits } from '../src/domain/money';
import { createAlerts, listAlerts, recordHandling } from '../src/storage/alerts';
import { recordApproval } from '../src/storage/approvals';
import { exportBackup } from '../src/storage/backup';
import { savePriceCheck, saveOrder } from '../src/storage/evidence';
import { appendHistory, saveUserName } from '../src/storage/history';
import { commitImport } from '../src/storage/ledgerStore';
import { loadLedgerTotals } from '../src/storage/ledgerTotals';

const DIR = join(import.meta.dirname, '../test/fixtures/evidence');
const CATS = dataset.categories.map((c) => c.id);
const PROCUREMENT = new Set(dataset.categories.filter((c) => c.direction === 'procured-by-group').map((c) => c.id));

async function importCsv(file: string) {
  const lines = readFileSync(join(DIR, file), 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((l) => l.split(','));
  const batch = await commitImport(
    {
      length: rows.length,
      day: Int32Array.from(rows, (r) => toDayNumber(r[0]!)),
      category: Uint8Array.from(rows, (r) => CATS.indexOf(r[1]!)),
      amountMinor: Float64Array.from(rows, (r) => Number(fromUnits(r[2]!))),
      reference: packStrings(rows.map((r) => r[3]!)),
      description: packStrings(rows.map((r) => r[4]!)),
      rowNumber: Int32Array.from(rows, (_, i) => i + 2),
    },
    CATS,
    { fileName: file, format: 'csv' },
  );
  const bytes = new Uint8Array(readFileSync(join(DIR, file)));
  const digest = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
  await appendHistory({
    kind: 'import',
    subject: batch.id,
    before: null,
    after: {
      batchId: batch.id,
      fileName: file,
      fileSha256: digest,
      rowCount: batch.rowCount,
      totalMinor: batch.totalMinor,
    },
  });
  return batch;
}

async function raiseAlerts(today: string, batchId: string) {
  const ctx = {
    dataset,
    approvals: await (await import('../src/storage/approvals')).listApprovals(),
    ledger: await loadLedgerTotals(),
  };
  const fresh = evaluateAlerts(ctx, today, await listAlerts(), () => ({ kind: 'ledger', ref: batchId }));
  await createAlerts(fresh);
  return fresh;
}

const q = (supplier: string, yuan: string, date: string, doc: string, extra: Partial<Quote> = {}): Quote => ({
  supplier,
  amountMinor: fromUnits(yuan).toString(),
  currency: 'RMB',
  date,
  documentRef: doc,
  independent: true,
  comparable: true,
  ...extra,
});

const order = (o: Omit<PurchaseOrder, 'id' | 'currency' | 'closure'>): PurchaseOrder => ({
  ...o,
  id: '',
  currency: 'RMB',
  closure: null,
});

await saveUserName('Wong Mei Ling (Finance)');

// June 15: the first half's ledger; hardware reaches 82.1% of its RMB 6.7 million cap (5.5 / 6.7).
const b1 = await importCsv('ledger-2026-h1.csv');
for (const a of await raiseAlerts('2026-06-15', b1.id)) {
  await recordHandling(a.id, 'acknowledged', {
    on: '2026-06-15',
    by: 'Wong Mei Ling',
    note: 'Seen on import of the May ledger.',
  });
  await recordHandling(a.id, 'reportedToManagement', {
    on: '2026-06-16',
    by: 'Wong Mei Ling',
    note: 'Emailed the CFO; the revised hardware cap goes to the AGM on June 30.',
  });
}

await saveOrder(
  order({
    reference: 'HW-PO-2026-03',
    date: '2026-05-08',
    categoryId: 'hardware-equipment',
    amountMinor: fromUnits('5500000.00').toString(),
    description: 'GPU servers, batch 1',
    xiaomiQuote: q('Xiaomi', '5500000.00', '2026-04-28', 'XM-Q-2026-114', { independent: false }),
    thirdPartyQuotes: [
      q('Inspur', '5820000.00', '2026-04-29', 'INS-26-0412'),
      q('H3C', '5950000.00', '2026-04-30', 'H3C-Q-7781'),
    ],
  }),
  PROCUREMENT,
  [
    {
      quotePath: 'quotes[0]',
      name: 'inspur-quote.txt',
      type: 'text/plain',
      bytes: new TextEncoder().encode('Inspur quotation INS-26-0412: RMB 5,820,000.00\n') as Uint8Array<ArrayBuffer>,
    },
  ],
);
await saveOrder(
  order({
    reference: 'IDC-PO-2026-01',
    date: '2026-05-15',
    categoryId: 'idc-services',
    amountMinor: fromUnits('5500000.00').toString(),
    description: 'Rack space, Beijing, Q2-Q3',
    xiaomiQuote: q('Xiaomi', '5500000.00', '2026-05-06', 'XM-IDC-2026-07', { independent: false }),
    thirdPartyQuotes: [q('GDS', '5700000.00', '2026-05-07', 'GDS-BJ-5532')],
  }),
  PROCUREMENT,
);
await saveOrder(
  order({
    reference: 'API-PO-2026-02',
    date: '2026-06-01',
    categoryId: 'api-services',
    amountMinor: fromUnits('1200000.00').toString(),
    description: 'MiMo model API calls, June',
    xiaomiQuote: q('Xiaomi', '1200000.00', '2026-05-25', 'XM-API-0601', { independent: false }),
    thirdPartyQuotes: [
      q('Zhipu AI', '1290000.00', '2026-05-26', 'ZP-API-889'),
      q('OpenRouter', '185000.00', '2026-05-27', 'OR-INV-20260527', {
        currency: 'USD',
        rate: '7.1',
        rateSource: 'PBOC central parity 2026-05-27',
      }),
    ],
  }),
  PROCUREMENT,
);
await savePriceCheck({
  id: '',
  categoryId: 'cloud-services',
  quarter: '2026-Q1',
  date: '2026-04-10',
  reviewer: 'Chen Jun (Sales operations)',
  compared: ['published-list-prices', 'third-party-prices'],
  note: 'Xiaomi ECS and object-storage rates against the website list and the three largest third-party customers.',
  result: 'consistent',
});

// July 2: both AGM resolutions passed on June 30 (poll results announcement).
await recordApproval({ resolutionId: 'agm-2026-cloud-services', outcome: 'approved', date: '2026-06-30' });
await appendHistory({
  kind: 'approval',
  subject: 'agm-2026-cloud-services',
  before: null,
  after: { outcome: 'approved', date: '2026-06-30' },
});
await recordApproval({ resolutionId: 'agm-2026-hardware-equipment', outcome: 'approved', date: '2026-06-30' });
await appendHistory({
  kind: 'approval',
  subject: 'agm-2026-hardware-equipment',
  before: null,
  after: { outcome: 'approved', date: '2026-06-30' },
});
await savePriceCheck({
  id: '',
  categoryId: 'cloud-services',
  quarter: '2026-Q2',
  date: '2026-07-08',
  reviewer: 'Chen Jun (Sales operations)',
  compared: ['published-list-prices', 'third-party-prices', 'market-rates'],
  note: 'List prices unchanged; GPU instance rates compared with two public-cloud peers.',
  result: 'consistent',
});

// October 12: the rest of the ledger; cloud reaches 81.2% of the approved RMB 4,000.0 million (3,249.1).
const b2 = await importCsv('ledger-2026-h2.csv');
for (const a of await raiseAlerts('2026-10-12', b2.id)) {
  await recordHandling(a.id, 'acknowledged', {
    on: '2026-10-12',
    by: 'Wong Mei Ling',
    note: 'September billing pushed cloud over 80%.',
  });
  await recordHandling(a.id, 'reportedToManagement', {
    on: '2026-10-13',
    by: 'Wong Mei Ling',
    note: 'Reported to the CFO and the head of sales.',
  });
  if (a.boardRequired)
    await recordHandling(a.id, 'reportedToBoard', {
      on: '2026-10-20',
      by: 'Company Secretary',
      note: 'Board paper: the 2026 cap may be insufficient; advisers consulted on a revision.',
    });
}
await savePriceCheck({
  id: '',
  categoryId: 'cloud-services',
  quarter: '2026-Q3',
  date: '2026-10-09',
  reviewer: 'Chen Jun (Sales operations)',
  compared: ['published-list-prices', 'third-party-prices'],
  note: 'Q3 invoices sampled against list prices.',
  result: 'consistent',
});

const { blob } = await exportBackup();
writeFileSync(join(DIR, 'review-2026.backup.json'), await blob.text());
console.log(
  'alerts:',
  (await listAlerts()).map((a) => `${a.id} crossed ${a.crossedOn} detected ${a.detectedOn}`),
);
