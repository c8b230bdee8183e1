/**
 * Repository of connected persons, rules and open items. The configuration
 * is one validated document (domain/classify/rulesFile.ts); open items are
 * stored one per row; every classification action is recorded in
 * classificationLog. Assigning an open item writes its manual ledger entry
 * and marks it assigned in ONE transaction.
 *
 * Every change is also a change-history record written in that same
 * transaction (history.ts commitWithHistory): a change of the connected
 * persons ('connected-person') or of the rules, cap basis and remembered
 * sides ('rule') with the sections that changed before and after, and each
 * classification action ('classification': open items stored, assigned by
 * hand, rules re-applied).
 */
import {
  categoryGroups,
  matchOpenItems,
  reapplyDetail,
  reapplyLogText,
  settledItems,
} from '../domain/classify/reapply';
import {
  EMPTY_CONFIG,
  parseRulesFile,
  serialiseRulesFile,
  type ConnectedPersonsConfig,
} from '../domain/classify/rulesFile';
import type { Dataset } from '../domain/model';
import { BUILT_IN_ENTITIES } from '../domain/parties/entities';
import type { HistoryInput, JsonValue } from '../domain/history/chain';
import { db } from './db';
import { commitWithHistory, sha256, StalePrepare } from './history';
import { notifyLedgerChanged } from './ledgerEvents';
import { saveManualEntry } from './ledgerManual';
import type { ClassificationLogRecord, OpenItemRecord } from './partiesTypes';

const KEY = 'current';

/** The configuration in use; before any is saved, the built-in parent entity and no rules. */
export async function loadConnectedConfig(): Promise<ConnectedPersonsConfig> {
  const row = await db().connectedConfig.get(KEY);
  return row?.config ?? { ...EMPTY_CONFIG, entities: BUILT_IN_ENTITIES };
}

const SECTIONS = ['entities', 'dismissed', 'rules', 'capBasis', 'sides'] as const;

const asJson = (v: unknown): JsonValue => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as JsonValue));

/**
 * The history record of a configuration change: only the sections that
 * changed, before and after; 'connected-person' when the entities (or the
 * dismissed matches) changed, 'rule' otherwise.
 */
function configChange(
  before: ConnectedPersonsConfig,
  after: ConnectedPersonsConfig,
  subject: string,
  extra: Record<string, JsonValue> = {},
): HistoryInput {
  const b: Record<string, JsonValue> = {};
  const a: Record<string, JsonValue> = {};
  for (const k of SECTIONS) {
    const x = asJson(before[k]);
    const y = asJson(after[k]);
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      b[k] = x;
      a[k] = y;
    }
  }
  const people = 'entities' in a || 'dismissed' in a;
  return { kind: people ? 'connected-person' : 'rule', subject, before: b, after: { ...a, ...extra } };
}

function storeConfig(
  config: ConnectedPersonsConfig,
  subject: string,
  extra: () => Promise<Record<string, JsonValue>> = async () => ({}),
): Promise<void> {
  const d = db();
  return commitWithHistory([d.connectedConfig], async () => {
    const before = await loadConnectedConfig();
    return {
      input: configChange(before, config, subject, await extra()),
      write: async () => {
        await d.connectedConfig.put({ key: KEY, config, updatedAt: new Date().toISOString() });
      },
    };
  });
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
  await storeConfig(checked, '');
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
  await storeConfig(config, fileName, async () => ({
    fileName,
    fileSha256: await sha256(new TextEncoder().encode(text)),
  }));
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
  const total = items.reduce((sum, i) => sum + BigInt(i.amountMinor), 0n);
  await commitWithHistory([d.openItems, d.classificationLog], async () => ({
    input: {
      kind: 'classification',
      subject: fileName,
      before: null,
      after: {
        action: 'import',
        fileName,
        importId: items[0]!.importId,
        openItems: items.length,
        totalMinor: total.toString(),
      },
    },
    write: async () => {
      await d.openItems.bulkPut([...items]);
      await d.classificationLog.add({
        at: new Date().toISOString(),
        action: 'import',
        items: items.map((i) => i.id),
        detail: `${items.length} connected row(s) of ${fileName} not classified by any rule, kept as open items`,
      });
    },
  }));
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

const CLASSIFY_TABLES = () => {
  const d = db();
  return [d.openItems, d.classificationLog, d.ledgerManual, d.ledgerAggregates];
};

/** Assigns open items to a category by hand: each becomes a ledger entry; one recorded action. */
export async function assignOpenItems(ids: readonly string[], categoryId: string): Promise<number> {
  const d = db();
  const at = new Date().toISOString();
  const n = await commitWithHistory(CLASSIFY_TABLES(), async () => {
    const open = (await d.openItems.bulkGet([...ids])).filter(
      (i): i is OpenItemRecord => i !== undefined && i.status === 'open',
    );
    return {
      input: {
        kind: 'classification',
        subject: categoryId,
        before: null,
        after: { action: 'assign', by: 'user', items: settledItems(open, () => categoryId) },
      },
      write: async () => {
        for (const item of open) {
          const now = await d.openItems.get(item.id);
          if (now?.status !== 'open') throw new StalePrepare();
          await assignInTransaction(item, categoryId, 'user', at);
        }
        if (open.length)
          await d.classificationLog.add({
            at,
            action: 'assign',
            items: [...ids],
            detail: `${open.length} open item(s) assigned to ${categoryId} by the user`,
          });
        return open.length;
      },
    };
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
  const groupOf = categoryGroups(dataset);
  const at = new Date().toISOString();
  const n = await commitWithHistory(CLASSIFY_TABLES(), async () => {
    const config = await loadConnectedConfig();
    const open = await d.openItems.where('status').equals('open').toArray();
    const matched = matchOpenItems(open, config, groupOf);
    return {
      input: { kind: 'classification', subject: 'rules', ...reapplyDetail(open.length, matched) },
      write: async () => {
        // The open items must be the ones the rules were applied to.
        if ((await d.openItems.where('status').equals('open').count()) !== open.length) throw new StalePrepare();
        for (const { item, rule } of matched) await assignInTransaction(item, rule.categoryId, rule.id, at);
        await d.classificationLog.add({
          at,
          action: 'reapply-rules',
          items: matched.map((m) => m.item.id),
          detail: reapplyLogText(open.length, matched.length),
        });
        return matched.length;
      },
    };
  });
  notifyLedgerChanged('all');
  return n;
}

export async function listClassificationLog(): Promise<ClassificationLogRecord[]> {
  return (await db().classificationLog.orderBy('at').reverse().toArray()).slice(0, 200);
}
