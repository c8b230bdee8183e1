/**
 * The text of any error the screens show, in the user's language: a team
 * server refusal from its catalogue key, a refused rules file from its
 * problems; anything else keeps its message.
 */
import { RulesFileError } from '../../domain/classify/rulesFile';
import type { Locale } from '../translate';
import { errorText as apiErrorOrMessage } from './apiErrors';
import { rulesFileErrorText } from './connectedIssues';

export function errorText(err: unknown, locale: Locale): string {
  if (err instanceof RulesFileError) return rulesFileErrorText(err, locale);
  return apiErrorOrMessage(err, locale);
}
