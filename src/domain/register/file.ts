/** The register export / import file. */
import type { Dataset } from '../model';
import { REGISTER_FORMAT, REGISTER_VERSION, type RegisterAgreement, type RegisterFile } from './types';
import { type RegisterIssue, validateRegister } from './validate';

type Check = (v: unknown, path: string, out: RegisterIssue[]) => void;

const isStr = (v: unknown) => typeof v === 'string';
function need(cond: boolean, path: string, expected: string, out: RegisterIssue[]): boolean {
  if (!cond) out.push({ path, code: 'bad-type', params: { expected } });
  return cond;
}
const str: Check = (v, p, o) => void need(isStr(v), p, 'text', o);
const bool: Check = (v, p, o) => void need(typeof v === 'boolean', p, 'true or false', o);
const bilingual: Check = (v, p, o) => {
  if (need(!!v && typeof v === 'object' && !Array.isArray(v), p, '{ "en": …, "zh": … }', o)) {
    str((v as Record<string, unknown>).en, `${p}.en`, o);
    str((v as Record<string, unknown>).zh, `${p}.zh`, o);
  }
};
const range: Check = (v, p, o) => {
  if (need(!!v && typeof v === 'object' && !Array.isArray(v), p, '{ "start": …, "end": … }', o)) {
    str((v as Record<string, unknown>).start, `${p}.start`, o);
    str((v as Record<string, unknown>).end, `${p}.end`, o);
  }
};
function obj(fields: Record<string, Check>, optional: readonly string[] = []): Check {
  return (v, p, o) => {
    if (!need(!!v && typeof v === 'object' && !Array.isArray(v), p, 'an object', o)) return;
    const rec = v as Record<string, unknown>;
    for (const [k, check] of Object.entries(fields)) {
      if (rec[k] === undefined && optional.includes(k)) continue;
      check(rec[k], p ? `${p}.${k}` : k, o);
    }
  };
}
function list(item: Check): Check {
  return (v, p, o) => {
    if (need(Array.isArray(v), p, 'a list', o)) (v as unknown[]).forEach((x, i) => item(x, `${p}[${i}]`, o));
  };
}
const nullableStr: Check = (v, p, o) => void need(v === null || isStr(v), p, 'text or null', o);

const versionShape = obj(
  { id: str, period: range, amount: str, announcedOn: str, approval: str, meetingDate: str, source: str },
  ['meetingDate'],
);
const agreementShape = obj({
  id: str,
  name: bilingual,
  issuer: bilingual,
  counterparty: bilingual,
  currency: str,
  signedOn: str,
  term: range,
  source: str,
  categories: list(
    obj({
      id: str,
      name: bilingual,
      direction: str,
      term: range,
      statedBand: nullableStr,
      capLines: list(obj({ id: str, versions: list(versionShape) })),
      historicals: list(obj({ id: str, range, amount: str, audited: bool, comparative: bool })),
    }),
  ),
});

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
    const detail = pos
      ? (() => {
          const { line, column } = lineColumn(text, Number(pos[1]));
          return `line ${line}, column ${column}`;
        })()
      : msg;
    return { agreements: [], issues: [{ path: '', code: 'bad-json', params: { detail } }], root: null };
  }
  const rec = root as Record<string, unknown> | null;
  if (!rec || typeof rec !== 'object' || rec.format !== REGISTER_FORMAT || rec.version !== REGISTER_VERSION) {
    return { agreements: [], issues: [{ path: '', code: 'bad-format' }], root };
  }
  const issues: RegisterIssue[] = [];
  list(agreementShape)(rec.agreements, 'agreements', issues);
  if (issues.length) return { agreements: [], issues, root };
  const agreements = rec.agreements as RegisterAgreement[];
  const semantic = validateRegister(agreements, builtIn);
  return semantic.length ? { agreements: [], issues: semantic, root } : { agreements, issues: [], root };
}

/** The export file of a register. */
export function registerFile(agreements: readonly RegisterAgreement[], exportedAt: string): RegisterFile {
  return { format: REGISTER_FORMAT, version: REGISTER_VERSION, exportedAt, agreements };
}
