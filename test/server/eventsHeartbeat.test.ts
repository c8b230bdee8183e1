// @vitest-environment node
/**
 * The event stream's heartbeat closes the streams whose session has ended. A stream opened
 * while a heartbeat's session query was running was not part of that query; it must not be
 * taken for a stream whose session ended (it was closed with "session-ended", which a
 * browser reads as being signed out: seen as a flaky server test on a slow machine).
 */
import Fastify from 'fastify';
import { afterEach, expect, it } from 'vitest';
import type { Db } from '../../server/db/types';
import { registerEvents } from '../../server/http/events';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

/** Reads a stream until `want` appears in it, or fails after `ms`. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, want: RegExp, ms = 3000): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  while (!want.test(text)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`not seen in ${ms} ms: ${want}; got ${JSON.stringify(text)}`);
    const next = await Promise.race([reader.read(), new Promise<'late'>((r) => setTimeout(() => r('late'), left))]);
    if (next === 'late') continue;
    if (next.done) return text;
    text += decoder.decode(next.value, { stream: true });
  }
  return text;
}

it('a stream opened during a heartbeat is judged by the next one, not ended', async () => {
  // Session queries: the first is held until released; every later one finds every session live.
  let release!: () => void;
  const firstHeld = new Promise<void>((r) => (release = r));
  const asked: string[][] = [];
  const db = {
    listen: async () => async () => undefined,
    query: async (_sql: string, params: [string[]]) => {
      asked.push([...params[0]]);
      if (asked.length === 1) await firstHeld;
      return { rows: params[0].map((token_hash) => ({ token_hash })) };
    },
  } as unknown as Db;
  // Open streams are cut when the app closes, so a failing test cannot hang its clean-up.
  const app = Fastify({ forceCloseConnections: true });
  app.decorateRequest('user', null);
  app.decorateRequest('sessionHash', null);
  app.addHook('onRequest', async (req) => {
    const session = req.headers['x-session'];
    if (typeof session === 'string') {
      req.user = { id: 1, name: session, roles: ['viewer'], expiresOn: null } as unknown as typeof req.user;
      req.sessionHash = session;
    }
  });
  await registerEvents(app, db, 50);
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  close = () => app.close();
  const open = async (session: string) =>
    (await fetch(`${base}/api/events`, { headers: { 'x-session': session } })).body!.getReader();

  const a = await open('session-a');
  await readUntil(a, /: connected/);
  // The first heartbeat asks about session-a and waits; session-b's stream opens meanwhile.
  while (asked.length === 0) await new Promise((r) => setTimeout(r, 10));
  const b = await open('session-b');
  await readUntil(b, /: connected/);
  release();
  // The next heartbeat asks about both; b lives on and hears the keep-alive.
  const seen = await readUntil(b, /: keep-alive/);
  expect(seen).not.toContain('session-ended');
  expect(asked[0]).toEqual(['session-a']);
  expect(asked.some((q) => q.includes('session-b'))).toBe(true);
  await a.cancel();
  await b.cancel();
});
