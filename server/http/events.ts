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
  const clients = new Set<ServerResponse>();
  let seq = 0;
  const stop = await db.listen(CHANGES_CHANNEL, (payload) => {
    seq++;
    const frame = `id: ${seq}\nevent: change\ndata: ${payload.replace(/\n/g, ' ')}\n\n`;
    for (const res of clients) res.write(frame);
  });
  // Comments keep proxies from closing an idle stream.
  const beat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, heartbeatMs);
  beat.unref();
  app.addHook('onClose', async () => {
    clearInterval(beat);
    for (const res of clients) res.end();
    await stop();
  });

  app.get('/api/events', async (req, reply) => {
    requireUser(req);
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
    clients.add(res);
    req.raw.on('close', () => clients.delete(res));
  });
}
