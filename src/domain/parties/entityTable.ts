/**
 * Entity lists from CSV or .xlsx (one entity per row), as finance keeps them
 * in a spreadsheet: Chinese and English names, aliases, ERP codes and the
 * connection dates. Read with the import's file reader (encodings, title
 * rows, .xls variants); every problem names the file, row and column, and a
 * list with any problem is refused as a whole.
 */
import { fromDayNumber } from '../dates';
import { columnRef, normaliseHeader } from '../import/columns';
import { Fatal, isBlank, openTable } from '../import/parseFile';
import type { FatalError } from '../import/types';
import { NO_DAY, readDate, type DateReading } from '../import/values';
import { normaliseCode, type ConnectedEntity } from './entities';

type Field = 'id' | 'groupId' | 'nameZh' | 'nameEn' | 'aliases' | 'codes' | 'connectedFrom' | 'connectedTo';

const HEADERS: Readonly<Record<Field, readonly string[]>> = {
  id: ['id', '编号', '序号', 'entityid'],
  groupId: ['group', 'groupid', '集团', '所属集团', '关连方', '关连人士', 'connectedperson'],
  nameZh: ['中文名称', '名称', '公司名称', '单位名称', 'chinesename', 'namezh'],
  nameEn: ['英文名称', 'englishname', 'nameen', 'name'],
  aliases: ['别名', '简称', 'aliases', 'alias', 'othernames'],
  codes: [
    '编码',
    '代码',
    'erp编码',
    '客户编码',
    '供应商编码',
    '往来单位编码',
    '统一社会信用代码',
    'codes',
    'code',
    'erpcode',
    'erpcodes',
    'customernumber',
    'vendornumber',
    'uscc',
  ],
  connectedFrom: ['关连起始日', '起始日期', '开始日期', 'connectedfrom', 'from'],
  connectedTo: ['关连截止日', '截止日期', '结束日期', 'connectedto', 'to'],
};

/** What is wrong, for the screen's catalogue (the English `message` is for logs and the command line). */
export type EntityTableProblemCode =
  | 'unreadable'
  | 'no-header'
  | 'no-name-column'
  | 'no-name'
  | 'duplicate-id'
  | 'duplicate-code'
  | 'bad-date'
  | 'to-before-from';

export interface EntityTableProblem {
  readonly code: EntityTableProblemCode;
  readonly row: number;
  /** The column's header text, or null where the problem is the whole row or file. */
  readonly column: string | null;
  /** The column's letter (A, B, …), where there is a column. */
  readonly letter?: string;
  /** The offending text (an id, a code or a date), and the other row it clashes with. */
  readonly value?: string;
  readonly otherRow?: number;
  /** For 'to-before-from': the connected-from date that the connected-to date (`value`) precedes. */
  readonly otherValue?: string;
  /** The file the list was read from. */
  readonly fileName: string;
  /** For 'unreadable': the spreadsheet reader's refusal (src/ui/messages/importFatal.ts words it). */
  readonly fatal?: FatalError;
}

export interface EntityTableResult {
  readonly entities: ConnectedEntity[];
  /** Any problem refuses the whole list (nothing is stored). */
  readonly problems: EntityTableProblem[];
}

function fieldOf(header: string): Field | null {
  const h = normaliseHeader(header);
  for (const f of Object.keys(HEADERS) as Field[]) if (HEADERS[f].includes(h)) return f;
  return null;
}

