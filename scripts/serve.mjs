#!/usr/bin/env node
/**
 * Serves the production build the way it is meant to be deployed: the brotli or gzip
 * file written at build time (scripts/precompress.mjs) when the browser accepts it,
 * hashed files under /assets cached for a year as immutable, everything else
 * (index.html, the service worker, the manifest) revalidated on every load so a new
 * release is seen at once, index.html for every route (the app routes in the browser),
 * and the security headers a static host should send.
 *
 * Usage: node scripts/serve.mjs [--port N] [--host H] [--dir dist]
 *        (port: --port, else $PORT, else 4173; host: --host, else $HOST, else localhost)
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sirv from 'sirv';

const args = process.argv.slice(2);
function option(name) {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}
if (args.includes('--help')) {
  console.log('Usage: node scripts/serve.mjs [--port N] [--host H] [--dir dist]');
  process.exit(0);
}

const port = Number(option('port') ?? process.env.PORT ?? 4173);
const host = option('host') ?? process.env.HOST ?? 'localhost';
const dir = resolve(option('dir') ?? 'dist');
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: invalid port "${option('port') ?? process.env.PORT}"`);
  process.exit(2);
}
const indexFile = join(dir, 'index.html');
if (!existsSync(indexFile)) {
  console.error(`serve: ${indexFile} not found; build first (npm run build)`);
  process.exit(1);
}

/**
 * The same policy index.html carries in its <meta> tag, sent as a header as well so
 * it also covers what a meta tag cannot (frame-ancestors: no framing of the app).
 */
function contentSecurityPolicy() {
  const html = readFileSync(indexFile, 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!meta) throw new Error(`serve: no Content-Security-Policy meta tag in ${indexFile}`);
  return `${meta[1]}; frame-ancestors 'none'; form-action 'self'`;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

const serveStatic = sirv(dir, {
  brotli: true,
  gzip: true,
  single: true,
  etag: true,
  setHeaders(res, pathname) {
    // Vite puts a content hash in every file name under /assets: it never changes.
    res.setHeader(
      'Cache-Control',
      pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
  },
});

const server = createServer((req, res) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  serveStatic(req, res, () => {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
  });
});

server.on('error', (err) => {
  console.error(`serve: ${err.code === 'EADDRINUSE' ? `port ${port} is already in use` : err.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const address = server.address();
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  console.log(`Headroom is served from ${dir} at http://${shown}:${address.port}/`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
