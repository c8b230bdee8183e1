import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type HistoryRecord,
  GENESIS_PREV,
  filterHistory,
  hashedText,
  headOf,
  nextRecord,
  parseHeadText,
  sha256With,
  verifyChain,
} from '../../../../src/domain/history/chain';

const sha256 = sha256With(webcrypto.subtle as never);

async function build(n: number): Promise<HistoryRecord[]> {
  const out: HistoryRecord[] = [];
  out.push(
    await nextRecord(
      headOf(out),
      { kind: 'genesis', subject: '', before: null, after: { stateHash: 'ab'.repeat(32) } },
      'Ada',
      '2026-05-01T08:00:00.000Z',
      sha256,
    ),
  );
  for (let i = 1; i < n; i++) {
    out.push(
      await nextRecord(
        headOf(out),
        {
          kind: 'entry-add',
          subject: String(i),
          before: null,
          after: { amountMinor: String(1000 * i), ref: `PO-${i}` },
        },
        'Ada',
        `2026-05-0${1 + (i % 8)}T09:00:00.000Z`,
        sha256,
      ),
    );
  }
  return out;
}

describe('history hash chain', () => {
  it('hashes SHA-256 over the canonical text: "abc" is the FIPS 180-2 vector', async () => {
    expect(await sha256(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('links each record to the one before and verifies', async () => {
    const chain = await build(5);
    expect(chain[0]!.prevHash).toBe(GENESIS_PREV);
    for (let i = 1; i < 5; i++) expect(chain[i]!.prevHash).toBe(chain[i - 1]!.hash);
    expect(hashedText(chain[1]!, chain[1]!.prevHash)).toBe(
      `{"after":{"amountMinor":"1000","ref":"PO-1"},"at":"2026-05-02T09:00:00.000Z","before":null,"kind":"entry-add","prevHash":"${chain[0]!.hash}","seq":1,"subject":"1","who":"Ada"}`,
    );
    const v = await verifyChain(chain, sha256);
    expect(v).toEqual({ ok: true, head: { count: 5, hash: chain[4]!.hash }, failure: null });
  });

  it('finds a one-byte change and names that record', async () => {
    const chain = await build(5);
    const text = JSON.stringify(chain).replace('"PO-3"', '"PO-8"');
    const v = await verifyChain(JSON.parse(text) as unknown[], sha256);
    expect(v.ok).toBe(false);
    expect(v.failure).toEqual({ seq: 3, reason: 'hash' });
  });

  it('finds a removed record (the next one no longer links) and a malformed one', async () => {
    const chain = await build(5);
    const removed = [...chain.slice(0, 2), ...chain.slice(3)];
    expect((await verifyChain(removed, sha256)).failure).toEqual({ seq: 2, reason: 'seq' });
    const relinked = removed.map((r, i) => ({ ...r, seq: i }));
    expect((await verifyChain(relinked, sha256)).failure).toEqual({ seq: 2, reason: 'prev' });
    expect((await verifyChain([chain[0], { seq: 1 }], sha256)).failure).toEqual({ seq: 1, reason: 'malformed' });
  });

  it('catches a changed and fully re-hashed history against the head hash of an earlier printout', async () => {
    const chain = await build(5);
    const printed = headOf(chain);
    // Someone edits record 2 and re-hashes every record from there: the chain verifies on its own…
    const forged: HistoryRecord[] = chain.slice(0, 2);
    for (let i = 2; i < 5; i++) {
      const { prevHash: _p, hash: _h, ...content } = chain[i]!;
      const input = i === 2 ? { ...content, after: { amountMinor: '1', ref: 'PO-2' } } : content;
      forged.push(await nextRecord(headOf(forged), input, input.who, input.at, sha256));
    }
    expect((await verifyChain(forged, sha256)).ok).toBe(true);
    // …but not against the printed head: the earlier 5th record no longer carries that hash.
    const v = await verifyChain(forged, sha256, printed);
    expect(v.ok).toBe(false);
    expect(v.failure).toEqual({ seq: 4, reason: 'head-mismatch', expected: printed.hash });
    // Hash alone (no count): not found anywhere in the forged chain.
    expect((await verifyChain(forged, sha256, { hash: printed.hash })).failure?.reason).toBe('head-not-found');
    // A longer genuine history still holds the earlier head at its position.
    const longer = [...chain];
    longer.push(
      await nextRecord(
        headOf(longer),
        { kind: 'threshold', subject: '', before: '80', after: '75' },
        'Bo',
        'x',
        sha256,
      ),
    );
    expect((await verifyChain(longer, sha256, printed)).ok).toBe(true);
  });

  it('reads a head pasted from a printout', () => {
    const h = 'AB'.repeat(32);
    expect(parseHeadText(`History: 12 records · head ${h}`)).toEqual({ hash: h.toLowerCase(), count: 12 });
    expect(parseHeadText(h)).toEqual({ hash: h.toLowerCase() });
    expect(parseHeadText('no hash here 12')).toBeNull();
  });

  it('filters by kind, person, text and inclusive dates', async () => {
    const chain = await build(5);
    expect(filterHistory(chain, { kinds: ['genesis'] }).map((r) => r.seq)).toEqual([0]);
    expect(filterHistory(chain, { text: 'po-4' }).map((r) => r.seq)).toEqual([4]);
    expect(filterHistory(chain, { from: '2026-05-02', to: '2026-05-03' }).map((r) => r.seq)).toEqual([1, 2]);
    expect(filterHistory(chain, { who: 'bo' })).toEqual([]);
  });
});
