import { lazy, Suspense, useState } from 'react';
import type { CategoryStatus, EngineContext } from '../../domain/engine';
import { useT } from '../../ui/i18n';
import { overviewMessages } from './messages';

// The check and its domain code load when a card's button is first pressed: the overview's
// first paint does not need them (entry budget, npm run size).
const WhatIfCheck = lazy(() => import('./WhatIfCheck').then((m) => ({ default: m.WhatIfCheck })));

/** "Will this order fit?" on a card: the button, then the check itself once pressed. */
export function WhatIfLauncher({ s, ctx }: { s: CategoryStatus; ctx: EngineContext }) {
  const t = useT(overviewMessages);
  const [wanted, setWanted] = useState(false);
  const button = (
    <button
      type="button"
      className="btn btn-small btn-secondary"
      onClick={() => setWanted(true)}
      data-testid={`whatif-open-${s.category.id}`}
      aria-busy={wanted || undefined}
    >
      {t('whatIfOpen')}
    </button>
  );
  if (!wanted) return button;
  return (
    <Suspense fallback={button}>
      <WhatIfCheck s={s} ctx={ctx} defaultOpen />
    </Suspense>
  );
}
