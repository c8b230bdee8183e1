import { lazy, Suspense, type ReactNode } from 'react';
import { useSession, useTeamLiveUpdates, useTeamMode } from '../data/team';
import { useT } from '../ui/i18n';
import { appMessages } from './messages';

const LoginPage = lazy(() => import('../features/team/LoginPage').then((m) => ({ default: m.LoginPage })));

/**
 * Team mode: nothing of the app until someone has signed in, then live updates
 * for as long as the session lasts. The local mode passes straight through.
 */
export function TeamGate({ children }: { children: ReactNode }) {
  const team = useTeamMode();
  const session = useSession();
  useTeamLiveUpdates(team && !!session.data);
  const t = useT(appMessages);
  if (!team) return children;
  if (session.isPending) {
    return (
      <p className="page-loading" role="status" aria-busy="true">
        {t('loading')}
      </p>
    );
  }
  if (!session.data) {
    return (
      <Suspense fallback={null}>
        <LoginPage />
      </Suspense>
    );
  }
  return children;
}
