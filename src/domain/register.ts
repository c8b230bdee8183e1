/**
 * The cap register: agreements the user adds beside the built-in disclosure —
 * the next announcement's caps, another company's connected transactions.
 *
 * A register agreement is one JSON-safe document (amounts as exact decimal
 * strings in millions, dates as ISO strings) so that it can be stored,
 * exported and imported whole; it is validated as a whole, and converted into
 * the same `Dataset` shape as the disclosure so every screen, the engine and
 * the status command treat both alike. Pure: no storage or UI here.
 *
 * Ids are namespaced so they can never collide with the built-in data or each
 * other: agreements start with "u-", a category's id starts with its
 * agreement's id + "--", and a cap line, cap version or historical amount
 * starts with its category's id + "--".
 */
import { type DateRange, type IsoDate, isIsoDate } from './dates';
import { formatDate, formatRange, type Locale } from './format';
import type {
  Agreement,
  Bilingual,
  CapVersion,
  Category,
  CurrencyCode,
  Dataset,
  Direction,
  HistoricalAmount,
  Party,
  Resolution,
  SourceRef,
  StatedBand,
} from './model';
import { fromMillions, fromUnits, MINOR_PER_MILLION, type Money } from './money';

export const REGISTER_FORMAT = 'headroom-register';
export const REGISTER_VERSION = 1;

export type ApprovalChoice = 'in-force' | 'exempt' | 'independent-shareholders';
export type BandChoice = StatedBand['band'];

/** One version of a cap: the first of a line (original or new), or a later revision. */
export interface RegisterCapVersion {
  readonly id: string;
  /** Inclusive cap period; a revision may change it (e.g. a partial year becoming the whole year). */
  readonly period: DateRange;
  /** Exact amount in millions of the agreement's currency, e.g. "2309.8". */
  readonly amount: string;
  readonly announcedOn: IsoDate;
  /**
   * in-force: binds over its whole period (first version only);
   * exempt: binds from its announcement date;
   * independent-shareholders: binds once the meeting approves it.
   */
  readonly approval: ApprovalChoice;
  /** Date of the shareholders' meeting (independent-shareholders only). */
  readonly meetingDate?: IsoDate;
  /** Where the figure comes from (announcement title, section). Required for revisions. */
  readonly source: string;
}

/** A cap and its later revisions, oldest first. */
export interface RegisterCapLine {
  readonly id: string;
  readonly versions: readonly RegisterCapVersion[];
}

export interface RegisterHistorical {
  readonly id: string;
  /** Inclusive range: everything transacted from start to the up-to date. */
  readonly range: DateRange;
  readonly amount: string;
  readonly audited: boolean;
  /** A prior-year figure kept only to compute growth; may lie before the term. */
  readonly comparative: boolean;
}

export interface RegisterCategory {
  readonly id: string;
  readonly name: Bilingual;
  readonly direction: Direction;
  readonly term: DateRange;
  /** The Chapter 14A band the announcement states, when it states one. */
  readonly statedBand: BandChoice | null;
  readonly capLines: readonly RegisterCapLine[];
  readonly historicals: readonly RegisterHistorical[];
}

export interface RegisterAgreement {
  readonly id: string;
  readonly name: Bilingual;
  readonly issuer: Bilingual;
  readonly counterparty: Bilingual;
  readonly currency: CurrencyCode;
  readonly signedOn: IsoDate;
  readonly term: DateRange;
  /** The announcement or document the agreement is taken from. */
  readonly source: string;
  readonly categories: readonly RegisterCategory[];
}

/** The export / import file. */
export interface RegisterFile {
  readonly format: typeof REGISTER_FORMAT;
  readonly version: typeof REGISTER_VERSION;
  readonly exportedAt: string;
  readonly agreements: readonly RegisterAgreement[];
}

// ---------------------------------------------------------------------------
// Amounts

