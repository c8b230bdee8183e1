/**
 * Duplicate matching of src/domain/ledger/duplicates.ts, table-driven and
 * without storage: stored rows are given as their key hashes, the way the
 * ledger keeps them. Day 20_458 = 2026-01-05.
 */
import { describe, expect, it } from 'vitest';
import { packStrings } from '../../../../src/domain/import/accepted';
import {
  Candidates,
  chunkOf,
  groupCandidates,
  incomingDayRange,
  MATCH_SLICE,
  matchKeyHashes,
  sameRowKey,
  storedLayout,
} from '../../../../src/domain/ledger/duplicates';
import { hashColumns, rowKeyHash } from '../../../../src/domain/ledger/keys';
import type { LedgerColumns } from '../../../../src/domain/ledger/types';

const CATS = ['cloud-services', 'idc-services'] as const;
type Row = [day: number, cat: 0 | 1, minor: number, reference: string];

function columns(list: readonly Row[]): LedgerColumns {
  return {
    length: list.length,
    day: Int32Array.from(list, (r) => r[0]),
    category: Uint8Array.from(list, (r) => r[1]),
    amountMinor: Float64Array.from(list, (r) => r[2]),
    reference: packStrings(list.map((r) => r[3])),
    description: packStrings(list.map(() => '')),
  };
}

function hashesOf(list: readonly Row[]): Uint32Array {
  const c = columns(list);
  const out = new Uint32Array(2 * c.length);
  hashColumns(c.day, c.category, CATS, c.amountMinor, c.reference, out);
  return out;
}

/** Runs the generator to its end; returns the candidates and how many times it paused. */
function drain(gen: Generator<void, Candidates, void>): { candidates: Candidates; pauses: number } {
  let pauses = 0;
  for (;;) {
    const step = gen.next();
    if (step.done) return { candidates: step.value, pauses };
    pauses++;
  }
}

describe('incomingDayRange', () => {
  const cases: [string, number[], number[] | undefined, { minDay: number; maxDay: number } | null][] = [
    ['every row', [20_460, 20_458, 20_530], undefined, { minDay: 20_458, maxDay: 20_530 }],
    ['skipped rows do not widen the range', [20_460, 20_458, 20_530], [0, 1, 1], { minDay: 20_460, maxDay: 20_460 }],
    ['every row skipped', [20_460], [1], null],
    ['no rows', [], undefined, null],
  ];
  it.each(cases)('%s', (_name, days, skip, want) => {
    expect(incomingDayRange(Int32Array.from(days), skip ? Uint8Array.from(skip) : undefined)).toEqual(want);
  });
});

describe('storedLayout and chunkOf: a stored position names its chunk', () => {
  // Chunks of 3, 0 and 2 rows, then 4 manual rows.
  const layout = storedLayout([new Uint32Array(6), new Uint32Array(0), new Uint32Array(4)], 4);
  it('positions', () => {
    expect([...layout.chunkStart]).toEqual([0, 3, 3, 5]);
    expect(layout.chunkRows).toBe(5);
    expect(layout.stored).toBe(9);
  });
  it.each([
    [0, 0],
    [2, 0],
    [3, 2], // the empty chunk holds nothing
    [4, 2],
  ])('position %i is in chunk %i', (p, c) => {
    expect(chunkOf(layout, p)).toBe(c);
  });
});

