import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../../../src/domain/import/columns';
import { KNOWN_HEADINGS } from '../../../../src/features/import/ImportPage';

describe('the headings the import page names as recognised', () => {
  it('are each read as the same role in Chinese and in English, as the parser reads them', () => {
    const roleOf = (h: string) => guessMapping([h], [], () => false)[0];
    expect(KNOWN_HEADINGS.map(([zh]) => roleOf(zh))).toEqual(['date', 'amount', 'category', 'reference']);
    expect(KNOWN_HEADINGS.map(([, en]) => roleOf(en))).toEqual(['date', 'amount', 'category', 'reference']);
  });
});
