import { COMMENTARY_MAX_CHARS, commentaryKey } from '../domain/commentary';
import { isIsoDate, type IsoDate } from '../domain/dates';
import type { CategoryId } from '../domain/model';
import { type CommentaryRow, db } from './db';

export { COMMENTARY_MAX_CHARS, commentaryKey } from '../domain/commentary';

/** Commentary of every category for one as-of date, keyed by category id. */
export async function listCommentary(asOf: IsoDate): Promise<Record<CategoryId, CommentaryRow>> {
  const suffix = `@${asOf}`;
  const rows = await db()
    .commentary.filter((r) => r.key.endsWith(suffix))
    .toArray();
  const out: Record<CategoryId, CommentaryRow> = {};
  for (const r of rows) out[r.key.slice(0, -suffix.length)] = r;
  return out;
}

/**
 * Keeps (or, when blank, removes) a category's commentary for one as-of date.
 * Rejects a bad date or over-long text without touching what is stored.
 */
export async function saveCommentary(categoryId: CategoryId, asOf: IsoDate, text: string): Promise<void> {
  if (!isIsoDate(asOf)) throw new RangeError(`Not a valid date: "${asOf}"`);
  if (!categoryId) throw new RangeError('A commentary needs a category.');
  if (text.length > COMMENTARY_MAX_CHARS) {
    throw new RangeError(
      `A commentary is limited to ${COMMENTARY_MAX_CHARS} characters (this one has ${text.length}).`,
    );
  }
  const key = commentaryKey(categoryId, asOf);
  if (text.trim() === '') await db().commentary.delete(key);
  else await db().commentary.put({ key, text, updatedAt: new Date().toISOString() });
}
