/** The rules a register agreement must meet before it is stored or merged. */
import { type DateRange, type IsoDate, isIsoDate } from '../dates';
import type { Bilingual, Dataset } from '../model';
import { fromMillions, type Money, readDecimal } from '../money';
import { AGREEMENT_ID_RE, CHILD_SUFFIX_RE } from './ids';
import type { RegisterAgreement } from './types';

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
    const read = readDecimal(text);
    const decimals = read.ok ? read.frac.length : 0;
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

/** A recorded board approval needs its date and where it is recorded. */
function checkBoard(b: { date: string; source: string } | null | undefined, path: string, out: RegisterIssue[]): void {
  if (!b) return;
  checkDate(b.date, `${path}.date`, out);
  if (!(b.source ?? '').trim()) out.push({ path: `${path}.source`, code: 'required' });
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
  checkBoard(a.boardApproval, 'boardApproval', out);
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
        checkBoard(v.boardApproval, `${vp}.boardApproval`, out);
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
