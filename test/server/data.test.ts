// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harbour } from '../unit/domain/register/registerFixture';
import { type Client, type Harness, signedIn } from './harness';
import { PAT_REX_VERA, startTeam } from './support/team';

let h: Harness, pat: Client, rex: Client, vera: Client; // pat prepares and reviews, rex reviews, vera views
beforeAll(async () => ({ h, pat, rex, vera } = await startTeam(PAT_REX_VERA)), 120_000);
afterAll(() => h?.close());

describe('maker-checker on AGM outcomes', () => {
  it('a recorded outcome is pending until a second reviewer checks it; nobody checks their own', async () => {
    const proposed = await pat.request('POST', '/api/approvals', {
      resolutionId: 'agm-2026-cloud-services',
      outcome: 'approved',
      date: '2026-06-30',
    });
    expect(proposed.statusCode).toBe(202);
    const { changeId, status } = proposed.json();
    expect(status).toBe('pending');
    // Not in force yet: the binding cap must not move on one person's word.
    expect((await vera.get('/api/approvals')).json().approvals).toEqual([]);

    const own = await pat.request('POST', `/api/changes/${changeId}/check`, { decision: 'apply' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error).toBe('own-change');
    expect((await vera.get('/api/approvals')).json().approvals).toEqual([]);

    const checked = await rex.request('POST', `/api/changes/${changeId}/check`, { decision: 'apply' });
    expect(checked.statusCode).toBe(200);
    expect(checked.json().status).toBe('applied');
    expect((await vera.get('/api/approvals')).json().approvals).toEqual([
      { resolutionId: 'agm-2026-cloud-services', outcome: 'approved', date: '2026-06-30' },
    ]);
    // Checked once is final.
    expect((await rex.request('POST', `/api/changes/${changeId}/check`, { decision: 'reject' })).statusCode).toBe(409);
  });

  it('the database itself refuses a change request checked by its maker', async () => {
    const proposed = await rex.request('POST', '/api/approvals', {
      resolutionId: 'agm-2026-hardware-equipment',
      outcome: 'rejected',
      date: '2026-06-30',
    });
    const id = proposed.json().changeId as number;
    await expect(
      h.db.query(
        "UPDATE change_requests SET status = 'applied', checked_by = proposed_by, checked_at = now() WHERE id = $1",
        [id],
      ),
    ).rejects.toThrow(/check constraint/);
    // A rejection by someone else leaves the approvals as they were.
    expect(
      (await pat.request('POST', `/api/changes/${id}/check`, { decision: 'reject', note: 'wrong date' })).statusCode,
    ).toBe(200);
    const approvals = (await vera.get('/api/approvals')).json().approvals as { resolutionId: string }[];
    expect(approvals.map((a) => a.resolutionId)).toEqual(['agm-2026-cloud-services']);
  });

  it('an unknown resolution and a second pending change of the same resolution are refused', async () => {
    const unknown = await rex.request('POST', '/api/approvals', {
      resolutionId: 'agm-1999',
      outcome: 'approved',
      date: '1999-06-30',
    });
    expect(unknown.statusCode).toBe(422);
    const first = await rex.request('POST', '/api/approvals', {
      resolutionId: 'agm-2026-hardware-equipment',
      outcome: 'approved',
      date: '2026-06-30',
    });
    expect(first.statusCode).toBe(202);
    const second = await pat.request('POST', '/api/approvals', {
      resolutionId: 'agm-2026-hardware-equipment',
      outcome: 'rejected',
      date: '2026-06-30',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().changeId).toBe(first.json().changeId);
  });

  it('a preparer without the reviewer role may not record an outcome', async () => {
    await h.addUser('pia', ['preparer']);
    const pia = await signedIn(h, 'pia');
    const res = await pia.request('POST', '/api/approvals', {
      resolutionId: 'agm-2026-cloud-services',
      outcome: 'approved',
      date: '2026-06-30',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('threshold', () => {
  it('a new threshold takes effect only once checked', async () => {
    const none = { thresholdPercent: '80', thresholdSet: false, thresholdByAgreement: {} };
    expect((await vera.get('/api/settings')).json()).toEqual(none);
    const bad = await pat.request('PUT', '/api/settings/threshold', { thresholdPercent: '100.5' });
    expect(bad.statusCode).toBe(400);
    const p = await pat.request('PUT', '/api/settings/threshold', { thresholdPercent: '75.5' });
    expect(p.statusCode).toBe(202);
    expect((await vera.get('/api/settings')).json()).toEqual(none);
    await rex.request('POST', `/api/changes/${p.json().changeId}/check`, { decision: 'apply' });
    expect((await vera.get('/api/settings')).json()).toEqual({
      thresholdPercent: '75.5',
      thresholdSet: true,
      thresholdByAgreement: {},
    });
  });

  it('an agreement’s own threshold is proposed, checked by a second person, and removed the same way', async () => {
    const A = 'xiaomi-cooperation-framework-2025';
    const unknown = await pat.request('PUT', '/api/settings/threshold', {
      agreementId: 'nope',
      thresholdPercent: '75',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toBe('unknown-agreement');
    expect(
      (await vera.request('PUT', '/api/settings/threshold', { agreementId: A, thresholdPercent: '75' })).statusCode,
    ).toBe(403);

    const p = await pat.request('PUT', '/api/settings/threshold', { agreementId: A, thresholdPercent: '75' });
    expect(p.statusCode).toBe(202);
    // One pending change per agreement; another agreement's is a separate target.
    const again = await rex.request('PUT', '/api/settings/threshold', { agreementId: A, thresholdPercent: '70' });
    expect(again.statusCode).toBe(409);
    expect((await vera.get('/api/settings')).json().thresholdByAgreement).toEqual({});
    expect(
      (await pat.request('POST', `/api/changes/${p.json().changeId}/check`, { decision: 'apply' })).statusCode,
    ).toBe(403);
    await rex.request('POST', `/api/changes/${p.json().changeId}/check`, { decision: 'apply' });
    expect((await vera.get('/api/settings')).json()).toEqual({
      thresholdPercent: '75.5',
      thresholdSet: true,
      thresholdByAgreement: { [A]: '75' },
    });

    const clear = await rex.request('PUT', '/api/settings/threshold', { agreementId: A, thresholdPercent: null });
    expect(clear.statusCode).toBe(202);
    expect((await vera.get('/api/settings')).json().thresholdByAgreement).toEqual({ [A]: '75' });
    await pat.request('POST', `/api/changes/${clear.json().changeId}/check`, { decision: 'apply' });
    expect((await vera.get('/api/settings')).json().thresholdByAgreement).toEqual({});
  });
});

describe('cap register', () => {
  it('an agreement the domain refuses is 422 with every problem named', async () => {
    const broken = { ...harbour, term: { start: '2026-01-01', end: '2025-12-31' } };
    const res = await pat.request('PUT', `/api/register/${harbour.id}`, { agreement: broken });
    expect(res.statusCode).toBe(422);
    expect(res.json().issues.length).toBeGreaterThan(0);
    expect(res.json().issues[0].path).toMatch(/^agreements\[0\]\.term/);
  });

  it('a valid agreement is stored whole once checked, and its resolutions can then be voted on', async () => {
    const p = await pat.request('PUT', `/api/register/${harbour.id}`, { agreement: harbour });
    expect(p.statusCode).toBe(202);
    expect((await vera.get('/api/register')).json().agreements).toEqual([]);
    const resolution = 'u-harbour-services-framework--warehousing--meeting-2026-10-15';
    expect(
      (
        await rex.request('POST', '/api/approvals', {
          resolutionId: resolution,
          outcome: 'approved',
          date: '2026-10-15',
        })
      ).statusCode,
    ).toBe(422);
    await rex.request('POST', `/api/changes/${p.json().changeId}/check`, { decision: 'apply' });
    expect((await vera.get('/api/register')).json().agreements).toEqual([harbour]);
    expect(
      (
        await rex.request('POST', '/api/approvals', {
          resolutionId: resolution,
          outcome: 'approved',
          date: '2026-10-15',
        })
      ).statusCode,
    ).toBe(202);
  });

  it('pending changes are listed with who proposed them', async () => {
    const list = (await vera.get('/api/changes')).json().changes as {
      kind: string;
      target: string;
      proposedBy: string;
    }[];
    expect(list.map((c) => `${c.kind} ${c.target} ${c.proposedBy}`).sort()).toEqual([
      'approval agm-2026-hardware-equipment Rex Reviewer',
      'approval u-harbour-services-framework--warehousing--meeting-2026-10-15 Rex Reviewer',
    ]);
  });
});

describe('commentary', () => {
  it('every role writes commentary, kept per category and report date; blank removes it', async () => {
    const put = await vera.request('PUT', '/api/commentary/cloud-services/2026-06-30', {
      text: 'Usage 61.6% of the cap.',
    });
    expect(put.statusCode).toBe(200);
    const got = (await rex.get('/api/commentary?asOf=2026-06-30')).json().commentary;
    expect(got['cloud-services']).toMatchObject({ text: 'Usage 61.6% of the cap.', updatedBy: 'Vera Viewer' });
    expect((await rex.get('/api/commentary?asOf=2026-12-31')).json().commentary).toEqual({});
    await vera.request('PUT', '/api/commentary/cloud-services/2026-06-30', { text: '  ' });
    expect((await rex.get('/api/commentary?asOf=2026-06-30')).json().commentary).toEqual({});
  });

  it('refuses an unknown category, a bad date and over-long text', async () => {
    expect((await vera.request('PUT', '/api/commentary/no-such-category/2026-06-30', { text: 'x' })).statusCode).toBe(
      404,
    );
    expect((await vera.request('PUT', '/api/commentary/cloud-services/2026-02-30', { text: 'x' })).statusCode).toBe(
      400,
    );
    const long = await vera.request('PUT', '/api/commentary/cloud-services/2026-06-30', { text: 'x'.repeat(4001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().issues[0].path).toBe('text');
  });
});

describe('SQL-injection strings', () => {
  const nasty = [
    "'; DROP TABLE commentary; --",
    "Robert'); DELETE FROM users WHERE ('1'='1",
    '" OR 1=1 --',
    "$1 \\' \\\\ %_ ; SELECT pg_sleep(10)",
  ];

  it('are stored and returned verbatim in text, names and register documents', async () => {
    for (const [i, text] of nasty.entries()) {
      const res = await vera.request('PUT', `/api/commentary/idc-services/2026-0${i + 1}-28`, { text });
      expect(res.statusCode).toBe(200);
      expect((await rex.get(`/api/commentary?asOf=2026-0${i + 1}-28`)).json().commentary['idc-services'].text).toBe(
        text,
      );
    }
    await h.addUser('oconnor', ['viewer'], { displayName: nasty[1] });
    const o = await signedIn(h, 'oconnor');
    expect((await o.get('/api/session')).json().user.displayName).toBe(nasty[1]);

    const agreement = {
      ...harbour,
      id: 'u-injection-test',
      name: { en: nasty[0], zh: nasty[2] },
      categories: harbour.categories.map((c) => ({
        ...c,
        id: c.id.replace('u-harbour-services-framework', 'u-injection-test'),
        capLines: c.capLines.map((l) => ({
          ...l,
          id: l.id.replace('u-harbour-services-framework', 'u-injection-test'),
          versions: l.versions.map((v) => ({
            ...v,
            id: v.id.replace('u-harbour-services-framework', 'u-injection-test'),
          })),
        })),
        historicals: c.historicals.map((x) => ({
          ...x,
          id: x.id.replace('u-harbour-services-framework', 'u-injection-test'),
        })),
      })),
    };
    const p = await pat.request('PUT', '/api/register/u-injection-test', { agreement });
    expect(p.statusCode).toBe(202);
    await rex.request('POST', `/api/changes/${p.json().changeId}/check`, { decision: 'apply' });
    const stored = (await vera.get('/api/register')).json().agreements as { id: string; name: unknown }[];
    expect(stored.find((a) => a.id === 'u-injection-test')!.name).toEqual({ en: nasty[0], zh: nasty[2] });
    // Every table is still there and whole.
    const counts = await h.asOwner(
      async (q) => (await q.query('SELECT (SELECT count(*) FROM users)::int AS users')).rows[0],
    );
    expect(counts!.users).toBe(5);
  });

  it('in filters and paths are refused by the schema or found nowhere, never run', async () => {
    expect((await vera.get(`/api/commentary?asOf=${encodeURIComponent(nasty[0]!)}`)).statusCode).toBe(400);
    expect((await vera.get(`/api/changes?status=${encodeURIComponent(nasty[2]!)}`)).statusCode).toBe(400);
    expect((await vera.get(`/api/history?after=${encodeURIComponent('0 OR 1=1')}`)).statusCode).toBe(400);
    const path = await vera.request('PUT', `/api/commentary/${encodeURIComponent(nasty[0]!)}/2026-06-30`, {
      text: 'x',
    });
    expect(path.statusCode).toBe(404);
    const login = await rex.request('POST', '/api/login', { username: "' OR '1'='1", password: "' OR '1'='1" });
    expect(login.statusCode).toBe(401);
  });
});

describe('change history', () => {
  it('names the signed-in person for every effective change and verifies as one chain', async () => {
    const records = (await vera.get('/api/history?limit=1000')).json().records as {
      seq: number;
      actor: string;
      action: string;
      entity: string;
      entityKey: string;
    }[];
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    const threshold = records
      .filter((r) => r.entity === 'threshold')
      .map((r) => `${r.action} ${r.entityKey} by ${r.actor}`);
    const A = 'thresholdPercent@xiaomi-cooperation-framework-2025';
    expect(threshold).toEqual([
      'propose thresholdPercent by Pat Preparer (pat)',
      'apply thresholdPercent by Rex Reviewer (rex)',
      `propose ${A} by Pat Preparer (pat)`,
      `apply ${A} by Rex Reviewer (rex)`,
      `propose ${A} by Rex Reviewer (rex)`,
      `apply ${A} by Pat Preparer (pat)`,
    ]);
    expect((await vera.get('/api/history/verify')).json()).toEqual({ ok: true, records: records.length });
  });
});

describe('clearing an AGM outcome', () => {
  it('is a proposal too: the outcome stays in force until another reviewer checks the clearing', async () => {
    expect((await vera.request('DELETE', '/api/approvals/agm-2026-cloud-services')).statusCode).toBe(403);
    expect((await rex.request('DELETE', '/api/approvals/agm-2026-idc-services')).statusCode).toBe(404);
    const p = await rex.request('DELETE', '/api/approvals/agm-2026-cloud-services');
    expect(p.statusCode).toBe(202);
    const inForce = () =>
      vera
        .get('/api/approvals')
        .then((r) => (r.json().approvals as { resolutionId: string }[]).map((a) => a.resolutionId));
    expect(await inForce()).toContain('agm-2026-cloud-services');
    expect(
      (await rex.request('POST', `/api/changes/${p.json().changeId}/check`, { decision: 'apply' })).statusCode,
    ).toBe(403);
    expect(
      (await pat.request('POST', `/api/changes/${p.json().changeId}/check`, { decision: 'apply' })).statusCode,
    ).toBe(200);
    expect(await inForce()).not.toContain('agm-2026-cloud-services');
  });
});
