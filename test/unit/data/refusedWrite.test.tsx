/**
 * A write the team server refused, as the team bar shows it ("Not saved: …"):
 * the refusal travels as its catalogue key and values and is worded in the
 * user's language — a viewer's write reads in Chinese in the zh UI.
 */
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appMessages } from '../../../src/app/messages';
import { dismissRefusedWrite, reportWriteError, useRefusedWrite } from '../../../src/data/team';
import { ServerRequestError } from '../../../src/storage/server/api';
import { useErrorText, useLocaleStore, useT } from '../../../src/ui/i18n';

/** The team bar's refusal line (src/app/TeamBar.tsx) on its own. */
function Refused() {
  const t = useT(appMessages);
  const errorText = useErrorText();
  const refused = useRefusedWrite();
  return <p data-testid="write-refused">{refused ? t('teamRefused', { message: errorText(refused) }) : ''}</p>;
}

const forbidden = () =>
  new ServerRequestError(403, 'forbidden', 'This needs the role reviewer.', {}, 'forbidden', { roles: ['reviewer'] });

describe('a refused write in the user language', () => {
  afterEach(() => {
    act(() => dismissRefusedWrite());
    useLocaleStore.getState().setLocale('en');
  });

  it('a viewer recording an AGM outcome: English as the server said it, Chinese from the same key', () => {
    render(<Refused />);
    act(() => reportWriteError(forbidden()));
    expect(screen.getByTestId('write-refused').textContent).toBe('Not saved: This needs the role reviewer.');
    act(() => useLocaleStore.getState().setLocale('zh'));
    expect(screen.getByTestId('write-refused').textContent).toBe('未保存：此操作需要复核人角色。');
  });

  it('a maker checking their own change, and a refusal from an older server without a key', () => {
    act(() => useLocaleStore.getState().setLocale('zh'));
    render(<Refused />);
    act(() =>
      reportWriteError(
        new ServerRequestError(
          403,
          'own-change',
          'Nobody checks their own change: a second person must check it.',
          {},
          'own-change',
          {},
        ),
      ),
    );
    expect(screen.getByTestId('write-refused').textContent).toBe(
      '未保存：任何人都不能复核自己提出的变更：须由另一人复核。',
    );
    act(() => reportWriteError(new ServerRequestError(409, 'stale', 'The agreement changed meanwhile.')));
    expect(screen.getByTestId('write-refused').textContent).toBe('未保存：The agreement changed meanwhile.');
  });
});
