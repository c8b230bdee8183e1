import type { EntityTableProblem } from '../../domain/parties/entityTable';
import type { TranslateFor } from '../../ui/i18n';
import { fatalText } from '../../ui/messages/importFatal';
import type { Locale } from '../../ui/translate';
import type { partiesMessages } from './messages';

type T = TranslateFor<typeof partiesMessages>;

/** One problem of an entity list, in the reader's language, naming its row and column. */
export function listProblemText(p: EntityTableProblem, t: T, locale: Locale): string {
  const value = p.value ?? '';
  const other = p.otherRow ?? p.otherValue ?? '';
  const problem = (() => {
    switch (p.code) {
      case 'unreadable':
        // The spreadsheet reader's refusal, in the reader's language (file, row, column and what was found).
        return t('list_unreadable', { reason: p.fatal ? fatalText(p.fatal, locale) : '' });
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
