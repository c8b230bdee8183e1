/**
 * A refused entity list is explained in the reader's language, naming the row
 * and column (before, the Chinese screen showed the reader's English sentence).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEntityTable } from '../../../../src/domain/parties/entityTable';
import { partiesMessages } from '../../../../src/features/parties/messages';
import { listProblemText } from '../../../../src/features/parties/problemText';
import { translator } from '../../../../src/ui/translate';

const en = translator(partiesMessages, 'en');
const zh = translator(partiesMessages, 'zh');
const table = (text: string) => parseEntityTable(new TextEncoder().encode(text), 'list.csv', 'xiaomi');

describe('entity list problems in both languages', () => {
  it('a code used by two entities: row, column and the other row', () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '../../../fixtures/bad/entities-duplicate-codes.csv')));
    const [p] = parseEntityTable(bytes, 'entities-duplicate-codes.csv', 'xiaomi').problems;
    expect(listProblemText(p!, en, 'en')).toBe(
      'row 3, column C (编码): the code “c 1001” is also the code of the entity in row 2; a code must name one entity',
    );
    expect(listProblemText(p!, zh, 'zh')).toBe(
      '第3行，C列（编码）：编码“c 1001”也是第2行实体的编码；一个编码只能对应一个实体',
    );
  });

  it('a bad date, dates in the wrong order and a row without a name', () => {
    const r = table(
      '中文名称,英文名称,关连起始日,关连截止日\n小米,Xiaomi,2026-13-01,\n金山,Kingsoft,2026-05-01,2026-04-30\n,,2026-01-01,\n',
    );
    expect(r.problems.map((p) => listProblemText(p, zh, 'zh'))).toEqual([
      '第2行，C列（关连起始日）：“2026-13-01”不是日期（请写作 YYYY-MM-DD）',
      '第3行，D列（关连截止日）：关连截止日 2026-04-30 早于关连起始日 2026-05-01',
      '第4行：既无中文名称也无英文名称',
    ]);
    expect(listProblemText(r.problems[1]!, en, 'en')).toBe(
      'row 3, column D (关连截止日): connected to 2026-04-30 is before connected from 2026-05-01',
    );
  });

  it('no header row', () => {
    const [p] = table('a,b\n1,2\n').problems;
    expect(p!.code).toBe('no-header');
    expect(listProblemText(p!, zh, 'zh')).toMatch(/^没有列明各列的表头行/);
  });

  it('a file the spreadsheet reader refuses: its refusal in the same language, naming the file', () => {
    const [p] = parseEntityTable(new Uint8Array(0), 'list.csv', 'xiaomi').problems;
    expect(p!.code).toBe('unreadable');
    expect(listProblemText(p!, en, 'en')).toBe(
      'the file cannot be read as a CSV or Excel table (list.csv: the file is empty)',
    );
    expect(listProblemText(p!, zh, 'zh')).toBe('无法将此文件读作 CSV 或 Excel 表格（list.csv：文件为空）');
  });
});
