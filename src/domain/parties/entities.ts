/**
 * Connected persons: the entities of an agreement's counterparty group (for
 * the built-in data, "Xiaomi Corporation" as the announcement defines it —
 * the parent, its subsidiaries and consolidated affiliated entities) as the
 * ERP names and numbers them. Pure data and validation; matching is in
 * match.ts.
 */
import { isIsoDate, type IsoDate } from '../dates';

/** One legal entity of a counterparty group, as the company's ERP knows it. */
export interface ConnectedEntity {
  /** Stable id within the list (e.g. "xiaomi-comm"). */
  readonly id: string;
  /** Party id of the counterparty group (an agreement's `counterpartyId`, e.g. "xiaomi"). */
  readonly groupId: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Other names the ERP writes (short names, former names). */
  readonly aliases: readonly string[];
  /** ERP customer / supplier numbers and unified social credit codes. */
  readonly codes: readonly string[];
  /** First day the entity is connected (inclusive); absent = always before. */
  readonly connectedFrom?: IsoDate;
  /** Last day the entity is connected (inclusive); absent = still connected. */
  readonly connectedTo?: IsoDate;
}

/**
 * The parent shipped with the app for the built-in agreements' counterparty;
 * users add the subsidiaries their ERP uses.
 */
export const BUILT_IN_ENTITIES: readonly ConnectedEntity[] = [
  {
    id: 'xiaomi-corporation',
    groupId: 'xiaomi',
    nameZh: '小米集团',
    nameEn: 'Xiaomi Corporation',
    aliases: ['小米集团-W', 'HKEX 1810'],
    codes: [],
  },
];

/** What is wrong with an entity (worded by src/ui/messages/connectedIssues.ts). */
export type EntityIssueCode =
  'empty-id' | 'duplicate-id' | 'no-group' | 'no-name' | 'duplicate-code' | 'bad-date' | 'to-before-from';

/** A problem in an entity list, naming the entity (1-based position) and the field, with the values it names. */
export interface EntityIssue {
  readonly index: number;
  readonly field: 'id' | 'groupId' | 'name' | 'codes' | 'connectedFrom' | 'connectedTo';
  readonly code: EntityIssueCode;
  /** id / other (the entity it clashes with), name and code, value (a bad date), from and to. */
  readonly params: Readonly<Record<string, string | number>>;
}

/** Code normal form: NFKC (full-width → ASCII), upper case, no spaces or hyphens. */
export function normaliseCode(code: string): string {
  return code
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_]+/g, '');
}

/**
 * Checks an entity list: ids unique and non-empty, a name in at least one
 * language, valid dates with from ≤ to, and no ERP code used by two
 * entities (a code must name exactly one entity, or matching is ambiguous).
 */
export function validateEntities(entities: readonly ConnectedEntity[]): EntityIssue[] {
  const issues: EntityIssue[] = [];
  const ids = new Map<string, number>();
  const codes = new Map<string, number>();
  entities.forEach((e, i) => {
    const n = i + 1;
    if (!e.id.trim()) issues.push({ index: n, field: 'id', code: 'empty-id', params: {} });
    else if (ids.has(e.id))
      issues.push({ index: n, field: 'id', code: 'duplicate-id', params: { id: e.id, other: ids.get(e.id)! } });
    else ids.set(e.id, n);
    if (!e.groupId.trim()) issues.push({ index: n, field: 'groupId', code: 'no-group', params: {} });
    if (!e.nameZh.trim() && !e.nameEn.trim()) issues.push({ index: n, field: 'name', code: 'no-name', params: {} });
    for (const c of e.codes) {
      const k = normaliseCode(c);
      if (!k) continue;
      const prev = codes.get(k);
      if (prev !== undefined && prev !== n)
        issues.push({
          index: n,
          field: 'codes',
          code: 'duplicate-code',
          params: { name: e.nameZh || e.nameEn, code: c, other: prev },
        });
      else codes.set(k, n);
    }
    if (e.connectedFrom !== undefined && !isIsoDate(e.connectedFrom))
      issues.push({
        index: n,
        field: 'connectedFrom',
        code: 'bad-date',
        params: { value: e.connectedFrom },
      });
    if (e.connectedTo !== undefined && !isIsoDate(e.connectedTo))
      issues.push({
        index: n,
        field: 'connectedTo',
        code: 'bad-date',
        params: { value: e.connectedTo },
      });
    if (
      e.connectedFrom !== undefined &&
      e.connectedTo !== undefined &&
      isIsoDate(e.connectedFrom) &&
      isIsoDate(e.connectedTo) &&
      e.connectedFrom > e.connectedTo
    )
      issues.push({
        index: n,
        field: 'connectedTo',
        code: 'to-before-from',
        params: { to: e.connectedTo, from: e.connectedFrom },
      });
  });
  return issues;
}
