/**
 * Form state of the register editor: the agreement document with every field
 * as typed text (amounts with the unit they were typed in), converted to a
 * RegisterAgreement on save. Indexes mirror the document, so a validation
 * issue's path ("categories[0].capLines[1].versions[0].amount") points at the
 * field that caused it.
 */
import { addDays, dateParts, isoFromParts } from '../../domain/dates';
import type { CurrencyCode, Direction } from '../../domain/model';
import { MINOR_PER_MILLION, toUnitsDecimal } from '../../domain/money';
import {
  amountOf,
  type AmountUnit,
  type ApprovalChoice,
  type BoardApproval,
  type BandChoice,
  newAgreementId,
  newChildId,
  parseAmountEntry,
  type RegisterAgreement,
  type RegisterCapVersion,
  type RegisterIssue,
  slugify,
} from '../../domain/register';

export interface AmountDraft {
  text: string;
  unit: AmountUnit;
}

export interface VersionDraft {
  id: string | null;
  start: string;
  end: string;
  amount: AmountDraft;
  announcedOn: string;
  approval: ApprovalChoice;
  meetingDate: string;
  source: string;
  /** The board's approval of this version: date and minutes ('' when not recorded). */
  boardDate: string;
  boardSource: string;
}

export interface LineDraft {
  id: string | null;
  versions: VersionDraft[];
}

export interface HistoricalDraft {
  id: string | null;
  start: string;
  end: string;
  amount: AmountDraft;
  audited: boolean;
  comparative: boolean;
}

export interface CategoryDraft {
  id: string | null;
  nameEn: string;
  nameZh: string;
  direction: Direction;
  start: string;
  end: string;
  statedBand: BandChoice | '';
  lines: LineDraft[];
  historicals: HistoricalDraft[];
}

export interface AgreementDraft {
  id: string | null;
  nameEn: string;
  nameZh: string;
  issuerEn: string;
  issuerZh: string;
  counterpartyEn: string;
  counterpartyZh: string;
  currency: CurrencyCode;
  signedOn: string;
  start: string;
  end: string;
  source: string;
  /** The board's approval of the agreement: date and minutes ('' when not recorded). */
  boardDate: string;
  boardSource: string;
  categories: CategoryDraft[];
}

export function emptyAgreement(): AgreementDraft {
  return {
    id: null,
    nameEn: '',
    nameZh: '',
    issuerEn: '',
    issuerZh: '',
    counterpartyEn: '',
    counterpartyZh: '',
    currency: 'RMB',
    signedOn: '',
    start: '',
    end: '',
    source: '',
    boardDate: '',
    boardSource: '',
    categories: [],
  };
}

export function emptyCategory(a: AgreementDraft): CategoryDraft {
  return {
    id: null,
    nameEn: '',
    nameZh: '',
    direction: 'provided-by-group',
    start: a.start,
    end: a.end,
    statedBand: '',
    lines: [],
    historicals: [],
  };
}

/** A new cap line: the calendar year after the last one, or the first year of the category term. */
export function emptyLine(c: CategoryDraft, announcedOn: string): LineDraft {
  const lastEnd = c.lines
    .flatMap((l) => l.versions.map((v) => v.end))
    .filter(Boolean)
    .sort()
    .pop();
  let start = '';
  let end = '';
  const from = lastEnd ? addDays(lastEnd, 1) : c.start;
  if (/^\d{4}-\d{2}-\d{2}$/.test(from)) {
    start = from;
    const y = dateParts(from).year;
    end = isoFromParts(y, 12, 31);
    if (c.end && end > c.end) end = c.end;
  }
  return {
    id: null,
    versions: [
      {
        id: null,
        start,
        end,
        amount: { text: '', unit: 'millions' },
        announcedOn,
        approval: 'in-force',
        meetingDate: '',
        source: '',
        boardDate: '',
        boardSource: '',
      },
    ],
  };
}

/** A revision of a line: same period as the latest version, exempt until the user says otherwise. */
export function emptyRevision(line: LineDraft): VersionDraft {
  const last = line.versions[line.versions.length - 1]!;
  return {
    id: null,
    start: last.start,
    end: last.end,
    amount: { text: '', unit: 'millions' },
    announcedOn: '',
    approval: 'exempt',
    meetingDate: '',
    source: '',
    boardDate: '',
    boardSource: '',
  };
}

export function emptyHistorical(c: CategoryDraft): HistoricalDraft {
  return {
    id: null,
    start: c.start,
    end: '',
    amount: { text: '', unit: 'millions' },
    audited: false,
    comparative: false,
  };
}

/** A stored amount as the editor shows it: in millions when it has at most one decimal, else exact in units. */
function amountDraft(millions: string): AmountDraft {
  const m = amountOf(millions);
  if (m % (MINOR_PER_MILLION / 10n) === 0n) return { text: millions, unit: 'millions' };
  return { text: toUnitsDecimal(m).toFixed(2), unit: 'exact' };
}

