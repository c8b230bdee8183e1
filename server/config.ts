/** Command-line options of `npm run server` and the rule for where it may listen. */
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';

export const DEFAULT_PORT = 4180;
export const DEFAULT_DATA_DIR = './headroom-data';

export interface ServeConfig {
  command: 'serve' | 'create-admin' | 'backup' | 'help';
  /** create-admin: the user name; backup: the output file. */
  arg: string | null;
  displayName: string | null;
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  tlsCert: string | null;
  tlsKey: string | null;
  behindProxy: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Loopback: 127.0.0.0/8, ::1 and the name localhost. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '::ffff:127.0.0.1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * Anything but loopback carries passwords and session cookies over a network:
 * refused unless this server speaks TLS itself or sits behind a reverse proxy
 * that does (the operator says so with --behind-proxy).
 */
export function bindingProblem(host: string, tls: boolean, behindProxy: boolean): string | null {
  if (isLoopback(host) || tls || behindProxy) return null;
  return (
    `Refusing to listen on ${host}: beyond this machine, passwords and session cookies need TLS. ` +
    `Give --tls-cert FILE --tls-key FILE, or put a TLS reverse proxy in front and pass --behind-proxy ` +
    `(see "Team mode" in README.md), or listen on 127.0.0.1.`
  );
}

export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): ServeConfig {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'behind-proxy': { type: 'boolean' },
      'display-name': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [first, second, ...rest] = positionals;
  const command = values.help ? 'help' : first === undefined || first === 'serve' ? 'serve' : first;
  if (command !== 'serve' && command !== 'create-admin' && command !== 'backup' && command !== 'help') {
    throw new ConfigError(`Unknown command "${first}". Commands: serve (default), create-admin NAME, backup FILE.`);
  }
  if (rest.length || (command === 'serve' && second !== undefined)) {
    throw new ConfigError(`Unexpected argument "${rest[0] ?? second}".`);
  }
  if ((command === 'create-admin' || command === 'backup') && !second) {
    throw new ConfigError(command === 'create-admin' ? 'create-admin needs a user name.' : 'backup needs a file name.');
  }
  const portText = values.port ?? env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw new ConfigError(`Not a port: "${portText}".`);
  const tlsCert = values['tls-cert'] ?? null;
  const tlsKey = values['tls-key'] ?? null;
  if ((tlsCert === null) !== (tlsKey === null)) throw new ConfigError('TLS needs both --tls-cert and --tls-key.');
  return {
    command,
    arg: second ?? null,
    displayName: values['display-name'] ?? null,
    host: values.host ?? '127.0.0.1',
    port,
    dataDir: values.data ?? DEFAULT_DATA_DIR,
    databaseUrl: env.DATABASE_URL || null,
    tlsCert,
    tlsKey,
    behindProxy: values['behind-proxy'] ?? false,
  };
}

export const HELP = `Headroom team mode: the app and its JSON API on one port, data in PostgreSQL.

  npm run server [-- OPTIONS]                 start the server
  npm run server -- create-admin NAME         create an admin (password read from standard input)
  npm run server -- backup FILE.sql           embedded database only: an SQL dump (pg_dump format)

Options:
  --port N            port (default ${DEFAULT_PORT}, or PORT)
  --host ADDRESS      address to listen on (default 127.0.0.1; others need TLS or --behind-proxy)
  --data DIR          embedded database folder (default ${DEFAULT_DATA_DIR}); ignored with DATABASE_URL
  --tls-cert FILE     certificate (PEM) to serve HTTPS
  --tls-key FILE      its private key (PEM)
  --behind-proxy      a TLS reverse proxy is in front: trust X-Forwarded-For, mark cookies Secure
  --display-name TEXT create-admin: the name shown in the change history (default NAME)

Environment:
  DATABASE_URL        an existing PostgreSQL 15+ (postgres://user:password@host:5432/db);
                      without it the embedded PostgreSQL (PGlite) in --data is used
`;
