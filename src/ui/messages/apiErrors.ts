/**
 * The team server's refusals in words. The server answers a refused request
 * with a stable `error` code, the catalogue `key` of its wording and the
 * `params` that wording names; its English `message` (kept for curl users
 * and the server's log) is this catalogue's English text, and the browser
 * words the same key and params in the user's language. Pure (no React, no
 * DOM): the server imports it to build its messages.
 */
import type { SchemaIssue } from '../../domain/schemaIssue';
import { isThresholdProblem, type ThresholdProblem } from '../../domain/threshold';
import { thresholdProblemText } from './thresholdText';
import { defineMessages, interpolate, type Locale, type Placeholders } from '../translate';
import { schemaProblemText } from './schemaIssues';
import type { apiRefusalMessages, ApiRefusalKey, CodedIssue } from './apiRefusals';
import type { RulesFileProblem } from '../../domain/classify/rulesFile';
import type { DateOrderAmbiguity, FatalError } from '../../domain/import/types';

export const apiErrorMessages = defineMessages({
  en: {
    'no-session': 'Sign in first.',
    forbidden: 'This needs the role {roles}.',
    csrf: 'Missing or wrong X-CSRF-Token header; reload the page.',
    'too-many-attempts': 'Too many failed sign-ins; try again in {wait} s.',
    'bad-credentials': 'Wrong user name or password, or the account is closed.',
    'invalid-input': 'Invalid {where}: {detail}',
    'bad-json': 'The request body is not valid JSON.',
    internal: 'The server failed; the error is in its log.',
    'own-change': 'Nobody checks their own change: a second person must check it.',
    'own-import': 'Nobody checks their own import: a second person must check it.',
    'change-not-pending': 'Change {id} is already {status}.',
    'batch-not-pending': 'Batch {id} is {status}, not pending.',
    'last-admin-guard': 'You cannot remove your own admin role or close your own account.',
    'offline-read': 'The team server cannot be reached, and this browser has no earlier copy of this data.',
    'offline-write':
      'The team server cannot be reached: nothing can be changed until it can. The data shown is an earlier copy, read-only.',
    // How the values named above are worded (a list of roles, a validated input, a status).
    role_admin: 'admin',
    role_preparer: 'preparer',
    role_reviewer: 'reviewer',
    role_viewer: 'viewer',
    listOr: ' or ',
    status_pending: 'pending',
    status_applied: 'applied',
    status_rejected: 'rejected',
    status_committed: 'committed',
    'status_rolled-back': 'rolled-back',
    'where_account change': 'account change',
    where_account: 'account',
    where_alerts: 'alerts',
    where_approval: 'approval',
    where_assignment: 'assignment',
    where_check: 'check',
    where_closure: 'closure',
    where_commentary: 'commentary',
    'where_complete flag': 'complete flag',
    where_days: 'days',
    'where_handling step': 'handling step',
    'where_manual entry': 'manual entry',
    where_mapping: 'mapping',
    'where_open items': 'open items',
    where_order: 'order',
    'where_overdue days': 'overdue days',
    where_path: 'path',
    'where_price check': 'price check',
    where_query: 'query',
    'where_register agreement': 'register agreement',
    where_resolution: 'resolution',
    where_rules: 'rules',
    'where_sign-in': 'sign-in',
    where_threshold: 'threshold',
    where_category: 'category',
  },
  zh: {
    'no-session': '请先登录。',
    forbidden: '此操作需要{roles}角色。',
    csrf: 'X-CSRF-Token请求头缺失或不正确；请重新载入页面。',
    'too-many-attempts': '登录失败次数过多；请在{wait}秒后重试。',
    'bad-credentials': '用户名或密码错误，或账户已停用。',
    'invalid-input': '{where}的输入无效：{detail}',
    'bad-json': '请求内容不是有效的JSON。',
    internal: '服务器出错；错误已记入服务器日志。',
    'own-change': '任何人都不能复核自己提出的变更：须由另一人复核。',
    'own-import': '任何人都不能复核自己的导入：须由另一人复核。',
    'change-not-pending': '变更 {id} 的状态已是“{status}”。',
    'batch-not-pending': '批次 {id} 的状态为“{status}”，不是待复核。',
    'last-admin-guard': '不能移除自己的管理员角色，也不能停用自己的账户。',
    'offline-read': '无法连接团队服务器，且本浏览器没有这些数据的早前副本。',
    'offline-write': '无法连接团队服务器：在恢复连接之前不能作任何更改。所显示的是早前副本，只读。',
    role_admin: '管理员',
    role_preparer: '制作人',
    role_reviewer: '复核人',
    role_viewer: '查阅人',
    listOr: '或',
    status_pending: '待复核',
    status_applied: '已生效',
    status_rejected: '已驳回',
    status_committed: '已入台账',
    'status_rolled-back': '已回滚',
    'where_account change': '账户变更',
    where_account: '账户',
    where_alerts: '警报',
    where_approval: '审批',
    where_assignment: '指派',
    where_check: '复核',
    where_closure: '结案',
    where_commentary: '评注',
    'where_complete flag': '完整标记',
    where_days: '天数',
    'where_handling step': '处理步骤',
    'where_manual entry': '手工录入',
    where_mapping: '列对应',
    'where_open items': '未结事项',
    where_order: '订单',
    'where_overdue days': '逾期天数',
    where_path: '路径',
    'where_price check': '价格核查',
    where_query: '查询',
    'where_register agreement': '登记册协议',
    where_resolution: '决议',
    where_rules: '规则',
    'where_sign-in': '登录',
    where_threshold: '阈值',
    where_category: '类别',
  },
});

