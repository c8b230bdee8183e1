import { beforeEach, describe, expect, it } from 'vitest';
import { registerFile } from '../../../src/domain/register';
import { HeadroomDb, setDbForTests } from '../../../src/storage/db';
import {
  deleteRegisterAgreement,
  exportRegisterJson,
  importRegisterJson,
  listRegister,
  RegisterValidationError,
  saveRegisterAgreement,
} from '../../../src/storage/register';
import { harbour } from '../domain/register/registerFixture';

let n = 0;
beforeEach(() => {
  setDbForTests(new HeadroomDb(`register-test-${Date.now()}-${n++}`));
});

const second = {
  ...harbour,
  id: 'u-second',
  name: { en: 'Second agreement', zh: '第二份协议' },
  categories: [] as typeof harbour.categories,
};
const secondValid = {
  ...second,
  categories: harbour.categories.map((c) =>
    JSON.parse(JSON.stringify(c).replaceAll('u-harbour-services-framework', 'u-second')),
  ),
};

async function rejection(p: Promise<unknown>): Promise<RegisterValidationError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RegisterValidationError) return e;
    throw e;
  }
  throw new Error('expected a RegisterValidationError');
}

describe('register storage', () => {
  it('saves, lists in insertion order, replaces by id and deletes', async () => {
    await saveRegisterAgreement(harbour);
    await saveRegisterAgreement(secondValid);
    expect((await listRegister()).map((a) => a.id)).toEqual(['u-harbour-services-framework', 'u-second']);
    await saveRegisterAgreement({ ...harbour, source: 'Edited' });
    const list = await listRegister();
    expect(list.map((a) => a.id)).toEqual(['u-harbour-services-framework', 'u-second']);
    expect(list[0]!.source).toBe('Edited');
    expect(list[0]).not.toHaveProperty('position');
    await deleteRegisterAgreement('u-harbour-services-framework');
    expect((await listRegister()).map((a) => a.id)).toEqual(['u-second']);
  });

  it('refuses an invalid agreement and stores nothing', async () => {
    const e = await rejection(saveRegisterAgreement(second));
    expect(e.issues).toEqual([{ path: 'categories', code: 'no-categories' }]);
    expect(await listRegister()).toEqual([]);
  });

  it('refuses a name another stored agreement uses', async () => {
    await saveRegisterAgreement(harbour);
    const e = await rejection(
      saveRegisterAgreement({ ...secondValid, name: { en: 'harbour services framework agreement', zh: '' } }),
    );
    expect(e.issues[0]).toMatchObject({ path: 'name.en', code: 'duplicate-name' });
    expect((await listRegister()).length).toBe(1);
  });

  it('exports and re-imports: same ids replace, nothing duplicated', async () => {
    await saveRegisterAgreement(harbour);
    const text = await exportRegisterJson(new Date('2026-07-01T00:00:00Z'));
    expect(JSON.parse(text)).toMatchObject({
      format: 'headroom-register',
      version: 1,
      exportedAt: '2026-07-01T00:00:00.000Z',
    });
    expect(await importRegisterJson(text)).toBe(1);
    expect(await listRegister()).toEqual([harbour]);
    await deleteRegisterAgreement(harbour.id);
    expect(await importRegisterJson(text)).toBe(1);
    expect(await listRegister()).toEqual([harbour]);
  });

  it('an import with one bad agreement writes nothing', async () => {
    await saveRegisterAgreement(secondValid);
    const bad = JSON.parse(JSON.stringify(harbour));
    bad.categories[0].capLines[0].versions[0].amount = '12.345.6';
    const e = await rejection(importRegisterJson(JSON.stringify(registerFile([harbour, bad], 'x'))));
    expect(e.issues.map((i) => i.code)).toContain('bad-amount');
    expect((await listRegister()).map((a) => a.id)).toEqual(['u-second']);
  });

  it('an import whose name clashes with a stored agreement is refused as a whole', async () => {
    await saveRegisterAgreement(harbour);
    const clash = { ...secondValid, name: harbour.name };
    const e = await rejection(importRegisterJson(JSON.stringify(registerFile([clash], 'x'))));
    expect(e.issues.some((i) => i.code === 'duplicate-name')).toBe(true);
    expect((await listRegister()).map((a) => a.id)).toEqual([harbour.id]);
  });
});

describe('register in the full backup', () => {
  it('a backup carries the register and a restore brings it back; an invalid register in a backup changes nothing', async () => {
    const { exportBackup, restoreBackup } = await import('../../../src/storage/backup');
    await saveRegisterAgreement(harbour);
    const text = await (await exportBackup()).blob.text();
    await deleteRegisterAgreement(harbour.id);
    await saveRegisterAgreement(secondValid);
    await restoreBackup(text);
    expect(await listRegister()).toEqual([harbour]);

    const tampered = JSON.parse(text) as { tables: Record<string, unknown[]> };
    const rows = Object.entries(tampered.tables).find(([k]) => /register/i.test(k));
    expect(rows).toBeDefined();
    (rows![1][0] as { name: unknown }).name = 42;
    await expect(restoreBackup(JSON.stringify(tampered))).rejects.toThrow();
    expect(await listRegister()).toEqual([harbour]);
  });
});
