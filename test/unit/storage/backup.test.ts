import { describe, expect, it } from 'vitest';
import { errorText } from '../../../src/ui/messages/errorText';
import { toDayNumber } from '../../../src/domain/dates';
import { BACKUP_ERROR_CODES, backupErrorOf } from '../../../src/domain/formats/backup';
import { txMessages } from '../../../src/features/transactions/messages';
import { translateCode } from '../../../src/ui/translate';
import { recordApproval } from '../../../src/storage/approvals';
import { BackupError, exportBackup, parseBackup, restoreBackup } from '../../../src/storage/backup';
import { db } from '../../../src/storage/db';
import { setLedgerComplete, setLedgerCompleteThrough } from '../../../src/storage/ledgerSettings';
import { listUncappedResolutions, saveUncappedResolution } from '../../../src/storage/uncappedResolutions';
import type { UncappedResolution } from '../../../src/domain/uncapped';

/** A hardware row of June 15, 2025 (before its first cap) reported as a breach. */
const RESOLUTION: UncappedResolution = {
  id: 'hardware-equipment:2025-06-15:2025-06-15',
  categoryId: 'hardware-equipment',
  start: '2025-06-15',
  end: '2025-06-15',
  amountMinor: '50000000',
  count: 1,
  outcome: 'reported',
  reportedOn: '2025-08-01',
  note: 'Reported to the board.',
  recordedAt: '2026-07-01T00:00:00.000Z',
};
import {
  commitImport,
  forEachLedgerBlock,
  ledgerSummary,
  saveManualEntry,
  verifyAggregates,
} from '../../../src/storage/ledgerStore';
import { loadLedgerTotals } from '../../../src/storage/ledgerTotals';
import { loadSettings, saveAgreementThreshold, saveThresholdPercent } from '../../../src/storage/settings';
import { CATS, columns, freshDb, type Row } from './ledgerFixtures';

async function seed(): Promise<void> {
  const rows: Row[] = Array.from({ length: 60_123 }, (_, i) => ({
    date: i % 2 ? '2026-05-01' : '2026-06-15',
    cat: CATS[i % 4]!,
    fen: (i % 7 === 0 ? -1 : 1) * (i * 101 + 1),
    ref: `INV-${i}`,
    desc: i === 5 ? '含中文，"quotes", and a\nnewline' : '',
  }));
  await commitImport(columns(rows, CATS), CATS, { fileName: '台账.csv' });
  await saveManualEntry({
    day: toDayNumber('2026-07-01'),
    categoryId: 'hardware-equipment',
    amountMinor: 2_500_000_00,
    reference: 'PO-77',
    description: 'switches',
  });
  await setLedgerComplete('idc-services', true);
  await setLedgerCompleteThrough('cloud-services', '2026-05-31');
  await saveUncappedResolution(RESOLUTION);
  await saveThresholdPercent('75');
  await saveAgreementThreshold('xiaomi-cooperation-framework-2025', '85');
  await recordApproval({ resolutionId: 'agm-2026-cloud', outcome: 'approved', date: '2026-06-30' });
}

/** Everything stored, as comparable plain data. */
async function snapshot() {
  const rows: unknown[] = [];
  await forEachLedgerBlock((b) => {
    for (let i = 0; i < b.length; i++) {
      rows.push([
        b.day[i],
        b.categoryIds[b.category[i]!],
        b.amountMinor[i],
        b.reference.text.slice(b.reference.offsets[i]!, b.reference.offsets[i + 1]!),
      ]);
    }
  });
  const totals = await loadLedgerTotals();
  return {
    rows,
    totals: [...totals.byCategory].map(([k, v]) => [k, [...v.days], [...v.prefix].map(String)]),
    complete: [...totals.complete],
    completeThrough: [...(totals.completeThrough ?? [])],
    uncappedResolutions: await listUncappedResolutions(),
    settings: await db().settings.toArray(),
    approvals: await db().approvals.toArray(),
    batches: (await db().ledgerBatches.toArray()).map((b) => [b.fileName, b.rowCount, b.status]),
  };
}

async function backupText(): Promise<string> {
  return (await exportBackup()).blob.text();
}