/** An exact amount as a canonical decimal string in millions ("2309.8", "0.0", "1.23456789"). */
export function canonicalMillions(m: Money): string {
  const neg = m < 0n;
  const abs = neg ? -m : m;
  const int = abs / MINOR_PER_MILLION;
  const frac = (abs % MINOR_PER_MILLION).toString().padStart(8, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}.${frac || '0'}`;
}

/** How the user typed an amount: in millions (≤ 1 decimal, as disclosed) or exact in units (≤ 2 decimals). */
export type AmountUnit = 'millions' | 'exact';

export type AmountEntry =
  | { ok: true; amount: string }
  | { ok: false; code: 'required' | 'bad-amount' | 'negative' | 'too-many-decimals'; max: number };

/**
 * Parses an amount typed in a form: "2,309.8" in millions, or "1,234,567.89"
 * exact. Thousands separators allowed; the result is the canonical millions string.
 */
export function parseAmountEntry(text: string, unit: AmountUnit): AmountEntry {
  const t = text.trim();
  const max = unit === 'millions' ? 1 : 2;
  if (!t) return { ok: false, code: 'required', max };
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t)) return { ok: false, code: 'bad-amount', max };
  if (t.startsWith('-') && /[1-9]/.test(t)) return { ok: false, code: 'negative', max };
  const decimals = (t.split('.')[1] ?? '').length;
  if (decimals > max) return { ok: false, code: 'too-many-decimals', max };
  const m = unit === 'millions' ? fromMillions(t.replace(/^-/, '')) : fromUnits(t.replace(/^-/, ''));
  return { ok: true, amount: canonicalMillions(m) };
}

/** The stored amount as Money; throws on a malformed string (validated documents never have one). */
export function amountOf(text: string): Money {
  return fromMillions(text);
}

// ---------------------------------------------------------------------------
// Ids

/** Lower-case ASCII slug of a name ("Consulting services (2026)" → "consulting-services-2026"). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`… whichever is not taken. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** A new agreement id from its name: "u-" + slug, unique among `taken`. */
export function newAgreementId(name: Bilingual, taken: ReadonlySet<string>): string {
  return uniqueId(`u-${slugify(name.en) || 'agreement'}`, taken);
}

/** A new child id under `parentId` ("<parent>--<slug>"), unique among `taken`. */
export function newChildId(parentId: string, label: string, taken: ReadonlySet<string>): string {
  return uniqueId(`${parentId}--${slugify(label) || 'item'}`, taken);
}

const AGREEMENT_ID_RE = /^u-[a-z0-9]+(-[a-z0-9]+)*$/;
const CHILD_SUFFIX_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// ---------------------------------------------------------------------------
// Validation

export type IssueCode =
  | 'required'
  | 'bad-date'
  | 'range-reversed'
  | 'outside-term'
  | 'overlap'
  | 'bad-amount'
  | 'negative'
  | 'too-many-decimals'
  | 'duplicate-name'
  | 'duplicate-id'
  | 'duplicate-range'
  | 'bad-id'
  | 'bad-choice'
  | 'announced-after-period'
  | 'revision-order'
  | 'revision-disjoint'
  | 'in-force-revision'
  | 'meeting-required'
  | 'meeting-before-announcement'
  | 'signed-after-term'
  | 'no-categories'
  | 'no-versions'
  | 'bad-type'
  | 'bad-json'
  | 'bad-format';

export interface RegisterIssue {
  /**
   * Where, as a path inside the agreement ("categories[0].capLines[1].versions[0].period.end");
   * inside an imported file prefixed with "agreements[i]."
   */
  readonly path: string;
  readonly code: IssueCode;
  readonly params?: Readonly<Record<string, string>>;
}

function hasName(b: Bilingual | undefined): boolean {
  return !!b && (b.en.trim() !== '' || b.zh.trim() !== '');
}

function overlaps(a: DateRange, b: DateRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function rangeText(r: DateRange): string {
  return `${r.start} – ${r.end}`;
}

/** Checks an inclusive range; returns true when both dates are valid and in order. */
function checkRange(r: DateRange | undefined, path: string, out: RegisterIssue[]): r is DateRange {
  if (!r) {
    out.push({ path, code: 'required' });
    return false;
  }
  let ok = true;
  for (const k of ['start', 'end'] as const) {
    if (!r[k]) {
      out.push({ path: `${path}.${k}`, code: 'required' });
      ok = false;
    } else if (!isIsoDate(r[k])) {
      out.push({ path: `${path}.${k}`, code: 'bad-date', params: { value: r[k] } });
      ok = false;
    }
  }
  if (ok && r.start > r.end) {
    out.push({ path: `${path}.end`, code: 'range-reversed', params: { start: r.start, end: r.end } });
    return false;
  }
  return ok;
}

function checkInside(r: DateRange, term: DateRange, path: string, out: RegisterIssue[]): void {
  if (r.start < term.start)
    out.push({ path: `${path}.start`, code: 'outside-term', params: { term: rangeText(term) } });
  if (r.end > term.end) out.push({ path: `${path}.end`, code: 'outside-term', params: { term: rangeText(term) } });
}

function checkStoredAmount(text: string, path: string, out: RegisterIssue[]): boolean {
  if (typeof text !== 'string' || text.trim() === '') {
    out.push({ path, code: 'required' });
    return false;
  }
  let m: Money;
  try {
    m = fromMillions(text);
  } catch {
    const decimals = /^-?[\d,]+\.(\d+)$/.exec(text.trim())?.[1]?.length ?? 0;
    out.push(
      decimals > 8
        ? { path, code: 'too-many-decimals', params: { max: '8' } }
        : { path, code: 'bad-amount', params: { value: text } },
    );
    return false;
  }
  if (m < 0n) {
    out.push({ path, code: 'negative' });
    return false;
  }
  return true;
}

function checkDate(d: string | undefined, path: string, out: RegisterIssue[]): d is IsoDate {
  if (!d) {
    out.push({ path, code: 'required' });
    return false;
  }
  if (!isIsoDate(d)) {
    out.push({ path, code: 'bad-date', params: { value: d } });
    return false;
  }
  return true;
}

function norm(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Every problem of one agreement, checked against the other register
 * agreements and the built-in dataset (for unique ids and names). An empty
 * list means the agreement can be stored and merged.
 *
 * Rules: names present (English or Chinese) and unique (agreements among all,
 * categories within their agreement); inclusive ranges valid and in order; a
 * category's term inside the agreement's, a cap period inside the category's
 * term; historical amounts inside the term unless marked comparative; cap
 * lines of a category never overlap one another; a revision overlaps the
 * period it revises, is announced on or after the version before it and
 * needs a source; shareholders' approval needs a meeting date on or after the
 * announcement; amounts non-negative, exact to at most 8 decimals of a million
 * (the form limits typing to 1 decimal in millions or 2 in units).
 */
export function validateAgreement(
  a: RegisterAgreement,
  others: readonly RegisterAgreement[] = [],
  builtIn?: Dataset,
): RegisterIssue[] {
  const out: RegisterIssue[] = [];
  if (!a.id) out.push({ path: 'id', code: 'required' });
  else if (!AGREEMENT_ID_RE.test(a.id)) out.push({ path: 'id', code: 'bad-id', params: { value: a.id } });
  else if (others.some((o) => o.id === a.id) || builtIn?.agreements.some((b) => b.id === a.id)) {
    out.push({ path: 'id', code: 'duplicate-id', params: { value: a.id } });
  }

  if (!hasName(a.name)) out.push({ path: 'name.en', code: 'required' });
  else {
    const names = [norm(a.name.en), norm(a.name.zh)].filter(Boolean);
    const clash = [...others.map((o) => o.name), ...(builtIn?.agreements.map((b) => b.name) ?? [])].find((n) =>
      [norm(n.en), norm(n.zh)].some((x) => x && names.includes(x)),
    );
    if (clash)
      out.push({
        path: a.name.en.trim() ? 'name.en' : 'name.zh',
        code: 'duplicate-name',
        params: { name: clash.en || clash.zh },
      });
  }
  if (!hasName(a.issuer)) out.push({ path: 'issuer.en', code: 'required' });
  if (!hasName(a.counterparty)) out.push({ path: 'counterparty.en', code: 'required' });
  if (a.currency !== 'RMB' && a.currency !== 'HKD')
    out.push({ path: 'currency', code: 'bad-choice', params: { value: String(a.currency) } });

  const termOk = checkRange(a.term, 'term', out);
  if (checkDate(a.signedOn, 'signedOn', out) && termOk && a.signedOn > a.term.end) {
    out.push({ path: 'signedOn', code: 'signed-after-term', params: { end: a.term.end } });
  }
  if (!a.categories?.length) out.push({ path: 'categories', code: 'no-categories' });

  const ids = new Set<string>([a.id]);
  const claimId = (id: string, parent: string, path: string) => {
    if (!id) out.push({ path: `${path}.id`, code: 'required' });
    else if (!id.startsWith(`${parent}--`) || !CHILD_SUFFIX_RE.test(id.slice(parent.length + 2))) {
      out.push({ path: `${path}.id`, code: 'bad-id', params: { value: id } });
    } else if (ids.has(id)) out.push({ path: `${path}.id`, code: 'duplicate-id', params: { value: id } });
    ids.add(id);
  };

  const catNames = new Set<string>();
  (a.categories ?? []).forEach((c, ci) => {
    const cp = `categories[${ci}]`;
    claimId(c.id, a.id, cp);
    if (!hasName(c.name)) out.push({ path: `${cp}.name.en`, code: 'required' });
    else {
      for (const [lang, n] of [
        ['en', c.name.en],
        ['zh', c.name.zh],
      ] as const) {
        const k = norm(n);
        if (!k) continue;
        if (catNames.has(`${lang}:${k}`))
          out.push({ path: `${cp}.name.${lang}`, code: 'duplicate-name', params: { name: n.trim() } });
        catNames.add(`${lang}:${k}`);
      }
    }
    if (c.direction !== 'provided-by-group' && c.direction !== 'procured-by-group') {
      out.push({ path: `${cp}.direction`, code: 'bad-choice', params: { value: String(c.direction) } });
    }
    if (c.statedBand !== null && !['de-minimis', 'announcement', 'shareholders'].includes(c.statedBand)) {
      out.push({ path: `${cp}.statedBand`, code: 'bad-choice', params: { value: String(c.statedBand) } });
    }
    const catTermOk = checkRange(c.term, `${cp}.term`, out);
    if (catTermOk && termOk) checkInside(c.term, a.term, `${cp}.term`, out);

    // Cap lines: each version valid; lines never overlap one another.
    const linePeriods: { line: number; periods: DateRange[] }[] = [];
    (c.capLines ?? []).forEach((line, li) => {
      const lp = `${cp}.capLines[${li}]`;
      claimId(line.id, c.id, lp);
      if (!line.versions?.length) {
        out.push({ path: `${lp}.versions`, code: 'no-versions' });
        return;
      }
      const periods: DateRange[] = [];
      let first: DateRange | null = null;
      let previousAnnounced: IsoDate | null = null;
      line.versions.forEach((v, vi) => {
        const vp = `${lp}.versions[${vi}]`;
        claimId(v.id, c.id, vp);
        const periodOk = checkRange(v.period, `${vp}.period`, out);
        if (periodOk) {
          if (catTermOk) checkInside(v.period, c.term, `${vp}.period`, out);
          periods.push(v.period);
          if (vi === 0) first = v.period;
          else if (first && !overlaps(first, v.period)) {
            out.push({ path: `${vp}.period`, code: 'revision-disjoint', params: { period: rangeText(first) } });
          }
        }
        checkStoredAmount(v.amount, `${vp}.amount`, out);
        const annOk = checkDate(v.announcedOn, `${vp}.announcedOn`, out);
        if (annOk && periodOk && v.announcedOn > v.period.end) {
          out.push({ path: `${vp}.announcedOn`, code: 'announced-after-period', params: { end: v.period.end } });
        }
        if (annOk && previousAnnounced && v.announcedOn < previousAnnounced) {
          out.push({ path: `${vp}.announcedOn`, code: 'revision-order', params: { date: previousAnnounced } });
        }
        if (annOk) previousAnnounced = v.announcedOn;
        if (!['in-force', 'exempt', 'independent-shareholders'].includes(v.approval)) {
          out.push({ path: `${vp}.approval`, code: 'bad-choice', params: { value: String(v.approval) } });
        } else if (v.approval === 'in-force' && vi > 0) {
          out.push({ path: `${vp}.approval`, code: 'in-force-revision' });
        } else if (v.approval === 'independent-shareholders') {
          if (!v.meetingDate) out.push({ path: `${vp}.meetingDate`, code: 'meeting-required' });
          else if (checkDate(v.meetingDate, `${vp}.meetingDate`, out) && annOk && v.meetingDate < v.announcedOn) {
            out.push({
              path: `${vp}.meetingDate`,
              code: 'meeting-before-announcement',
              params: { date: v.announcedOn },
            });
          }
        }
        if (vi > 0 && !(v.source ?? '').trim()) out.push({ path: `${vp}.source`, code: 'required' });
      });
      linePeriods.push({ line: li, periods });
    });
    for (let i = 0; i < linePeriods.length; i++) {
      for (let j = 0; j < i; j++) {
        const hit = linePeriods[i]!.periods.find((p) => linePeriods[j]!.periods.some((q) => overlaps(p, q)));
        if (hit) {
          const other = linePeriods[j]!.periods.find((q) => overlaps(hit, q))!;
          out.push({
            path: `${cp}.capLines[${linePeriods[i]!.line}].versions[${linePeriods[i]!.periods.indexOf(hit)}].period`,
            code: 'overlap',
            params: { period: rangeText(other), line: String(linePeriods[j]!.line + 1) },
          });
        }
      }
    }

    const seenRanges = new Set<string>();
    (c.historicals ?? []).forEach((h, hi) => {
      const hp = `${cp}.historicals[${hi}]`;
      claimId(h.id, c.id, hp);
      if (checkRange(h.range, `${hp}.range`, out)) {
        if (catTermOk) {
          if (h.comparative) {
            if (h.range.end > c.term.end)
              out.push({ path: `${hp}.range.end`, code: 'outside-term', params: { term: rangeText(c.term) } });
          } else checkInside(h.range, c.term, `${hp}.range`, out);
        }
        const key = rangeText(h.range);
        if (seenRanges.has(key)) out.push({ path: `${hp}.range`, code: 'duplicate-range', params: { period: key } });
        seenRanges.add(key);
      }
      checkStoredAmount(h.amount, `${hp}.amount`, out);
    });
  });
  return out;
}

/** Every problem of a whole register (each agreement against the others and the built-in data). */
export function validateRegister(agreements: readonly RegisterAgreement[], builtIn?: Dataset): RegisterIssue[] {
  return agreements.flatMap((a, i) =>
    validateAgreement(
      a,
      agreements.filter((_, j) => j !== i),
      builtIn,
    ).map((iss) => ({ ...iss, path: `agreements[${i}].${iss.path}` })),
  );
}

// ---------------------------------------------------------------------------
// Messages (data, in both languages, so the status command and the screens word them alike)

const ISSUE_TEXT: Record<IssueCode, Bilingual> = {
  required: { en: 'is required', zh: '为必填项' },
  'bad-date': { en: 'is not a valid date (YYYY-MM-DD): "{value}"', zh: '不是有效日期（YYYY-MM-DD）：“{value}”' },
  'range-reversed': { en: 'ends before it starts ({start} – {end})', zh: '结束日期早于开始日期（{start} – {end}）' },
  'outside-term': { en: 'lies outside the term {term}', zh: '超出期限 {term}' },
  overlap: { en: 'overlaps cap line {line} ({period})', zh: '与上限第{line}行（{period}）重叠' },
  'bad-amount': { en: 'is not an amount: "{value}"', zh: '不是有效金额：“{value}”' },
  negative: { en: 'must not be negative', zh: '不得为负数' },
  'too-many-decimals': { en: 'has more than {max} decimal(s)', zh: '小数位超过{max}位' },
  'duplicate-name': { en: 'is already used: "{name}"', zh: '名称已被使用：“{name}”' },
  'duplicate-id': { en: 'id "{value}" is used twice', zh: '编号“{value}”重复' },
  'duplicate-range': { en: 'another amount covers the same range ({period})', zh: '已有相同期间的金额（{period}）' },
  'bad-id': { en: 'has a malformed id "{value}"', zh: '编号格式不正确：“{value}”' },
  'bad-choice': { en: 'has an unknown value "{value}"', zh: '取值无效：“{value}”' },
  'announced-after-period': { en: 'is after the end of the cap period ({end})', zh: '晚于上限期间结束日（{end}）' },
  'revision-order': {
    en: 'is before the announcement of the version it revises ({date})',
    zh: '早于被修订版本的公告日期（{date}）',
  },
  'revision-disjoint': {
    en: 'does not overlap the period it revises ({period})',
    zh: '与被修订的期间（{period}）没有重叠',
  },
  'in-force-revision': {
    en: 'a revision needs an approval route: exempt or independent shareholders',
    zh: '修订须选择批准方式：豁免或独立股东批准',
  },
  'meeting-required': { en: "needs the date of the shareholders' meeting", zh: '须填写股东大会日期' },
  'meeting-before-announcement': { en: 'is before the announcement ({date})', zh: '早于公告日期（{date}）' },
  'signed-after-term': { en: 'is after the end of the term ({end})', zh: '晚于期限结束日（{end}）' },
  'no-categories': { en: 'add at least one category', zh: '须至少添加一个类别' },
  'no-versions': { en: 'has no cap', zh: '没有上限' },
  'bad-type': { en: 'should be {expected}', zh: '应为{expected}' },
  'bad-json': { en: 'is not valid JSON: {detail}', zh: '不是有效的 JSON：{detail}' },
  'bad-format': {
    en: 'is not a Headroom register export (expected format "headroom-register", version 1)',
    zh: '不是 Headroom 上限登记册导出文件（应为 format "headroom-register"，version 1）',
  },
};

const FIELD_TEXT: Record<string, Bilingual> = {
  id: { en: 'id', zh: '编号' },
  name: { en: 'name', zh: '名称' },
  en: { en: 'English', zh: '英文' },
  zh: { en: 'Chinese', zh: '中文' },
  issuer: { en: 'issuer', zh: '发行人' },
  counterparty: { en: 'counterparty', zh: '交易对方' },
  currency: { en: 'currency', zh: '币种' },
  signedOn: { en: 'signing date', zh: '签订日期' },
  term: { en: 'term', zh: '期限' },
  start: { en: 'start', zh: '开始日期' },
  end: { en: 'end', zh: '结束日期' },
  source: { en: 'source', zh: '来源' },
  direction: { en: 'direction', zh: '交易方向' },
  statedBand: { en: 'stated band', zh: '公告所述分级' },
  period: { en: 'period', zh: '期间' },
  amount: { en: 'amount', zh: '金额' },
  announcedOn: { en: 'announcement date', zh: '公告日期' },
  approval: { en: 'approval', zh: '批准方式' },
  meetingDate: { en: 'meeting date', zh: '股东大会日期' },
  range: { en: 'range', zh: '期间' },
  audited: { en: 'audited', zh: '经审核' },
  comparative: { en: 'comparative', zh: '比较数字' },
  categories: { en: 'categories', zh: '类别' },
  capLines: { en: 'cap lines', zh: '上限' },
  versions: { en: 'caps', zh: '上限' },
  historicals: { en: 'historical amounts', zh: '历史金额' },
  format: { en: 'format', zh: '格式' },
  version: { en: 'version', zh: '版本' },
  agreements: { en: 'agreements', zh: '协议' },
};

function fill(template: string, params?: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => params?.[k] ?? `{${k}}`);
}

function pick(b: Bilingual, locale: Locale): string {
  return b[locale].trim() || b[locale === 'en' ? 'zh' : 'en'];
}

/**
 * Where an issue is, in words: "Category 2 “Consulting” › cap line 1 › revision 1 › period › end".
 * Names come from the agreement (or register file) the path points into.
 */
export function describeLocation(path: string, root: unknown, locale: Locale = 'en'): string {
  const parts: string[] = [];
  let node: unknown = root;
  const re = /([A-Za-z]+)(?:\[(\d+)\])?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    const key = m[1]!;
    const index = m[2] !== undefined ? Number(m[2]) : null;
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (index !== null) {
      node = Array.isArray(node) ? node[index] : undefined;
      const named = node && typeof node === 'object' ? (node as { name?: Bilingual }).name : undefined;
      const label = named && typeof named === 'object' ? ` “${pick(named, locale)}”` : '';
      const n = index + 1;
      const itemWord: Record<string, Bilingual> = {
        agreements: { en: `Agreement ${n}`, zh: `协议${n}` },
        categories: { en: `Category ${n}`, zh: `类别${n}` },
        capLines: { en: `cap line ${n}`, zh: `上限第${n}行` },
        versions: { en: index === 0 ? 'cap' : `revision ${index}`, zh: index === 0 ? '上限' : `修订${index}` },
        historicals: { en: `historical amount ${n}`, zh: `历史金额${n}` },
      };
      parts.push(`${pick(itemWord[key] ?? { en: `${key} ${n}`, zh: `${key} ${n}` }, locale)}${label}`);
    } else {
      parts.push(pick(FIELD_TEXT[key] ?? { en: key, zh: key }, locale));
    }
  }
  return parts.join(' › ');
}

/** What is wrong, without the location (for a message shown beside the field itself). */
export function issueMessage(issue: RegisterIssue, locale: Locale = 'en'): string {
  return fill(pick(ISSUE_TEXT[issue.code], locale), issue.params);
}

/** One sentence for an issue: location, then what is wrong. */
export function describeIssue(issue: RegisterIssue, root: unknown, locale: Locale = 'en'): string {
  const where = issue.path ? describeLocation(issue.path, root, locale) : '';
  const what = fill(pick(ISSUE_TEXT[issue.code], locale), issue.params);
  return where ? (locale === 'zh' ? `${where}：${what}` : `${where}: ${what}`) : what;
}

// ---------------------------------------------------------------------------
// Import file

type Check = (v: unknown, path: string, out: RegisterIssue[]) => void;

const isStr = (v: unknown) => typeof v === 'string';
function need(cond: boolean, path: string, expected: string, out: RegisterIssue[]): boolean {
  if (!cond) out.push({ path, code: 'bad-type', params: { expected } });
  return cond;
}
const str: Check = (v, p, o) => void need(isStr(v), p, 'text', o);
const bool: Check = (v, p, o) => void need(typeof v === 'boolean', p, 'true or false', o);
const bilingual: Check = (v, p, o) => {
  if (need(!!v && typeof v === 'object' && !Array.isArray(v), p, '{ "en": …, "zh": … }', o)) {
    str((v as Record<string, unknown>).en, `${p}.en`, o);
    str((v as Record<string, unknown>).zh, `${p}.zh`, o);
  }
};
const range: Check = (v, p, o) => {
  if (need(!!v && typeof v === 'object' && !Array.isArray(v), p, '{ "start": …, "end": … }', o)) {
    str((v as Record<string, unknown>).start, `${p}.start`, o);
    str((v as Record<string, unknown>).end, `${p}.end`, o);
  }
};
function obj(fields: Record<string, Check>, optional: readonly string[] = []): Check {
  return (v, p, o) => {
    if (!need(!!v && typeof v === 'object' && !Array.isArray(v), p, 'an object', o)) return;
    const rec = v as Record<string, unknown>;
    for (const [k, check] of Object.entries(fields)) {
      if (rec[k] === undefined && optional.includes(k)) continue;
      check(rec[k], p ? `${p}.${k}` : k, o);
    }
  };
}
function list(item: Check): Check {
  return (v, p, o) => {
    if (need(Array.isArray(v), p, 'a list', o)) (v as unknown[]).forEach((x, i) => item(x, `${p}[${i}]`, o));
  };
}
const nullableStr: Check = (v, p, o) => void need(v === null || isStr(v), p, 'text or null', o);

const versionShape = obj(
  { id: str, period: range, amount: str, announcedOn: str, approval: str, meetingDate: str, source: str },
  ['meetingDate'],
);
const agreementShape = obj({
  id: str,
  name: bilingual,
  issuer: bilingual,
  counterparty: bilingual,
  currency: str,
  signedOn: str,
  term: range,
  source: str,
  categories: list(
    obj({
      id: str,
      name: bilingual,
      direction: str,
      term: range,
      statedBand: nullableStr,
      capLines: list(obj({ id: str, versions: list(versionShape) })),
      historicals: list(obj({ id: str, range, amount: str, audited: bool, comparative: bool })),
    }),
  ),
});

/** Line and column (1-based) of a character offset in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Reads a register export. Returns the agreements only when the file is
 * entirely valid — shape and every rule of `validateAgreement` (against the
 * built-in data and each other) — so an import never stores half a file.
 * Issue paths start at the file root ("agreements[0].categories[1].name.en").
 */
export function parseRegisterFile(
  text: string,
  builtIn?: Dataset,
): { agreements: RegisterAgreement[]; issues: RegisterIssue[]; root: unknown } {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const detail = pos
      ? (() => {
          const { line, column } = lineColumn(text, Number(pos[1]));
          return `line ${line}, column ${column}`;
        })()
      : msg;
    return { agreements: [], issues: [{ path: '', code: 'bad-json', params: { detail } }], root: null };
  }
  const rec = root as Record<string, unknown> | null;
  if (!rec || typeof rec !== 'object' || rec.format !== REGISTER_FORMAT || rec.version !== REGISTER_VERSION) {
    return { agreements: [], issues: [{ path: '', code: 'bad-format' }], root };
  }
  const issues: RegisterIssue[] = [];
  list(agreementShape)(rec.agreements, 'agreements', issues);
  if (issues.length) return { agreements: [], issues, root };
  const agreements = rec.agreements as RegisterAgreement[];
  const semantic = validateRegister(agreements, builtIn);
  return semantic.length ? { agreements: [], issues: semantic, root } : { agreements, issues: [], root };
}