export function draftFrom(a: RegisterAgreement): AgreementDraft {
  return {
    id: a.id,
    nameEn: a.name.en,
    nameZh: a.name.zh,
    issuerEn: a.issuer.en,
    issuerZh: a.issuer.zh,
    counterpartyEn: a.counterparty.en,
    counterpartyZh: a.counterparty.zh,
    currency: a.currency,
    signedOn: a.signedOn,
    start: a.term.start,
    end: a.term.end,
    source: a.source,
    boardDate: a.boardApproval?.date ?? '',
    boardSource: a.boardApproval?.source ?? '',
    categories: a.categories.map((c) => ({
      id: c.id,
      nameEn: c.name.en,
      nameZh: c.name.zh,
      direction: c.direction,
      start: c.term.start,
      end: c.term.end,
      statedBand: c.statedBand ?? '',
      lines: c.capLines.map((l) => ({
        id: l.id,
        versions: l.versions.map((v) => ({
          id: v.id,
          start: v.period.start,
          end: v.period.end,
          amount: amountDraft(v.amount),
          announcedOn: v.announcedOn,
          approval: v.approval,
          meetingDate: v.meetingDate ?? '',
          source: v.source,
          boardDate: v.boardApproval?.date ?? '',
          boardSource: v.boardApproval?.source ?? '',
        })),
      })),
      historicals: c.historicals.map((h) => ({
        id: h.id,
        start: h.range.start,
        end: h.range.end,
        amount: amountDraft(h.amount),
        audited: h.audited,
        comparative: h.comparative,
      })),
    })),
  };
}

/** A board approval is kept when either of its fields is filled (validation names a missing one). */
function boardOf(d: { boardDate: string; boardSource: string }): { boardApproval?: BoardApproval } {
  return d.boardDate || d.boardSource.trim()
    ? { boardApproval: { date: d.boardDate, source: d.boardSource.trim() } }
    : {};
}

/**
 * The document a draft describes, plus the issues of amounts that could not
 * be read (the document then carries the raw text, which validation also
 * rejects). New items get ids here: from the name, or from the period.
 */
export function draftToAgreement(
  d: AgreementDraft,
  takenAgreementIds: ReadonlySet<string>,
): { agreement: RegisterAgreement; amountIssues: RegisterIssue[] } {
  const amountIssues: RegisterIssue[] = [];
  const amount = (a: AmountDraft, path: string): string => {
    const r = parseAmountEntry(a.text, a.unit);
    if (r.ok) return r.amount;
    amountIssues.push({ path, code: r.code, params: { max: String(r.max), value: a.text } });
    return a.text.trim() || '';
  };
  const name = { en: d.nameEn.trim(), zh: d.nameZh.trim() };
  const id = d.id ?? newAgreementId(name, takenAgreementIds);
  const taken = new Set<string>([id]);
  for (const c of d.categories) {
    for (const x of [
      c.id,
      ...c.lines.flatMap((l) => [l.id, ...l.versions.map((v) => v.id)]),
      ...c.historicals.map((h) => h.id),
    ]) {
      if (x) taken.add(x);
    }
  }
  const claim = (existing: string | null, parent: string, label: string): string => {
    if (existing) return existing;
    const next = newChildId(parent, label, taken);
    taken.add(next);
    return next;
  };
  const agreement: RegisterAgreement = {
    id,
    name,
    issuer: { en: d.issuerEn.trim(), zh: d.issuerZh.trim() },
    counterparty: { en: d.counterpartyEn.trim(), zh: d.counterpartyZh.trim() },
    currency: d.currency,
    signedOn: d.signedOn,
    term: { start: d.start, end: d.end },
    source: d.source.trim(),
    ...boardOf(d),
    categories: d.categories.map((c, ci) => {
      const catId = claim(c.id, id, slugify(c.nameEn) || `category-${ci + 1}`);
      return {
        id: catId,
        name: { en: c.nameEn.trim(), zh: c.nameZh.trim() },
        direction: c.direction,
        term: { start: c.start, end: c.end },
        statedBand: c.statedBand || null,
        capLines: c.lines.map((l, li) => {
          const first = l.versions[0];
          const lineId = claim(
            l.id,
            catId,
            first?.start && first.end ? `${first.start}-${first.end}` : `line-${li + 1}`,
          );
          return {
            id: lineId,
            versions: l.versions.map((v, vi): RegisterCapVersion => ({
              id: claim(v.id, catId, `${lineId.slice(catId.length + 2)}-${vi === 0 ? 'cap' : `rev${vi}`}`),
              period: { start: v.start, end: v.end },
              amount: amount(v.amount, `categories[${ci}].capLines[${li}].versions[${vi}].amount`),
              announcedOn: v.announcedOn,
              approval: v.approval,
              ...(v.approval === 'independent-shareholders' && v.meetingDate ? { meetingDate: v.meetingDate } : {}),
              source: v.source.trim(),
              ...boardOf(v),
            })),
          };
        }),
        historicals: c.historicals.map((h, hi) => ({
          id: claim(h.id, catId, h.start && h.end ? `amount-${h.start}-${h.end}` : `amount-${hi + 1}`),
          range: { start: h.start, end: h.end },
          amount: amount(h.amount, `categories[${ci}].historicals[${hi}].amount`),
          audited: h.audited,
          comparative: h.comparative,
        })),
      };
    }),
  };
  return { agreement, amountIssues };
}
