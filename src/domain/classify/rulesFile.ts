/**
 * The connected-persons file: the entity list, the ordered classification
 * rules, the cap basis per agreement and the dismissed possible matches, as
 * one versioned JSON document (format "headroom-connected-persons",
 * version 1; README "Connected persons and rules file"). Exported and
 * imported on /parties, included in backups, read by
 * `status --ledger FILE --rules FILE`.
 */
import * as v from 'valibot';
import { isIsoDate } from '../dates';
import type { AgreementId, CategoryId } from '../model';
import { validateEntities, type ConnectedEntity, type EntityIssue } from '../parties/entities';
import { issuePath, schemaIssue, type SchemaIssue } from '../schemaIssue';
import type { CapBasis, TransactionSide } from '../import/rawLedger';
import { CONDITION_OPS, validateRules, type ClassificationRule, type RuleIssue } from './rules';

export const RULES_FORMAT = 'headroom-connected-persons';
export const RULES_VERSION = 1;

/** Everything the raw-ledger import needs besides the file: stored, backed up, exported as one document. */
export interface ConnectedPersonsConfig {
  readonly entities: readonly ConnectedEntity[];
  readonly rules: readonly ClassificationRule[];
  /** Cap basis per agreement id (absent: tax-inclusive, functional currency). */
  readonly capBasis: Readonly<Record<AgreementId, CapBasis>>;
  /** Looser name matches the user dismissed, never offered again. */
  readonly dismissed: readonly { readonly name: string; readonly entityId: string }[];
  /** Transaction side remembered per header layout of a ledger (see headerLayoutKey). */
  readonly sides: Readonly<Record<string, TransactionSide>>;
}

export const EMPTY_CONFIG: ConnectedPersonsConfig = { entities: [], rules: [], capBasis: {}, dismissed: [], sides: {} };

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const date = v.pipe(
  v.string(),
  v.check((s) => isIsoDate(s), 'must be a date YYYY-MM-DD'),
);

const EntitySchema = v.strictObject({
  id: v.pipe(text(100), v.minLength(1, 'must not be empty')),
  groupId: v.pipe(text(100), v.minLength(1, 'must not be empty')),
  nameZh: text(300),
  nameEn: text(300),
  aliases: v.optional(v.array(text(300)), []),
  codes: v.optional(v.array(text(100)), []),
  connectedFrom: v.optional(date),
  connectedTo: v.optional(date),
});

const ConditionSchema = v.strictObject({
  column: v.pipe(text(200), v.minLength(1, 'must name a column')),
  op: v.picklist(CONDITION_OPS),
  value: text(500),
});

const RuleSchema = v.strictObject({
  id: v.pipe(text(100), v.minLength(1, 'must not be empty')),
  name: text(200),
  categoryId: v.pipe(text(100), v.minLength(1, 'must not be empty')),
  conditions: v.array(ConditionSchema),
});

const BasisSchema = v.strictObject({
  tax: v.picklist(['inclusive', 'exclusive']),
  currency: v.picklist(['functional', 'original']),
});

export const RulesFileSchema = v.strictObject({
  format: v.literal(RULES_FORMAT),
  version: v.literal(RULES_VERSION),
  entities: v.array(EntitySchema),
  rules: v.array(RuleSchema),
  capBasis: v.optional(v.record(v.string(), BasisSchema), {}),
  dismissed: v.optional(v.array(v.strictObject({ name: text(300), entityId: text(100) })), []),
  sides: v.optional(v.record(v.string(), v.picklist(['debit', 'credit', 'all'])), {}),
});

/** One problem of a rules file, naming the file and the place in it (worded by src/ui/messages/connectedIssues.ts). */
export type RulesFileProblem =
  | { readonly kind: 'not-object'; readonly fileName: string }
  | { readonly kind: 'bad-format'; readonly fileName: string; readonly format: string; readonly expected: string }
  | { readonly kind: 'bad-version'; readonly fileName: string; readonly version: string; readonly expected: number }
  | { readonly kind: 'bad-json'; readonly fileName: string; readonly reason: string }
  | { readonly kind: 'schema'; readonly fileName: string; readonly path: string; readonly issue: SchemaIssue }
  | { readonly kind: 'entity'; readonly fileName: string; readonly issue: EntityIssue }
  | { readonly kind: 'rule'; readonly fileName: string; readonly issue: RuleIssue }
  | { readonly kind: 'dismissed'; readonly fileName: string; readonly index: number; readonly entityId: string };

