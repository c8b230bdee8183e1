/**
 * The alert log in IndexedDB (schema version 6). Alerts are only created by
 * the evaluation at today's date and then only move forward through their
 * handling (acknowledged → reported to senior management → to the board);
 * each step is one change-history record written in the same transaction.
 */
import type { AlertRecord, HandlingStep } from '../domain/alerts/alertLog';
import { DEFAULT_OVERDUE_DAYS } from '../domain/alerts/alertLog';
import { isIsoDate } from '../domain/dates';
import type { JsonValue } from '../domain/history/chain';
import { db } from './db';
import { commitWithHistory } from './history';
import type { HandlingField } from './repositories';

export type { HandlingField } from './repositories';

const OVERDUE_KEY = 'alerts.overdueDays';

const json = (v: unknown): JsonValue => JSON.parse(JSON.stringify(v ?? null)) as JsonValue;

export async function listAlerts(): Promise<AlertRecord[]> {
  return db().alerts.toArray();
}

/** Stores new alerts (ids already logged are skipped), each with its history record. Returns those stored. */
export async function createAlerts(list: readonly AlertRecord[]): Promise<AlertRecord[]> {
  const d = db();
  const stored: AlertRecord[] = [];
  for (const a of list) {
    const added = await commitWithHistory([d.alerts], async () => ({
      input: { kind: 'alert-created', subject: a.id, before: null, after: json(a) },
      write: async () => {
        // Another tab may have logged it meanwhile: then nothing is written (the transaction aborts).
        if (await d.alerts.get(a.id)) throw new AlreadyLogged();
        await d.alerts.add(a);
        return true;
      },
    })).catch((e: unknown) => {
      if (e instanceof AlreadyLogged) return false;
      throw e;
    });
    if (added) stored.push(a);
  }
  return stored;
}

class AlreadyLogged extends Error {}

/**
 * Records one handling step. Steps go in order: a report needs the
 * acknowledgement, the board report needs the management report; a step
 * already recorded is not overwritten.
 */
export async function recordHandling(id: string, field: HandlingField, step: HandlingStep): Promise<void> {
  if (!isIsoDate(step.on)) throw new RangeError(`Not a valid date: "${step.on}"`);
  if (!step.by.trim()) throw new RangeError('Say who did it.');
  const d = db();
  await commitWithHistory([d.alerts], async () => {
    const a = await d.alerts.get(id);
    if (!a) throw new RangeError(`No alert ${id}.`);
    if (a[field]) throw new RangeError('This step is already recorded.');
    if (field === 'reportedToManagement' && !a.acknowledged) throw new RangeError('Acknowledge the alert first.');
    if (field === 'reportedToBoard' && !a.reportedToManagement)
      throw new RangeError('Report it to senior management first.');
    if (step.on < a.detectedOn) throw new RangeError(`A step cannot be dated before the detection (${a.detectedOn}).`);
    return {
      input: {
        kind: field === 'acknowledged' ? 'alert-acknowledged' : 'alert-reported',
        subject: id,
        before: null,
        after: json({ field, ...step }),
      },
      write: async () => {
        await d.alerts.put({ ...a, [field]: { on: step.on, by: step.by.trim(), note: step.note.trim() } });
      },
    };
  });
}

export async function loadOverdueDays(): Promise<number> {
  const v = (await db().settings.get(OVERDUE_KEY))?.value;
  return typeof v === 'number' && Number.isInteger(v) ? v : DEFAULT_OVERDUE_DAYS;
}

export async function saveOverdueDays(days: number): Promise<void> {
  if (!Number.isInteger(days) || days < 0 || days > 365) throw new RangeError('Days: a whole number from 0 to 365.');
  const d = db();
  await commitWithHistory([d.settings], async () => ({
    input: { kind: 'alert-settings', subject: OVERDUE_KEY, before: await loadOverdueDays(), after: days },
    write: async () => {
      await d.settings.put({ key: OVERDUE_KEY, value: days });
    },
  }));
}