/** The export file of a register. */
export function registerFile(agreements: readonly RegisterAgreement[], exportedAt: string): RegisterFile {
  return { format: REGISTER_FORMAT, version: REGISTER_VERSION, exportedAt, agreements };
}

// ---------------------------------------------------------------------------
// Conversion and merge

/** Fills a missing language with the other so every screen has a name to show. */
function both(b: Bilingual): Bilingual {
  const en = b.en.trim();
  const zh = b.zh.trim();
  return { en: en || zh, zh: zh || en };
}

const REGISTER_SECTION: Bilingual = { en: 'Cap register (entered by the user)', zh: '上限登记册（用户录入）' };

/** Resolution id of a category's caps put to one shareholders' meeting. */
export function resolutionIdFor(categoryId: string, meetingDate: IsoDate): string {
  return `${categoryId}--meeting-${meetingDate}`;
}

/** The Dataset parts of one validated register agreement. */
export function agreementToDataset(
  a: RegisterAgreement,
): Pick<Dataset, 'parties' | 'agreements' | 'categories' | 'resolutions' | 'caps' | 'historicals' | 'statedBands'> {
  const name = both(a.name);
  const docSource = (documentDate: IsoDate, text: string, table?: string): SourceRef => ({
    document: text.trim() || a.source.trim() || name.en,
    documentDate,
    // User-entered data has no announcement section to cite: the agreement's names stand in.
    section: name.zh && name.zh !== name.en ? `${name.en} / ${name.zh}` : name.en,
    ...(table ? { table } : {}),
  });
  const parties: Party[] = [
    { id: `${a.id}--issuer`, name: both(a.issuer) },
    { id: `${a.id}--counterparty`, name: both(a.counterparty) },
  ];
  const agreement: Agreement = {
    id: a.id,
    name,
    issuerId: parties[0]!.id,
    counterpartyId: parties[1]!.id,
    currency: a.currency,
    signedOn: a.signedOn,
    term: a.term,
    supplements: [],
    source: docSource(a.signedOn, a.source),
    builtIn: false,
  };
  const categories: Category[] = [];
  const caps: CapVersion[] = [];
  const historicals: HistoricalAmount[] = [];
  const statedBands: StatedBand[] = [];
  const resolutions = new Map<string, Resolution>();

  for (const c of a.categories) {
    const cname = both(c.name);
    const catSource = docSource(a.signedOn, a.source, cname.en);
    categories.push({
      id: c.id,
      agreementId: a.id,
      name: cname,
      direction: c.direction,
      term: c.term,
      description: { en: `${cname.en} — ${REGISTER_SECTION.en}`, zh: `${cname.zh} — ${REGISTER_SECTION.zh}` },
      source: catSource,
    });
    if (c.statedBand) {
      statedBands.push({
        categoryId: c.id,
        band: c.statedBand,
        description: { en: 'Band stated in the announcement (entered by the user)', zh: '公告所述分级（用户录入）' },
        source: catSource,
      });
    }
    for (const line of c.capLines) {
      const earlier: string[] = [];
      line.versions.forEach((v, vi) => {
        let approval: CapVersion['approval'];
        if (v.approval === 'independent-shareholders') {
          const rid = resolutionIdFor(c.id, v.meetingDate!);
          if (!resolutions.has(rid)) {
            resolutions.set(rid, {
              id: rid,
              meeting: {
                en: `Shareholders' meeting of ${formatDate(v.meetingDate!, 'en')}`,
                zh: `${formatDate(v.meetingDate!, 'zh')}股东大会`,
              },
              meetingDate: v.meetingDate!,
              description: {
                en: `Caps for ${cname.en} under the ${name.en}`,
                zh: `${name.zh}项下${cname.zh}的上限`,
              },
              source: docSource(v.announcedOn, v.source, cname.en),
            });
          }
          approval = { kind: 'independent-shareholders', resolutionId: rid };
        } else approval = { kind: v.approval };
        caps.push({
          id: v.id,
          categoryId: c.id,
          kind: vi === 0 ? (v.approval === 'in-force' ? 'original' : 'new') : 'revised',
          period: v.period,
          amount: amountOf(v.amount),
          announcedOn: v.announcedOn,
          approval,
          // A revision replaces every earlier version of its line once it binds.
          supersedes: [...earlier],
          source: docSource(v.announcedOn, v.source, `${cname.en} — ${formatRange(v.period, 'en')}`),
        });
        earlier.push(v.id);
      });
    }
    for (const h of c.historicals) {
      historicals.push({
        id: h.id,
        categoryId: c.id,
        range: h.range,
        amount: amountOf(h.amount),
        audited: h.audited,
        role: h.comparative ? 'comparative' : 'historical',
        source: docSource(h.range.end, a.source, `${cname.en} — ${formatRange(h.range, 'en')}`),
      });
    }
  }
  return {
    parties,
    agreements: [agreement],
    categories,
    resolutions: [...resolutions.values()],
    caps,
    historicals,
    statedBands,
  };
}