/**
 * A rules file that cannot be used; `problems` name the file and where in
 * it, and a catalogue words them (rulesFileErrorText). Nothing is changed.
 * The message (for the stack) is only the kinds of problem found.
 */
export class RulesFileError extends Error {
  override readonly name = 'RulesFileError';
  constructor(
    /** Every problem found (a wording shows the first few). */
    readonly problems: readonly RulesFileProblem[],
  ) {
    super(
      `rules file ${problems[0]?.fileName ?? ''}: ${problems
        .map((p) => (p.kind === 'entity' || p.kind === 'rule' ? `${p.kind}:${p.issue.code}` : p.kind))
        .join(', ')}`,
    );
  }
}

/** The document written for a configuration (keys in a fixed order, so exports diff cleanly). */
export function rulesFileDocument(config: ConnectedPersonsConfig): Record<string, unknown> {
  return {
    format: RULES_FORMAT,
    version: RULES_VERSION,
    entities: config.entities.map((e) => ({
      id: e.id,
      groupId: e.groupId,
      nameZh: e.nameZh,
      nameEn: e.nameEn,
      aliases: [...e.aliases],
      codes: [...e.codes],
      ...(e.connectedFrom ? { connectedFrom: e.connectedFrom } : {}),
      ...(e.connectedTo ? { connectedTo: e.connectedTo } : {}),
    })),
    rules: config.rules.map((r) => ({
      id: r.id,
      name: r.name,
      categoryId: r.categoryId,
      conditions: r.conditions.map((c) => ({ column: c.column, op: c.op, value: c.value })),
    })),
    capBasis: config.capBasis,
    dismissed: config.dismissed,
    sides: config.sides,
  };
}

/** JSON text of the file (two-space indented, trailing newline). */
export function serialiseRulesFile(config: ConnectedPersonsConfig): string {
  return `${JSON.stringify(rulesFileDocument(config), null, 2)}\n`;
}

/**
 * Checks a parsed document as a whole: its format and version, its shape
 * (valibot), the entity list (ids, names, dates, no code used twice) and
 * the rules (known categories, valid regular expressions). Throws
 * RulesFileError naming the file and the place of each problem.
 */
export function validateRulesDocument(
  doc: unknown,
  fileName: string,
  categoryIds: readonly CategoryId[],
): ConnectedPersonsConfig {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new RulesFileError([{ kind: 'not-object', fileName }]);
  const d = doc as Record<string, unknown>;
  if (d.format !== RULES_FORMAT)
    throw new RulesFileError([{ kind: 'bad-format', fileName, format: String(d.format), expected: RULES_FORMAT }]);
  if (d.version !== RULES_VERSION)
    throw new RulesFileError([{ kind: 'bad-version', fileName, version: String(d.version), expected: RULES_VERSION }]);
  const parsed = v.safeParse(RulesFileSchema, doc);
  if (!parsed.success) {
    throw new RulesFileError(
      parsed.issues.map((i) => ({ kind: 'schema', fileName, path: issuePath(i), issue: schemaIssue(i) })),
    );
  }
  const out = parsed.output;
  const problems: RulesFileProblem[] = [
    ...validateEntities(out.entities).map((issue) => ({ kind: 'entity' as const, fileName, issue })),
    ...validateRules(out.rules, categoryIds).map((issue) => ({ kind: 'rule' as const, fileName, issue })),
  ];
  const ids = new Set(out.entities.map((e) => e.id));
  out.dismissed.forEach((x, i) => {
    if (!ids.has(x.entityId)) problems.push({ kind: 'dismissed', fileName, index: i, entityId: x.entityId });
  });
  if (problems.length) throw new RulesFileError(problems);
  return out as ConnectedPersonsConfig;
}

/** Parses and validates the file's text; see validateRulesDocument. */
export function parseRulesFile(
  textContent: string,
  fileName: string,
  categoryIds: readonly CategoryId[],
): ConnectedPersonsConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(textContent.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new RulesFileError([{ kind: 'bad-json', fileName, reason: e instanceof Error ? e.message : String(e) }]);
  }
  return validateRulesDocument(doc, fileName, categoryIds);
}
