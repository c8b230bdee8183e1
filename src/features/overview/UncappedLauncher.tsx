import { lazy, Suspense } from 'react';
import type { CategoryStatus, EngineContext } from '../../domain/engine';

// Loaded only for a card with transactions outside every cap: the resolution form, its
// rule 14A.76 checks and wording are not needed for the overview's first paint (entry budget).
const UncappedItems = lazy(() => import('./UncappedItems').then((m) => ({ default: m.UncappedItems })));

/** The uncapped spans of a card and their resolutions, when there are any. */
export function UncappedLauncher({ s, ctx }: { s: CategoryStatus; ctx: EngineContext }) {
  if (s.uncapped.spans.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <UncappedItems s={s} ctx={ctx} />
    </Suspense>
  );
}
