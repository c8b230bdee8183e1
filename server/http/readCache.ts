/**
 * A cache of the read-mostly aggregate responses every open browser (and the
 * load test's viewers) polls: the overview, the ledger totals and summaries,
 * the batches and their totals. Fifty viewers reading the overview otherwise
 * recompute the same figures, serialise and compress them fifty times over
 * while an import competes for the same cores.
 *
 * Never stale after a write is answered: a response is kept per data
 * generation (server/db/types.ts DataGeneration) and query. The generation
 * moves on synchronously right after each of this process's own data-changing
 * transactions commits — before the write is answered — and on every change
 * notice (LISTEN/NOTIFY) from any server process, so a read that starts after
 * a write was acknowledged never meets a response computed before it. A
 * computation that started under an older generation is not kept (it may have
 * read the data before the change), and while the LISTEN connection is lost
 * nothing is reused. Pending imports count in the figures ("pending review"),
 * so starting, checking, rejecting and rolling back an import move the
 * generation as every other write does.
 *
 * The responses cached carry nothing that depends on who asks (the routes
 * need a session, checked before the cache is asked): the key is the route
 * and its validated query. Each response is kept as its JSON text, and once
 * per encoding compressed (brotli at quality 4, as @fastify/compress; gzip):
 * a reused answer costs no query, no serialisation and no compression.
 */
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataGeneration } from '../db/types';

/** Below this size a response goes uncompressed (as @fastify/compress's threshold in app.ts). */
const COMPRESS_THRESHOLD = 1024;

interface Entry {
  generation: number;
  body: Promise<Buffer>;
  br?: Buffer;
  gzip?: Buffer;
}

/** The encoding to answer with: brotli, then gzip, else none (q=0 refuses one). */
export function chooseEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
    if (name) accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (e: string) => (accepted.get(e) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  /** Answers served from a kept response, and answers computed (for tests and the curious). */
  hits = 0;
  misses = 0;

  constructor(
    private readonly generation: DataGeneration,
    private readonly maxEntries = 200,
  ) {}

  /** The JSON text of `compute()` for `key` under the current generation, computed at most once for it. */
  private async entry(key: string, compute: () => Promise<unknown>): Promise<Entry> {
    const g = this.generation.value;
    const trusted = this.generation.listening;
    const kept = this.entries.get(key);
    if (trusted && kept && kept.generation === g) {
      this.hits++;
      await kept.body;
      return kept;
    }
    this.misses++;
    const entry: Entry = { generation: g, body: compute().then((v) => Buffer.from(JSON.stringify(v))) };
    if (trusted) {
      // Oldest first out: re-inserting keeps the map in order of last computation.
      this.entries.delete(key);
      this.entries.set(key, entry);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    const drop = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    try {
      await entry.body;
    } catch (e) {
      drop();
      throw e;
    }
    // Started under an older generation: it may have read the data before the change.
    if (this.generation.value !== g) drop();
    return entry;
  }

  /** Answers `req` with the response for `key` (computed by `compute` when none is kept). */
  async send(req: FastifyRequest, reply: FastifyReply, key: string, compute: () => Promise<unknown>) {
    const e = await this.entry(key, compute);
    const body = await e.body;
    reply.type('application/json; charset=utf-8');
    const encoding = body.length < COMPRESS_THRESHOLD ? null : chooseEncoding(req.headers['accept-encoding']);
    reply.header('vary', 'accept-encoding');
    if (encoding === 'br') {
      e.br ??= brotliCompressSync(body, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
      });
      return reply.header('content-encoding', 'br').send(e.br);
    }
    if (encoding === 'gzip') {
      e.gzip ??= gzipSync(body);
      return reply.header('content-encoding', 'gzip').send(e.gzip);
    }
    return reply.send(body);
  }
}
