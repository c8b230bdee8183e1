import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChartFrame } from '../../../../src/ui/charts/ChartFrame';
import { stubFramesAsTimeouts } from '../../frames';

/**
 * The draw queue (src/ui/charts/drawQueue.ts) with a controllable IntersectionObserver:
 * a chart is drawn when it comes onto the screen, one at a time, and every waiting chart
 * is drawn at once, synchronously, when the page is printed.
 */
const observed = new Set<Element>();
let notify: ((records: { target: Element; isIntersecting: boolean }[]) => void) | undefined;

class FakeObserver {
  constructor(cb: (records: { target: Element; isIntersecting: boolean }[]) => void) {
    notify = cb;
  }
  observe(el: Element) {
    observed.add(el);
  }
  unobserve(el: Element) {
    observed.delete(el);
  }
  disconnect() {
    observed.clear();
  }
}

function Frame({ id }: { id: string }) {
  return (
    <ChartFrame
      size={{ width: 440, height: 220 }}
      title={`Chart ${id}`}
      ariaLabel={`chart ${id}`}
      legend={[]}
      table={null}
    >
      {() => <svg data-testid={`drawn-${id}`} />}
    </ChartFrame>
  );
}

const canvas = (id: string) => screen.getByRole('img', { name: `chart ${id}` });
const settle = () => act(() => new Promise((r) => setTimeout(r, 30)));

beforeEach(() => {
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  stubFramesAsTimeouts();
});
afterEach(() => {
  vi.unstubAllGlobals();
  observed.clear();
});

describe('chart draw queue', () => {
  it('holds each chart’s place at its size until it comes onto the screen, then draws it; printing draws the rest at once', async () => {
    render(
      <>
        <Frame id="a" />
        <Frame id="b" />
        <Frame id="c" />
      </>,
    );
    await settle();
    // Titles and accessible names at once; the drawings wait.
    expect(screen.getByText('Chart a')).toBeInTheDocument();
    for (const id of ['a', 'b', 'c']) {
      expect(screen.queryByTestId(`drawn-${id}`)).toBeNull();
      const placeholder = canvas(id).querySelector<HTMLElement>('.chart-placeholder')!;
      expect(placeholder.style.width).toBe('440px');
      expect(placeholder.style.height).toBe('220px');
    }
    expect(observed.size).toBe(3);

    // Chart b scrolls onto the screen: b is drawn, a and c still wait.
    act(() => notify!([{ target: canvas('b'), isIntersecting: true }]));
    await settle();
    expect(screen.getByTestId('drawn-b')).toBeInTheDocument();
    expect(canvas('b').querySelector('.chart-placeholder')).toBeNull();
    expect(screen.queryByTestId('drawn-a')).toBeNull();
    expect(screen.queryByTestId('drawn-c')).toBeNull();
    expect(observed.has(canvas('b'))).toBe(false);

    // Printing: the others are drawn before beforeprint returns (no waiting).
    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
      expect(screen.getByTestId('drawn-a')).toBeInTheDocument();
      expect(screen.getByTestId('drawn-c')).toBeInTheDocument();
    });
    window.dispatchEvent(new Event('afterprint'));
  });
});
