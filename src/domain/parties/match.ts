/**
 * Matching a ledger row's counterparty to a connected entity. Codes first,
 * then names exactly after normalisation; anything looser (a dropped
 * "有限公司" / "Co., Ltd." suffix, a near spelling) is never applied, only
 * offered as a possible connected person for the user to confirm or dismiss.
 */
import { toDayNumber } from '../dates';
import { normaliseCode, type ConnectedEntity } from './entities';

/**
 * Exact-name normal form: NFKC (full-width letters, digits and brackets
 * （） become half-width), lower case, all white space removed. Nothing
 * else is dropped: "小米通讯技术有限公司" and "小米通讯技术" stay different.
 */
export function normaliseEntityName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000]+/g, '');
}

/** Legal-form suffixes dropped by the loose form (longest first), already in exact normal form. */
const SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '分公司',
  '公司',
  'co.,ltd.',
  'co.,ltd',
  'co.ltd.',
  'co.ltd',
  'company,limited',
  'companylimited',
  'limited',
  'ltd.',
  'ltd',
  'corporation',
  'corp.',
  'corp',
  'inc.',
  'inc',
  'llc',
  'co.',
  'co',
].map(normaliseEntityName);

/** Loose form: exact form without legal-form suffixes and punctuation. */
export function looseEntityName(name: string): string {
  let s = normaliseEntityName(name);
  for (let changed = true; changed;) {
    changed = false;
    s = s.replace(/[.,;:'"()[\]{}<>、，。·\-_/\\&]+$/u, '');
    for (const suf of SUFFIXES) {
      if (s.length > suf.length && s.endsWith(suf)) {
        s = s.slice(0, -suf.length);
        changed = true;
        break;
      }
    }
  }
  return s.replace(/[.,;:'"()[\]{}<>、，。·\-_/\\&]+/gu, '');
}

/** Edit distance of a and b when it is at most `max`, else max + 1 (banded, early exit). */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Why a counterparty name might be a connected entity although it matched none exactly. */
export type PossibleReason = 'suffix' | 'spelling';

export interface PossibleMatch {
  readonly entityIndex: number;
  readonly reason: PossibleReason;
}

/** Matched by code, by exact normalised name, or not at all (-1). */
export const NO_ENTITY = -1;

/** Largest number of distinct counterparty texts remembered (a ledger has a few thousand). */
const CACHE_LIMIT = 200_000;

/**
 * Matcher over an entity list. `match` is called once per row, so it caches
 * per distinct raw text; the loose `possible` is called once per distinct
 * unmatched name.
 */
export class PartyMatcher {
  private readonly byCode = new Map<string, number>();
  private readonly byName = new Map<string, number>();
  private readonly loose: { key: string; index: number }[] = [];
  private readonly codeCache = new Map<string, number>();
  private readonly nameCache = new Map<string, number>();
  /** Inclusive day-number bounds of each entity's connection. */
  private readonly fromDay: Int32Array;
  private readonly toDay: Int32Array;

  constructor(readonly entities: readonly ConnectedEntity[]) {
    this.fromDay = new Int32Array(entities.length);
    this.toDay = new Int32Array(entities.length);
    entities.forEach((e, i) => {
      this.fromDay[i] = e.connectedFrom ? toDayNumber(e.connectedFrom) : -(2 ** 31);
      this.toDay[i] = e.connectedTo ? toDayNumber(e.connectedTo) : 2 ** 31 - 1;
      for (const c of e.codes) {
        const k = normaliseCode(c);
        if (k && !this.byCode.has(k)) this.byCode.set(k, i);
      }
      for (const n of [e.nameZh, e.nameEn, ...e.aliases]) {
        const k = normaliseEntityName(n);
        if (k && !this.byName.has(k)) this.byName.set(k, i);
        const l = looseEntityName(n);
        if (l.length >= 2) this.loose.push({ key: l, index: i });
      }
    });
  }

  /** Entity whose ERP code is `code` (normalised), or NO_ENTITY. */
  matchCode(code: string): number {
    if (!code) return NO_ENTITY;
    let hit = this.codeCache.get(code);
    if (hit === undefined) {
      hit = this.byCode.get(normaliseCode(code)) ?? NO_ENTITY;
      if (this.codeCache.size < CACHE_LIMIT) this.codeCache.set(code, hit);
    }
    return hit;
  }

  /** Entity one of whose names equals `name` after normalisation, or NO_ENTITY. */
  matchName(name: string): number {
    if (!name) return NO_ENTITY;
    let hit = this.nameCache.get(name);
    if (hit === undefined) {
      hit = this.byName.get(normaliseEntityName(name)) ?? NO_ENTITY;
      if (this.nameCache.size < CACHE_LIMIT) this.nameCache.set(name, hit);
    }
    return hit;
  }

  /** Code first, then the exact name. */
  match(code: string, name: string): number {
    const c = this.matchCode(code);
    return c !== NO_ENTITY ? c : this.matchName(name);
  }

  /** True when entity `index` is connected on day number `day` (both ends inclusive). */
  connectedOn(index: number, day: number): boolean {
    return day >= this.fromDay[index]! && day <= this.toDay[index]!;
  }

  /** True when the entity's connection depends on the date (a from or to date is set). */
  hasWindow(index: number): boolean {
    const e = this.entities[index]!;
    return e.connectedFrom !== undefined || e.connectedTo !== undefined;
  }

  /**
   * A looser match for a name that matched nothing exactly: the same name
   * without legal-form suffix or punctuation, else a near spelling (edit
   * distance 1, or 2 for loose names of 10+ characters). Null when none.
   */
  possible(name: string): PossibleMatch | null {
    const l = looseEntityName(name);
    if (l.length < 2) return null;
    for (const e of this.loose) if (e.key === l) return { entityIndex: e.index, reason: 'suffix' };
    if (l.length < 4) return null;
    const max = l.length >= 10 ? 2 : 1;
    for (const e of this.loose) {
      if (e.key.length < 4) continue;
      if (boundedDistance(l, e.key, max) <= max) return { entityIndex: e.index, reason: 'spelling' };
    }
    return null;
  }
}
