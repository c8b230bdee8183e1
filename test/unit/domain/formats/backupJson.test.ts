import { describe, expect, it } from 'vitest';
import { backupReplacer, backupReviver, type BackupJsonProblem } from '../../../../src/domain/formats/backupJson';

function read(text: string): { value: unknown; problems: BackupJsonProblem[] } {
  const problems: BackupJsonProblem[] = [];
  const value = JSON.parse(
    text,
    backupReviver((p) => void problems.push(p)),
  );
  return { value, problems };
}

describe('backup JSON encoding', () => {
  it('round-trips bigints and typed arrays exactly', () => {
    const row = {
      total: 74_910_000_000n,
      negative: -1n,
      day: Int32Array.from([20567, 20568]),
      amountMinor: Float64Array.from([100, 99_999.5]),
      keys: BigInt64Array.from([2n ** 62n]),
    };
    const text = JSON.stringify(row, backupReplacer);
    expect(text).toContain('{"$bigint":"74910000000"}');
    const { value, problems } = read(text);
    expect(problems).toEqual([]);
    expect(value).toEqual(row);
    expect((value as typeof row).day).toBeInstanceOf(Int32Array);
  });

  it('writes a view of part of a buffer, not the whole buffer', () => {
    const whole = Int32Array.from([1, 2, 3, 4]);
    const text = JSON.stringify({ part: whole.subarray(1, 3) }, backupReplacer);
    expect((read(text).value as { part: Int32Array }).part).toEqual(Int32Array.from([2, 3]));
  });

  it.each<[string, string, BackupJsonProblem]>([
    ['a malformed big integer', '{"a":{"$bigint":"12x"}}', { code: 'bad-bigint' }],
    ['an unknown array type', '{"a":{"$typed":"DataView","base64":""}}', { code: 'unknown-typed', type: 'DataView' }],
    [
      'bytes that are not base64',
      '{"a":{"$typed":"Int32Array","base64":"!!"}}',
      { code: 'bad-base64', type: 'Int32Array' },
    ],
    [
      'a column cut inside an element',
      '{"a":{"$typed":"Int32Array","base64":"AQID"}}',
      { code: 'partial-element', type: 'Int32Array' },
    ],
  ])('reports %s and, when the caller goes on, keeps the plain object', (_, text, problem) => {
    const { value, problems } = read(text);
    expect(problems).toEqual([problem]);
    expect(value).toEqual(JSON.parse(text));
  });

  it('refuses to write a typed array it could not read back', () => {
    expect(() => JSON.stringify({ v: new Float16ArrayLike() }, backupReplacer)).toThrow(
      'Cannot back up a Float16ArrayLike',
    );
  });
});

/** A typed-array-like view the format does not know (stands in for types added to the language later). */
class Float16ArrayLike extends Uint16Array {}
