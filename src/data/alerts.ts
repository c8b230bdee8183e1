/**
 * The alert log through the data gateway. `useAlertEvaluation` (mounted once
 * in the app) re-evaluates whenever the engine's data changes — ledger,
 * register, approvals, threshold — always at today's date, so browsing
 * another as-of date never creates an alert.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { HandlingStep } from '../domain/alerts/alertLog';
import { categoryCurrency } from '../domain/currency';
import { todayIso } from '../domain/dates';
import { categoryStatus, type CategoryStatus } from '../domain/engine';
import { yieldToMain } from '../workers/yieldToMain';
import type { HandlingField } from '../storage/repositories';
import { repositories } from './repositories';
import { historyKeys } from './history';
import { useEngineContext } from './queries';

export type { HandlingField } from '../storage/repositories';

const alerts = () => repositories().alerts;
const listAlerts = () => alerts().list();

export const alertKeys = { all: ['alerts'] as const, overdue: ['alerts', 'overdue'] as const };

export function useAlerts() {
  return useQuery({ queryKey: alertKeys.all, queryFn: listAlerts });
}

export function useOverdueDays() {
  return useQuery({ queryKey: alertKeys.overdue, queryFn: () => alerts().overdueDays() });
}

function useAlertMutation<A>(fn: (a: A) => Promise<void>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: alertKeys.all }),
        qc.invalidateQueries({ queryKey: historyKeys.all }),
      ]),
  });
}

export function useRecordHandling() {
  return useAlertMutation(({ id, field, step }: { id: string; field: HandlingField; step: HandlingStep }) =>
    alerts().recordHandling(id, field, step),
  );
}

export function useSaveOverdueDays() {
  return useAlertMutation((days: number) => alerts().saveOverdueDays(days));
}

/** Resolves when the browser is idle (at most 2 s later), or at once where it cannot say. */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 0);
  });
}

/** Evaluates the alert log at today's date whenever the engine's inputs change. Mount once. */
export function useAlertEvaluation(): void {
  const { ctx, ready } = useEngineContext();
  const qc = useQueryClient();
  useEffect(() => {
    if (!ready) return;
    let cancelled = false;
    void (async () => {
      // Background work: it waits until the screen that just got its data has been drawn, then
      // works out one category's status per task (together they were one task of about 0.4 s
      // at a phone's CPU speed, right when the screen became usable).
      await whenIdle();
      if (cancelled) return;
      // Loaded on demand: the evaluation is not needed for the overview's first paint (entry budget).
      const [{ alertsFromStatuses, alertSourceFor }, existing, batches] = await Promise.all([
        import('../domain/alerts/observe'),
        listAlerts(),
        repositories().ledger.batches(),
      ]);
      const today = todayIso();
      const statuses: CategoryStatus[] = [];
      for (const c of ctx.dataset.categories) {
        if (cancelled) return;
        statuses.push(categoryStatus(ctx, c.id, today));
        await yieldToMain();
      }
      const newest = batches.find((b) => b.status === 'committed')?.id ?? null;
      const fresh = alertsFromStatuses(
        statuses,
        today,
        existing,
        (s) => alertSourceFor(s, newest),
        (id) => categoryCurrency(ctx.dataset, id),
      );
      if (cancelled || fresh.length === 0) return;
      await alerts().create(fresh);
      await Promise.all([
        qc.invalidateQueries({ queryKey: alertKeys.all }),
        qc.invalidateQueries({ queryKey: historyKeys.all }),
      ]);
    })().catch((e: unknown) => console.error('Alert evaluation failed', e));
    return () => {
      cancelled = true;
    };
  }, [ctx, ready, qc]);
}
