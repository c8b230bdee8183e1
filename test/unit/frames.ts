/**
 * Animation frames in jsdom for tests of code that waits for a frame (staged reveals, the
 * chart draw queue, route shells): each frame callback runs as a zero timeout, so a test
 * steps through frames one macrotask at a time with `oneTask`.
 */
import { act } from '@testing-library/react';
import { vi } from 'vitest';

/** requestAnimationFrame and cancelAnimationFrame as zero timeouts; undo with vi.unstubAllGlobals(). */
export function stubFramesAsTimeouts(): void {
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 0));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
}

/** One macrotask inside act: one frame, or the zero timeout a step schedules after it. */
export const oneTask = () => act(() => new Promise((r) => setTimeout(r, 0)));
