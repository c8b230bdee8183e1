// @vitest-environment node
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from '../../src/domain/history/canonicalJson';
import { appendHistory, GENESIS_HASH, verifyHistory } from '../../server/history/chain';
import { type Harness, startHarness } from './harness';

describe("canonical JSON (the app's own, src/domain/history: one RFC 8785 implementation for browser and server)", () => {
  it('sorts keys at every depth, drops undefined members and keeps strings exact', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 'é', y: undefined, x: -0.5 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"x":-0.5,"z":"é"}}',
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(CanonicalJsonError);
  });
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(() => h?.close());

describe('change history in the database', () => {
  it('chains each record to the previous one by SHA-256 of its canonical JSON', async () => {
    const first = await h.db.tx((q) =>
      appendHistory(
        q,
        { actorId: null, actor: 'test', action: 'save', entity: 'note', entityKey: 'a', detail: { text: 'one' } },
        new Date('2026-06-30T08:00:00.000Z'),
      ),
    );
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    // The hashed text, written out by hand.
    const text =
      '{"action":"save","actor":"test","actorId":null,"at":"2026-06-30T08:00:00.000Z","detail":{"text":"one"},' +
      `"entity":"note","entityKey":"a","prevHash":"${GENESIS_HASH}","seq":1}`;
    expect(first.hash).toBe(createHash('sha256').update(text).digest('hex'));
    const second = await h.db.tx((q) =>
      appendHistory(q, {
        actorId: null,
        actor: 'test',
        action: 'save',
        entity: 'note',
        entityKey: 'b',
        detail: { n: 2 },
      }),
    );
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(await verifyHistory(h.db)).toEqual({ ok: true, records: 2 });
  });

  it.each(['UPDATE change_history SET actor = $1', 'DELETE FROM change_history WHERE actor <> $1'])(
    'the application role may not run %s (privilege revoked)',
    async (sql) => {
      await expect(h.db.query(sql, ['someone else'])).rejects.toMatchObject({ code: '42501' });
    },
  );

  it('the application role may not TRUNCATE it', async () => {
    await expect(h.db.query('TRUNCATE change_history')).rejects.toMatchObject({ code: '42501' });
  });

  it('even the table owner is refused by the trigger: the database itself says no', async () => {
    await h.asOwner(async (q) => {
      await expect(q.query('UPDATE change_history SET actor = $1', ['someone else'])).rejects.toThrow(
        /append-only: UPDATE on change_history refused/,
      );
      await expect(q.query('DELETE FROM change_history')).rejects.toThrow(/append-only: DELETE/);
      await expect(q.query('TRUNCATE change_history')).rejects.toThrow(/append-only: TRUNCATE/);
      await expect(q.query('DELETE FROM login_events')).rejects.toThrow(/append-only: DELETE on login_events/);
    });
    expect(await verifyHistory(h.db)).toEqual({ ok: true, records: 2 });
  });

  it('a record altered behind the triggers breaks the chain at that record', async () => {
    await h.db.tx((q) =>
      appendHistory(q, { actorId: null, actor: 'test', action: 'save', entity: 'note', entityKey: 'c', detail: {} }),
    );
    // Only the owner can switch the trigger off, and that leaves the chain to tell.
    await h.asOwner(async (q) => {
      await q.query('ALTER TABLE change_history DISABLE TRIGGER change_history_append_only');
      await q.query('UPDATE change_history SET detail = $1 WHERE seq = 2', [JSON.stringify({ n: 3 })]);
      await q.query('ALTER TABLE change_history ENABLE TRIGGER change_history_append_only');
    });
    expect(await verifyHistory(h.db)).toEqual({ ok: false, records: 1, brokenAt: 2, reason: 'record altered' });
  });
});
