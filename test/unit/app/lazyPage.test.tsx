/**
 * A screen whose code has already arrived renders in the first render, without the
 * "loading" fallback (src/app/routes.tsx lazyPage): main.tsx waits for the address's
 * screen before the first render, and the frame and the screen paint together.
 */
import { render } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import { lazyPage } from '../../../src/app/routes';

function Screen() {
  return <h1>Board report</h1>;
}

describe('lazyPage', () => {
  it('renders a preloaded screen at once', async () => {
    const page = lazyPage(
      async () => ({ Screen }),
      (m) => m.Screen,
    );
    await page.preload();
    const { container } = render(
      <Suspense fallback={<p>loading</p>}>
        <page.Component />
      </Suspense>,
    );
    expect(container.textContent).toBe('Board report');
  });

  it('shows the fallback while the code is still coming, then the screen', async () => {
    let arrive!: () => void;
    const page = lazyPage(
      () => new Promise<{ Screen: typeof Screen }>((resolve) => (arrive = () => resolve({ Screen }))),
      (m) => m.Screen,
    );
    const view = render(
      <Suspense fallback={<p>loading</p>}>
        <page.Component />
      </Suspense>,
    );
    expect(view.container.textContent).toBe('loading');
    arrive();
    expect(await view.findByRole('heading')).toHaveTextContent('Board report');
  });
});
