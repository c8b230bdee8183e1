/**
 * `--register FILE` of the status command: a cap-register export (the JSON the
 * app's Cap register page writes) merged with the built-in disclosure, checked
 * by the same rules as the app. A bad file stops the command with every
 * problem named by file and place; nothing is guessed.
 */
import { readFileSync } from 'node:fs';
import type { CategoryStatus } from '../../src/domain/engine';
import type { CurrencyCode, Dataset } from '../../src/domain/model';
import { mergeDatasets, parseRegisterFile } from '../../src/domain/register';
import { describeIssue } from '../../src/ui/messages/registerIssues';
import type { Locale } from '../../src/ui/translate';
import { cannotRead } from './ledgerFile';
import { statusT } from './statusMessages';

/** The register file cannot be used: printed on stderr, exit code 1. */
export class RegisterFileError extends Error {
  override readonly name = 'RegisterFileError';
}

/** The value of `--register FILE` / `--register=FILE` in argv, if given. */
export function registerPathOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--register') return argv[i + 1]?.startsWith('--') ? undefined : argv[i + 1];
    if (a.startsWith('--register=')) return a.slice('--register='.length);
  }
  return undefined;
}

/** Reads and checks a register export and returns the built-in dataset with its agreements appended. */
export function loadRegisterDataset(path: string, builtIn: Dataset, locale: Locale = 'en'): Dataset {
  const t = statusT(locale);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RegisterFileError(cannotRead(path, 'register', e, locale));
  }
  const parsed = parseRegisterFile(text.replace(/^\uFEFF/, ''), builtIn);
  if (parsed.issues.length) {
    const shown = parsed.issues
      .slice(0, 20)
      .map((i) => `  ${path}${locale === 'zh' ? '：' : ': '}${describeIssue(i, parsed.root, locale)}`)
      .join('\n');
    const more = parsed.issues.length > 20 ? `\n${t('andMore', { count: parsed.issues.length - 20 })}` : '';
    throw new RegisterFileError(`${t('registerInvalid', { path, count: parsed.issues.length })}\n${shown}${more}`);
  }
  return mergeDatasets(builtIn, parsed.agreements);
}

/** Currency of a status's category (its agreement's), for output that names the unit. */
export function currencyOf(dataset: Dataset, s: CategoryStatus): CurrencyCode {
  return dataset.agreements.find((a) => a.id === s.category.agreementId)?.currency ?? 'RMB';
}