describe('matchKeyHashes, groupCandidates and sameRowKey', () => {
  const stored1: Row[] = [
    [20_458, 0, 123_456_789, 'INV-2026-0001'],
    [20_458, 0, 123_456_789, 'INV-2026-0002'],
    [20_459, 1, 1_410_000, 'IDC-7'],
  ];
  const stored2: Row[] = [[20_530, 0, -5_000_00, 'CN-0003']];
  const manual: Row[] = [[20_460, 1, 99_900, '']];
  const manualHashes = manual.map((r) => rowKeyHash(r[0], CATS[r[1]], r[2], r[3]));

  const incoming: Row[] = [
    [20_458, 0, 123_456_789, 'INV-2026-0002'], // 0: chunk 0 row 1
    [20_458, 0, 123_456_789, 'INV-2026-0003'], // 1: another reference
    [20_459, 0, 1_410_000, 'IDC-7'], // 2: another category
    [20_530, 0, -5_000_00, 'CN-0003'], // 3: chunk 1 row 0 (a credit note)
    [20_460, 1, 99_900, ''], // 4: the manual row
    [20_460, 1, 99_901, ''], // 5: one fen more
  ];
  const cols = columns(incoming);
  const chunkHashes = [hashesOf(stored1), hashesOf(stored2)];
  const layout = storedLayout(chunkHashes, manual.length);

  // [name, skip, rows confirmed as duplicates with the stored position each repeats]
  const cases: [string, number[] | undefined, [number, number][]][] = [
    [
      'every row checked',
      undefined,
      [
        [0, 1],
        [3, 3],
        [4, 4],
      ],
    ],
    ['skipped rows are never candidates', [1, 0, 0, 1, 0, 0], [[4, 4]]],
  ];
  it.each(cases)('%s', (_name, skipList, want) => {
    const skip = skipList ? Uint8Array.from(skipList) : undefined;
    const { candidates } = drain(matchKeyHashes(cols, CATS, chunkHashes, manualHashes, skip));
    const storedRow = (p: number): Row =>
      p >= layout.chunkRows ? manual[p - layout.chunkRows]! : [...stored1, ...stored2][p]!;
    const confirmed: [number, number][] = [];
    const groups = groupCandidates(candidates, layout);
    for (const k of [...groups.manual, ...[...groups.byChunk.values()].flat()]) {
      const i = candidates.incoming(k);
      const p = candidates.stored(k);
      const [day, cat, amountMinor, reference] = storedRow(p);
      if (sameRowKey(cols, CATS, i, { day, categoryId: CATS[cat], amountMinor, reference })) confirmed.push([i, p]);
    }
    expect(confirmed.sort((a, b) => a[0] - b[0])).toEqual(want);
  });

  it('groups candidates by chunk so each chunk is read once, manual rows apart', () => {
    const { candidates } = drain(matchKeyHashes(cols, CATS, chunkHashes, manualHashes));
    const groups = groupCandidates(candidates, layout);
    expect(groups.manual.map((k) => candidates.incoming(k))).toEqual([4]);
    expect([...groups.byChunk.keys()].sort()).toEqual([0, 1]);
    expect(groups.byChunk.get(0)!.map((k) => candidates.incoming(k))).toEqual([0]);
    expect(groups.byChunk.get(1)!.map((k) => candidates.incoming(k))).toEqual([3]);
  });

  it('indexes the smaller side either way with the same answer', () => {
    // 6 incoming against 4 stored (stored indexed), and 6 against 4 + 3 000 stored (incoming indexed).
    const filler: Row[] = Array.from({ length: 3000 }, (_, r) => [20_600 + r, 1, r + 1, `F${r}`]);
    const big = [hashesOf(stored1), hashesOf(stored2), hashesOf(filler)];
    const pairs = (c: Candidates) =>
      Array.from({ length: c.length }, (_, k) => [c.incoming(k), c.stored(k)]).sort((a, b) => a[0]! - b[0]!);
    const small = drain(matchKeyHashes(cols, CATS, chunkHashes, manualHashes)).candidates;
    const large = drain(matchKeyHashes(cols, CATS, big, manualHashes)).candidates;
    expect(pairs(small)).toEqual([
      [0, 1],
      [3, 3],
      [4, 4],
    ]);
    // The manual row's position moves behind the 3 000 filler rows.
    expect(pairs(large)).toEqual([
      [0, 1],
      [3, 3],
      [4, 3004],
    ]);
  });

  it('pauses after every slice of work and never in between', () => {
    const n = MATCH_SLICE + 1;
    const many = columns(Array.from({ length: n }, (_, i): Row => [20_458, 0, i, `R${i}`]));
    // Hashing 2 slices, indexing the stored side (2 chunks), probing 2 slices.
    expect(drain(matchKeyHashes(many, CATS, chunkHashes, manualHashes)).pauses).toBe(2 + 2 + 2);
  });

  it('Candidates grows past its first 1,024 pairs', () => {
    const c = new Candidates();
    for (let k = 0; k < 3000; k++) c.add(k, 2 ** 40 + k);
    expect([c.length, c.incoming(2999), c.stored(2999)]).toEqual([3000, 2999, 2 ** 40 + 2999]);
  });
});
