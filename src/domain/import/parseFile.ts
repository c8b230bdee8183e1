/**
 * Entry points of the import library: bytes of a CSV or .xlsx file → columnar
 * accepted rows, row errors and per-category daily totals. Pure (no DOM); runs
 * in the import worker and in Node (scripts/lib/ledgerFile.ts).
 */
import type { ImportPhase } from './protocol';
import type { ImportPreview, ImportResult, ParseOptions, PreviewOptions } from './types';

export type ProgressCallback = (fraction: number, phase: ImportPhase) => void;

/**
 * Parses a whole file. Never throws for bad input: a file that cannot be used
 * comes back with `fatal` set and nothing accepted; bad rows come back in
 * `errors` (row 1 = header) while the other rows are accepted.
 */
export function parseFile(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions,
  onProgress?: ProgressCallback,
): ImportResult {
  void bytes; void fileName; void options; void onProgress;
  throw new Error('parseFile: not implemented yet');
}

/** Header, the first rows (default 20) and the guessed mapping, without parsing the whole file. */
export function previewFile(bytes: Uint8Array, fileName: string, options: PreviewOptions = {}): ImportPreview {
  void bytes; void fileName; void options;
  throw new Error('previewFile: not implemented yet');
}
