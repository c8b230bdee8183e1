// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ImportResponse } from '../../../../src/domain/import/protocol';
import { stringAt } from '../../../../src/domain/import/accepted';
import {
  textToUnitChunks,
  unitChunksOf,
  unitChunksToText,
  unitsToChunks,
  unitsToText,
  wellFormedUnits,
} from '../../../../src/domain/import/wireText';
import { columnText } from '../../../../src/domain/import/builder';
import { handleImportRequest } from '../../../../src/workers/importWorker';
import { resultFromWire } from '../../../../src/workers/importClient';
import { BASE } from './helpers';

describe('text columns on the wire', () => {
  it('round-trips through chunks without splitting a surrogate pair', async () => {
    const text = 'ab😀cd'.repeat(3000) + '发票'; // 😀 is a surrogate pair
    for (const size of [2, 3, 5, 4096]) {
      const chunks = textToUnitChunks(text, size);
      expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(text.length);
      expect(unitChunksToText(chunks)).toBe(text);
    }
  });

  it('cuts code units into the same chunks as their string, and tells well-formed units from lone surrogates', () => {
    const text = 'ab😀cd'.repeat(3000) + '发票';
    const codeUnits = new Uint16Array(text.length);
    for (let i = 0; i < text.length; i++) codeUnits[i] = text.charCodeAt(i);
    for (const size of [2, 3, 5, 4096]) expect(unitsToChunks(codeUnits, size)).toEqual(textToUnitChunks(text, size));
    expect(wellFormedUnits(codeUnits)).toBe(true);
    expect(wellFormedUnits(Uint16Array.of(0x61, 0xd83d))).toBe(false);
    expect(wellFormedUnits(Uint16Array.of(0xde00, 0x61))).toBe(false);
    expect(wellFormedUnits(Uint16Array.of(0xd83d, 0x61, 0xde00))).toBe(false);
    expect(wellFormedUnits(Uint16Array.of(0xd83d, 0xde00))).toBe(true);
  });

  it('decodes a big column exactly: a leading U+FEFF stays, a lone surrogate is not replaced', () => {
    const big = 'INV-0001 云 😀 '.repeat(20_000);
    const units = (text: string) => {
      const u = new Uint16Array(text.length);
      for (let i = 0; i < text.length; i++) u[i] = text.charCodeAt(i);
      return u;
    };
    for (const text of ['\ufeff' + big, big + '\ud800' + big, big.slice(1) + '\ufeff']) {
      // One chunk (the native decoder's path when well-formed) and many.
      expect(unitsToText(units(text))).toBe(text);
      expect(unitChunksToText(textToUnitChunks(text, 1 << 16))).toBe(text);
      expect(columnText(units(text))).toBe(text);
    }
  });

  it('decodes ASCII, and ASCII up to a last character that is not, exactly, control characters included', () => {
    const units = (text: string) => Uint16Array.from(text, (c) => c.charCodeAt(0));
    const ascii = Array.from({ length: 4000 }, (_, i) => `INV-${i}\t\u0000\u007f,`).join('');
    for (const text of [ascii, ascii + 'é', ascii + '云', ascii + '\u0080', 'é' + ascii, ascii + '\ud800']) {
      expect(unitsToText(units(text))).toBe(text);
      expect(unitChunksToText(textToUnitChunks(text, 1 << 12))).toBe(text);
    }
  });

  it('decodes code units exactly, a lone surrogate included', () => {
    const text = 'lone \ud800 high, 云 😀' + 'x'.repeat(10_000);
    expect(unitChunksToText(textToUnitChunks(text, 7))).toBe(text);
  });

  it('a big result crosses as chunks and the client reads the same strings from them', async () => {
    const head = 'Date,Category,Amount,Invoice,Memo\n';
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `2026-05-01,cloud-services,${i}.01,INV-${i},"备注 ${i} 😀"`,
    ).join('\n');
    const bytes = new TextEncoder().encode(head + rows + '\n');
    const messages: { msg: ImportResponse; transfer: Transferable[] }[] = [];
    await handleImportRequest(
      { id: 1, kind: 'parse', file: bytes.buffer, name: 'big.csv', options: { ...BASE, maxRows: 50_000 } },
      (msg, transfer) => messages.push({ msg, transfer }),
    );
    const last = messages[messages.length - 1]!;
    expect(last.msg.type).toBe('result');
    if (last.msg.type !== 'result') return;
    expect(last.msg.texts).toBeDefined();
    expect(last.msg.result.accepted.description.text).toBe('');
    for (const u of last.msg.texts!.description) expect(last.transfer).toContain(u.buffer);
    const r = resultFromWire(last.msg);
    expect(r.accepted.length).toBe(20_000);
    // The page keeps the very chunks it received (to hand them on to the ledger worker undecoded).
    expect(unitChunksOf(r.accepted.description)).toBe(last.msg.texts!.description);
    expect(unitChunksOf(r.accepted.reference)).toBe(last.msg.texts!.reference);
    expect(stringAt(r.accepted.reference, 12_345)).toBe('INV-12345');
    expect(stringAt(r.accepted.description, 19_999)).toBe('备注 19999 😀');
  });
});
