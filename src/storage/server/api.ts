/**
 * The team server's JSON API as the browser reaches it: same origin, the
 * session in an httpOnly cookie the browser sends by itself, the CSRF token
 * (handed out at sign-in and by GET /api/session) in X-CSRF-Token on every
 * write. A refused request becomes a ServerRequestError carrying the server's
 * own English message ("This needs the role preparer.") and, when the server
 * sent them, the catalogue key and values of its wording
 * (src/ui/messages/apiErrors.ts), which the screens word in the user's language.
 */
import { keepRead, keptRead, markReached, markShownFromCache, TEAM_FLAG } from './readCache';

export class ServerRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** The catalogue key of the refusal's wording and the values it names (absent: only the message). */
    readonly key?: string,
    readonly params?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ServerRequestError';
  }
}

export interface SessionUser {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly ('admin' | 'preparer' | 'reviewer' | 'viewer')[];
  readonly expiresOn: string | null;
}

/** Answers of a proxy whose team server is down: the same as no answer. */
const UNREACHABLE = new Set([502, 503, 504]);

export class ServerApi {
  private csrf: string | null = null;
  /** Told when the server answers 401: the session ended (signed out elsewhere, expired). */
  onSessionLost: () => void = () => {};

  setCsrf(token: string | null): void {
    this.csrf = token;
  }

  private async send<T>(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (method !== 'GET' && this.csrf) h['x-csrf-token'] = this.csrf;
    let res: Response | null = null;
    try {
      res = await fetch(path, { method, headers: h, body, credentials: 'same-origin', cache: 'no-store' });
    } catch {
      // The network failed: no answer from the server at all.
    }
    if (!res || UNREACHABLE.has(res.status)) {
      // Offline: a read is answered from the last one kept, marked "as at" its time; a write is refused.
      const kept = method === 'GET' ? await keptRead(path) : null;
      if (kept) {
        markShownFromCache(kept.at);
        return JSON.parse(kept.text) as T;
      }
      // Worded by the screens from the key (src/ui/messages/apiErrors.ts, which storage does not import).
      throw new ServerRequestError(
        0,
        'offline',
        method === 'GET'
          ? 'The team server cannot be reached, and this browser has no earlier copy of this data.'
          : 'The team server cannot be reached: nothing can be changed until it can. The data shown is an earlier copy, read-only.',
        {},
        method === 'GET' ? 'offline-read' : 'offline-write',
        {},
      );
    }
    const text = await res.text();
    let json: Record<string, unknown>;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      throw new ServerRequestError(res.status, 'bad-response', `The server answered ${res.status} without JSON.`);
    }
    if (!res.ok) {
      if (res.status === 401 && path !== '/api/login') this.onSessionLost();
      const { error, message, key, params, ...extra } = json;
      throw new ServerRequestError(
        res.status,
        String(error ?? 'error'),
        String(message ?? `The server refused (${res.status}).`),
        extra,
        typeof key === 'string' ? key : undefined,
        params && typeof params === 'object' ? (params as Record<string, unknown>) : undefined,
      );
    }
    markReached();
    if (method === 'GET') void keepRead(path, text);
    return json as T;
  }

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  write<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return body === undefined
      ? this.send<T>(method, path)
      : this.send<T>(method, path, JSON.stringify(body), { 'content-type': 'application/json' });
  }

  /** A file's bytes (not JSON) with the response headers; a refusal is a ServerRequestError as for JSON. */
  async bytes(path: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; headers: Headers } | null> {
    let res: Response;
    try {
      res = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
    } catch {
      throw new ServerRequestError(0, 'offline', 'The team server cannot be reached: documents open when it can.');
    }
    if (res.status === 404) return null;
    if (!res.ok) {
      if (res.status === 401) this.onSessionLost();
      let json: Record<string, unknown> = {};
      try {
        json = (await res.json()) as Record<string, unknown>;
      } catch {
        // no JSON: the status says enough
      }
      throw new ServerRequestError(
        res.status,
        String(json.error ?? 'error'),
        String(json.message ?? `The server refused (${res.status}).`),
        {},
        typeof json.key === 'string' ? json.key : undefined,
        json.params && typeof json.params === 'object' ? (json.params as Record<string, unknown>) : undefined,
      );
    }
    return { bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
  }

  /** A file as the request body: the browser streams a Blob from its own storage. */
  upload<T>(path: string, file: Blob, headers: Record<string, string>): Promise<T> {
    return this.send<T>('POST', path, file, { 'content-type': 'text/csv', ...headers });
  }
}

/** Query string of the defined values. */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * What the page says about where it was served from: the team server sends the app's page
 * with `<meta name="headroom-mode" content="team">`, the built page says "local"; null when
 * the page has no such tag (one kept by an older service worker), and the server is asked.
 */
export function pageMode(doc: Document | undefined = globalThis.document): 'team' | 'local' | null {
  const mode = doc?.querySelector('meta[name="headroom-mode"]')?.getAttribute('content');
  return mode === 'team' || mode === 'local' ? mode : null;
}

/**
 * Whether this page was served by the team server: it answers GET /api/mode
 * with JSON. The static server of `npm start` has no API (its answer is not
 * that JSON), and offline the request fails: both mean the local mode.
 */
export async function detectTeamServer(): Promise<boolean> {
  let res: Response;
  try {
    res = await fetch('/api/mode', { cache: 'no-store', credentials: 'same-origin' });
  } catch {
    // Offline: a team server's page stays the team's (its last data, read-only); else the local mode.
    return remembered() === '1';
  }
  let team = false;
  try {
    if (res.ok && (res.headers.get('content-type') ?? '').includes('application/json')) {
      team = ((await res.json()) as { mode?: unknown }).mode === 'team';
    }
  } catch {
    team = false;
  }
  try {
    if (team) localStorage.setItem(TEAM_FLAG, '1');
    else localStorage.removeItem(TEAM_FLAG);
  } catch {
    // storage refused: nothing remembered
  }
  return team;
}

function remembered(): string | null {
  try {
    return localStorage.getItem(TEAM_FLAG);
  } catch {
    return null;
  }
}
