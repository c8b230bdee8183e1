/**
 * Command-line options of `npm run status`. Parsing is table-driven so a new
 * option (e.g. a future `--ledger FILE`) is one more entry in OPTIONS plus a
 * field in StatusOptions; nothing here reads files or the clock.
 */
import Decimal from 'decimal.js';
import { isIsoDate, type IsoDate } from '../../src/domain/dates';
import { validateApproval } from '../../src/domain/binding';
import type { ApprovalRecord, Dataset } from '../../src/domain/model';
import { fromUnits, type Money } from '../../src/domain/money';
import { approvalProblemText } from '../../src/ui/messages/approvalIssues';
import { type Locale, translateCode } from '../../src/ui/translate';
import { statusMessages } from './statusMessages';

/** The values a usage error names, or a function giving them in a language (an approval's problem). */
type UsageVars =
  Readonly<Record<string, string | number>> | ((locale: Locale) => Readonly<Record<string, string | number>>);

/**
 * A mistake in the command line: printed on stderr, exit code 2. Its words are the
 * status catalogue's `usage_*` key (statusMessages.ts); the message is the English.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    readonly key: UsageKey,
    readonly vars: UsageVars = {},
  ) {
    super(usageErrorText(key, vars, 'en'));
  }
  /** The error in one language. */
  text(locale: Locale): string {
    return usageErrorText(this.key, this.vars, locale);
  }
}

export type UsageKey = Extract<keyof (typeof statusMessages)['en'], `usage_${string}`>;

function usageErrorText(key: UsageKey, vars: UsageVars, locale: Locale): string {
  return translateCode(statusMessages, locale, key, typeof vars === 'function' ? vars(locale) : vars);
}

export interface StatusOptions {
  /** Status date (inclusive), YYYY-MM-DD; required, never defaulted to today. */
  asOf: IsoDate;
  json: boolean;
  /** Alert threshold as a fraction of the cap for every agreement; undefined = each agreement's disclosed 80% or the default. */
  threshold: Decimal | undefined;
  /** One agreement's own threshold: --threshold AGREEMENT_ID=PERCENT (repeatable); wins over --threshold PERCENT. */
  thresholdByAgreement: Map<string, Decimal>;
  /** AGM outcomes recorded with --approve / --reject. */
  approvals: ApprovalRecord[];
  /** Cap-register export (JSON) whose agreements are added to the built-in data. */
  register?: string | undefined;
  /** Orders to check before they are placed: --what-if CATEGORY=DATE:AMOUNT (amount in units, e.g. yuan). */
  whatIf: { categoryId: string; date: IsoDate; amount: Money }[];
  /** Ledger file (.csv or .xlsx) combined with the disclosed figures. */
  ledger?: string | undefined;
  /** Connected-persons file: read --ledger as a raw ERP ledger classified by its rules. */
  rules?: string | undefined;
  /** "Ledger complete through" dates (month-end closes) per category: --complete-through CATEGORY=DATE. */
  completeThrough: Map<string, IsoDate>;
  /** Transaction side of a raw ledger with debit and credit columns. */
  side?: 'debit' | 'credit' | 'all' | undefined;
  /** A Headroom backup whose ledger, approvals, threshold and register are used (and, with --alerts, its records). */
  backup?: string | undefined;
  /** Open alerts and open items as JSON instead of the status; exit code 3 when any is open. */
  alerts: boolean;
  /** Language of the table, its notes and the file errors (--lang en|zh); JSON keys and codes do not change. */
  lang: Locale;
  help: boolean;
}

