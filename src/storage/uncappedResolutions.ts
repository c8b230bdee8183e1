/**
 * Resolutions of uncapped transactions (schema version 7), one record per
 * category and range. Each write is checked against the stored form's schema;
 * the change history is recorded by src/data/history.ts.
 */
import { readRecord } from '../domain/formats/backup';
import { uncappedResolutionSchema } from '../domain/formats/uncappedResolution';
import type { UncappedResolution } from '../domain/uncapped';
import { db } from './db';

export async function listUncappedResolutions(): Promise<UncappedResolution[]> {
  return (await db().uncappedResolutions.toArray()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Adds or replaces (same id) a resolution; RangeError naming the field when it is malformed. */
export async function saveUncappedResolution(r: UncappedResolution): Promise<void> {
  const read = readRecord(uncappedResolutionSchema, r, 'resolution');
  if (!read.ok) throw new RangeError(`The resolution was not recorded: ${read.issue.message} (${read.path}).`);
  await db().uncappedResolutions.put(r);
}

/** Removes a resolution (the item is open again); returns what was removed. */
export async function removeUncappedResolution(id: string): Promise<UncappedResolution | undefined> {
  return db().transaction('rw', db().uncappedResolutions, async () => {
    const before = await db().uncappedResolutions.get(id);
    await db().uncappedResolutions.delete(id);
    return before;
  });
}
