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
export function loadRegisterDataset(path: string, builtIn: Dataset): Dataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RegisterFileError(
      `${path}: cannot read the register file (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const parsed = parseRegisterFile(text.replace(/^\uFEFF/, ''), builtIn);
  if (parsed.issues.length) {
    const shown = parsed.issues
      .slice(0, 20)
      .map((i) => `  ${path}: ${describeIssue(i, parsed.root)}`)
      .join('\n');
    const more = parsed.issues.length > 20 ? `\n  … and ${parsed.issues.length - 20} more` : '';
    throw new RegisterFileError(
      `${path}: the register file is not valid (${parsed.issues.length} problem(s)); nothing was used:\n${shown}${more}`,
    );
  }
  return mergeDatasets(builtIn, parsed.agreements);
}

/** Currency of a status's category (its agreement's), for output that names the unit. */
export function currencyOf(dataset: Dataset, s: CategoryStatus): CurrencyCode {
  return dataset.agreements.find((a) => a.id === s.category.agreementId)?.currency ?? 'RMB';
}
