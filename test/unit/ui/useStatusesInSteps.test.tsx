import { act, render, screen } from '@testing-library/react';
import { Component, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { allStatuses, type EngineContext } from '../../../src/domain/engine';
import { type ComputedStatuses, useStatusesInSteps } from '../../../src/ui/report/useStatusesInSteps';
import { ctx as makeCtx } from '../domain/fixtures';

/** When set, the hook's categoryStatus throws for this category (allStatuses keeps the real one). */
let failFor: string | null = null;
vi.mock('../../../src/domain/engine', async (original) => {
  const real = await original<typeof import('../../../src/domain/engine')>();
  return {
    ...real,
    categoryStatus: (...args: Parameters<typeof real.categoryStatus>) => {
      if (args[1] === failFor) throw new Error(`no status for ${failFor}`);
      return real.categoryStatus(...args);
    },
  };
});

class Boundary extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error}</p> : this.props.children;
  }
}

/**
 * useStatusesInSteps (src/ui/report/useStatusesInSteps.ts): the board report's statuses, one
 * category per task, the same as allStatuses; the previous context's stay until the new ones
 * are all there; printing computes the rest at once.
 */
class FakeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

const AS_OF = '2026-06-30';
let seen: (ComputedStatuses | null)[] = [];
function Probe({ ctx, asOf = AS_OF, start = true }: { ctx: EngineContext; asOf?: string; start?: boolean }) {
  seen.push(useStatusesInSteps(ctx, asOf, start));
  return null;
}
const last = () => seen[seen.length - 1] ?? null;
const oneTask = () => act(() => new Promise((r) => setTimeout(r, 0)));
const figures = (c: ComputedStatuses | null) =>
  c?.statuses.map((s) => `${s.category.id} ${s.actual} ${s.binding?.utilisation?.toFixed(4) ?? '-'}`);

beforeEach(() => {
  seen = [];
  failFor = null;
  vi.stubGlobal('IntersectionObserver', FakeObserver);
});
afterEach(() => {
  vi.unstubAllGlobals();
  window.dispatchEvent(new Event('afterprint'));
});

describe('useStatusesInSteps', () => {
  it('gives nothing until every category is computed, one per task, then what allStatuses gives', async () => {
    const ctx = makeCtx();
    const count = ctx.dataset.categories.length;
    expect(count).toBeGreaterThan(2);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      render(<Probe ctx={ctx} />);
      // One timer, one category: nothing to show until the last one is computed.
      for (let i = 0; i < count - 1; i++) {
        act(() => {
          vi.advanceTimersToNextTimer();
        });
        expect(last()).toBeNull();
      }
      act(() => {
        vi.advanceTimersToNextTimer();
      });
    } finally {
      vi.useRealTimers();
    }
    expect(last()?.ctx).toBe(ctx);
    expect(figures(last())).toEqual(figures({ ctx, asOf: AS_OF, statuses: allStatuses(ctx, AS_OF) }));
  });

  it('keeps the previous context’s statuses, with that context, until the new ones are all there', async () => {
    const first = makeCtx();
    const { rerender } = render(<Probe ctx={first} />);
    for (let i = 0; i < 20 && !last(); i++) await oneTask();
    expect(last()?.ctx).toBe(first);
    const second = makeCtx();
    seen = [];
    rerender(<Probe ctx={second} />);
    expect(last()?.ctx).toBe(first);
    for (let i = 0; i < 20 && last()?.ctx !== second; i++) await oneTask();
    expect(last()?.ctx).toBe(second);
    // Never null in between: the screen is not emptied while the new statuses are computed.
    expect(seen.every((c) => c !== null)).toBe(true);
  });

  it('computes what is left at once when printing starts', async () => {
    const ctx = makeCtx();
    render(<Probe ctx={ctx} />);
    await oneTask();
    expect(last()).toBeNull();
    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    expect(figures(last())).toEqual(figures({ ctx, asOf: AS_OF, statuses: allStatuses(ctx, AS_OF) }));
  });

  it('gives nothing before start, and nothing for another date until that date’s are computed', async () => {
    const ctx = makeCtx();
    const { rerender } = render(<Probe ctx={ctx} start={false} />);
    for (let i = 0; i < 10; i++) await oneTask();
    expect(last()).toBeNull();
    rerender(<Probe ctx={ctx} />);
    for (let i = 0; i < 20 && !last(); i++) await oneTask();
    expect(last()?.asOf).toBe(AS_OF);
    rerender(<Probe ctx={ctx} asOf="2025-12-31" />);
    expect(last()).toBeNull();
    for (let i = 0; i < 20 && !last(); i++) await oneTask();
    expect(last()?.asOf).toBe('2025-12-31');
  });

  it('fails the render, for the error boundary to say so, when a status cannot be computed', async () => {
    const ctx = makeCtx();
    failFor = ctx.dataset.categories[1]!.id;
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      render(
        <Boundary>
          <Probe ctx={ctx} />
        </Boundary>,
      );
      for (let i = 0; i < 10 && !screen.queryByRole('alert'); i++) await oneTask();
      expect(screen.getByRole('alert').textContent).toBe(`no status for ${failFor}`);
    } finally {
      quiet.mockRestore();
    }
  });
});