/**
 * The built-in dataset with the register's agreements appended (built-in
 * first, register in the given order). Throws if any id would be used twice:
 * validated agreements never trigger it, so a throw is a bug, not bad input.
 */
export function mergeDatasets(base: Dataset, register: readonly RegisterAgreement[]): Dataset {
  if (!register.length) return base;
  const parts = register.map(agreementToDataset);
  const merged: Dataset = {
    ...base,
    parties: [...base.parties, ...parts.flatMap((p) => p.parties)],
    agreements: [...base.agreements, ...parts.flatMap((p) => p.agreements)],
    categories: [...base.categories, ...parts.flatMap((p) => p.categories)],
    resolutions: [...base.resolutions, ...parts.flatMap((p) => p.resolutions)],
    caps: [...base.caps, ...parts.flatMap((p) => p.caps)],
    historicals: [...base.historicals, ...parts.flatMap((p) => p.historicals)],
    statedBands: [...base.statedBands, ...parts.flatMap((p) => p.statedBands)],
  };
  for (const key of ['parties', 'agreements', 'categories', 'resolutions', 'caps', 'historicals'] as const) {
    const seen = new Set<string>();
    for (const item of merged[key]) {
      if (seen.has(item.id)) throw new Error(`Duplicate ${key} id "${item.id}" after merging the register`);
      seen.add(item.id);
    }
  }
  return merged;
}