const split = (s: string) =>
  s
    .split(/[;；|、\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Reads an entity list. `groupId` is used for rows without a group column
 * (one list per counterparty group). Ids default to "<group>-<row>".
 */
export function parseEntityTable(bytes: Uint8Array, fileName: string, groupId: string): EntityTableResult {
  const problems: EntityTableProblem[] = [];
  let table;
  try {
    table = openTable(bytes, fileName, { rowLimit: 100_000, headLimit: 100_000, preview: false });
  } catch (e) {
    if (e instanceof Fatal)
      return {
        entities: [],
        problems: [{ code: 'unreadable', row: 0, column: null, fileName, fatal: e.fatal }],
      };
    throw e;
  }
  const rows = table.head.filter((h) => !isBlank(h.cells));
  const headerAt = rows.findIndex((h) => h.cells.filter((c) => fieldOf(c) !== null).length >= 2);
  if (headerAt < 0)
    return {
      entities: [],
      problems: [
        {
          code: 'no-header',
          row: 0,
          column: null,
          fileName,
        },
      ],
    };
  const header = rows[headerAt]!;
  const headers = header.cells.map((c) => c.trim());
  const cols = new Map<Field, number[]>();
  headers.forEach((h, i) => {
    const f = fieldOf(h);
    if (f) cols.set(f, [...(cols.get(f) ?? []), i]);
  });
  if (!cols.has('nameZh') && !cols.has('nameEn'))
    problems.push({
      code: 'no-name-column',
      row: header.row,
      column: null,
      fileName,
    });
  const codeSeen = new Map<string, { row: number }>();
  const idSeen = new Map<string, number>();
  const reading: DateReading = { dmy: NO_DAY, mdy: NO_DAY, ordered: false };
  const entities: ConnectedEntity[] = [];
  for (const r of rows.slice(headerAt + 1)) {
    const get = (f: Field) => (cols.get(f) ?? []).map((c) => ({ col: c, text: (r.cells[c] ?? '').trim() }));
    const one = (f: Field) => get(f)[0] ?? { col: -1, text: '' };
    const nameZh = one('nameZh').text;
    const nameEn = one('nameEn').text;
    if (!nameZh && !nameEn) {
      problems.push({
        code: 'no-name',
        row: r.row,
        column: null,
        fileName,
      });
      continue;
    }
    const group = one('groupId').text || groupId;
    const id = one('id').text || `${group}-${r.row}`;
    if (idSeen.has(id)) {
      const c = one('id').col;
      problems.push({
        code: 'duplicate-id',
        row: r.row,
        column: headers[c] ?? null,
        letter: columnRef(c, headers).letter,
        value: id,
        otherRow: idSeen.get(id)!,
        fileName,
      });
    }
    idSeen.set(id, r.row);
    const codes: string[] = [];
    for (const { col, text } of get('codes')) {
      for (const code of split(text)) {
        const k = normaliseCode(code);
        const prev = codeSeen.get(k);
        if (prev && prev.row !== r.row) {
          problems.push({
            code: 'duplicate-code',
            row: r.row,
            column: headers[col] ?? null,
            letter: columnRef(col, headers).letter,
            value: code,
            otherRow: prev.row,
            fileName,
          });
        } else codeSeen.set(k, { row: r.row });
        codes.push(code);
      }
    }
    const dateOf = (f: 'connectedFrom' | 'connectedTo'): string | undefined => {
      const { col, text } = one(f);
      if (!text) return undefined;
      if (!readDate(text, reading) || reading.ordered || reading.dmy === NO_DAY) {
        problems.push({
          code: 'bad-date',
          row: r.row,
          column: headers[col] ?? null,
          letter: columnRef(col, headers).letter,
          value: text,
          fileName,
        });
        return undefined;
      }
      return fromDayNumber(reading.dmy);
    };
    const from = dateOf('connectedFrom');
    const to = dateOf('connectedTo');
    if (from && to && from > to) {
      const c = one('connectedTo').col;
      problems.push({
        code: 'to-before-from',
        row: r.row,
        column: headers[c] ?? null,
        letter: columnRef(c, headers).letter,
        value: to,
        otherValue: from,
        fileName,
      });
    }
    entities.push({
      id,
      groupId: group,
      nameZh,
      nameEn,
      aliases: get('aliases').flatMap((a) => split(a.text)),
      codes,
      ...(from ? { connectedFrom: from } : {}),
      ...(to ? { connectedTo: to } : {}),
    });
  }
  return { entities: problems.length ? [] : entities, problems };
}
