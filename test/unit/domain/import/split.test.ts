// @vitest-environment node
/**
 * A CSV file read in two parts (split.ts) gives exactly the result of reading it
 * in one part: every CSV fixture cut after each of its line feeds, and generated
 * files with what depends on the whole file on both sides of the cut (duplicates,
 * the day/month order, summary rows, error limits, row limits, refusals).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PART_PARAMS_HEAD_BYTES, parseFile, partParamsFromHead } from '../../../../src/domain/import/parseFile';
import { SPLIT_MIN_BYTES } from '../../../../src/domain/import/protocol';
import {
  decodePart,
  parseFileInParts,
  parseFileInPartsHere,
  planSplit,
  readPart,
  type PartLink,
  type PartParams,
} from '../../../../src/domain/import/split';
import type { ImportResult, ParseOptions } from '../../../../src/domain/import/types';
import { BASE, FIXTURES, fixture, totals } from './helpers';

/** Offsets just after each line feed (the places a file may be cut), at most `max` spread evenly. */
function cuts(bytes: Uint8Array, max = 400): number[] {
  const all: number[] = [];
  for (let i = 0; i < bytes.length - 1; i++) if (bytes[i] === 10) all.push(i + 1);
  if (all.length <= max) return all;
  return Array.from({ length: max }, (_, k) => all[Math.floor((k * all.length) / max)]!);
}

/** Reads the file in one part and cut at every place; returns the one-part result and how many cuts read in two. */
async function same(
  bytes: Uint8Array,
  name: string,
  options: ParseOptions,
): Promise<{ whole: ImportResult; inParts: number; tried: number }> {
  const whole = parseFile(bytes, name, options);
  let inParts = 0;
  const at = cuts(bytes);
  for (const cut of at) {
    const split = await parseFileInPartsHere(bytes, name, options, cut);
    expect(split.result, `${name} cut at byte ${cut}`).toEqual(whole);
    if (split.inParts) inParts++;
    // The second part started first, with the parameters of the file's start.
    const early = await parseFileInPartsHere(bytes, name, options, cut, true);
    expect(early.result, `${name} cut at byte ${cut}, second part first`).toEqual(whole);
    expect(early.inParts, `${name} cut at byte ${cut}, second part first`).toBe(split.inParts);
  }
  return { whole, inParts, tried: at.length };
}