export const USAGE = `Usage: npm run status -- --as-of YYYY-MM-DD [options]

Prints, for every connected-transaction category, the cap period containing the
as-of date, the binding and proposed caps, the actual to date, utilisation,
headroom, alert state, growth and projections (amounts in RMB million).

Options:
  --as-of YYYY-MM-DD           status date (required; inclusive)
  --json                       one JSON array, one object per category
  --threshold PERCENT          alert threshold as a percent of the cap, for every
                               agreement (default: each agreement's disclosed
                               threshold, 80 for the built-in one; else 80)
  --threshold AGREEMENT=PERCENT
                               one agreement's own threshold (repeatable; wins
                               over --threshold PERCENT and the backup's)
  --approve RESOLUTION=DATE    record that the independent shareholders approved
                               RESOLUTION on DATE (repeatable)
  --reject RESOLUTION=DATE     record that they voted RESOLUTION down on DATE
  --ledger FILE                ledger transactions (.csv or .xlsx, amounts in yuan;
                               columns guessed from English or Chinese headers)
                               added after each disclosed snapshot's up-to date
  --rules FILE                 a connected-persons file (JSON from /parties): read
                               --ledger as a raw ERP ledger (receivables, payables;
                               .csv, .xlsx or .xls), classify its connected rows
                               by the rules and report every bucket of rows
  --complete-through CATEGORY=DATE
                               the ledger of CATEGORY holds every transaction up
                               to and including DATE (a month-end close; repeatable):
                               figures are known through it, later rows provisional
  --side debit|credit|all      which side of a raw ledger holds the transactions
                               (default: debit for a customer column, credit for a
                               supplier column)
  --what-if CAT=DATE:AMOUNT    will this order fit? the cap binding on DATE, the
                               utilisation before and after an order of AMOUNT
                               (units of the agreement's currency, e.g. yuan) and
                               whether it crosses the threshold or the cap
                               (repeatable; --as-of is then optional)
  --backup FILE                a Headroom backup (JSON from the Transactions page):
                               its ledger, AGM outcomes, threshold and cap register
                               are used (instead of --ledger)
  --alerts                     open alerts and open items as one JSON object
                               (alerts not handled, connected rows not classified,
                               procurement rows with no order, orders with pricing
                               exceptions, missing quarterly price checks) and,
                               with --backup, the change history's head hash and
                               record count; exit status 3 when anything is open
  --register FILE              a cap-register export (JSON from the Cap register
                               page): its agreements are reported too, amounts in
                               each agreement's currency (RMB or HK$ million)
  --lang en|zh                 language of the table, its notes, the what-if
                               sentences, a refused file's message and this help
                               (default en; Chinese: --lang zh). JSON keys and
                               codes are the same in both
  -h, --help                   show this help

Resolutions: %RESOLUTIONS%`;

/** The help in Chinese (`--help --lang zh`): the same options, in the same order. */
export const USAGE_ZH = `用法：npm run status -- --as-of YYYY-MM-DD [选项]

按关连交易类别逐一列出：包含截至日期的上限期间、有效上限与拟议上限、
截至该日的实际金额、使用率、剩余额度、预警状态、增长与预测（金额单位：
人民币百万元）。

选项：
  --as-of YYYY-MM-DD           状态日期（必填；含当日）
  --json                       一个JSON数组，每个类别一个对象
  --threshold PERCENT          所有协议的预警阈值，以上限的百分比表示（默认：
                               各协议已披露的阈值，内置协议为80；否则为80）
  --threshold AGREEMENT=PERCENT
                               单一协议的阈值（可重复；优先于 --threshold
                               PERCENT 及备份中的阈值）
  --approve RESOLUTION=DATE    记录独立股东于DATE批准RESOLUTION（可重复）
  --reject RESOLUTION=DATE     记录独立股东于DATE否决RESOLUTION
  --ledger FILE                台账交易（.csv或.xlsx，金额单位为元；按中文或
                               英文表头识别各列），计入每份已披露数据截至日之后
  --rules FILE                 关连人士文件（/parties 导出的JSON）：把 --ledger
                               作为原始ERP台账（应收、应付；.csv、.xlsx或.xls）
                               读取，按规则分类关连交易行，并报告每一类行
  --complete-through CATEGORY=DATE
                               CATEGORY的台账已包含截至DATE（含当日）的全部
                               交易（月结；可重复）：截至该日的数字为已知，之后
                               的行为暂定
  --side debit|credit|all      原始台账中交易所在的一方（默认：有客户列时为借
                               方，有供应商列时为贷方）
  --what-if CAT=DATE:AMOUNT    这笔订单放得下吗？DATE当日有效的上限、金额为
                               AMOUNT（协议货币单位，例如元）的订单前后的
                               使用率，以及是否越过阈值或上限（可重复；此时
                               --as-of 可省略）
  --backup FILE                Headroom备份（交易页面导出的JSON）：使用其台账、
                               股东大会结果、阈值及上限登记册（代替 --ledger）
  --alerts                     以一个JSON对象列出未结预警及未结事项（未处理的
                               预警、未分类的关连交易行、没有订单的采购行、
                               有定价例外的订单、缺少的季度价格核查）；配合
                               --backup 时另列变更记录的链头哈希及记录数；有
                               任何未结事项时退出状态为3
  --register FILE              上限登记册导出文件（上限登记册页面导出的JSON）：
                               一并报告其中的协议，金额以各协议货币计（人民币
                               或港元百万元）
  --lang en|zh                 表格、注释、what-if语句及文件被拒信息的语言（默认
                               en；中文：--lang zh）。两种语言的JSON键及代码
                               相同；本帮助亦随之切换
  -h, --help                   显示本帮助

决议：%RESOLUTIONS%`;

