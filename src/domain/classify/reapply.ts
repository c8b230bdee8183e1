/**
 * Re-applying the classification rules to the open items, and what that
 * action records: the items a rule now matches (the first rule that matches,
 * rules compiled once per header layout), the history detail and the
 * classification log text. Pure: the local store (src/storage/parties.ts) and
 * the team server (server/http/controls.ts) both record the action with it,
 * so the two histories read the same.
 */
import type { CategoryId, Dataset } from '../model';
import { type ClassificationRule, CompiledRules } from './rules';
import type { ConnectedPersonsConfig } from './rulesFile';

/** What matching and recording need of an open item (the stored record has more). */
export interface ClassifiableItem {
  readonly id: string;
  readonly entityId: string;
  readonly headers: readonly string[];
  readonly cells: readonly string[];
  readonly amountMinor: number;
  readonly counterparty: string;
  readonly code: string;
}

/** Each category's counterparty group (the group of its agreement's counterparty). */
export function categoryGroups(ds: Dataset): Map<CategoryId, string | undefined> {
  return new Map(ds.categories.map((c) => [c.id, ds.agreements.find((a) => a.id === c.agreementId)?.counterpartyId]));
}

/** The open items a rule of `config` matches, each with the first rule that does (items of unknown entities never). */
export function matchOpenItems<T extends ClassifiableItem>(
  open: readonly T[],
  config: Pick<ConnectedPersonsConfig, 'entities' | 'rules'>,
  groupOf: ReadonlyMap<CategoryId, string | undefined>,
): { readonly item: T; readonly rule: ClassificationRule }[] {
  const entityGroup = new Map(config.entities.map((e) => [e.id, e.groupId]));
  const compiled = new Map<string, CompiledRules>();
  const matched: { item: T; rule: ClassificationRule }[] = [];
  for (const item of open) {
    const key = item.headers.join('\u0000');
    let rules = compiled.get(key);
    if (!rules) compiled.set(key, (rules = new CompiledRules(config.rules, item.headers, (id) => groupOf.get(id))));
    const group = entityGroup.get(item.entityId);
    if (!group) continue;
    const r = rules.evaluate(group, (col) => item.cells[col] ?? '');
    if (r >= 0) matched.push({ item, rule: config.rules[r]! });
  }
  return matched;
}

/** What an action did to open items, for its history record: id, category, amount in fen (text), counterparty. */
export function settledItems(items: readonly ClassifiableItem[], categoryOf: (i: ClassifiableItem) => string) {
  return items.map((i) => ({
    id: i.id,
    categoryId: categoryOf(i),
    amountMinor: String(i.amountMinor),
    counterparty: i.counterparty || i.code,
  }));
}

/** The history detail of re-applying the rules to `openCount` open items. */
export function reapplyDetail(
  openCount: number,
  matched: readonly { readonly item: ClassifiableItem; readonly rule: ClassificationRule }[],
) {
  const ruleOf = new Map(matched.map((m) => [m.item.id, m.rule]));
  return {
    before: { open: openCount },
    after: {
      action: 'reapply-rules' as const,
      classified: matched.length,
      items: settledItems(
        matched.map((m) => m.item),
        (i) => ruleOf.get(i.id)!.categoryId,
      ),
    },
  };
}

/** The classification log's text of the action (stored as written, in English, like every log detail). */
export function reapplyLogText(openCount: number, classified: number): string {
  return `rules re-applied to ${openCount} open item(s): ${classified} classified`;
}