function csvFixtures(): string[] {
  const out: string[] = [];
  for (const dir of ['good', 'bad', 'evidence', 'erp']) {
    for (const f of readdirSync(join(FIXTURES, dir))) if (f.endsWith('.csv')) out.push(`${dir}/${f}`);
  }
  return out;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('a CSV file read in two parts', () => {
  const files = csvFixtures();

  it('finds the CSV fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s: the same result cut after any line', async (path) => {
    const bytes = fixture(path);
    await same(bytes, path.split('/')[1]!, BASE);
    // A low error limit: errors of both parts are kept in row order up to the limit.
    await same(bytes, path.split('/')[1]!, { ...BASE, maxErrors: 2, maxDuplicatesListed: 1 });
  });

  it('reads the good UTF-8 and GB18030 fixtures in two parts (not one part every time)', async () => {
    for (const path of ['good/gb18030.csv', 'good/utf8-bom-chinese.csv', 'good/semicolon.csv', 'good/dmy-dates.csv']) {
      const { whole, inParts, tried } = await same(fixture(path), 'x.csv', BASE);
      expect(whole.fatal).toBeNull();
      // Only cuts inside the header, the first record or the last line read in one part.
      expect(inParts, path).toBeGreaterThanOrEqual(tried - 3);
    }
  });

  it('finds duplicates whose first row is in the first part', async () => {
    const lines = ['日期,类别,金额,发票号,摘要'];
    for (let i = 0; i < 40; i++)
      lines.push(`2026-05-${String(1 + (i % 28)).padStart(2, '0')},云服务,${100 + i}.50,INV-${i},服务费`);
    // Rows 42..81 repeat rows 2..41 exactly; row 82 differs only in its reference.
    lines.push(...lines.slice(1, 41), '2026-05-01,云服务,100.50,INV-X,服务费');
    const bytes = utf8(`${lines.join('\r\n')}\r\n`);
    const cut = bytes.indexOf(10, bytes.length >> 1) + 1;
    const { result, inParts } = await parseFileInPartsHere(bytes, 'dup.csv', BASE, cut);
    expect(inParts).toBe(true);
    expect(result.duplicateCount).toBe(40);
    expect(result.duplicatesInFile[0]).toEqual({ row: 42, firstRow: 2 });
    expect(result.duplicatesInFile[39]).toEqual({ row: 81, firstRow: 41 });
    expect(result).toEqual(parseFile(bytes, 'dup.csv', BASE));
    await same(bytes, 'dup.csv', BASE);
  });

  it('decides the day/month order from rows of both parts', async () => {
    const lines = ['Date,Category,Amount,Invoice'];
    for (let i = 0; i < 30; i++) lines.push(`0${1 + (i % 9)}/0${1 + (i % 5)}/2026,cloud,${i + 1}.00,A${i}`);
    lines.push('13/04/2026,cloud,7.00,B1', '05/06/2026,cloud,8.00,B2');
    const bytes = utf8(`${lines.join('\n')}\n`);
    const { whole, inParts } = await same(bytes, 'dmy.csv', BASE);
    expect(inParts).toBeGreaterThan(25);
    expect(whole.dateOrder).toBe('dmy');
    expect(whole.notices).toContainEqual({
      code: 'date-order-inferred',
      params: { order: 'dmy', row: 32, text: '13/04/2026' },
    });
    // Both orders seen, one in each part: the conflict is reported with both rows.
    const conflict = utf8(`${[...lines, '04/13/2026,cloud,9.00,C1'].join('\n')}\n`);
    const c = await same(conflict, 'both.csv', BASE);
    expect(c.whole.ambiguity).toMatchObject({ conflict: true, samples: [{ row: 32 }, { row: 34 }] });
    expect(c.inParts).toBeGreaterThan(25);
  });

  it('checks summary rows in the second part against the sums over the whole file', async () => {
    const lines = ['日期,类别,金额,发票号', '期初余额,,5000.00,'];
    for (let i = 0; i < 20; i++) lines.push(`2026-05-${String(1 + i).padStart(2, '0')},云服务,10.00,A${i}`);
    lines.push('本月合计,,200.00,');
    for (let i = 0; i < 20; i++) lines.push(`2026-06-${String(1 + i).padStart(2, '0')},IDC服务,1.50,B${i}`);
    lines.push('小计,,30.00,', '2026-06-30,云服务,0.01,C1', '合计,,230.00,');
    const bytes = utf8(`${lines.join('\n')}\n`);
    const { whole, inParts } = await same(bytes, 'sums.csv', BASE);
    expect(inParts).toBeGreaterThan(35);
    expect(whole.summaryRows!.map((s) => [s.row, s.expectedMinor, s.matches])).toEqual([
      [2, null, null],
      [23, 20_000n, true],
      [44, 3_000n, true],
      // 200 + 30 + 0.01 yuan: the grand total misses the last row's cent.
      [46, 23_001n, false],
    ]);
  });

  it('keeps errors of both parts in row order up to the limit, and counts them all', async () => {
    const lines = ['Date,Category,Amount,Invoice'];
    for (let i = 0; i < 30; i++)
      lines.push(i % 3 === 0 ? `2026-05-01,nope${i},1.00,E${i}` : `2026-05-02,cloud,${i}.00,A${i}`);
    const bytes = utf8(`${lines.join('\n')}\n`);
    const { whole, inParts } = await same(bytes, 'errors.csv', { ...BASE, maxErrors: 4 });
    expect(inParts).toBeGreaterThan(25);
    expect(whole.errorCount).toBe(10);
    expect(whole.errors.map((e) => e.row)).toEqual([2, 5, 8, 11]);
  });

  it('refuses a quote never closed in the second part, naming the row, as in one part', async () => {
    const lines = ['Date,Category,Amount,Invoice,Description'];
    for (let i = 0; i < 30; i++) lines.push(`2026-05-02,cloud,${i}.00,A${i},"plain, quoted"`);
    lines.push('2026-05-03,cloud,1.00,Z,"never closed');
    lines.push('2026-05-04,cloud,2.00,Y,after');
    const bytes = utf8(`${lines.join('\n')}\n`);
    const { whole, inParts } = await same(bytes, 'quote.csv', BASE);
    expect(whole.fatal).toMatchObject({ code: 'unbalanced-quote', row: 32 });
    expect(inParts).toBe(0);
  });

  it('reads a quoted line break on either side of the cut, and across it in one part', async () => {
    const lines = ['Date,Category,Amount,Invoice,Description'];
    for (let i = 0; i < 30; i++) lines.push(`2026-05-02,cloud,${i}.00,A${i},"line one\nline two ${i}"`);
    const bytes = utf8(`${lines.join('\n')}\n`);
    const { whole, inParts, tried } = await same(bytes, 'multiline.csv', BASE);
    expect(whole.accepted.length).toBe(30);
    // Half the line feeds are inside quotes: those cuts read in one part.
    expect(inParts).toBeGreaterThanOrEqual(28);
    expect(inParts).toBeLessThan(tried - 25);
  });

  it('applies the row limit to both parts together', async () => {
    const lines = ['Date,Category,Amount,Invoice'];
    for (let i = 0; i < 30; i++) lines.push(`2026-05-02,cloud,${i + 1}.00,A${i}`);
    const bytes = utf8(`${lines.join('\n')}\n`);
    const { whole } = await same(bytes, 'limit.csv', { ...BASE, maxRows: 29 });
    expect(whole.fatal).toMatchObject({ code: 'too-many-rows', row: 31 });
    const ok = await same(bytes, 'limit.csv', { ...BASE, maxRows: 30 });
    expect(ok.whole.accepted.length).toBe(30);
    expect(ok.inParts).toBeGreaterThan(25);
  });

  it('reads title rows and blank lines, and a file whose first part is only the title', async () => {
    const lines = ['应收账款明细账', '单位：金山云', '', '日期,类别,金额,发票号'];
    for (let i = 0; i < 25; i++) lines.push(i % 7 === 3 ? ',,,' : `2026-05-0${1 + (i % 9)},硬件设备,${i + 1}.00,H${i}`);
    const bytes = utf8(`\uFEFF${lines.join('\r\n')}\r\n\r\n`);
    const { whole, inParts } = await same(bytes, 'title.csv', BASE);
    expect(whole.notices.map((n) => n.code)).toEqual(['header-row-skipped', 'blank-rows-skipped']);
    expect(totals(whole)['hardware-equipment']).toBeGreaterThan(0n);
    expect(inParts).toBeGreaterThan(20);
  });

  it('starts the second part with the parameters of the file’s start, and reads in one part when the first part disagrees', async () => {
    const BIG = { ...BASE, maxRows: 100_000 };
    // ASCII only, so that the same bytes are valid GB18030 too.
    const lines = ['Date,Category,Amount,Invoice,Memo'];
    for (let i = 0; i < 60_000; i++)
      lines.push(`2026-05-${String(1 + (i % 28)).padStart(2, '0')},cloud,${100 + i}.50,INV-${i},fee ${i}`);
    const clean = utf8(`${lines.join('\r\n')}\r\n`);
    expect(clean.length).toBeGreaterThan(PART_PARAMS_HEAD_BYTES);
    const cut = clean.indexOf(10, clean.length >> 1) + 1;
    // The first 2 MB settle the parameters; with only 1 MB read, or a head of titles, they do not.
    expect(partParamsFromHead(clean, 'x.csv', BIG, PART_PARAMS_HEAD_BYTES)).toEqual({
      encoding: 'utf-8',
      delimiter: ',',
      headers: ['Date', 'Category', 'Amount', 'Invoice', 'Memo'],
      mapping: ['date', 'category', 'amount', 'reference', 'description'],
    });
    expect(partParamsFromHead(clean, 'x.csv', BIG, 1 << 20)).toBeNull();
    const titled = utf8(`${'Ledger title\r\n'.repeat(60)}${lines.join('\r\n')}\r\n`);
    expect(partParamsFromHead(titled, 'x.csv', BIG, PART_PARAMS_HEAD_BYTES)).toBeNull();
    const early = await parseFileInPartsHere(clean, 'x.csv', BIG, cut, true);
    expect(early.inParts).toBe(true);
    expect(early.result).toEqual(parseFile(clean, 'x.csv', BIG));
    // Past the sniffed megabyte the first part holds GB18030 (啊 = B0 A1), not UTF-8: the
    // file's start said UTF-8, the first part says GB18030, so it is read in one part.
    const mixed = clean.slice();
    const at = mixed.indexOf(10, 1_200_000) + 1;
    mixed.set([0xb0, 0xa1], mixed.indexOf(0x20, at));
    const whole = parseFile(mixed, 'x.csv', BIG);
    expect(whole.encoding).toBe('gb18030');
    const disagreed = await parseFileInPartsHere(mixed, 'x.csv', BIG, cut, true);
    expect(disagreed.inParts).toBe(false);
    expect(disagreed.result).toEqual(whole);
    // Parameters other than the first part's (reference and memo swapped): the second
    // part read with them is not used.
    const wrong: PartParams = {
      encoding: 'utf-8',
      delimiter: ',',
      headers: ['Date', 'Category', 'Amount', 'Invoice', 'Memo'],
      mapping: ['date', 'category', 'amount', 'description', 'reference'],
    };
    const decoded = decodePart(clean.subarray(cut), 'utf-8')!;
    const wrongReading = readPart(decoded.text, decoded.encoding, 'x.csv', BIG, wrong);
    const { result, inParts } = await parseFileInParts(
      clean,
      'x.csv',
      BIG,
      cut,
      {
        start: () => {
          throw new Error('already started');
        },
        reading: () => Promise.resolve(wrongReading),
      },
      undefined,
      undefined,
      undefined,
      wrong,
    );
    expect(inParts).toBe(false);
    expect(result).toEqual(parseFile(clean, 'x.csv', BIG));
  });

  it('parses the first part while the rest of the file is still being read, and waits for it before one part', async () => {
    const BIG = { ...BASE, maxRows: 10_000 };
    const lines = ['Date,Category,Amount,Invoice'];
    for (let i = 0; i < 6000; i++) lines.push(`2026-05-02,cloud,${i + 1}.00,A${i}`);
    lines.push(lines[1]!);
    const full = utf8(`${lines.join('\n')}\n`);
    const whole = parseFile(full, 'late.csv', BIG);
    // 170 KB: a first part past the middle holds the whole delimiter sample (64 K characters) and head.
    for (const at of [0.005, 0.1, 0.5, 0.9]) {
      const cut = full.indexOf(10, Math.floor(full.length * at)) + 1;
      // Only bytes [0, cut) are there; the rest arrives when `all` resolves.
      const bytes = new Uint8Array(full.length);
      bytes.set(full.subarray(0, cut));
      let readings = 0;
      const all = Promise.resolve().then(() => bytes.set(full.subarray(cut), cut));
      const { result, inParts } = await parseFileInParts(
        bytes,
        'late.csv',
        BIG,
        cut,
        {
          start(params) {
            readings++;
            void all.then(() => undefined);
            this.params = params;
          },
          params: null as PartParams | null,
          async reading() {
            await all;
            const decoded = decodePart(bytes.subarray(cut), 'utf-8')!;
            return readPart(decoded.text, decoded.encoding, 'late.csv', BIG, this.params!);
          },
        } as PartLink & { params: PartParams | null },
        undefined,
        undefined,
        { loaded: cut, all },
      );
      expect(result).toEqual(whole);
      // A first part shorter than the delimiter sample or the head needs the whole file's
      // start: read in one part, once it is all there.
      expect(inParts).toBe(at >= 0.5);
      expect(readings).toBe(at >= 0.5 ? 1 : 0);
    }
    expect(whole.duplicatesInFile).toEqual([{ row: 6002, firstRow: 2 }]);
  });

  it('plans a cut just after the first line feed past the middle, only for large UTF-8 and GB18030 text', () => {
    const bytes = utf8(`${'2026-05-02,cloud,1.00,A\n'.repeat(100)}`);
    const mid = bytes.length / 2;
    expect(planSplit(bytes, 'x.csv', 0)).toEqual({ cut: bytes.indexOf(10, mid) + 1, encoding: 'utf-8' });
    expect(planSplit(bytes, 'x.csv')).toBeNull();
    expect(SPLIT_MIN_BYTES).toBe(8 * 1024 * 1024);
    expect(planSplit(fixture('good/gb18030.csv'), 'x.csv', 0)?.encoding).toBe('gb18030');
    expect(planSplit(fixture('good/utf16le-no-bom.csv'), 'x.csv', 0)).toBeNull();
    expect(planSplit(fixture('good/utf16be-mdy.csv'), 'x.csv', 0)).toBeNull();
  });
});
