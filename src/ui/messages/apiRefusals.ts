/**
 * The rest of the team server's refusals in words: not found, a mismatched
 * id, a refused upload, a backup that cannot be moved, accounts, handling
 * steps. The refusals every screen can meet (sign-in, roles, CSRF, a refused
 * input) stay in apiErrors.ts, which is in the first load; this catalogue is
 * loaded on demand, when a refusal names one of its keys (useErrorText), and
 * registers itself with apiErrors.ts when it is imported. The server imports
 * it from server/http/errors.ts. Pure (no React, no DOM).
 */
import { registerApiErrorCatalogue, type ApiErrorCatalogue, wordApiValue } from './apiErrors';
import { rulesFileErrorText } from './connectedIssues';
import type { RulesFileProblem } from '../../domain/classify/rulesFile';
import type { DateOrderAmbiguity, FatalError } from '../../domain/import/types';
import { ambiguityText } from './importIssues';
import { fatalText } from './importFatal';
import { defineMessages, interpolate, type Locale } from '../translate';

export const apiRefusalMessages = defineMessages({
  en: {
    // Not found.
    'no-account': 'No account {id}.',
    'no-alert': 'No alert {id}.',
    'no-attachment': 'No attachment {id}.',
    'no-batch': 'No batch {id}.',
    'no-change': 'No change {id}.',
    'no-manual-entry': 'No manual entry {id}.',
    'no-order': 'No order {id}.',
    'no-outcome': 'No outcome recorded for {id}.',
    'no-price-check': 'No price check {id}.',
    'no-register-agreement': 'No register agreement {id}.',
    'unknown-category': 'No category {id}.',
    'unknown-agreement': 'No agreement {id} in the disclosure or the register.',
    'unknown-resolution': 'No resolution {id} in the disclosure or the register.',
    'unknown-order-attachment': 'No attachment {id} with this order.',
    'unknown-upload': 'No upload {id} of yours waiting for an order (uploads not used within a day are removed).',
    // A body that does not match its URL.
    'agreement-id-mismatch': 'The agreement id differs from the URL.',
    'order-id-mismatch': 'The order id differs from the URL.',
    'price-check-id-mismatch': 'The price check id differs from the URL.',
    'resolution-id-mismatch': 'The resolution id differs from the URL.',
    // Uploads.
    'not-a-file-ledger': 'Send the file as the body, Content-Type text/csv or application/octet-stream.',
    'not-a-file-backup': 'Send the backup file as the body, Content-Type application/octet-stream.',
    'not-a-file-document': 'Send the document as the body, Content-Type application/octet-stream.',
    'file-too-large': 'The file is larger than {limit} bytes.',
    'backup-too-large': 'The backup is larger than 512 MB.',
    'empty-file': '{file}: the file is empty.',
    // A file the import reader refused: the whole sentence, from its codes and values (importFatal.ts).
    'import-refused': '{fatal}',
    'import-date-order': '{dates} Give the date order (dateOrder=ymd, dmy or mdy).',
    'import-no-rows': '{file}: no row could be stored.',
    'no-rows': '{file}: every row is already stored ({count} duplicates of stored rows); nothing was imported.',
    'too-many-days': 'At most 100,000 (category, day) pairs.',
    'attachment-too-large': 'The attachment {name} is {size} bytes; an attachment is at most 5 MiB ({max} bytes).',
    'attachment-too-large-stream':
      'The attachment {name} is more than {max} bytes; an attachment is at most 5 MiB ({max} bytes).',
    'attachment-type-mismatch': 'The attachment {name} is not a {type} file: its content does not match that type.',
    // Writes refused by their rules.
    'invalid-evidence': 'Not saved: {issues}',
    'invalid-agreement': 'The agreement has {count} problem(s).',
    'invalid-rules': '{rules}',
    'already-pending': 'A change of {kind} {target} is already waiting to be checked.',
    'batch-not-stored': 'Batch {id} is {status}: it has no rows to roll back.',
    'step-recorded': 'This step is already recorded.',
    'acknowledge-first': 'Acknowledge the alert first.',
    'report-management-first': 'Report it to senior management first.',
    'step-before-detection': 'A step cannot be dated before the detection ({date}).',
    // Accounts.
    'username-taken': 'The user name {username} is taken.',
    'password-too-short': 'A password needs at least 12 characters.',
    'password-too-long': 'A password has at most 256 characters.',
    // Moving a local workspace (a backup) to the team server.
    'backup-not-json': 'The file is not a Headroom backup (not valid JSON).',
    'backup-format': 'The file is not a Headroom backup (format headroom-backup, version 1).',
    'backup-binary-type': 'Unknown binary column {type}.',
    'backup-base64': 'A binary column is not valid base64.',
    'backup-binary-cut': 'A binary column is cut.',
    'history-does-not-verify':
      "The backup's change history does not verify (record #{seq}: {reason}); nothing was moved.",
    'backup-register-invalid': "The backup's cap register is not valid ({count} problem(s)).",
    'unmapped-names': 'Map every name of the local history to an account: {names}.',
    'backup-settings': "The backup's settings: {threshold}",
    'backup-record-invalid': "The backup's {path} is not valid: {schema}.",
    'backup-batch-id': 'Batch id {id} is malformed.',
    'workspace-not-empty': 'The team ledger is not empty: a local workspace moves only into an empty one.',
    'evidence-not-empty':
      'The team workspace already holds pricing evidence: a local workspace with evidence moves only into one without.',
    'backup-order-id': "The backup's pricing evidence: an order id is malformed.",
    'backup-order-invalid': "The backup's pricing evidence: order {reference} is not valid ({issues}).",
    'backup-attachment-id': "The backup's pricing evidence: an attachment id is malformed.",
    'backup-attachment-no-bytes': "The backup's pricing evidence: attachment {name} has no bytes.",
    'backup-attachment-too-large': "The backup's pricing evidence: attachment {name} is larger than 5 MiB.",
    'backup-attachment-hash':
      "The backup's pricing evidence: attachment {name} does not match its SHA-256; nothing was moved.",
    'backup-order-attachment-missing':
      "The backup's pricing evidence: order {reference} refers to attachment {id}, which the backup does not hold.",
    'backup-price-check-id': "The backup's pricing evidence: a price check id is malformed.",
    'backup-price-check-invalid':
      "The backup's pricing evidence: the price check {category} {quarter} is not valid ({codes}).",
    // How the values named above are worded.
    kind_approval: 'approval',
    kind_register: 'register',
    kind_threshold: 'threshold',
    kind_rules: 'rules',
    reason_malformed: 'malformed',
    reason_seq: 'seq',
    reason_prev: 'prev',
    reason_hash: 'hash',
    'reason_head-not-found': 'head-not-found',
    'reason_head-mismatch': 'head-mismatch',
    issue: '{path}: {code}',
    issueSeparator: '; ',
  },
  zh: {
    'no-account': '没有账户 {id}。',
    'no-alert': '没有警报 {id}。',
    'no-attachment': '没有附件 {id}。',
    'no-batch': '没有批次 {id}。',
    'no-change': '没有变更 {id}。',
    'no-manual-entry': '没有手工录入 {id}。',
    'no-order': '没有订单 {id}。',
    'no-outcome': '{id} 没有已记录的表决结果。',
    'no-price-check': '没有价格核查 {id}。',
    'no-register-agreement': '登记册中没有协议 {id}。',
    'unknown-category': '没有类别 {id}。',
    'unknown-agreement': '披露资料和登记册中都没有协议 {id}。',
    'unknown-resolution': '披露资料和登记册中都没有决议 {id}。',
    'unknown-order-attachment': '此订单没有附件 {id}。',
    'unknown-upload': '没有您上传的、等待关联订单的文件 {id}（一天内未使用的上传会被删除）。',
    'agreement-id-mismatch': '协议编号与网址中的不同。',
    'order-id-mismatch': '订单编号与网址中的不同。',
    'price-check-id-mismatch': '价格核查编号与网址中的不同。',
    'resolution-id-mismatch': '决议编号与网址中的不同。',
    'not-a-file-ledger': '请以请求内容发送文件，Content-Type 为 text/csv 或 application/octet-stream。',
    'not-a-file-backup': '请以请求内容发送备份文件，Content-Type 为 application/octet-stream。',
    'not-a-file-document': '请以请求内容发送文件，Content-Type 为 application/octet-stream。',
    'file-too-large': '文件大于 {limit} 字节。',
    'backup-too-large': '备份文件大于 512 MB。',
    'empty-file': '{file}：文件是空的。',
    'import-refused': '{fatal}',
    'import-date-order': '{dates}请给出日期顺序（dateOrder=ymd、dmy 或 mdy）。',
    'import-no-rows': '{file}：没有可保存的行。',
    'no-rows': '{file}：每一行都已存储（{count} 行与已存储的行重复）；没有导入任何内容。',
    'too-many-days': '最多 100,000 个（类别，日期）组合。',
    'attachment-too-large': '附件 {name} 有 {size} 字节；附件最大为 5 MiB（{max} 字节）。',
    'attachment-too-large-stream': '附件 {name} 超过 {max} 字节；附件最大为 5 MiB（{max} 字节）。',
    'attachment-type-mismatch': '附件 {name} 不是 {type} 文件：其内容与该类型不符。',
    'invalid-evidence': '未保存：{issues}',
    'invalid-agreement': '该协议有 {count} 个问题。',
    'invalid-rules': '{rules}',
    'already-pending': '{kind} {target} 已有一项变更在等待复核。',
    'batch-not-stored': '批次 {id} 的状态为“{status}”：没有可回滚的行。',
    'step-recorded': '此步骤已记录。',
    'acknowledge-first': '请先确认该警报。',
    'report-management-first': '请先向高级管理层报告。',
    'step-before-detection': '步骤日期不能早于发现日期（{date}）。',
    'username-taken': '用户名 {username} 已被使用。',
    'password-too-short': '密码至少需要 12 个字符。',
    'password-too-long': '密码最多 256 个字符。',
    'backup-not-json': '该文件不是 Headroom 备份（不是有效的 JSON）。',
    'backup-format': '该文件不是 Headroom 备份（格式 headroom-backup，版本 1）。',
    'backup-binary-type': '未知的二进制列 {type}。',
    'backup-base64': '一个二进制列不是有效的 base64。',
    'backup-binary-cut': '一个二进制列被截断。',
    'history-does-not-verify': '备份的变更历史未能通过验证（第 {seq} 条记录：{reason}）；没有迁移任何内容。',
    'backup-register-invalid': '备份的上限登记册无效（{count} 个问题）。',
    'unmapped-names': '请将本地历史中的每个名字对应到一个账户：{names}。',
    'backup-settings': '备份的设置：{threshold}',
    'backup-record-invalid': '备份的 {path} 无效：{schema}。',
    'backup-batch-id': '批次编号 {id} 格式不正确。',
    'workspace-not-empty': '团队台账不是空的：本地工作区只能迁入空的团队台账。',
    'evidence-not-empty': '团队工作区已有定价证据：含证据的本地工作区只能迁入没有证据的团队工作区。',
    'backup-order-id': '备份的定价证据：一个订单编号格式不正确。',
    'backup-order-invalid': '备份的定价证据：订单 {reference} 无效（{issues}）。',
    'backup-attachment-id': '备份的定价证据：一个附件编号格式不正确。',
    'backup-attachment-no-bytes': '备份的定价证据：附件 {name} 没有内容。',
    'backup-attachment-too-large': '备份的定价证据：附件 {name} 大于 5 MiB。',
    'backup-attachment-hash': '备份的定价证据：附件 {name} 与其 SHA-256 不符；没有迁移任何内容。',
    'backup-order-attachment-missing': '备份的定价证据：订单 {reference} 引用的附件 {id} 不在备份中。',
    'backup-price-check-id': '备份的定价证据：一个价格核查编号格式不正确。',
    'backup-price-check-invalid': '备份的定价证据：价格核查 {category} {quarter} 无效（{codes}）。',
    kind_approval: '审批',
    kind_register: '登记册',
    kind_threshold: '阈值',
    kind_rules: '规则',
    reason_malformed: '格式不正确',
    reason_seq: '序号不连续',
    reason_prev: '前一记录的哈希不符',
    reason_hash: '哈希不符',
    'reason_head-not-found': '找不到记录的链头',
    'reason_head-mismatch': '链头不符',
    issue: '{path}：{code}',
    issueSeparator: '；',
  },
});

