// @vitest-environment node
/**
 * The team adapter's controls (src/storage/server/serverRepositories.ts)
 * against the real server: the repository interfaces the screens use give
 * the same answers, and the same errors, as the local stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../src/domain/alerts/alertLog';
import { EMPTY_CONFIG, RulesFileError, serialiseRulesFile } from '../../src/domain/classify/rulesFile';
import { rulesFileErrorText } from '../../src/ui/messages/connectedIssues';
import { kingsoftCloudXiaomi2026 } from '../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { BUILT_IN_ENTITIES } from '../../src/domain/parties/entities';
import type { UncappedResolution } from '../../src/domain/uncapped';
import type { Repositories } from '../../src/storage/repositories';
import { ServerApi, ServerRequestError } from '../../src/storage/server/api';
import { serverRepositories } from '../../src/storage/server/serverRepositories';
import { type Client, type Harness, signedIn, startHarness } from './harness';

/** The adapter's API over Fastify's request injection, with a signed-in client's cookie and CSRF token. */
class InjectedApi extends ServerApi {
  constructor(private readonly client: Client) {
    super();
  }
  private async answer<T>(res: { statusCode: number; body: string; json: () => unknown }): Promise<T> {
    if (res.statusCode >= 400) {
      const b = res.json() as { error: string; message: string };
      throw new ServerRequestError(res.statusCode, b.error, b.message, b as never);
    }
    return res.json() as T;
  }
  override async get<T>(path: string): Promise<T> {
    return this.answer<T>(await this.client.get(path));
  }
  override async write<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return this.answer<T>(await this.client.request(method, path, body));
  }
}

let h: Harness;
let pia: Repositories;
let rex: Repositories;
let vera: Repositories;
beforeAll(async () => {
  h = await startHarness();
  await h.addUser('pia', ['preparer'], { displayName: 'Pia Preparer' });
  await h.addUser('rex', ['reviewer'], { displayName: 'Rex Reviewer' });
  await h.addUser('vera', ['viewer'], { displayName: 'Vera Viewer' });
  const repos = async (u: string) => {
    const r = serverRepositories(new InjectedApi(await signedIn(h, u)));
    await r.team!.session();
    return r;
  };
  [pia, rex, vera] = await Promise.all([repos('pia'), repos('rex'), repos('vera')]);
}, 120_000);
afterAll(() => h?.close());

const RESOLUTION: UncappedResolution = {
  id: 'idc-services:2028-01-01:2028-01-31',
  categoryId: 'idc-services',
  start: '2028-01-01',
  end: '2028-01-31',
  amountMinor: '990000',
  count: 2,
  outcome: 'misclassified',
  movedTo: 'cloud-services',
  note: 'booked to the wrong account',
  recordedAt: '2028-02-03T10:00:00.000Z',
};

const ALERT: AlertRecord = {
  id: 'idc-services|2026-01-01|threshold',
  categoryId: 'idc-services',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  state: 'threshold',
  crossedOn: null,
  detectedOn: '2026-08-01',
  figures: {
    actualMinor: '10',
    capMinor: '12',
    thresholdPercent: '80',
    utilisationPercent: '83.3',
    currency: 'RMB',
    through: '2026-07-31',
  },
  source: { kind: 'disclosure', ref: 'idc-services:2026-04-23' },
  boardRequired: false,
  acknowledged: null,
  reportedToManagement: null,
  reportedToBoard: null,
};

describe('team adapter: controls', () => {
  it('uncapped resolutions: save, list, remove (returns what was removed); a malformed one is a RangeError', async () => {
    await pia.uncappedResolutions.save(RESOLUTION);
    expect(await vera.uncappedResolutions.list()).toEqual([RESOLUTION]);
    await expect(pia.uncappedResolutions.save({ ...RESOLUTION, note: ' ' })).rejects.toThrow(RangeError);
    expect(await rex.uncappedResolutions.remove(RESOLUTION.id)).toEqual(RESOLUTION);
    expect(await rex.uncappedResolutions.remove(RESOLUTION.id)).toBeUndefined();
    expect(await vera.uncappedResolutions.list()).toEqual([]);
  });

  it('alerts: a viewer’s evaluation writes nothing; a preparer’s logs once; handling out of order is a RangeError', async () => {
    expect(await vera.alerts.create([ALERT])).toEqual([]);
    expect(await vera.alerts.list()).toEqual([]);
    expect(await pia.alerts.create([ALERT])).toEqual([ALERT]);
    expect(await rex.alerts.create([ALERT])).toEqual([]);
    await expect(
      rex.alerts.recordHandling(ALERT.id, 'reportedToBoard', { on: '2026-08-02', by: 'Rex', note: '' }),
    ).rejects.toThrow(new RangeError('Report it to senior management first.'));
    await rex.alerts.recordHandling(ALERT.id, 'acknowledged', { on: '2026-08-02', by: 'Rex', note: 'seen' });
    expect((await vera.alerts.list())[0]!.acknowledged).toEqual({ on: '2026-08-02', by: 'Rex', note: 'seen' });
    expect(await vera.alerts.overdueDays()).toBe(3);
    await rex.alerts.saveOverdueDays(2);
    expect(await vera.alerts.overdueDays()).toBe(2);
    await expect(pia.alerts.saveOverdueDays(1)).rejects.toMatchObject({ status: 403 });
  });

  it('rules: a proposal shows in the checks with what it holds, in force once checked; a bad file is a RulesFileError', async () => {
    const config = {
      ...EMPTY_CONFIG,
      entities: BUILT_IN_ENTITIES,
      rules: [
        {
          id: 'rule-1',
          name: 'IDC',
          categoryId: 'idc-services',
          conditions: [{ column: '科目编码', op: 'equals' as const, value: '6001.02' }],
        },
      ],
    };
    const bad = serialiseRulesFile({ ...config, rules: [{ ...config.rules[0]!, categoryId: 'nope' }] });
    const err = await pia.parties.importConfig(bad, 'bad.json', kingsoftCloudXiaomi2026).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RulesFileError);
    // The server's problems come back as data: the app words them in either language.
    expect(rulesFileErrorText(err as RulesFileError, 'en')).toContain('bad.json: rules[0]: rule 1 ("');
    expect(rulesFileErrorText(err as RulesFileError, 'en')).toContain('"nope" is not a category');
    expect(rulesFileErrorText(err as RulesFileError, 'zh')).toContain('“nope”不是类别');

    await pia.parties.saveConfig(config, kingsoftCloudXiaomi2026);
    expect((await vera.parties.config()).rules).toEqual([]);
    const [pending] = await rex.team!.pendingChecks();
    expect(pending).toMatchObject({
      type: 'change',
      kind: 'rules',
      target: 'connected-persons',
      proposedBy: 'Pia Preparer',
      rules: { entities: 1, rules: 1, fileName: '' },
    });
    await rex.team!.check(pending!, 'apply');
    expect(await vera.parties.config()).toEqual(config);
  });

  it('the change history names each control change with the kinds the history page knows', async () => {
    const records = await vera.history.list();
    const kinds = records.filter((r) => r.kind !== 'user').map((r) => `${r.kind} ${r.who}`);
    expect(kinds).toEqual([
      'uncapped-resolve Pia Preparer (pia)',
      'uncapped-reopen Rex Reviewer (rex)',
      'alert-created Pia Preparer (pia)',
      'alert-acknowledged Rex Reviewer (rex)',
      'alert-settings Rex Reviewer (rex)',
      'rule Pia Preparer (pia)',
      'rule Rex Reviewer (rex)',
    ]);
    expect((await vera.history.verify()).ok).toBe(true);
  });
});
