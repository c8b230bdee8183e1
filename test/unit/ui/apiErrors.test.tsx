/**
 * The team server's refusals loaded on demand (src/ui/messages/apiRefusals.ts,
 * kept out of the first load): a refusal of that catalogue shows its English
 * message until the catalogue is loaded, then its words in the user's language.
 * This file imports only the first-load catalogue (apiErrors.ts) itself.
 */
import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  errorText,
  furtherRefusalsLoaded,
  isApiErrorKey,
  needsFurtherRefusals,
} from '../../../src/ui/messages/apiErrors';
import { useErrorText, useLocaleStore } from '../../../src/ui/i18n';

// A refusal of the on-demand catalogue as the browser's API client holds it.
const noBatch = { status: 404, code: 'not-found', message: 'No batch 12.', key: 'no-batch', params: { id: 12 } };

describe('before the on-demand refusals are loaded', () => {
  // These run first: this file imports only the first-load catalogue until the hook loads the other.
  it('a refusal of the first-load catalogue is worded at once; one of the other shows its English message', () => {
    expect(furtherRefusalsLoaded()).toBe(false);
    expect(errorText({ key: 'no-session', params: {} }, 'zh')).toBe('请先登录。');
    expect(needsFurtherRefusals(noBatch)).toBe(true);
    expect(needsFurtherRefusals({ key: 'no-session' })).toBe(false);
    expect(needsFurtherRefusals(new Error('disk full'))).toBe(false);
    expect(isApiErrorKey('no-batch')).toBe(false);
    expect(errorText(noBatch, 'zh')).toBe('No batch 12.');
  });

  it('the hook loads them and words the refusal in Chinese once they are here', async () => {
    useLocaleStore.getState().setLocale('zh');
    const hook = renderHook(() => useErrorText());
    expect(hook.result.current(noBatch)).toBe('No batch 12.');
    await waitFor(() => expect(furtherRefusalsLoaded()).toBe(true));
    await waitFor(() => expect(hook.result.current(noBatch)).toBe('没有批次 12。'));
    expect(needsFurtherRefusals(noBatch)).toBe(false);
  });
  afterEach(() => useLocaleStore.getState().setLocale('en'));
});
