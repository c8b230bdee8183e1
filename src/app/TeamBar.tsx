import { Link } from 'react-router';
import { useLedgerTotals } from '../data/queries';
import {
  dismissRefusedWrite,
  useLogout,
  useOfflineAsAt,
  usePendingChecks,
  useRefusedWrite,
  useSession,
} from '../data/team';
import { useErrorText, useT } from '../ui/i18n';
import { appMessages } from './messages';

/**
 * Team mode only: who is signed in, the way to the checks waiting for a
 * second person, the "pending review" mark of imports not yet checked, and
 * the last write the server refused (with its reason).
 */
export function TeamBar() {
  const t = useT(appMessages);
  const errorText = useErrorText();
  const session = useSession();
  const logout = useLogout();
  const checks = usePendingChecks();
  const pending = useLedgerTotals().data?.pendingReview;
  const refused = useRefusedWrite();
  const offlineAsAt = useOfflineAsAt();
  const user = session.data;
  if (!user) return null;
  const roles = user.roles.map((r) => t(`role_${r}`)).join(', ');
  return (
    <div className="team-bar" data-testid="team-bar">
      <p className="team-bar-line">
        <span data-testid="team-user">{t('teamSignedIn', { name: user.displayName, roles })}</span>{' '}
        <Link to="/checks" data-testid="team-checks-link">
          {t('teamChecks', { n: checks.data?.length ?? 0 })}
        </Link>{' '}
        {user.roles.includes('admin') && (
          <>
            <Link to="/team/move">{t('teamMove')}</Link>{' '}
          </>
        )}
        <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {t('teamSignOut')}
        </button>
      </p>
      {offlineAsAt && (
        <p className="team-offline" role="status" data-testid="team-offline">
          {t('teamOffline', { at: localDateTime(offlineAsAt) })}
        </p>
      )}
      {pending && pending.rows > 0 && (
        <p className="team-pending" role="status" data-testid="pending-review">
          {t('teamPendingReview', { rows: pending.rows.toLocaleString('en'), batches: pending.batches })}
        </p>
      )}
      {refused && (
        <p className="team-refused" role="alert" data-testid="write-refused">
          {refused.offline ? t('teamOfflineRefused') : t('teamRefused', { message: errorText(refused) })}{' '}
          <button type="button" onClick={dismissRefusedWrite}>
            {t('teamDismiss')}
          </button>
        </p>
      )}
    </div>
  );
}

/** "2026-12-02 16:30" in this computer's time zone: unambiguous in both languages. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
