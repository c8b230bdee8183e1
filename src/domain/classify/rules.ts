/**
 * Classification rules: an ordered list mapping a connected person's ledger
 * row to a category. A rule matches when the row's counterparty belongs to
 * the group of the category's agreement and every condition holds; the first
 * matching rule wins. Conditions name a column by its header, so one rule
 * set serves every export with the same layout.
 */
import type { CategoryId } from '../model';

export type ConditionOp = 'equals' | 'contains' | 'startsWith' | 'regex';

export const CONDITION_OPS: readonly ConditionOp[] = ['equals', 'contains', 'startsWith', 'regex'];

export interface RuleCondition {
  /** Header of the column as the export writes it (matched after normalisation, e.g. "科目编码"). */
  readonly column: string;
  readonly op: ConditionOp;
  /**
   * Text compared with the cell: equals / contains / startsWith ignore case,
   * full-/half-width and surrounding spaces; regex is a JavaScript regular
   * expression (Unicode mode) tested against the trimmed cell.
   */
  readonly value: string;
}

export interface ClassificationRule {
  readonly id: string;
  /** Short label shown in the preview (e.g. "Cloud revenue 6001.01"). */
  readonly name: string;
  readonly categoryId: CategoryId;
  /** All must hold; an empty list matches every connected row of the group. */
  readonly conditions: readonly RuleCondition[];
}

/** A problem with a rule, naming its 1-based position and condition. */
export interface RuleIssue {
  readonly rule: number;
  readonly condition?: number;
  readonly code: 'invalid-regex' | 'unknown-category' | 'empty-column' | 'missing-column' | 'duplicate-id';
  /** Only `missing-column` is a warning: that rule cannot match this file. */
  readonly severity: 'error' | 'warning';
  /** The values its wording names (src/ui/messages/connectedIssues.ts): name, id, category, column, value, reason. */
  readonly params: Readonly<Record<string, string | number>>;
}

/** Normal form of text compared by equals / contains / startsWith. */
export function normaliseCell(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

/** Normal form of a column header (same as the import's: NFKC, lower case, no spaces or punctuation). */
export function normaliseColumn(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.,;:'"()[\]{}（）【】、，。·/\\]+/g, '');
}

function regexError(source: string): string | null {
  try {
    new RegExp(source, 'u');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Checks rules on their own (no file): ids unique, a known category, a
 * column for every condition, every regular expression valid.
 */
export function validateRules(rules: readonly ClassificationRule[], categoryIds: readonly CategoryId[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const ids = new Set<string>();
  rules.forEach((r, i) => {
    const n = i + 1;
    if (ids.has(r.id))
      issues.push({
        rule: n,
        code: 'duplicate-id',
        severity: 'error',
        params: { id: r.id },
      });
    ids.add(r.id);
    if (!categoryIds.includes(r.categoryId))
      issues.push({
        rule: n,
        code: 'unknown-category',
        severity: 'error',
        params: { name: r.name, category: r.categoryId, categories: categoryIds.join(', ') },
      });
    r.conditions.forEach((c, j) => {
      if (!normaliseColumn(c.column))
        issues.push({
          rule: n,
          condition: j + 1,
          code: 'empty-column',
          severity: 'error',
          params: { name: r.name },
        });
      if (c.op === 'regex') {
        const err = regexError(c.value);
        if (err)
          issues.push({
            rule: n,
            condition: j + 1,
            code: 'invalid-regex',
            severity: 'error',
            params: { name: r.name, column: c.column, value: c.value, reason: err },
          });
      }
    });
  });
  return issues;
}

type Test = (normalised: string, raw: string) => boolean;

interface CompiledCondition {
  readonly col: number;
  readonly test: Test;
}

interface CompiledRule {
  readonly groupId: string | undefined;
  readonly conditions: readonly CompiledCondition[];
  /** False when a condition names a column the file does not have. */
  readonly usable: boolean;
}

/**
 * Rules compiled against a file's headers. `evaluate` is called once per
 * connected row with a cell reader; normalised cell text is cached per
 * column (ledgers repeat a few hundred account codes and product names).
 */
export class CompiledRules {
  private readonly compiled: CompiledRule[];
  private readonly caches: Map<number, Map<string, string>> = new Map();
  /** Warnings for this file (a rule naming a column it does not have). */
  readonly warnings: RuleIssue[] = [];
  /** Column indexes any rule reads (the import keeps their text for unclassified rows). */
  readonly columns: readonly number[];
  /** Indexes of the rules that can match this file (every column they name is in it). */
  readonly usable: readonly number[];

  constructor(
    readonly rules: readonly ClassificationRule[],
    headers: readonly string[],
    /** Counterparty group (party id) of a category's agreement. */
    groupOf: (categoryId: CategoryId) => string | undefined,
  ) {
    const norms = headers.map(normaliseColumn);
    const used = new Set<number>();
    this.compiled = rules.map((r, i) => {
      let usable = true;
      const conditions = r.conditions.map((c, j): CompiledCondition => {
        const col = norms.indexOf(normaliseColumn(c.column));
        if (col < 0) {
          usable = false;
          this.warnings.push({
            rule: i + 1,
            condition: j + 1,
            code: 'missing-column',
            severity: 'warning',
            params: { name: r.name, column: c.column },
          });
        } else used.add(col);
        return { col, test: makeTest(c) };
      });
      return { groupId: groupOf(r.categoryId), conditions, usable };
    });
    this.columns = [...used].sort((a, b) => a - b);
    this.usable = this.compiled.flatMap((r, i) => (r.usable ? [i] : []));
  }

  private normalised(col: number, raw: string): string {
    let cache = this.caches.get(col);
    if (!cache) this.caches.set(col, (cache = new Map()));
    let v = cache.get(raw);
    if (v === undefined) {
      v = normaliseCell(raw);
      if (cache.size < 50_000) cache.set(raw, v);
    }
    return v;
  }

  /**
   * Index of the first rule matching a row of an entity of group `groupId`,
   * or -1. `cell(col)` gives the raw text of a column of the row.
   */
  evaluate(groupId: string, cell: (col: number) => string): number {
    const rules = this.compiled;
    outer: for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      if (!r.usable || r.groupId !== groupId) continue;
      for (const c of r.conditions) {
        const raw = cell(c.col);
        if (!c.test(this.normalised(c.col, raw), raw)) continue outer;
      }
      return i;
    }
    return -1;
  }
}

function makeTest(c: RuleCondition): Test {
  const want = normaliseCell(c.value);
  switch (c.op) {
    case 'equals':
      return (n) => n === want;
    case 'contains':
      return (n) => n.includes(want);
    case 'startsWith':
      return (n) => n.startsWith(want);
    case 'regex': {
      let re: RegExp;
      try {
        re = new RegExp(c.value, 'u');
      } catch {
        // validateRules reports it; an invalid pattern matches nothing.
        return () => false;
      }
      return (_n, raw) => re.test(raw.trim());
    }
  }
}
