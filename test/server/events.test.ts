// @vitest-environment node
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, signedIn, startHarness } from './harness';

let h: Harness;
let base: string;
beforeAll(async () => {
  // A short heartbeat so a stream whose session ended is closed within the test.
  h = await startHarness({}, undefined, 200);
  await h.addUser('vera', ['viewer']);
  await h.addUser('pat', ['preparer', 'reviewer']);
  await h.addUser('rex', ['reviewer']);
  base = await h.app.listen({ host: '127.0.0.1', port: 0 });
}, 120_000);
afterAll(() => h?.close());

/** Reads server-sent events until one with `event: change` arrives; returns its data. */
async function nextChange(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('The event stream ended');
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = frame.split('\n');
      if (lines.includes('event: change')) {
        return JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6)) as Record<string, unknown>;
      }
    }
  }
}

async function openStream(cookie: string) {
  const res = await fetch(`${base}/api/events`, { headers: { cookie, accept: 'text/event-stream' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  return res.body!.getReader();
}

it('needs a session', async () => {
  expect((await fetch(`${base}/api/events`)).status).toBe(401);
});

it("a change by one person reaches every other open client's event stream (LISTEN/NOTIFY)", async () => {
  const vera = await signedIn(h, 'vera');
  const rex = await signedIn(h, 'rex');
  const pat = await signedIn(h, 'pat');
  const [veraStream, rexStream] = await Promise.all([openStream(vera.cookie!), openStream(rex.cookie!)]);

  const proposed = await pat.request('PUT', '/api/settings/threshold', { thresholdPercent: '70' });
  expect(proposed.statusCode).toBe(202);
  const pending = {
    entity: 'change',
    key: String(proposed.json().changeId),
    kind: 'threshold',
    target: 'thresholdPercent',
    status: 'pending',
  };
  expect(await nextChange(veraStream)).toEqual(pending);
  expect(await nextChange(rexStream)).toEqual(pending);

  await rex.request('POST', `/api/changes/${proposed.json().changeId}/check`, { decision: 'apply' });
  expect(await nextChange(veraStream)).toEqual({
    entity: 'threshold',
    key: 'thresholdPercent',
    change: proposed.json().changeId,
    status: 'applied',
  });
  await veraStream.cancel();
  await rexStream.cancel();
});

it('a write that fails announces nothing: notifications are sent on commit only', async () => {
  const vera = await signedIn(h, 'vera');
  const stream = await openStream(vera.cookie!);
  // Refused inside its transaction (unknown category) — then a good one.
  expect((await vera.request('PUT', '/api/commentary/no-such/2026-06-30', { text: 'x' })).statusCode).toBe(404);
  expect((await vera.request('PUT', '/api/commentary/api-services/2026-06-30', { text: 'ok' })).statusCode).toBe(200);
  // The first commentary announcement is the good write's. (Skipping other entities: the previous
  // test's last notices can reach this new stream late on PostgreSQL, where LISTEN delivers apart.)
  let first = await nextChange(stream);
  while (first.entity !== 'commentary') first = await nextChange(stream);
  expect(first).toEqual({ entity: 'commentary', key: 'api-services@2026-06-30' });
  await stream.cancel();
});

it('a stream ends when its session does (signed out)', async () => {
  await h.addUser('sam', ['viewer']);
  const sam = await signedIn(h, 'sam');
  const stream = await openStream(sam.cookie!);
  expect((await sam.request('POST', '/api/logout', {})).statusCode).toBe(200);
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await stream.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  expect(text).toContain('event: session-ended');
});
