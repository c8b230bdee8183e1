import { useErrorWording } from './i18n';
import { errorText } from './messages/errorText';

/**
 * Like useErrorText, and a refused rules file (every problem, naming the file and
 * where in it) in words too: for the screens that read rules files or backups.
 */
export function useFileErrorText(): (err: unknown) => string {
  return useErrorWording(errorText);
}