type CoreEn = (typeof apiErrorMessages)['en'];
type En = CoreEn & (typeof apiRefusalMessages)['en'];

/** The refusals worded here, in the first load (the ones every screen can meet). */
type CoreKey = Exclude<keyof CoreEn & string, `role_${string}` | `status_${string}` | `where_${string}` | 'listOr'>;

/** The refusals (catalogue keys a server error can carry): these and the on-demand ones of apiRefusals.ts. */
export type ApiErrorKey = CoreKey | ApiRefusalKey;

export type TeamRole = 'admin' | 'preparer' | 'reviewer' | 'viewer';

/** One problem of a validated input: its dot path, the schema's own (English) message and its kind. */
export interface InputIssue {
  readonly path: string;
  readonly message: string;
  /** valibot's issue type ("string", "min_length", "regex", …). */
  readonly type: string;
  /** What the input held, as valibot describes it ("undefined" for a missing field). */
  readonly received?: string;
}

/** The values each refusal names: roles as a list, the issues of an input, else text or numbers. */
type ParamOf<P extends string> = P extends 'roles'
  ? readonly TeamRole[]
  : P extends 'detail'
    ? readonly InputIssue[]
    : P extends 'issues'
      ? readonly CodedIssue[]
      : P extends 'rules'
        ? readonly RulesFileProblem[]
        : P extends 'fatal'
          ? FatalError
          : P extends 'dates'
            ? { readonly fileName: string; readonly ambiguity: DateOrderAmbiguity }
            : P extends 'threshold'
              ? ThresholdProblem
              : P extends 'schema'
                ? Pick<SchemaIssue, 'message' | 'type' | 'received'>
                : string | number;

export type ApiErrorParams<K extends ApiErrorKey> = { readonly [P in Placeholders<En[K]>]: ParamOf<P> };

