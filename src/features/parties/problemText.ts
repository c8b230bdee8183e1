import type { EntityTableProblem } from '../../domain/parties/entityTable';
import type { TranslateFor } from '../../ui/i18n';
import type { partiesMessages } from './messages';

type T = TranslateFor<typeof partiesMessages>;

/** One problem of an entity list, in the reader's language, naming its row and column. */
export function listProblemText(p: EntityTableProblem, t: T): string {
  const value = p.value ?? '';
  const other = p.otherRow ?? p.otherValue ?? '';
  const problem = (() => {
    switch (p.code) {
      case 'unreadable':
        // The spreadsheet reader's own reason is English only.
        return t('list_unreadable', { reason: p.reason ?? '' });
      case 'duplicate-id':
        return t('list_duplicate-id', { value, other });
      case 'duplicate-code':
        return t('list_duplicate-code', { value, other });
      case 'bad-date':
        return t('list_bad-date', { value });
      case 'to-before-from':
        return t('list_to-before-from', { value, other });
      default:
        return t(`list_${p.code}`);
    }
  })();
  if (p.row <= 0) return problem;
  if (p.letter === undefined) return t('listAtRow', { row: p.row, problem });
  return t('listAtCell', { row: p.row, letter: p.letter, header: p.column ?? '', problem });
}
