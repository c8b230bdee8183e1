import { startTransition, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { drawsImmediately, onPrint } from './charts/drawQueue';

/**
 * How many of a long screen's `count` parts (in page order) to show: none until `start`,
 * then one more in each task after the last one shown has painted, so that each part's
 * render, commit and layout is a task of its own. Shown together, the board report's
 * sections were one commit and then one layout, each a long task on a phone-class CPU
 * (Lighthouse's total blocking time); one at a time, no task needs to be long.
 *
 * Printing (beforeprint, print media, a PDF made by the browser) shows every part at once,
 * synchronously, before the page is laid out for paper. Where charts are drawn at once
 * (no IntersectionObserver: jsdom in unit tests) every part is shown at once too.
 *
 * @returns the number of parts to show, 0..count (the first `n` in page order).
 */
export function useStagedReveal(count: number, start: boolean): number {
  const [shown, setShown] = useState(() => (drawsImmediately() ? count : 0));
  useEffect(() => {
    if (!start) {
      // A screen that stops being ready (another date's data loading) starts again from its first part.
      setShown(drawsImmediately() ? count : 0);
      return;
    }
    if (shown >= count) return;
    if (drawsImmediately()) {
      setShown(count);
      return;
    }
    let live = true;
    let frame = 0;
    let timer = 0;
    const next = () => {
      timer = window.setTimeout(() => {
        if (live) startTransition(() => setShown((n) => Math.min(count, n + 1)));
      }, 0);
    };
    // After what was shown last has painted (no frames come in a hidden tab).
    if (document.hidden) next();
    else frame = requestAnimationFrame(next);
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [start, shown, count]);
  useEffect(() => onPrint(() => flushSync(() => setShown(count))), [count]);
  return start ? Math.min(shown, count) : 0;
}
