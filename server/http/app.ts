/**
 * The team-mode HTTP server: the built app (dist/) and the JSON API on one port.
 *
 * Framework: Fastify 5 (supports Node 20; schema-free here because valibot
 * validates every input), chosen for its hooks (one place for sessions and
 * CSRF), its request injection (the API tests run without sockets), and its
 * maintained plugins for what we need and nothing more: @fastify/compress
 * (brotli/gzip), @fastify/cookie, @fastify/static (with precompressed files).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { CHANGES_CHANNEL } from '../accounts';
import type { Db } from '../db';
import { DEFAULT_COST_LOG2 } from '../auth/passwords';
import { type AuthOptions, DEFAULT_AUTH, registerAuth } from './auth';
import { registerControls } from './controls';
import { registerData } from './data';
import { errorBody, HttpError, refuse } from './errors';
import { registerEvents } from './events';
import { registerEvidence } from './evidence';
import { registerDuplicatePreview } from '../ledger/storedDuplicates';
import { registerLedger } from './ledger';
import { ReadCache } from './readCache';
import { registerUsers } from './users';

export interface AppOptions {
  db: Db;
  /** The built app; absent or missing: API only. */
  distDir?: string;
  auth?: Partial<AuthOptions>;
  passwordCostLog2?: number;
  /** Trust X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
  https?: { key: Buffer; cert: Buffer };
  logger?: FastifyServerOptions['logger'];
  /** Event-stream heartbeat and session re-check (default 25 s). */
  eventsHeartbeatMs?: number;
}

// Used when there is no built app to take the policy from (API only).
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The policy the built index.html carries in its <meta> tag (the app loads
 * nothing from elsewhere), sent as a header too, with what a meta tag cannot
 * say — the same rule as scripts/serve.mjs for `npm start`.
 */
function contentSecurityPolicy(indexHtml: string): string {
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml);
  return meta ? `${meta[1]}; frame-ancestors 'none'; form-action 'self'` : API_CSP;
}

const MODE_META = /<meta\s+name="headroom-mode"\s+content="[^"]*"\s*\/?>/;

/**
 * The built index.html as this server sends it: its `headroom-mode` tag says "team", so the
 * app chooses the server adapter as it starts, without asking the server first (a round trip
 * every screen's first paint waited for). The built page says "local" (`npm start`).
 */
export function teamIndexHtml(indexHtml: string): string {
  const tag = '<meta name="headroom-mode" content="team" />';
  if (MODE_META.test(indexHtml)) return indexHtml.replace(MODE_META, tag);
  return indexHtml.replace(/<head>|<!doctype html>/i, (m) => `${m}${tag}`);
}

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logger ?? false,
    trustProxy: o.trustProxy ?? false,
    bodyLimit: 5 * 1024 * 1024,
    ...(o.https ? { https: o.https } : {}),
  } as FastifyServerOptions);
  // JSON only: a cross-site HTML form can send text/plain or form data without a preflight, never JSON.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch {
      done(refuse(400, 'bad-json', 'bad-json', {}), undefined);
    }
  });

  const dist = o.distDir ? resolve(o.distDir) : null;
  const hasApp = dist !== null && existsSync(join(dist, 'index.html'));
  const builtIndex = hasApp ? readFileSync(join(dist, 'index.html'), 'utf8') : '';
  const csp = hasApp ? contentSecurityPolicy(builtIndex) : API_CSP;
  const indexHtml = teamIndexHtml(builtIndex);

  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(fastifyCookie);

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', csp);
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof HttpError) {
      return reply.code(err.status).send(errorBody(err));
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.statusCode && e.statusCode < 500) {
      return reply.code(e.statusCode).send({ error: e.code ?? 'bad-request', message: e.message });
    }
    req.log.error(err);
    return reply.code(500).send(errorBody(refuse(500, 'internal', 'internal', {})));
  });

  const cost = o.passwordCostLog2 ?? DEFAULT_COST_LOG2;
  registerAuth(app, o.db, { ...DEFAULT_AUTH, ...o.auth }, cost);
  registerUsers(app, o.db, cost);
  registerData(app, o.db);
  // The generation also moves on with every change notice, whichever server process wrote it.
  const cache = new ReadCache(o.db.generation);
  const stopGeneration = await o.db.listen(CHANGES_CHANNEL, () => o.db.generation.bump());
  app.addHook('onClose', async () => stopGeneration());
  app.decorate('readCache', cache);
  registerLedger(app, o.db, cache);
  registerControls(app, o.db);
  registerEvidence(app, o.db);
  registerDuplicatePreview(app, o.db);
  await registerEvents(app, o.db, o.eventsHeartbeatMs);
  // Expired sessions are useless; sweep them hourly so the table stays small.
  const sweep = setInterval(
    () => void o.db.query('DELETE FROM sessions WHERE expires_at <= now()').catch((e: unknown) => app.log.error(e)),
    3_600_000,
  );
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));
  app.get('/api/health', async () => ({ ok: true }));
  // The app's page says it is the team's (teamIndexHtml); a page without that tag (one kept
  // by an older service worker) asks this: an answer means team mode (`npm start` has no API).
  app.get('/api/mode', async () => ({ mode: 'team' }));

  // The app's page, with its team-mode tag: at / and /index.html (the service worker fetches
  // it there to keep for offline use) and, below, for every client-side route.
  const sendIndex = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  if (hasApp) {
    app.get('/', async (_req, reply) => sendIndex(reply));
    app.get('/index.html', async (_req, reply) => sendIndex(reply));
    await app.register(fastifyStatic, {
      root: dist,
      preCompressed: true,
      wildcard: true,
      index: false,
      setHeaders(reply, path) {
        // Vite fingerprints everything under assets/: cache it for good; the rest must revalidate.
        reply.header(
          'cache-control',
          path.includes(`${join(dist, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasApp || req.method !== 'GET') {
      return reply.code(404).send({ error: 'not-found', message: `No route ${req.method} ${req.url.split('?')[0]}.` });
    }
    // Client-side routes (/agreements/…, /report, …) are the app's index page.
    return sendIndex(reply);
  });
  return app;
}
