/**
 * A screen with a shell (src/app/App.tsx RouteScreen): the shell's heading paints in the app's
 * first frame, and it stays the same element while the screen's code downloads afterwards. A new
 * element with the same heading, two frames after the first paint, made Chromium often report the
 * largest paint 35-50 ms late (the new element's paint, not the first one).
 */
import { act, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RouteScreen } from '../../../src/app/App';
import { lazyPage, type AppRoute } from '../../../src/app/routes';
import { oneTask, stubFramesAsTimeouts } from '../frames';

function Shell() {
  return <h1>Continuing connected transactions</h1>;
}

let release: (m: { Page: () => React.JSX.Element }) => void = () => undefined;
const route: AppRoute = {
  path: '/report',
  page: lazyPage(
    () => new Promise<{ Page: () => React.JSX.Element }>((resolve) => (release = resolve)),
    (m) => m.Page,
  ),
  shell: Shell,
};
beforeEach(stubFramesAsTimeouts);
afterEach(() => vi.unstubAllGlobals());

describe('RouteScreen', () => {
  it('keeps the shell’s heading element on the page while the screen’s code downloads, then shows the screen', async () => {
    render(
      // As in App: the screen's Suspense boundary shows the shell while code is missing.
      <Suspense fallback={<Shell />}>
        <RouteScreen route={route} />
      </Suspense>,
    );
    const first = screen.getByRole('heading');
    // The shell has painted (two frames); the screen's code is asked for and has not arrived.
    for (let i = 0; i < 4; i++) await oneTask();
    expect(screen.getByRole('heading')).toBe(first);
    expect(first.isConnected).toBe(true);

    await act(async () => release({ Page: () => <h1>The board report</h1> }));
    expect(screen.getByRole('heading').textContent).toBe('The board report');
  });
});
