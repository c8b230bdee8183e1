import { startTransition } from 'react';
import { flushSync } from 'react-dom';
import type * as Recharts from './rechartsParts';

/**
 * Charts are drawn one at a time, after the text around them has painted.
 *
 * A recharts chart costs tens of milliseconds to draw (it measures its tick labels in the
 * DOM and settles its layout in a second render); drawing every chart of a screen in the
 * render that shows the screen kept the page blank, then frozen, for seconds on a phone
 * (the board report: 4 categories × 3 charts in one task). Here each chart frame shows a
 * placeholder of the chart's size (no layout shift) and queues itself; the queue draws
 * one chart per task, in page order, once the chart comes onto the screen
 * (IntersectionObserver), so the charts below the first screen cost nothing while the
 * page loads and one scrolled to is drawn a frame after it arrives. Printing ("Save as PDF",
 * Ctrl+P, a PDF made by the browser: beforeprint, or print media) draws every chart that
 * is still waiting at once, synchronously, before the page is laid out for paper.
 *
 * Where there is no IntersectionObserver (jsdom in unit tests, old browsers) every chart
 * is drawn at once, as before.
 */
/** The chart library, handed to each chart's drawing (ChartFrame's children). */
export type RechartsModule = typeof Recharts;

let library: RechartsModule | undefined;
let loadingLibrary: Promise<RechartsModule> | undefined;

/**
 * Loads the chart library (recharts, about 90 KB gzip) once. It is not imported by the
 * screens themselves, so a screen's text paints without waiting for it; the first chart
 * frame on a screen asks for it when the browser is idle, and drawing waits for it.
 */
export function loadChartLibrary(): Promise<RechartsModule> {
  return (loadingLibrary ??= import('./rechartsParts').then(
    (m) => (library = m),
    (error: unknown) => {
      loadingLibrary = undefined; // a failed download is retried by the next chart
      throw error;
    },
  ));
}

/** The chart library if it has loaded. */
export function chartLibrary(): RechartsModule | undefined {
  return library;
}

let libraryRequested = false;
function requestLibraryWhenIdle() {
  if (libraryRequested || library) return;
  libraryRequested = true;
  const load = () => void loadChartLibrary().catch(() => (libraryRequested = false));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 0);
}

export interface DrawTicket {
  /** Stops waiting (the chart left the screen before it was drawn). */
  cancel(): void;
  /** The chart's placeholder element, observed for nearness. */
  observe(el: Element): void;
  /** The chart has been drawn (committed): the next one may start. */
  drawn(): void;
}

interface Entry {
  draw: () => void;
  el: Element | null;
  near: boolean;
}

const waiting = new Set<Entry>();
let observer: IntersectionObserver | undefined;
let timer: 'pending' | undefined;
/** The chart being drawn now; the next waits for it. */
let drawing: Entry | undefined;
let everything = false;

/** True where charts are drawn at once (no queue). */
export function drawsImmediately(): boolean {
  return everything || typeof window === 'undefined' || typeof IntersectionObserver === 'undefined';
}

function drawAll(within?: Element) {
  // The chart being drawn in a transition is drawn again synchronously: flushSync does not finish transitions.
  const all = [...waiting, ...(drawing ? [drawing] : [])].filter(
    (e) => !within || (e.el !== null && within.contains(e.el)),
  );
  if (all.length === 0) return;
  for (const e of all) {
    waiting.delete(e);
    if (e.el) observer?.unobserve(e.el);
  }
  if (drawing && all.includes(drawing)) drawing = undefined;
  // Synchronously: the print layout is made right after beforeprint returns.
  flushSync(() => {
    for (const e of all) e.draw();
  });
}

/** Draws at once (synchronously) the waiting charts inside `root`, e.g. before one is exported as an image. */
export function drawChartsWithin(root: Element): void {
  drawAll(root);
  schedule();
}

/** Called when printing starts, before the waiting charts are drawn (onPrint). */
const printHooks = new Set<() => void>();

let listeningForPrint = false;
function listenForPrint() {
  if (listeningForPrint || typeof window === 'undefined') return;
  listeningForPrint = true;
  const printing = () => {
    everything = true;
    // Parts of the page still to be shown are shown first, so that their charts, mounting
    // while `everything` is set, are drawn at once with the rest.
    for (const hook of [...printHooks]) hook();
    drawAll();
  };
  window.addEventListener('beforeprint', printing);
  window.addEventListener('afterprint', () => {
    everything = false;
  });
  const print = window.matchMedia?.('print');
  print?.addEventListener?.('change', (e) => {
    if (e.matches) printing();
    else everything = false;
  });
}

/**
 * Runs `hook` synchronously when the page starts printing (beforeprint, or print media), before
 * the waiting charts are drawn; returns the unsubscribe. For parts of a page that are shown
 * later (useStagedReveal): the hook shows them (flushSync) so that paper has them.
 */
export function onPrint(hook: () => void): () => void {
  listenForPrint();
  printHooks.add(hook);
  return () => {
    printHooks.delete(hook);
  };
}

let listening = false;
function listen() {
  if (listening) return;
  listening = true;
  listenForPrint();
  observer = new IntersectionObserver(
    (records) => {
      for (const r of records) {
        for (const e of waiting) if (e.el === r.target) e.near = r.isIntersecting;
      }
      schedule();
    },
    // On the screen, not ahead of it: one screen (or a quarter) ahead drew the agreement
    // page's first charts, which start just below a phone's first screen, while the page
    // loaded: a task of about 0.5 s each at Lighthouse's 4× CPU slowdown.
    { rootMargin: '0px' },
  );
}

function byDocumentOrder(a: Entry, b: Entry): number {
  if (!a.el || !b.el) return a.el ? -1 : b.el ? 1 : 0;
  return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

function next(): Entry | undefined {
  return [...waiting].filter((e) => e.el && e.near).sort(byDocumentOrder)[0];
}

function schedule() {
  if (timer || drawing || !next()) return;
  timer = 'pending';
  const run = () => {
    timer = undefined;
    const e = next();
    if (!e) return;
    waiting.delete(e);
    if (e.el) observer?.unobserve(e.el);
    drawing = e;
    const draw = () => {
      if (drawing !== e) return; // drawn meanwhile (printing) or gone
      // A transition: React may render the chart in slices (recharts then settles its layout synchronously).
      startTransition(e.draw);
    };
    if (library) draw();
    else
      loadChartLibrary().then(draw, () => {
        // Not drawn (the library did not load): it waits to come onto the screen again.
        if (drawing === e) drawing = undefined;
        waiting.add(e);
        e.near = false;
        if (e.el) observer?.observe(e.el);
      });
  };
  // After what is on the screen now has painted.
  if (document.hidden) setTimeout(run, 0);
  else requestAnimationFrame(() => setTimeout(run, 0));
}

/** Queues a chart; `draw` is called (once) when its turn comes. */
export function queueDraw(draw: () => void): DrawTicket {
  listen();
  requestLibraryWhenIdle();
  const entry: Entry = { draw, el: null, near: false };
  waiting.add(entry);
  return {
    cancel() {
      waiting.delete(entry);
      if (entry.el) observer?.unobserve(entry.el);
      if (drawing === entry) {
        drawing = undefined;
        schedule();
      }
    },
    drawn() {
      if (drawing !== entry) return;
      drawing = undefined;
      schedule();
    },
    observe(el) {
      entry.el = el;
      observer?.observe(el);
      schedule();
    },
  };
}
