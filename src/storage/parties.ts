/**
 * Repository of connected persons, rules and open items. The configuration
 * is one validated document (domain/classify/rulesFile.ts); open items are
 * stored one per row; every classification action is recorded in
 * classificationLog. Assigning an open item writes its manual ledger entry
 * and marks it assigned in ONE transaction.
 */
import { CompiledRules } from '../domain/classify/rules';
import {
  EMPTY_CONFIG,
  parseRulesFile,
  serialiseRulesFile,
  type ConnectedPersonsConfig,
} from '../domain/classify/rulesFile';
import type { Dataset } from '../domain/model';
import { BUILT_IN_ENTITIES } from '../domain/parties/entities';
import { db } from './db';
import { notifyLedgerChanged } from './ledgerEvents';
import { saveManualEntry } from './ledgerManual';
import type { ClassificationLogRecord, OpenItemRecord } from './partiesTypes';

const KEY = 'current';

/** The configuration in use; before any is saved, the built-in parent entity and no rules. */
export async function loadConnectedConfig(): Promise<ConnectedPersonsConfig> {
  const row = await db().connectedConfig.get(KEY);
  return row?.config ?? { ...EMPTY_CONFIG, entities: BUILT_IN_ENTITIES };
}

/**
 * Saves a configuration after validating it as a whole (the same checks as
 * an imported file); throws RulesFileError and stores nothing when invalid.
 */
export async function saveConnectedConfig(config: ConnectedPersonsConfig, dataset: Dataset): Promise<void> {
  const checked = parseRulesFile(
    serialiseRulesFile(config),
    'connected persons',
    dataset.categories.map((c) => c.id),
  );
  await db().connectedConfig.put({ key: KEY, config: checked, updatedAt: new Date().toISOString() });
}

/** Replaces the configuration with an imported file's (validated first; nothing changes on error). */
export async function importConnectedConfig(
  text: string,
  fileName: string,
  dataset: Dataset,
): Promise<ConnectedPersonsConfig> {
  const config = parseRulesFile(
    text,
    fileName,
    dataset.categories.map((c) => c.id),
  );
  await db().connectedConfig.put({ key: KEY, config, updatedAt: new Date().toISOString() });
  return config;
}

export async function listOpenItems(): Promise<OpenItemRecord[]> {
  const all = await db().openItems.toArray();
  return all.sort((a, b) => a.day - b.day || a.row - b.row);
}

/** Stores the open items of one raw import (and records it). */
export async function addOpenItems(items: readonly OpenItemRecord[], fileName: string): Promise<void> {
  if (items.length === 0) return;
  const d = db();
  await d.transaction('rw', [d.openItems, d.classificationLog], async () => {
    await d.openItems.bulkPut([...items]);
    await d.classificationLog.add({
      at: new Date().toISOString(),
      action: 'import',
      items: items.map((i) => i.id),
      detail: `${items.length} connected row(s) of ${fileName} not classified by any rule, kept as open items`,
    });
  });
  notifyLedgerChanged('all');
}

async function assignInTransaction(
  item: OpenItemRecord,
  categoryId: string,
  assignedBy: string,
  at: string,
): Promise<void> {
  const saved = await saveManualEntry({
    day: item.day,
    categoryId,
    amountMinor: item.amountMinor,
    reference: item.reference,
    description: `${item.counterparty || item.code}: ${item.description}`.slice(0, 500),
  });
  await db().openItems.put({
    ...item,
    status: 'assigned',
    categoryId,
    assignedBy,
    assignedAt: at,
    manualEntryId: saved.id,
  });
}

/** Assigns open items to a category by hand: each becomes a ledger entry; one recorded action. */
export async function assignOpenItems(ids: readonly string[], categoryId: string): Promise<number> {
  const d = db();
  const at = new Date().toISOString();
  let n = 0;
  await d.transaction('rw', [d.openItems, d.classificationLog, d.ledgerManual, d.ledgerAggregates], async () => {
    for (const id of ids) {
      const item = await d.openItems.get(id);
      if (!item || item.status !== 'open') continue;
      await assignInTransaction(item, categoryId, 'user', at);
      n++;
    }
    if (n)
      await d.classificationLog.add({
        at,
        action: 'assign',
        items: [...ids],
        detail: `${n} open item(s) assigned to ${categoryId} by the user`,
      });
  });
  notifyLedgerChanged('all');
  return n;
}

/**
 * The explicit, recorded re-classification: applies the current rules to
 * the open items; those a rule now matches become ledger entries under its
 * category. Returns how many were classified.
 */
export async function reapplyRules(dataset: Dataset): Promise<number> {
  const d = db();
  const config = await loadConnectedConfig();
  const groupOf = new Map(
    dataset.categories.map((c) => [c.id, dataset.agreements.find((a) => a.id === c.agreementId)?.counterpartyId]),
  );
  const entityGroup = new Map(config.entities.map((e) => [e.id, e.groupId]));
  const at = new Date().toISOString();
  let n = 0;
  const settled: string[] = [];
  await d.transaction('rw', [d.openItems, d.classificationLog, d.ledgerManual, d.ledgerAggregates], async () => {
    const open = await d.openItems.where('status').equals('open').toArray();
    const compiled = new Map<string, CompiledRules>();
    for (const item of open) {
      const key = item.headers.join('\u0000');
      let rules = compiled.get(key);
      if (!rules) compiled.set(key, (rules = new CompiledRules(config.rules, item.headers, (id) => groupOf.get(id))));
      const group = entityGroup.get(item.entityId);
      if (!group) continue;
      const r = rules.evaluate(group, (col) => item.cells[col] ?? '');
      if (r < 0) continue;
      const rule = config.rules[r]!;
      await assignInTransaction(item, rule.categoryId, rule.id, at);
      settled.push(item.id);
      n++;
    }
    await d.classificationLog.add({
      at,
      action: 'reapply-rules',
      items: settled,
      detail: `rules re-applied to ${open.length} open item(s): ${n} classified`,
    });
  });
  notifyLedgerChanged('all');
  return n;
}

export async function listClassificationLog(): Promise<ClassificationLogRecord[]> {
  return (await db().classificationLog.orderBy('at').reverse().toArray()).slice(0, 200);
}
