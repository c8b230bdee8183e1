import { beforeEach, describe, expect, it } from 'vitest';
import { HeadroomDb, setDbForTests } from '../../../src/storage/db';
import { COMMENTARY_MAX_CHARS, listCommentary, saveCommentary } from '../../../src/storage/commentary';

let n = 0;
beforeEach(() => {
  n += 1;
  setDbForTests(new HeadroomDb(`commentary-test-${n}`));
});

describe('report commentary storage', () => {
  it('keeps commentary per category and as-of date', async () => {
    await saveCommentary('cloud-services', '2026-06-30', 'Revised cap of 4,000.0 put to the AGM.');
    await saveCommentary('hardware-equipment', '2026-06-30', 'No purchases before April 23.');
    await saveCommentary('cloud-services', '2025-12-31', 'Utilisation 97.6%.');
    const june = await listCommentary('2026-06-30');
    expect(Object.keys(june).sort()).toEqual(['cloud-services', 'hardware-equipment']);
    expect(june['cloud-services']!.text).toBe('Revised cap of 4,000.0 put to the AGM.');
    expect((await listCommentary('2025-12-31'))['cloud-services']!.text).toBe('Utilisation 97.6%.');
  });

  it('replaces on save and removes a blank commentary', async () => {
    await saveCommentary('idc-services', '2026-06-30', 'first');
    await saveCommentary('idc-services', '2026-06-30', 'second');
    expect((await listCommentary('2026-06-30'))['idc-services']!.text).toBe('second');
    await saveCommentary('idc-services', '2026-06-30', '   ');
    expect(await listCommentary('2026-06-30')).toEqual({});
  });

  it('rejects a bad date or over-long text and keeps what was stored', async () => {
    await saveCommentary('api-services', '2026-06-30', 'kept');
    await expect(saveCommentary('api-services', '2026-02-30', 'x')).rejects.toThrow(/Not a valid date/);
    await expect(saveCommentary('api-services', '2026-06-30', 'x'.repeat(COMMENTARY_MAX_CHARS + 1))).rejects.toThrow(
      /limited to 4000/,
    );
    expect((await listCommentary('2026-06-30'))['api-services']!.text).toBe('kept');
  });
});
