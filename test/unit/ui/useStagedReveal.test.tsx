import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStagedReveal } from '../../../src/ui/useStagedReveal';
import { oneTask, stubFramesAsTimeouts } from '../frames';

/**
 * useStagedReveal (src/ui/useStagedReveal.ts): a long screen's parts appear one per task once
 * the screen is ready, and all at once, synchronously, when the page is printed.
 */
class FakeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

let renders: number[] = [];
function Parts({ count, start }: { count: number; start: boolean }) {
  const n = useStagedReveal(count, start);
  renders.push(n);
  return (
    <ol>
      {Array.from({ length: n }, (_, i) => (
        <li key={i}>part {i + 1}</li>
      ))}
    </ol>
  );
}

const shownParts = () => screen.queryAllByRole('listitem').length;
/** One macrotask: the hook's next step is a frame (here a zero timeout), then a zero timeout. */
const oneStep = oneTask;

beforeEach(() => {
  renders = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  stubFramesAsTimeouts();
});
afterEach(() => {
  vi.unstubAllGlobals();
  window.dispatchEvent(new Event('afterprint'));
});

describe('useStagedReveal', () => {
  it('shows nothing before the screen is ready, then one more part per task, in order', async () => {
    const { rerender } = render(<Parts count={4} start={false} />);
    await oneStep();
    await oneStep();
    expect(shownParts()).toBe(0);

    rerender(<Parts count={4} start />);
    expect(shownParts()).toBe(0);
    await oneStep();
    await oneStep();
    // A part takes a frame and a task: two macrotasks show one or two of them, not four.
    expect(shownParts()).toBeGreaterThanOrEqual(1);
    expect(shownParts()).toBeLessThanOrEqual(2);
    for (let i = 0; i < 20 && shownParts() < 4; i++) await oneStep();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'part 1',
      'part 2',
      'part 3',
      'part 4',
    ]);
    // Rendered with 0, 1, 2, 3 and then 4 parts: never two more in one render.
    expect([...new Set(renders)]).toEqual([0, 1, 2, 3, 4]);
  });

  it('shows every part at once, synchronously, when printing starts', async () => {
    render(<Parts count={5} start />);
    await oneStep();
    await oneStep();
    expect(shownParts()).toBeLessThanOrEqual(2);
    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    // No waiting: the print layout is made right after beforeprint returns.
    expect(shownParts()).toBe(5);
  });

  it('starts again from the first part when the screen stops being ready', async () => {
    const { rerender } = render(<Parts count={3} start />);
    for (let i = 0; i < 8; i++) await oneStep();
    expect(shownParts()).toBe(3);
    rerender(<Parts count={3} start={false} />);
    expect(shownParts()).toBe(0);
    renders = [];
    rerender(<Parts count={3} start />);
    expect(shownParts()).toBe(0);
    for (let i = 0; i < 20 && shownParts() < 3; i++) await oneStep();
    expect([...new Set(renders)]).toEqual([0, 1, 2, 3]);
  });

  it('shows every part at once where charts are drawn at once (no IntersectionObserver)', () => {
    vi.unstubAllGlobals();
    vi.stubGlobal('IntersectionObserver', undefined);
    render(<Parts count={3} start />);
    expect(shownParts()).toBe(3);
  });
});
