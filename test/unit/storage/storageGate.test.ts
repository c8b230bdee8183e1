/**
 * The IndexedDB adapter holds its storage code until the app says the first screen has
 * painted (holdStorageUntil, src/storage/dexieRepositories.ts): a read asked for before
 * then is answered after, with the stored figures; a failed signal never blocks reads.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dexieRepositories, holdStorageUntil } from '../../../src/storage/dexieRepositories';

afterEach(() => holdStorageUntil(Promise.resolve()));

const tick = () => new Promise((r) => setTimeout(r, 30));

describe('storage held until the first screen has painted', () => {
  it('a read waits for the signal, then answers with what is stored', async () => {
    const repos = dexieRepositories();
    await repos.settings.saveThresholdPercent('85');
    let painted!: () => void;
    holdStorageUntil(new Promise<void>((resolve) => (painted = resolve)));
    let answer: unknown;
    const read = repos.settings.load().then((s) => (answer = s));
    await tick();
    await tick();
    expect(answer).toBeUndefined();
    painted();
    await read;
    expect(answer).toMatchObject({ thresholdPercent: '85' });
  });

  it('a signal that fails releases the reads too', async () => {
    holdStorageUntil(Promise.reject(new Error('no screen')));
    await expect(dexieRepositories().register.list()).resolves.toEqual([]);
  });
});
