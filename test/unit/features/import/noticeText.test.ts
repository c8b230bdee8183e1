/**
 * Notes and the date-order question of a CSV/Excel import are worded by the
 * import catalogue from the reader's codes and values, so a Chinese screen
 * shows them in Chinese (before, the reader's English sentence was shown).
 */
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../../src/domain/import/parseFile';
import { ambiguityText, noticeText } from '../../../../src/features/import/ImportParts';
import { importMessages } from '../../../../src/features/import/messages';
import { translator } from '../../../../src/ui/translate';
import { BASE, fixture } from '../../domain/import/helpers';

const en = translator(importMessages, 'en');
const zh = translator(importMessages, 'zh');
const parse = (path: string) => parseFile(fixture(path), path.split('/').pop()!, BASE);

describe('import notes in both languages', () => {
  it('names the row that decided the date order', () => {
    const n = parse('good/dmy-dates.csv').notices.find((x) => x.code === 'date-order-inferred')!;
    expect(noticeText(n, en)).toBe(
      'Dates read as DD/MM/YYYY (day first) because row 2 has “23/04/2026”, which only fits that order.',
    );
    expect(noticeText(n, zh)).toBe('日期按日/月/年（DD/MM/YYYY）读取，因为第2行的“23/04/2026”只符合这种顺序。');
  });

  it('counts the skipped title rows and the rows dated outside the term', () => {
    const head = parse('good/serial-dates.xlsx').notices[0]!;
    expect(noticeText(head, en)).toBe('The header is row 3; 1 row(s) above it were skipped.');
    expect(noticeText(head, zh)).toBe('表头在第3行；其上1行已跳过。');
    const outside = parse('bad/date-outside-term.csv').notices.find((x) => x.code === 'outside-term')!;
    expect(noticeText(outside, zh)).toMatch(/^\d+行（首行为第\d+行）的日期不在其类别的期限内/);
    expect(noticeText(outside, en)).toContain(
      `${outside.params!['count']} row(s) (the first is row ${outside.params!['row']})`,
    );
  });

  it('asks for the date order with the rows that show why', () => {
    const either = parse('bad/ambiguous-dates.csv').ambiguity!;
    expect(ambiguityText(either, en)).toBe(
      'Every date (e.g. row 2: “04/05/2026”) could be DD/MM/YYYY or MM/DD/YYYY. Choose the order.',
    );
    const conflict = parse('bad/conflicting-dates.csv').ambiguity!;
    expect(ambiguityText(conflict, zh)).toBe(
      '日期相互矛盾：第2行（“23/04/2026”）只符合日/月/年，第4行（“04/23/2026”）只符合月/日/年。请选择顺序；不符合所选顺序的行将被拒绝。',
    );
  });
});
