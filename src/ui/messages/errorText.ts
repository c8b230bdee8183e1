/**
 * The text of any error the screens show, in the user's language: a team
 * server refusal from its catalogue key (the refusals loaded on demand
 * included: importing apiRefusals.ts registers them), an import the server's
 * file reader refused in full (file, row, column, what was found), a refused
 * rules file from its problems, a refused alert threshold (apiErrors.ts);
 * anything else keeps its message.
 */
import { RulesFileError } from '../../domain/classify/rulesFile';
import type { Locale } from '../translate';
import { errorText as apiErrorOrMessage } from './apiErrors';
import { isFatal } from './apiRefusals';
import { rulesFileErrorText } from './connectedIssues';
import { fatalText } from './importFatal';

export function errorText(err: unknown, locale: Locale): string {
  if (err instanceof RulesFileError) return rulesFileErrorText(err, locale);
  if (err && typeof err === 'object' && 'key' in err && err.key === 'import-refused') {
    const fatal = (err as { params?: { fatal?: unknown } }).params?.fatal;
    if (isFatal(fatal)) return fatalText(fatal, locale);
  }
  return apiErrorOrMessage(err, locale);
}
