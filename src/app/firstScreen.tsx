import { useEffect } from 'react';

let markPainted: () => void = () => undefined;

/**
 * Settles once the first screen (its own content, not the "loading" frame) has painted, or
 * after SAFETY_MS at the latest. The storage code and the service worker's registration wait
 * for it: on a phone their downloads and the database's opening otherwise ran before the
 * screen's heading could paint, and the largest paint waited for them.
 */
export const firstScreenPainted: Promise<void> = new Promise((resolve) => {
  markPainted = resolve;
});

/** Never held longer than this, whatever happens to the first screen. */
const SAFETY_MS = 3000;
setTimeout(() => markPainted(), SAFETY_MS);

/**
 * Rendered beside a route's screen inside its Suspense boundary, so it commits with the
 * screen's first content; the frame after that commit has painted, it settles
 * `firstScreenPainted`.
 */
export function FirstScreenPainted() {
  useEffect(() => {
    if (document.hidden) {
      markPainted();
      return;
    }
    // The first animation frame runs just before the screen's paint, the second at the start of
    // the frame after it; the timeout lets that frame's own work go first.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => setTimeout(() => markPainted(), 0));
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  return null;
}
