// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decodeHead, decodeText, looksLikeHtml, sniff } from '../../../../src/domain/import/decode';

const utf16le = (s: string) => {
  const b = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    b[i * 2] = s.charCodeAt(i) & 0xff;
    b[i * 2 + 1] = s.charCodeAt(i) >> 8;
  }
  return b;
};
const swap = (b: Uint8Array) => b.map((_, i) => b[i ^ 1]!);

describe('sniff', () => {
  it('tells containers, binaries and text apart by content', () => {
    expect(sniff(new Uint8Array(0))).toEqual({ kind: 'empty' });
    expect(sniff(new Uint8Array([0x50, 0x4b, 3, 4, 0]))).toEqual({ kind: 'zip' });
    expect(sniff(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({ kind: 'cfb' });
    expect(sniff(new TextEncoder().encode('%PDF-1.7'))).toEqual({ kind: 'binary', what: 'pdf' });
    expect(
      sniff(
        new Uint8Array([65, 0, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87]),
      ),
    ).toEqual({ kind: 'binary', what: 'binary' });
  });

  it('detects UTF-8 with and without BOM', () => {
    expect(sniff(new Uint8Array([0xef, 0xbb, 0xbf, 65]))).toEqual({ kind: 'text', encoding: 'utf-8', bom: true });
    expect(sniff(new TextEncoder().encode('日期,金额\n'))).toEqual({ kind: 'text', encoding: 'utf-8', bom: false });
  });

  it('detects UTF-16 by BOM and, without one, by the zero bytes of ASCII characters', () => {
    expect(sniff(new Uint8Array([0xff, 0xfe, 65, 0]))).toEqual({ kind: 'text', encoding: 'utf-16le', bom: true });
    expect(sniff(new Uint8Array([0xfe, 0xff, 0, 65]))).toEqual({ kind: 'text', encoding: 'utf-16be', bom: true });
    const le = utf16le('Date,Amount\r\n2026-05-01,12.00\r\n');
    expect(sniff(le)).toEqual({ kind: 'text', encoding: 'utf-16le', bom: false });
    expect(sniff(swap(le))).toEqual({ kind: 'text', encoding: 'utf-16be', bom: false });
  });

  it('falls back to GB18030 for text that is not UTF-8', () => {
    // 日期 in GB18030
    expect(sniff(new Uint8Array([0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0x41]))).toEqual({
      kind: 'text',
      encoding: 'gb18030',
      bom: false,
    });
  });
});

describe('decodeText', () => {
  it('decodes GB18030 (TextDecoder supports it in Node 20 and Chromium)', () => {
    const r = decodeText(new Uint8Array([0xc8, 0xd5, 0xc6, 0xda]), 'gb18030', false);
    expect(r).toEqual({ text: '日期', encoding: 'gb18030' });
  });

  it('drops the BOM and falls back from UTF-8 to GB18030 when the sniffed part lied', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'utf-8', true)).toEqual({
      text: 'A',
      encoding: 'utf-8',
    });
    expect(decodeText(new Uint8Array([0x41, 0xc8, 0xd5]), 'utf-8', false)).toEqual({
      text: 'A日',
      encoding: 'gb18030',
    });
  });

  it('refuses invalid sequences', () => {
    expect(decodeText(new Uint8Array([0x41, 0xff, 0x41]), 'utf-8', false)).toEqual({ error: 'utf-8' });
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), 'utf-16le', true)).toEqual({
      error: 'utf-16le',
    });
  });

  it('decodes only the head for previews, cutting on a character boundary', () => {
    const bytes = new TextEncoder().encode('日期日期');
    expect(decodeHead(bytes, 'utf-8', false, 4)).toBe('日');
  });
});

describe('looksLikeHtml', () => {
  it('spots web pages and XML saved as .csv', () => {
    expect(looksLikeHtml('  <!DOCTYPE html><html>')).toBe(true);
    expect(looksLikeHtml('<table><tr><td>1</td></tr></table>')).toBe(true);
    expect(looksLikeHtml('<?xml version="1.0"?><Workbook>')).toBe(true);
    expect(looksLikeHtml('日期,金额\n<b>,1\n')).toBe(false);
  });
});