type En = (typeof apiRefusalMessages)['en'];

/** The refusals of this catalogue (its keys less the value wordings). */
export type ApiRefusalKey = Exclude<
  keyof En & string,
  `kind_${string}` | `reason_${string}` | 'issue' | 'issueSeparator'
>;

/** One problem of a record by its path and code (evidence issues). */
export interface CodedIssue {
  readonly path: string;
  readonly code: string;
}

/** The reader's refusal an `import-refused` answer carries (checked: it came over the wire). */
export function isFatal(value: unknown): value is FatalError {
  if (!value || typeof value !== 'object') return false;
  const f = value as Partial<FatalError>;
  return typeof f.code === 'string' && typeof f.detail === 'string' && typeof f.fileName === 'string';
}

function wordRefusalValue(name: string, value: unknown, locale: Locale): string {
  const table: Readonly<Record<string, string>> = apiRefusalMessages[locale];
  if (name === 'kind' && typeof value === 'string') return table[`kind_${value}`] ?? value;
  if (name === 'reason' && typeof value === 'string') return table[`reason_${value}`] ?? value;
  if (name === 'issues' && Array.isArray(value))
    return (value as CodedIssue[])
      .map((i) => interpolate(table.issue!, { path: i.path, code: i.code }))
      .join(table.issueSeparator);
  if (name === 'fatal' && isFatal(value)) return fatalText(value, locale);
  if (name === 'dates' && value && typeof value === 'object' && 'ambiguity' in value) {
    const d = value as { fileName?: unknown; ambiguity: DateOrderAmbiguity };
    if (Array.isArray(d.ambiguity?.samples)) return ambiguityText(d.ambiguity, String(d.fileName ?? ''), locale);
  }
  if (name === 'rules' && Array.isArray(value))
    return rulesFileErrorText({ problems: value as RulesFileProblem[] }, locale);
  return wordApiValue(name, value, locale);
}

export const apiRefusals: ApiErrorCatalogue = {
  has: (key) =>
    Object.prototype.hasOwnProperty.call(apiRefusalMessages.en, key) &&
    !/^(kind_|reason_|issue$|issueSeparator$)/.test(key),
  text(key, params, locale) {
    const vars: Record<string, string> = {};
    for (const [name, value] of Object.entries(params)) vars[name] = wordRefusalValue(name, value, locale);
    return interpolate((apiRefusalMessages[locale] as Readonly<Record<string, string>>)[key]!, vars);
  },
};

registerApiErrorCatalogue(apiRefusals);
