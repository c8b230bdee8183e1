/**
 * Micro-benchmark of the import parser (no browser): builds a 1,000,000-row
 * CSV in memory (UTF-8, Chinese headers, quoted fields, four categories) and
 * times parseFile. Run: npx tsx scripts/bench-parse.ts [rows]
 * Prints rows/s for the whole parse (decode → CSV → values → daily totals).
 */
import { kingsoftCloudXiaomi2026 } from '../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { importCategoriesFrom } from '../src/domain/import/categories';
import { parseFile } from '../src/domain/import/parseFile';

const rows = Number(process.argv[2] ?? 1_000_000);
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
const options = { unit: 'yuan' as const, maxRows: 2_000_000, categories: importCategoriesFrom(kingsoftCloudXiaomi2026.categories) };
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
  if (r.fatal) throw new Error(r.fatal.message);
  accepted = r.accepted.length;
  if (r.errorCount) throw new Error(`unexpected errors: ${r.errors[0]?.message}`);
}
const best = Math.min(...times);
console.log(`file ${(bytes.length / 1048576).toFixed(1)} MB, ${rows.toLocaleString('en')} rows, accepted ${accepted.toLocaleString('en')}`);
console.log(`parse wall ms: ${times.map((t) => t.toFixed(0)).join(', ')}`);
console.log(`parse CPU ms:  ${cpu.map((t) => t.toFixed(0)).join(', ')}`);
console.log(`best wall ${best.toFixed(0)} ms → ${Math.round(rows / (best / 1000)).toLocaleString('en')} rows/s`);
