/**
 * Micro-benchmark of the import parser (no browser): builds a 1,000,000-row
 * CSV in memory (UTF-8, Chinese headers, quoted fields, four categories) and
 * times parseFile. Run: npx tsx scripts/bench-parse.ts [rows] [--xlsx N]
 * Prints rows/s for the whole parse (decode → CSV → values → daily totals);
 * with --xlsx N also times an N-row .xlsx (shared strings, serial dates).
 */
import { utils as xlsxUtils, write as writeXlsx } from '@e965/xlsx';
import { kingsoftCloudXiaomi2026 } from '../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { importCategoriesFrom } from '../src/domain/import/categories';
import { parseFile, xlsxFastReader } from '../src/domain/import/parseFile';
import { fatalText } from '../src/ui/messages/importFatal';
import { rowErrorText } from '../src/ui/messages/importIssues';

const args = process.argv.slice(2);
const xlsxAt = args.indexOf('--xlsx');
const xlsxRows = xlsxAt >= 0 ? Number(args[xlsxAt + 1] ?? 200_000) : 0;
const rows = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--xlsx') ?? 1_000_000);
const cats = ['云服务', 'IDC服务', '硬件设备', 'cloud-services'];

function buildCsv(n: number): Uint8Array {
  const parts: string[] = ['日期,类别,金额（元）,发票号,摘要\n'];
  for (let i = 0; i < n; i++) {
    // 2026-01-01 .. 2026-12-31, inside every category's term but API's start.
    const day = 1 + (i % 28);
    const month = 8 + (i % 5);
    const amount = ((i * 7919) % 10_000_000) / 100;
    parts.push(
      `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},${cats[i % 4]},"${amount.toLocaleString('en', { minimumFractionDigits: 2 })}",INV-${100000 + i},"服务费, 第${i % 97}期"\n`,
    );
  }
  return new TextEncoder().encode(parts.join(''));
}

const bytes = buildCsv(rows);
const options = {
  unit: 'yuan' as const,
  maxRows: 2_000_000,
  categories: importCategoriesFrom(kingsoftCloudXiaomi2026.categories),
};
const times: number[] = [];
const cpu: number[] = [];
let accepted = 0;
for (let k = 0; k < 5; k++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = parseFile(bytes, 'bench.csv', options);
  const c1 = process.cpuUsage(c0);
  times.push(performance.now() - t0);
  // CPU time of this process (all threads, GC helpers included): steadier than
  // wall time on a shared machine.
  cpu.push((c1.user + c1.system) / 1000);
  if (r.fatal) throw new Error(fatalText(r.fatal, 'en'));
  accepted = r.accepted.length;
  if (r.errorCount)
    throw new Error(`unexpected errors: ${r.errors[0] ? rowErrorText(r.errors[0], 'bench', 'en') : ''}`);
}
const best = Math.min(...times);
console.log(
  `file ${(bytes.length / 1048576).toFixed(1)} MB, ${rows.toLocaleString('en')} rows, accepted ${accepted.toLocaleString('en')}`,
);
console.log(`parse wall ms: ${times.map((t) => t.toFixed(0)).join(', ')}`);
console.log(`parse CPU ms:  ${cpu.map((t) => t.toFixed(0)).join(', ')}`);
console.log(`best wall ${best.toFixed(0)} ms → ${Math.round(rows / (best / 1000)).toLocaleString('en')} rows/s`);

if (xlsxRows > 0) {
  const aoa: (string | number)[][] = [['日期', '类别', '金额', '发票号', '摘要']];
  for (let i = 0; i < xlsxRows; i++) {
    // Serial dates 45870.. = 2025-08-01 onwards, inside every term but API's.
    aoa.push([
      45870 + (i % 150),
      cats[i % 4]!,
      ((i * 7919) % 10_000_000) / 100,
      `INV-${100000 + i}`,
      `服务费 第${i % 97}期`,
    ]);
  }
  const wb = xlsxUtils.book_new();
  xlsxUtils.book_append_sheet(wb, xlsxUtils.aoa_to_sheet(aoa), 'Ledger');
  const xbytes = new Uint8Array(
    writeXlsx(wb, { type: 'array', bookType: 'xlsx', bookSST: true, compression: true }) as ArrayBuffer,
  );
  // The fast worksheet reader (xlsxFast.ts) and SheetJS alone, back to back in one process.
  const runs = {
    fast: { wall: [] as number[], cpu: [] as number[] },
    sheetjs: { wall: [] as number[], cpu: [] as number[] },
  };
  for (let k = 0; k < 6; k++) {
    const which = k % 2 === 0 ? 'fast' : 'sheetjs';
    xlsxFastReader.enabled = which === 'fast';
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = parseFile(xbytes, 'bench.xlsx', { ...options, maxRows: xlsxRows + 10 });
    const c1 = process.cpuUsage(c0);
    runs[which].wall.push(performance.now() - t0);
    runs[which].cpu.push((c1.user + c1.system) / 1000);
    if (r.fatal || r.errorCount || r.accepted.length !== xlsxRows)
      throw new Error(
        r.fatal ? fatalText(r.fatal, 'en') : r.errors[0] ? rowErrorText(r.errors[0], 'bench', 'en') : 'row count',
      );
  }
  xlsxFastReader.enabled = true;
  console.log(`xlsx ${(xbytes.length / 1048576).toFixed(1)} MB, ${xlsxRows.toLocaleString('en')} rows`);
  for (const [name, t] of Object.entries(runs))
    console.log(
      `xlsx parse (${name}) wall ms: ${t.wall.map((x) => x.toFixed(0)).join(', ')}; CPU ms: ${t.cpu.map((x) => x.toFixed(0)).join(', ')}`,
    );
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
  console.log(`xlsx fast / sheetjs CPU ratio: ${(med(runs.fast.cpu) / med(runs.sheetjs.cpu)).toFixed(2)}`);
}
