// @vitest-environment node
/**
 * `status --lang zh`: the table's labels, its notes, the what-if sentences, the
 * raw ledger's report and a refused file's message in Chinese, through the same
 * catalogues as the app; every figure the same as in the English run.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStatus, runStatusWithFiles } from '../../../scripts/lib/runStatus';
import { displayWidth } from '../../../scripts/lib/statusReport';
import { statusMessages } from '../../../scripts/lib/statusMessages';
import { harbour } from '../domain/register/registerFixture';

const RULES = 'test/fixtures/erp/rules.json';
const run = (...args: string[]) => runStatus(args);
/** Every figure of a text in order: amounts, percents, dates, ranges, dashes for what is not there. */
const figures = (text: string) =>
  text.match(/[+−-]?\d[\d,]*\.\d+%?|\d{4}-\d{2}-\d{2}(?:\.\.\d{4}-\d{2}-\d{2})?|—/g) ?? [];
/** The same, as a sorted list without the dashes (a Chinese sentence orders its values its own way and uses —— as a dash). */
const allFigures = (text: string) =>
  figures(text)
    .filter((f) => f !== '—')
    .sort();
/** The rows of the first table (after the header and its rule), cell text split on two spaces. */
const tableRows = (out: string) => {
  const lines = out.split('\n');
  const rule = lines.findIndex((l) => /^-+ {2}-+/.test(l));
  const rows: string[] = [];
  for (let i = rule + 1; i < lines.length && lines[i]!.trim() !== ''; i++) rows.push(lines[i]!);
  return { header: lines[rule - 1]!, rule: lines[rule]!, rows };
};

