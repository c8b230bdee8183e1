// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CsvReader, detectDelimiter } from '../../../../src/domain/import/csv';
import type { Delimiter } from '../../../../src/domain/import/types';

function records(text: string, d: Delimiter = ','): string[][] {
  const r = new CsvReader(text, d);
  const out: string[][] = [];
  while (r.next()) out.push(r.fieldList());
  return out;
}

describe('CsvReader (RFC 4180)', () => {
  it('splits plain records with CRLF, LF and lone CR', () => {
    expect(records('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(records('a,,c,\n,\n')).toEqual([
      ['a', '', 'c', ''],
      ['', ''],
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const text = '"1,234.56","say ""hi""","two\r\nlines",plain\n';
    expect(records(text)).toEqual([['1,234.56', 'say "hi"', 'two\r\nlines', 'plain']]);
  });

  it('counts a quoted line break as one record (row numbers follow records)', () => {
    const r = new CsvReader('h1,h2\n"a\nb",c\nd,e\n', ',');
    const rows: number[] = [];
    while (r.next()) rows.push(r.record);
    expect(rows).toEqual([1, 2, 3]);
  });

  it('flags the first field holding a line break', () => {
    const r = new CsvReader('a,"x\ny"\nb,c\n', ',');
    r.next();
    expect(r.multilineField).toBe(1);
    r.next();
    expect(r.multilineField).toBe(-1);
  });

  it('keeps text after a closing quote, as Excel does', () => {
    expect(records('"ab"c,d\n')).toEqual([['abc', 'd']]);
  });

  it('reports a quote that is never closed with its record and field', () => {
    const r = new CsvReader('a,b\nc,"d\ne,f\n', ',');
    expect(r.next()).toBe(true);
    expect(r.next()).toBe(false);
    expect(r.unbalancedQuoteRow).toBe(2);
    expect(r.unbalancedQuoteField).toBe(1);
  });

  it('reads semicolon and tab files', () => {
    expect(records('a;"b;c"\n', ';')).toEqual([['a', 'b;c']]);
    expect(records('a\t"b\tc"\td\n', '\t')).toEqual([['a', 'b\tc', 'd']]);
  });

  it('exposes field ranges into the text (no slicing needed)', () => {
    const r = new CsvReader('xx,"yy",zz', ',');
    r.next();
    expect([r.starts[1], r.ends[1], r.escaped[1]]).toEqual([4, 6, 0]);
  });

  it('grows past 256 fields', () => {
    const row = Array.from({ length: 600 }, (_, i) => `f${i}`);
    expect(records(row.join(',') + '\n')[0]).toEqual(row);
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter that splits lines consistently', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n"1,5";2;3\n4,5;6;7\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1,000\t2\n')).toBe('\t');
  });

  it('is not fooled by thousands separators in a semicolon file', () => {
    expect(detectDelimiter('Date;Amount;Memo\n2026-05-01;1,234,567.89;x\n2026-05-02;12.00;y\n')).toBe(';');
  });

  it('reads a single column as comma', () => {
    expect(detectDelimiter('amount\n1\n2\n')).toBe(',');
  });
});
