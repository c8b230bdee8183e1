/**
 * Which adapter the app starts with (src/data/team.ts chooseRepositories): the page says it
 * (the team server sends index.html with headroom-mode "team", the built page says "local"),
 * so neither mode waits for a request before the first render; only a page without the tag
 * (an older one kept by a service worker) asks GET /api/mode.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseRepositories } from '../../../src/data/team';
import { repositories, selectRepositories } from '../../../src/data/repositories';
import { pageMode } from '../../../src/storage/server/api';
import { dexieRepositories } from '../../../src/storage/dexieRepositories';

function setModeTag(mode: string | null) {
  document.head.querySelector('meta[name="headroom-mode"]')?.remove();
  if (mode === null) return;
  const meta = document.createElement('meta');
  meta.name = 'headroom-mode';
  meta.content = mode;
  document.head.append(meta);
}

let requests: string[];
beforeEach(() => {
  requests = [];
  vi.stubGlobal('fetch', async (url: string) => {
    requests.push(url);
    return new Response(JSON.stringify({ mode: 'team' }), { headers: { 'content-type': 'application/json' } });
  });
  selectRepositories(dexieRepositories());
});
afterEach(() => {
  setModeTag(null);
  selectRepositories(dexieRepositories());
});

describe('choosing the adapter from the page', () => {
  it('reads the tag: team, local, or nothing said', () => {
    setModeTag('team');
    expect(pageMode()).toBe('team');
    setModeTag('local');
    expect(pageMode()).toBe('local');
    setModeTag('something else');
    expect(pageMode()).toBeNull();
    setModeTag(null);
    expect(pageMode()).toBeNull();
  });

  it('a local page starts with IndexedDB without asking the server', async () => {
    setModeTag('local');
    expect(await chooseRepositories()).toBe('local');
    expect(requests).toEqual([]);
    expect(repositories().team).toBeUndefined();
  });

  it("the team server's page starts with the server adapter without asking first", async () => {
    setModeTag('team');
    expect(await chooseRepositories()).toBe('team');
    expect(requests).toEqual([]);
    expect(repositories().team).toBeDefined();
  });

  it('a page without the tag asks GET /api/mode', async () => {
    setModeTag(null);
    expect(await chooseRepositories()).toBe('team');
    expect(requests).toEqual(['/api/mode']);
  });
});