describe('backup and restore', () => {
  it('round-trips every table, typed arrays and text exactly', async () => {
    freshDb();
    await seed();
    const before = await snapshot();
    expect(before.completeThrough).toEqual([['cloud-services', '2026-05-31']]);
    expect(before.uncappedResolutions).toEqual([RESOLUTION]);
    const { blob, summary } = await exportBackup();
    expect(summary.ledgerRows).toBe(60_124);
    expect(summary.tables.ledgerChunks).toBe(2);
    const text = await blob.text();

    freshDb();
    await saveManualEntry({
      day: toDayNumber('2026-01-02'),
      categoryId: 'cloud-services',
      amountMinor: 1,
      reference: 'gone after restore',
      description: '',
    });
    const restored = await restoreBackup(text);
    expect(restored.ledgerRows).toBe(60_124);
    expect(await snapshot()).toEqual(before);
    // The thresholds travel with the backup: the one for every agreement and an agreement's own.
    expect(await loadSettings()).toEqual({
      thresholdPercent: '75',
      thresholdSet: true,
      thresholdByAgreement: { 'xiaomi-cooperation-framework-2025': '85' },
    });
    expect((await verifyAggregates()).ok).toBe(true);
  });

  it('rejects a tampered backup and leaves the stored data unchanged', async () => {
    freshDb();
    await seed();
    const good = await backupText();
    const before = await snapshot();

    // A manual amount changed by hand: the totals in the file no longer match the rows.
    const tampered = good.replace('"amountMinor":250000000', '"amountMinor":250000001');
    expect(tampered).not.toBe(good);
    await expect(restoreBackup(tampered)).rejects.toThrow(/totals in the backup do not match/);
    await expect(
      restoreBackup('{"format":"headroom-backup","version":1,"schemaVersion":2,"tables":{"evil":[]}}'),
    ).rejects.toThrow(/unknown table "evil"/);
    await expect(restoreBackup('not json')).rejects.toThrow(BackupError);
    // A resolution edited to claim an outcome without what it rests on is refused.
    await expect(restoreBackup(good.replace('"reportedOn":"2025-08-01",', ''))).rejects.toThrow(
      /A resolution of uncapped transactions: reported without a date/,
    );
    await expect(restoreBackup('{"format":"something-else"}')).rejects.toThrow(/not a Headroom backup/);
    // A threshold that is not a percentage: refused by the one domain reading, as the status command and the team server refuse it.
    const doc = JSON.parse(good) as { tables: { settings: { key: string; value: unknown }[] } };
    doc.tables.settings.find((r) => r.key === 'thresholdPercent@xiaomi-cooperation-framework-2025')!.value = '850';
    await expect(restoreBackup(JSON.stringify(doc))).rejects.toThrow(
      `The backup's settings: The alert threshold of agreement xiaomi-cooperation-framework-2025 is "850": it must be a percentage above 0 and at most 100, with at most one decimal (such as 80 or 82.5).`,
    );
    // With its code and values, for the Chinese screen to word (StoragePanel: backup_threshold).
    await expect(restoreBackup(JSON.stringify(doc)).catch(backupErrorOf)).resolves.toEqual({
      code: 'threshold',
      params: { agreementId: 'xiaomi-cooperation-framework-2025', shown: '"850"' },
    });
    await expect(restoreBackup(good.replace(/"base64":"[A-Za-z0-9+/]{8}/, '"base64":"!!!!!!!!'))).rejects.toThrow(
      BackupError,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('a stored threshold that is not a percentage is refused when read, and none is saved', async () => {
    freshDb();
    const RULE = 'it must be a percentage above 0 and at most 100, with at most one decimal (such as 80 or 82.5).';
    // Refused as values (ThresholdError); the screens word them (errorText).
    const words = (e: unknown) => errorText(e, 'en');
    await expect(saveThresholdPercent('0').catch(words)).resolves.toBe(`The alert threshold is "0": ${RULE}`);
    await expect(saveAgreementThreshold('xiaomi-cooperation-framework-2025', '82.55').catch(words)).resolves.toBe(
      `The alert threshold of agreement xiaomi-cooperation-framework-2025 is "82.55": ${RULE}`,
    );
    expect(await loadSettings()).toEqual({ thresholdPercent: '80', thresholdSet: false, thresholdByAgreement: {} });
    // Written behind the app's back (an old or edited database): refused, never used as a figure.
    await db().settings.put({ key: 'thresholdPercent', value: 'eighty' });
    await expect(loadSettings().catch(words)).resolves.toBe(`The alert threshold is "eighty": ${RULE}`);
  });

  it('a failure while writing the restore changes nothing', async () => {
    let failing = false;
    freshDb((d) => {
      d.use({
        stack: 'dbcore',
        name: 'fail-restore',
        create: (down) => ({
          ...down,
          table: (name) => {
            const t = down.table(name);
            return name !== 'ledgerChunks'
              ? t
              : {
                  ...t,
                  mutate: (req) =>
                    failing && req.type === 'put'
                      ? Promise.reject(new Error('Simulated write failure'))
                      : t.mutate(req),
                };
          },
        }),
      });
    });
    await seed();
    const text = await backupText();
    await saveManualEntry({
      day: toDayNumber('2026-03-03'),
      categoryId: 'cloud-services',
      amountMinor: 42,
      reference: 'after backup',
      description: '',
    });
    const before = await snapshot();
    failing = true;
    await expect(restoreBackup(text)).rejects.toThrow(/Simulated write failure/);
    failing = false;
    expect(await snapshot()).toEqual(before);
    expect((await ledgerSummary({})).count).toBe(60_125);
  });

  it('names the problem in a malformed chunk', async () => {
    freshDb();
    await seed();
    const good = await backupText();
    const parsed = JSON.parse(good) as { tables: { ledgerChunks: { length: number }[] } };
    parsed.tables.ledgerChunks[0]!.length = 7;
    await expect(parseBackup(JSON.stringify(parsed))).rejects.toThrow(/Ledger chunk .*date column malformed/);
  });
});

describe('a refused backup says why as a code and values, worded in both languages', () => {
  const en = (code: string, params: Record<string, string | number>) =>
    translateCode(txMessages, 'en', `backup_${code}` as keyof (typeof txMessages)['en'] & string, params);
  const zh = (code: string, params: Record<string, string | number>) =>
    translateCode(txMessages, 'zh', `backup_${code}` as keyof (typeof txMessages)['en'] & string, params);

  async function refusal(text: string) {
    try {
      await parseBackup(text);
    } catch (e) {
      expect(e).toBeInstanceOf(BackupError);
      return backupErrorOf(e);
    }
    throw new Error('accepted');
  }

  // [what, file text, code, values, English, Chinese]
  const cases: [string, string, string, Record<string, string | number>, string, string][] = [
    ['not JSON', 'not json', 'not-backup', {}, 'the file is not a Headroom backup.', '该文件不是Headroom备份。'],
    [
      'another format',
      '{"format":"something-else"}',
      'not-backup',
      {},
      'the file is not a Headroom backup.',
      '该文件不是Headroom备份。',
    ],
    [
      'a later format version',
      '{"format":"headroom-backup","version":2,"schemaVersion":2,"tables":{}}',
      'version',
      { version: '2' },
      'backup format version 2 is not supported.',
      '不支持备份格式版本2。',
    ],
    [
      'a newer database',
      '{"format":"headroom-backup","version":1,"schemaVersion":999,"tables":{}}',
      'newer-app',
      {},
      'it comes from a newer version of Headroom; update the app first.',
      '该备份来自较新版本的Headroom；请先更新应用。',
    ],
    [
      'an unknown table',
      '{"format":"headroom-backup","version":1,"schemaVersion":2,"tables":{"evil":[]}}',
      'unknown-table',
      { name: 'evil' },
      'it has a table this Headroom does not know ("evil").',
      '其中有本版Headroom不认识的数据表（“evil”）。',
    ],
  ];
  it.each(cases)('%s', async (_what, text, code, params, wantEn, wantZh) => {
    freshDb();
    const r = await refusal(text);
    expect(r).toEqual({ code, params });
    expect(en(r!.code, r!.params)).toBe(wantEn);
    expect(zh(r!.code, r!.params)).toBe(wantZh);
  });

  it('every code has its words in both languages', () => {
    for (const code of BACKUP_ERROR_CODES) {
      expect(txMessages.en[`backup_${code}`]).toBeTruthy();
      expect(txMessages.zh[`backup_${code}`]).toBeTruthy();
    }
  });

  it('an error that is not a refusal has no code', () => {
    expect(backupErrorOf(new Error('disk full'))).toBeNull();
    expect(backupErrorOf(null)).toBeNull();
  });
});