/** The help in the language asked for, with the dataset's resolution ids. */
export function usage(dataset: Dataset, lang: Locale = 'en'): string {
  return (lang === 'zh' ? USAGE_ZH : USAGE).replace('%RESOLUTIONS%', dataset.resolutions.map((r) => r.id).join(', '));
}

/**
 * The value of `--lang en|zh` in argv, read before the options are parsed (the
 * register and backup files are read first, and their errors are worded in it).
 */
export function langOf(argv: readonly string[]): Locale {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (v === 'zh') return 'zh';
  }
  return 'en';
}

function parseDate(option: string, text: string): IsoDate {
  if (!isIsoDate(text)) {
    throw new UsageError('usage_date', { option, text });
  }
  return text;
}

function parseThreshold(text: string, what = ''): Decimal {
  if (!/^\d+(\.\d+)?$/.test(text)) throw new UsageError('usage_thresholdNotNumber', { what, text });
  const pct = new Decimal(text);
  if (pct.lte(0) || pct.gt(100)) throw new UsageError('usage_thresholdRange', { what, text });
  return pct.div(100);
}

/** `--threshold 75` (every agreement) or `--threshold AGREEMENT_ID=75` (one agreement). */
function applyThreshold(
  d: Partial<StatusOptions> & { thresholdByAgreement?: Map<string, Decimal> },
  text: string,
  dataset: Dataset,
): void {
  const eq = text.indexOf('=');
  if (eq < 0) {
    if (d.threshold !== undefined) throw new UsageError('usage_thresholdTwice');
    d.threshold = parseThreshold(text);
    return;
  }
  const id = text.slice(0, eq);
  if (!dataset.agreements.some((a) => a.id === id)) {
    throw new UsageError('usage_unknownAgreement', { id, known: dataset.agreements.map((a) => a.id).join(', ') });
  }
  d.thresholdByAgreement ??= new Map();
  if (d.thresholdByAgreement.has(id)) throw new UsageError('usage_givenTwice', { option: '--threshold', id });
  d.thresholdByAgreement.set(id, parseThreshold(text.slice(eq + 1), `${id}=`));
}

function parseApproval(
  option: string,
  text: string,
  outcome: ApprovalRecord['outcome'],
  dataset: Dataset,
): ApprovalRecord {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError('usage_approvalForm', { option, text });
  const resolutionId = text.slice(0, eq);
  if (!dataset.resolutions.some((r) => r.id === resolutionId)) {
    throw new UsageError('usage_unknownResolution', {
      option,
      id: resolutionId,
      known: dataset.resolutions.map((r) => r.id).join(', '),
    });
  }
  const record: ApprovalRecord = { resolutionId, outcome, date: parseDate(option, text.slice(eq + 1)) };
  const problem = validateApproval(dataset, record);
  if (problem)
    throw new UsageError('usage_approval', (locale) => ({
      option,
      problem: approvalProblemText(record, problem, locale),
    }));
  return record;
}

function parseWhatIf(text: string, dataset: Dataset): { categoryId: string; date: IsoDate; amount: Money } {
  const m = /^([^=]+)=(\d{4}-\d{2}-\d{2}):(.+)$/.exec(text);
  if (!m) throw new UsageError('usage_whatIfForm', { text });
  const categoryId = m[1]!;
  if (!dataset.categories.some((c) => c.id === categoryId)) {
    throw new UsageError('usage_unknownCategory', {
      option: '--what-if',
      id: categoryId,
      known: dataset.categories.map((c) => c.id).join(', '),
    });
  }
  let amount: Money;
  try {
    amount = fromUnits(m[3]!);
  } catch {
    throw new UsageError('usage_whatIfAmount', { text: m[3]! });
  }
  return { categoryId, date: parseDate('--what-if', m[2]!), amount };
}

function parseCompleteThrough(text: string, dataset: Dataset): [string, IsoDate] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError('usage_completeThroughForm', { text });
  const categoryId = text.slice(0, eq);
  if (!dataset.categories.some((c) => c.id === categoryId)) {
    throw new UsageError('usage_unknownCategory', {
      option: '--complete-through',
      id: categoryId,
      known: dataset.categories.map((c) => c.id).join(', '),
    });
  }
  return [categoryId, parseDate('--complete-through', text.slice(eq + 1))];
}

