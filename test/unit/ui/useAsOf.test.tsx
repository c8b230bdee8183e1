import { act, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
import { describe, expect, it } from 'vitest';
import { memo } from 'react';
import { useCarriedHref, useDeferredCarriedHref } from '../../../src/ui/links';
import { useAsOf } from '../../../src/ui/useAsOf';

function Probe() {
  const [asOf, setAsOf] = useAsOf();
  const location = useLocation();
  const navigate = useNavigate();
  const href = useCarriedHref();
  return (
    <div>
      <output data-testid="link">{href('/report')}</output>
      <output data-testid="as-of">{asOf}</output>
      <output data-testid="search">{location.search}</output>
      <button onClick={() => setAsOf('2026-06-30')}>june</button>
      <button onClick={() => setAsOf('2026-07-31')}>july</button>
      <button onClick={() => navigate('/?asOf=2026-01-31&tab=x')}>link</button>
    </div>
  );
}

let navRenders = 0;
const DeferredNav = memo(function DeferredNav({ href }: { href: (path: string) => string }) {
  navRenders++;
  return <output data-testid="nav-link">{href('/report')}</output>;
});

function NavProbe() {
  return <DeferredNav href={useDeferredCarriedHref()} />;
}

describe('useAsOf', () => {
  it('gives links outside the screen the new date one deferred render later, and keeps its builder until then', async () => {
    render(
      <MemoryRouter initialEntries={['/?asOf=2026-05-31']}>
        <Probe />
        <NavProbe />
      </MemoryRouter>,
    );
    expect(screen.getByTestId('nav-link').textContent).toBe('/report?asOf=2026-05-31');
    navRenders = 0;
    act(() => screen.getByText('june').click());
    // The screen shows the new date; the navigation follows, rendered once more, not twice.
    expect(screen.getByTestId('as-of').textContent).toBe('2026-06-30');
    await waitFor(() => expect(screen.getByTestId('nav-link').textContent).toBe('/report?asOf=2026-06-30'));
    expect(navRenders).toBe(1);
    // The URL catching up moves nothing in the navigation.
    await waitFor(() => expect(screen.getByTestId('search').textContent).toBe('?asOf=2026-06-30'));
    expect(navRenders).toBe(1);
  });

  it('shows a new date at once and writes it to the URL after the paint', async () => {
    render(
      <MemoryRouter initialEntries={['/?asOf=2026-05-31&tab=a']}>
        <Probe />
      </MemoryRouter>,
    );
    expect(screen.getByTestId('as-of').textContent).toBe('2026-05-31');
    act(() => screen.getByText('june').click());
    // Rendered in the same task as the change; the address has not moved yet.
    expect(screen.getByTestId('as-of').textContent).toBe('2026-06-30');
    expect(screen.getByTestId('search').textContent).toBe('?asOf=2026-05-31&tab=a');
    // A link followed before the address catches up carries the date on the screen.
    expect(screen.getByTestId('link').textContent).toBe('/report?asOf=2026-06-30');
    await waitFor(() => expect(screen.getByTestId('search').textContent).toBe('?asOf=2026-06-30&tab=a'));
    expect(screen.getByTestId('as-of').textContent).toBe('2026-06-30');
  });

  it('keeps the latest of two quick changes, and the URL decides again once it has caught up', async () => {
    render(
      <MemoryRouter initialEntries={['/?asOf=2026-05-31']}>
        <Probe />
      </MemoryRouter>,
    );
    act(() => screen.getByText('june').click());
    act(() => screen.getByText('july').click());
    expect(screen.getByTestId('as-of').textContent).toBe('2026-07-31');
    await waitFor(() => expect(screen.getByTestId('search').textContent).toBe('?asOf=2026-07-31'));
    expect(screen.getByTestId('as-of').textContent).toBe('2026-07-31');
    // A link or the back button changes the address: the screen follows it, not the old choice.
    act(() => screen.getByText('link').click());
    expect(screen.getByTestId('as-of').textContent).toBe('2026-01-31');
  });
});
