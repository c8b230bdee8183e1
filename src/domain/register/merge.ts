/** Register agreements converted into the disclosure's Dataset shape and merged with it. */
import type { IsoDate } from '../dates';
import { disclosedDecimals } from '../currency';
import { formatDate, formatRange } from '../format';
import type {
  Agreement,
  Bilingual,
  CapVersion,
  Category,
  Dataset,
  HistoricalAmount,
  Party,
  Resolution,
  SourceRef,
  StatedBand,
} from '../model';
import { amountOf } from './amounts';
import type { RegisterAgreement } from './types';

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
    boardApproval: a.boardApproval ?? null,
    // Shown with the precision it was disclosed with: a cap of 26.47 stays 26.47.
    amountDecimals: disclosedDecimals(
      a.categories.flatMap((c) => [
        ...c.capLines.flatMap((l) => l.versions.map((v) => v.amount)),
        ...c.historicals.map((h) => h.amount),
      ]),
    ),
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
          boardApproval: v.boardApproval ?? null,
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
