import { startTransition, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { categoryStatus, type CategoryStatus, type EngineContext } from '../../domain/engine';
import type { IsoDate } from '../../domain/dates';
import { drawsImmediately, onPrint } from '../charts/drawQueue';

export interface ComputedStatuses {
  readonly ctx: EngineContext;
  readonly asOf: IsoDate;
  readonly statuses: CategoryStatus[];
}

/**
 * Every category's status as of `asOf` (allStatuses' order: the dataset's categories) with the
 * engine context they were computed from, computed one category per task once `start`; null
 * until all are. Computed in the render that shows the board report, they were most of one task
 * of 0.1–0.15 s at a phone's CPU speed. When the context changes (a ledger or threshold update)
 * the statuses of the previous one stay, with that context, until the new ones are all there, so
 * that a screen never mixes the two. Printing computes what is left at once, synchronously;
 * where charts are drawn at once (no IntersectionObserver: jsdom in unit tests) all are computed
 * in one task.
 */
export function useStatusesInSteps(ctx: EngineContext, asOf: IsoDate, start: boolean): ComputedStatuses | null {
  const [computed, setComputed] = useState<ComputedStatuses | null>(null);
  // A status that cannot be computed fails the render, as it did when computed there (the
  // screen's error boundary says so), rather than leaving "loading" up for good.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  if (failure) throw failure.error;
  const fresh = computed !== null && computed.ctx === ctx && computed.asOf === asOf;
  useEffect(() => {
    if (!start || fresh) return;
    const cats = ctx.dataset.categories;
    const done: CategoryStatus[] = [];
    let live = true;
    let timer = 0;
    const finish = (sync: boolean) => {
      while (done.length < cats.length) done.push(categoryStatus(ctx, cats[done.length]!.id, asOf));
      const next = { ctx, asOf, statuses: done };
      if (sync) flushSync(() => setComputed(next));
      else startTransition(() => setComputed(next));
    };
    const step = () => {
      if (!live) return;
      try {
        if (drawsImmediately()) return finish(false);
        if (done.length < cats.length) done.push(categoryStatus(ctx, cats[done.length]!.id, asOf));
        if (done.length < cats.length) timer = window.setTimeout(step, 0);
        else finish(false);
      } catch (error) {
        setFailure({ error });
      }
    };
    timer = window.setTimeout(step, 0);
    const stopPrintHook = onPrint(() => {
      if (!live) return;
      live = false;
      window.clearTimeout(timer);
      finish(true);
    });
    return () => {
      live = false;
      window.clearTimeout(timer);
      stopPrintHook();
    };
  }, [ctx, asOf, start, fresh]);
  return start && computed !== null && computed.asOf === asOf ? computed : null;
}