describe('status --lang zh', () => {
  it('the status table: Chinese labels, the same figures as the English run, columns aligned', () => {
    const en = run('--as-of', '2026-06-30');
    const zh = run('--as-of', '2026-06-30', '--lang', 'zh');
    expect(en.code).toBe(0);
    expect(zh.code).toBe(0);
    expect(zh.stdout.split('\n')[0]).toBe(
      'Headroom 截至2026-06-30的状态——金额单位：人民币百万元；预警阈值为有效上限的80.0%',
    );
    const e = tableRows(en.stdout);
    const z = tableRows(zh.stdout);
    expect(z.header.split(/ {2,}/)).toEqual([
      '类别',
      '期间',
      '有效上限',
      '拟议上限',
      '实际',
      '使用率',
      '剩余额度',
      '预警/状态',
      '同比',
      '年初至今',
      '数据截至',
    ]);
    expect(z.rows).toHaveLength(4);
    // Row by row, the same figures in the same order (cloud services: 3,138.3, 4,000.0, 749.1, 23.9%, 2,389.2, +77.0%, +81.4%).
    z.rows.forEach((row, i) => expect(figures(row)).toEqual(figures(e.rows[i]!)));
    expect(figures(z.rows[0]!)).toEqual([
      '2026-01-01..2026-12-31',
      '3,138.3',
      '4,000.0',
      '749.1',
      '23.9%',
      '2,389.2',
      '+77.0%',
      '+81.4%',
      '2026-04-23',
    ]);
    expect(z.rows[0]).toContain('正常，待批准');
    expect(z.rows[3]).toMatch(/api-services .*无数据 +无数据 +无数据 +此期间无数据 +不适用 +不适用 +—$/);
    // Chinese characters take two columns: every row ends its cells where the header's rule says.
    const width = displayWidth(z.rule);
    for (const row of z.rows) expect(displayWidth(row)).toBeLessThanOrEqual(width);
    expect(displayWidth(z.rows[0]!)).toBe(width);
    // The notes and projections: the same figures, in Chinese.
    expect(zh.stdout).toContain(
      'cloud-services：拟议上限4,000.0待2026年6月30日股东周年大会批准（决议agm-2026-cloud-services）；按拟议上限计的使用率为18.7%。',
    );
    expect(zh.stdout).toContain('api-services：2026-04-23..2026-06-30无数据：没有披露涵盖此期间，台账也未标记为完整。');
    expect(zh.stdout).toMatch(/cloud-services +季节性 +4,090\.5 +2026-09-03 +2026-10-21 +2026-10-25 +2026-12-25/);
    expect(en.stdout).toMatch(/cloud-services +seasonal +4,090\.5 +2026-09-03 +2026-10-21 +2026-10-25 +2026-12-25/);
    expect(allFigures(zh.stdout)).toEqual(allFigures(en.stdout));
    // No English word is left in the Chinese report but codes, ids and option names.
    const words = zh.stdout.replace(/[a-z0-9-]+-[a-z0-9-]+|Headroom|agm-\S+/g, '').match(/\b[A-Za-z]{3,}\b/g);
    expect(words).toBeNull();
  });

  it('--what-if: the same utilisation and headroom, in Chinese', () => {
    const args = ['--what-if', 'cloud-services=2026-06-30:2400000000'];
    const en = run(...args);
    const zh = run(...args, '--lang', 'zh');
    expect(en.stdout).toBe(
      'cloud-services on 2026-06-30: an order of RMB 2,400,000,000.00 against the cap 3,138.3 million for 2026-01-01..2026-12-31: utilisation 23.9% before, 100.3% after (headroom after −10.8 million) — EXCEEDS the cap; it crosses the threshold; it crosses the cap.\n',
    );
    expect(zh.stdout).toBe(
      'cloud-services于2026-06-30：一笔RMB 2,400,000,000.00的订单，对照2026-01-01..2026-12-31的上限3,138.3百万：使用率下单前23.9%，下单后100.3%（下单后剩余额度−10.8百万）——超过上限；将越过阈值；将越过上限。\n',
    );
  });

  it('a refused ledger file: the reader catalogue in Chinese, naming the file and the columns found', () => {
    const args = ['--as-of', '2026-06-30', '--ledger', 'test/fixtures/bad/missing-amount-column.csv'];
    const en = run(...args);
    const zh = run(...args, '--lang', 'zh');
    expect([en.code, zh.code]).toEqual([1, 1]);
    expect(en.stderr).toBe(
      'status: missing-amount-column.csv: no column for the amount was found (columns: A "日期", B "类别", C "发票号", D "备注") (headers recognised include 日期/Date, 金额/Amount, 类别/Category, 发票号/Invoice, 摘要/Description)\n',
    );
    expect(zh.stderr).toBe(
      'status: missing-amount-column.csv：找不到金额列（现有列：A“日期”、B“类别”、C“发票号”、D“备注”）（可识别的表头包括 日期/Date、金额/Amount、类别/Category、发票号/Invoice、摘要/Description）\n',
    );
    const tooMany = run('--as-of', '2026-06-30', '--ledger', 'test/fixtures/bad/zip-bomb.xlsx', '--lang', 'zh');
    expect(tooMany.stderr).toBe(
      'status: zip-bomb.xlsx：已拒绝：“xl/worksheets/sheet1.xml”会从305761字节解压为314572800字节（压缩比1029:1）；这不是正常的电子表格\n',
    );
  });

  it('a raw ledger: every bucket with the same counts and totals, in Chinese', () => {
    const args = ['--as-of', '2026-06-30', '--ledger', 'test/fixtures/erp/kingdee-receivables.xlsx', '--rules', RULES];
    const en = run(...args);
    const zh = run(...args, '--lang', 'zh');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('kingdee-receivables.xlsx：表头（第5行）下有22行，交易在借方（根据交易对手列判断）：');
    expect(zh.stdout).toMatch(/ {2}已分类（已导入） +6 {2}RMB 24,382,000\.00/);
    expect(zh.stdout).toMatch(/ {2}汇总行（已排除） +7\n/);
    expect(zh.stdout).toContain('  核对：第26行“合计”为25,513,700.00，但上方各行合计为25,413,700.00');
    expect(zh.stdout).toContain('  cloud-services的上限基准：含税（价税合计），记账本位币（RMB）');
    const report = (out: string) => out.slice(out.indexOf('kingdee-receivables.xlsx'));
    expect(allFigures(report(zh.stdout))).toEqual(allFigures(report(en.stdout)));
    // The bucket counts line up in both languages.
    const counts = (out: string) =>
      report(out)
        .split('\n')
        .slice(1, 7)
        .map((l) => displayWidth(l.replace(/ {2}RMB .*$/, '')));
    expect(new Set(counts(zh.stdout)).size).toBe(1);
  });

  it('a refused backup file: in Chinese, naming the file, the record and the problem; the English word for word as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'status-lang-'));
    const review = () =>
      JSON.parse(readFileSync('test/fixtures/evidence/review-2026.backup.json', 'utf8')) as {
        tables: Record<string, Record<string, unknown>[]>;
      };
    const tampered = review();
    tampered.tables.history![5]!.who = 'Someone else';
    const badRecord = review();
    badRecord.tables.ledgerAggregates![0] = { categoryId: 5 };
    const badRegister = review();
    const negative = JSON.parse(JSON.stringify(harbour)) as typeof harbour;
    (negative.categories[0]!.capLines[0]!.versions[0] as { amount: string }).amount = '-5.0';
    badRegister.tables.registerAgreements = [{ ...negative, position: 0 }];
    const files = {
      notJson: 'not json',
      history: JSON.stringify(tampered),
      record: JSON.stringify(badRecord),
      register: JSON.stringify(badRegister),
    };
    const refusal = async (name: keyof typeof files, lang: string) => {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, files[name]);
      const r = await runStatusWithFiles(['--as-of', '2026-12-31', '--alerts', '--backup', file, '--lang', lang]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      return r.stderr.replace(dir, 'DIR');
    };
    expect(await refusal('notJson', 'en')).toBe('status: DIR/notJson.json: not a Headroom backup (not valid JSON)\n');
    expect(await refusal('notJson', 'zh')).toBe('status: DIR/notJson.json：不是Headroom备份（不是有效的JSON）\n');
    expect(await refusal('history', 'en')).toBe(
      'status: DIR/history.json: the change history does not verify: record #5 does not match (hash); nothing was reported\n',
    );
    expect(await refusal('history', 'zh')).toBe(
      'status: DIR/history.json：变更记录未通过校验：第5条记录不符（哈希不符）；未输出任何报告\n',
    );
    expect(await refusal('record', 'en')).toBe(
      'status: DIR/record.json: per-day sums malformed (tables.ledgerAggregates[0].categoryId)\n',
    );
    const at = 'agreements[0].categories[0].capLines[0].versions[0].amount';
    expect(await refusal('register', 'en')).toBe(
      `status: DIR/register.json: the cap register is not valid (1 problem(s), first at ${at}: negative)\n`,
    );
    expect(await refusal('register', 'zh')).toBe(
      `status: DIR/register.json：上限登记册无效（1个问题，第一个位于${at}：不得为负数）\n`,
    );
    expect(await refusal('record', 'zh')).toBe(
      'status: DIR/record.json：应为文本（tables.ledgerAggregates[0].categoryId）\n',
    );
  });

  it('--help --lang zh: the help in Chinese, naming every option the English help names, in the same order', () => {
    const en = run('--help');
    const zh = run('--help', '--lang', 'zh');
    expect([en.code, zh.code]).toEqual([0, 0]);
    expect(zh.stdout.startsWith('用法：npm run status -- --as-of YYYY-MM-DD [选项]\n')).toBe(true);
    // The option column of each help: every option (and its argument form) in the same order.
    const options = (out: string) => out.match(/^ {2}(-h, )?--[a-z-]+(?: [^ \n]+)?/gm) ?? [];
    expect(options(en.stdout).length).toBe(16);
    expect(options(zh.stdout)).toEqual(options(en.stdout));
    expect(zh.stdout).toContain('决议：agm-2026-cloud-services, agm-2026-hardware-equipment');
    // The descriptions start in one column, as in English (the option column is ASCII).
    const starts = zh.stdout
      .split('\n')
      .map((l) => /^ {2}(?:\S+ )*\S+ {2,}(?=\S)/.exec(l)?.[0])
      .filter((p): p is string => p !== undefined)
      .map(displayWidth);
    expect(starts.length).toBe(14);
    expect(new Set(starts)).toEqual(new Set([31]));
  });

  it('--lang takes en or zh, and every key of the catalogue has its Chinese', () => {
    expect(run('--as-of', '2026-06-30', '--lang', 'fr')).toMatchObject({
      code: 2,
      stderr: 'status: --lang: "fr" should be en or zh\nRun with --help for usage.\n',
    });
    expect(run('--help').stdout).toContain('--lang en|zh');
    // A mistake on the command line, in the language asked for (the English word for word as before).
    expect(run('--as-of', '2026-02-30', '--lang', 'zh').stderr).toBe(
      'status: --as-of：“2026-02-30”不是有效日期；应为真实的日历日期，格式 YYYY-MM-DD（例如 2026-04-23）\n用 --help 查看用法。\n',
    );
    expect(run('--as-of', '2026-02-30').stderr).toBe(
      'status: --as-of: "2026-02-30" is not a valid date; expected a real calendar date as YYYY-MM-DD (e.g. 2026-04-23)\nRun with --help for usage.\n',
    );
    expect(run('--lang', 'zh', '--what-if', 'nope=2026-06-30:1').stderr).toBe(
      'status: --what-if：未知类别“nope”；已知类别：cloud-services, idc-services, hardware-equipment, api-services\n用 --help 查看用法。\n',
    );
    for (const key of Object.keys(statusMessages.en))
      expect(statusMessages.zh[key as keyof typeof statusMessages.zh], key).toBeTruthy();
  });
});
