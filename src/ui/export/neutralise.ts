/**
 * Spreadsheet formula-injection neutralisation, shared by every CSV and .xlsx
 * writer of the app (status tables, monthly report, ledger export).
 *
 * A text cell that starts with = + - @ (or a tab or carriage return, which
 * spreadsheet programs strip before parsing) can be run as a formula when the
 * file is opened; such text gets a leading apostrophe so it shows as text.
 * Only text cells are neutralised: numbers written by the app are numbers.
 */
const DANGEROUS_FIRST = new Set(['=', '+', '-', '@', '\t', '\r']);

/** True when a spreadsheet could read `text` as a formula. */
export function isFormulaLike(text: string): boolean {
  return text.length > 0 && DANGEROUS_FIRST.has(text[0]!);
}

/** `text` made safe to put in a spreadsheet text cell: "=1+1" → "'=1+1"; other text unchanged. */
export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
