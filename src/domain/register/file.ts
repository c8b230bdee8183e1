/** The register export / import file. */
import { registerAgreementsSchema, registerHeaderSchema } from '../formats/register';
import { checkShape } from '../formats/shape';
import type { Dataset } from '../model';
import { REGISTER_FORMAT, REGISTER_VERSION, type RegisterAgreement, type RegisterFile } from './types';
import { type RegisterIssue, validateRegister } from './validate';

/** Line and column (1-based) of a character offset in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Reads a register export. Returns the agreements only when the file is
 * entirely valid — shape and every rule of `validateAgreement` (against the
 * built-in data and each other) — so an import never stores half a file.
 * Issue paths start at the file root ("agreements[0].categories[1].name.en").
 */
export function parseRegisterFile(
  text: string,
  builtIn?: Dataset,
): { agreements: RegisterAgreement[]; issues: RegisterIssue[]; root: unknown } {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    // Where the parser stopped (worded by the catalogue), else the parser's own reason.
    const at = pos ? lineColumn(text, Number(pos[1])) : null;
    const params: Record<string, string> = at ? { line: String(at.line), column: String(at.column) } : { detail: msg };
    return { agreements: [], issues: [{ path: '', code: 'bad-json', params }], root: null };
  }
  if (!checkShape(registerHeaderSchema, root).ok)
    return { agreements: [], issues: [{ path: '', code: 'bad-format' }], root };
  const shape = checkShape(registerAgreementsSchema, root);
  if (!shape.ok) {
    const issues = shape.issues.map((i): RegisterIssue =>
      i.expected === 'choice'
        ? { path: i.path, code: 'bad-choice', params: { value: i.value } }
        : { path: i.path, code: 'bad-type', params: { expected: i.expected } },
    );
    return { agreements: [], issues, root };
  }
  const { agreements } = shape.value;
  const semantic = validateRegister(agreements, builtIn);
  return semantic.length ? { agreements: [], issues: semantic, root } : { agreements, issues: [], root };
}

/** The export file of a register. */
export function registerFile(agreements: readonly RegisterAgreement[], exportedAt: string): RegisterFile {
  return { format: REGISTER_FORMAT, version: REGISTER_VERSION, exportedAt, agreements };
}
