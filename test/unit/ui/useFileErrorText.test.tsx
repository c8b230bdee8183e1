import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RulesFileError } from '../../../src/domain/classify/rulesFile';
import { useErrorText, useLocaleStore } from '../../../src/ui/i18n';
import { useFileErrorText } from '../../../src/ui/useFileErrorText';

const refused = new RulesFileError([
  { kind: 'bad-json', fileName: 'rules.json', reason: 'Unexpected end of JSON input' },
]);

describe('error wording hooks', () => {
  afterEach(() => useLocaleStore.getState().setLocale('en'));

  it('a refused rules file is worded with its file name on the screens that read files, in both languages', () => {
    const en = renderHook(() => useFileErrorText()).result.current(refused);
    expect(en).toContain('rules.json');
    expect(en).toContain('not valid JSON');
    useLocaleStore.getState().setLocale('zh');
    const zh = renderHook(() => useFileErrorText()).result.current(refused);
    expect(zh).toContain('rules.json');
    expect(zh).not.toContain('not valid JSON');
  });

  it('the first-load hook keeps any other error as its message (the rules catalogue is not in the entry)', () => {
    expect(renderHook(() => useErrorText()).result.current(new Error('disk full'))).toBe('disk full');
    expect(renderHook(() => useFileErrorText()).result.current(new Error('disk full'))).toBe('disk full');
  });

  it('a refused write kept as a record (no catalogue key) shows its message, not "[object Object]"', () => {
    const record = { status: 409, message: 'The team ledger is not empty.', key: undefined, at: 0, offline: false };
    expect(renderHook(() => useErrorText()).result.current(record)).toBe('The team ledger is not empty.');
  });
});