interface OptionSpec {
  /** Takes a value (`--opt VALUE` or `--opt=VALUE`). */
  readonly value: boolean;
  readonly apply: (
    draft: Partial<StatusOptions> & { approvals: ApprovalRecord[]; whatIf: StatusOptions['whatIf'] },
    value: string,
    dataset: Dataset,
  ) => void;
  readonly repeatable?: boolean;
}

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  '--as-of': { value: true, apply: (d, v) => void (d.asOf = parseDate('--as-of', v)) },
  '--json': { value: false, apply: (d) => void (d.json = true) },
  '--threshold': { value: true, repeatable: true, apply: (d, v, ds) => applyThreshold(d, v, ds) },
  '--approve': {
    value: true,
    repeatable: true,
    apply: (d, v, ds) => void d.approvals.push(parseApproval('--approve', v, 'approved', ds)),
  },
  '--reject': {
    value: true,
    repeatable: true,
    apply: (d, v, ds) => void d.approvals.push(parseApproval('--reject', v, 'rejected', ds)),
  },
  '--ledger': { value: true, apply: (d, v) => void (d.ledger = v) },
  '--register': { value: true, apply: (d, v) => void (d.register = v) },
  '--what-if': {
    value: true,
    repeatable: true,
    apply: (d, v, ds) => void d.whatIf.push(parseWhatIf(v, ds)),
  },
  '--rules': { value: true, apply: (d, v) => void (d.rules = v) },
  '--complete-through': {
    value: true,
    repeatable: true,
    apply: (d, v, ds) => {
      const [id, date] = parseCompleteThrough(v, ds);
      d.completeThrough ??= new Map();
      if (d.completeThrough.has(id)) throw new UsageError('usage_givenTwice', { option: '--complete-through', id });
      d.completeThrough.set(id, date);
    },
  },
  '--side': {
    value: true,
    apply: (d, v) => {
      if (v !== 'debit' && v !== 'credit' && v !== 'all') throw new UsageError('usage_side', { text: v });
      d.side = v;
    },
  },
  '--backup': { value: true, apply: (d, v) => void (d.backup = v) },
  '--alerts': { value: false, apply: (d) => void (d.alerts = true) },
  '--lang': {
    value: true,
    apply: (d, v) => {
      if (v !== 'en' && v !== 'zh') throw new UsageError('usage_lang', { text: v });
      d.lang = v;
    },
  },
  '--help': { value: false, apply: (d) => void (d.help = true) },
  '-h': { value: false, apply: (d) => void (d.help = true) },
};

/** Parses argv (without node and script). Throws UsageError with a message naming the bad argument. */
export function parseStatusArgs(argv: readonly string[], dataset: Dataset): StatusOptions {
  const draft: Partial<StatusOptions> & { approvals: ApprovalRecord[]; whatIf: StatusOptions['whatIf'] } = {
    approvals: [],
    whatIf: [],
  };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = OPTIONS[name];
    if (!spec) {
      throw arg.startsWith('-')
        ? new UsageError('usage_unknownOption', { name })
        : new UsageError('usage_unexpected', { text: arg });
    }
    if (seen.has(name) && !spec.repeatable) throw new UsageError('usage_optionTwice', { name });
    seen.add(name);
    let value = '';
    if (spec.value) {
      if (eq > 0) value = arg.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) throw new UsageError('usage_needsValue', { name });
        value = next;
        i++;
      }
    } else if (eq > 0) {
      throw new UsageError('usage_noValue', { name });
    }
    spec.apply(draft, value, dataset);
  }
  const ids = draft.approvals.map((a) => a.resolutionId);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new UsageError('usage_twoOutcomes', { id: dup });
  if (draft.help)
    return {
      asOf: draft.asOf ?? '',
      json: false,
      threshold: undefined,
      thresholdByAgreement: new Map(),
      approvals: [],
      whatIf: [],
      alerts: false,
      completeThrough: new Map(),
      lang: draft.lang ?? 'en',
      help: true,
    };
  // A what-if names its own date: the as-of date is then that of the last order.
  if (!draft.asOf && draft.whatIf.length > 0) draft.asOf = draft.whatIf[draft.whatIf.length - 1]!.date;
  if (!draft.asOf) throw new UsageError('usage_asOfRequired');
  if ((draft.rules || draft.side) && !draft.ledger)
    throw new UsageError('usage_needsLedger', { option: draft.rules ? '--rules' : '--side' });
  if (draft.backup && draft.ledger) throw new UsageError('usage_backupAndLedger');
  if (draft.alerts && draft.whatIf.length > 0) throw new UsageError('usage_alertsWhatIf');
  return {
    asOf: draft.asOf,
    json: draft.json ?? false,
    threshold: draft.threshold,
    thresholdByAgreement: draft.thresholdByAgreement ?? new Map(),
    approvals: draft.approvals,
    ledger: draft.ledger,
    rules: draft.rules,
    side: draft.side,
    register: draft.register,
    backup: draft.backup,
    alerts: draft.alerts ?? false,
    whatIf: draft.whatIf,
    completeThrough: draft.completeThrough ?? new Map(),
    lang: draft.lang ?? 'en',
    help: false,
  };
}