/** A refusal as it travels: its key and the values it names (JSON). */
export interface ApiErrorWords {
  readonly key: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** A further catalogue of refusals (apiRefusals.ts), loaded on demand and registered here. */
export interface ApiErrorCatalogue {
  has(key: string): boolean;
  text(key: string, params: Readonly<Record<string, unknown>>, locale: Locale): string;
}

let further: ApiErrorCatalogue | null = null;

/** Called by apiRefusals.ts when it is loaded: its refusals are worded from then on. */
export function registerApiErrorCatalogue(c: ApiErrorCatalogue): void {
  further = c;
}

/** Whether the refusals loaded on demand are here yet. */
export function furtherRefusalsLoaded(): boolean {
  return further !== null;
}

function isCoreKey(key: unknown): key is CoreKey {
  return (
    typeof key === 'string' &&
    Object.prototype.hasOwnProperty.call(apiErrorMessages.en, key) &&
    !/^(role_|status_|where_|listOr$)/.test(key)
  );
}

/** Whether a key from the wire is a refusal worded here (or by the loaded further catalogue). */
export function isApiErrorKey(key: unknown): key is ApiErrorKey {
  return isCoreKey(key) || (typeof key === 'string' && further !== null && further.has(key));
}

/**
 * Whether an error is a server refusal whose key is not in this first-load
 * catalogue while the further one is not loaded yet: the screens then load it
 * (useErrorText) and show the English message meanwhile.
 */
export function needsFurtherRefusals(err: unknown): boolean {
  if (further !== null || !err || typeof err !== 'object' || !('key' in err)) return false;
  const key = (err as { key: unknown }).key;
  return typeof key === 'string' && !isCoreKey(key);
}

function inputDetail(issues: readonly InputIssue[], locale: Locale): string {
  if (locale === 'en') return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return issues
    .map((i) => {
      const problem = schemaProblemText(i, locale);
      return i.path ? `${i.path}：${problem}` : problem;
    })
    .join('；');
}

/**
 * How a named value of a refusal is worded: roles, a validated input's issues, a status, where,
 * a refused threshold, a schema problem; else as it is.
 */
export function wordApiValue(name: string, value: unknown, locale: Locale): string {
  const table: Readonly<Record<string, string>> = apiErrorMessages[locale];
  if (name === 'roles' && Array.isArray(value))
    return value.map((r) => table[`role_${String(r)}`] ?? String(r)).join(table.listOr);
  if (name === 'detail' && Array.isArray(value)) return inputDetail(value as InputIssue[], locale);
  if (name === 'status' && typeof value === 'string') return table[`status_${value}`] ?? value;
  if (name === 'where' && typeof value === 'string') return table[`where_${value}`] ?? value;
  if (name === 'threshold' && isThresholdProblem(value)) return thresholdProblemText(value, locale);
  if (name === 'schema' && value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string')
    return schemaProblemText(value as Pick<SchemaIssue, 'message' | 'type' | 'received'>, locale);
  return String(value);
}

/** A refusal in one language, from its key and the values the server sent. */
export function apiErrorText(words: ApiErrorWords, locale: Locale): string | null {
  if (!isCoreKey(words.key)) {
    return further !== null && further.has(words.key) ? further.text(words.key, words.params ?? {}, locale) : null;
  }
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(words.params ?? {})) vars[name] = wordApiValue(name, value, locale);
  return interpolate(apiErrorMessages[locale][words.key], vars);
}

/** The server's side: the English text of a refusal, its values checked against the catalogue. */
export function apiErrorEnglish<K extends ApiErrorKey>(key: K, params: ApiErrorParams<K>): string {
  const text = apiErrorText({ key, params }, 'en');
  if (text === null) throw new Error(`No wording for the refusal ${key}: import apiRefusals.ts first.`);
  return text;
}

/**
 * The text of any error in the user's language: a team server refusal that
 * carries a catalogue key is worded from it; anything else (an Error or a
 * refused write's record) keeps its message.
 */
export function errorText(err: unknown, locale: Locale): string {
  if (err && typeof err === 'object' && 'key' in err) {
    const e = err as { key: unknown; params?: unknown };
    if (typeof e.key === 'string') {
      const text = apiErrorText({ key: e.key, params: (e.params ?? {}) as Readonly<Record<string, unknown>> }, locale);
      if (text !== null) return text;
    }
  }
  // A refused alert threshold (read structurally, as errors cross the data layer): its values in words.
  if (err && typeof err === 'object' && 'name' in err && err.name === 'ThresholdError') {
    const problem = (err as { problem?: unknown }).problem;
    if (isThresholdProblem(problem)) return thresholdProblemText(problem, locale);
  }
  // A refused write is kept as a plain record (src/data/team.ts RefusedWrite), not an Error.
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') return err.message;
  return String(err);
}
