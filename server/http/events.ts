/**
 * Server-sent events: every open client hears each committed change, fed by
 * PostgreSQL LISTEN/NOTIFY (one listener per server process, fanned out), so
 * a change written through any server reaches every browser within moments.
 * Events carry what changed (entity and key), never the data: the client
 * re-reads through the API with its own rights.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { CHANGES_CHANNEL } from '../accounts';
import type { Db } from '../db';
import { requireUser } from './auth';

export async function registerEvents(app: FastifyInstance, db: Db, heartbeatMs = 25_000): Promise<void> {
  /** Open streams and the session (SHA-256 of its token) each was opened with. */
  const clients = new Map<ServerResponse, string>();
  let seq = 0;
  const stop = await db.listen(CHANGES_CHANNEL, (payload) => {
    seq++;
    const frame = `id: ${seq}\nevent: change\ndata: ${payload.replace(/\n/g, ' ')}\n\n`;
    for (const res of clients.keys()) res.write(frame);
  });
  // With each heartbeat (a comment, which keeps proxies from closing an idle stream), streams whose
  // session has ended — signed out, expired, account closed or past its last day — are closed.
  const beat = setInterval(() => {
    void (async () => {
      if (!clients.size) return;
      const asked = new Set(clients.values());
      const { rows } = await db.query<{ token_hash: string }>(
        `SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ANY($1::text[]) AND s.expires_at > now() AND NOT u.disabled
           AND (u.expires_on IS NULL OR u.expires_on >= current_date)`,
        [[...asked]],
      );
      const live = new Set(rows.map((r) => r.token_hash));
      for (const [res, hash] of clients) {
        // A stream opened while the query ran was not asked about: the next beat judges it.
        if (!asked.has(hash)) continue;
        if (live.has(hash)) res.write(': keep-alive\n\n');
        else {
          clients.delete(res);
          res.end('event: session-ended\ndata: {}\n\n');
        }
      }
    })().catch((e: unknown) => app.log.error(e));
  }, heartbeatMs);
  beat.unref();
  app.addHook('onClose', async () => {
    clearInterval(beat);
    for (const res of clients.keys()) res.end();
    await stop();
  });

  app.get('/api/events', async (req, reply) => {
    requireUser(req);
    const session = req.sessionHash!;
    // The stream bypasses Fastify's reply (and so compression, which would buffer it).
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n: connected\n\n');
    clients.set(res, session);
    req.raw.on('close', () => clients.delete(res));
  });
}
