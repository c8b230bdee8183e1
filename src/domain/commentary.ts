/** Management's commentary on a category in a directors' report. */
import type { IsoDate } from './dates';
import type { CategoryId } from './model';

/** Most characters a commentary keeps: a board-pack paragraph or several, not a document. */
export const COMMENTARY_MAX_CHARS = 4000;

/** Key of a category's commentary for one report date: commentary belongs to the report it was written for. */
export function commentaryKey(categoryId: CategoryId, asOf: IsoDate): string {
  return `${categoryId}@${asOf}`;
}
