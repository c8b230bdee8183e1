/**
 * Team mode through the data gateway: choosing the server adapter when the
 * app was served by `npm run server`, the session (sign-in, sign-out), the
 * changes waiting for a second person's check, live updates (every change a
 * server announces re-reads the screens' data within moments), and the last
 * write the server refused, for the app to show.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import type { PendingCheck, TeamRepository, TeamUser } from '../storage/repositories';
import { detectTeamServer, pageMode, ServerRequestError } from '../storage/server/api';
import { offlineAsAt, onOfflineChange } from '../storage/server/readCache';
import { repositories, selectRepositories } from './repositories';

export type { LocalMoveOutcome, PendingCheck, TeamRole, TeamUser } from '../storage/repositories';

/**
 * Chooses the server adapter when this page was served by the team server;
 * call once before the first render (the local mode keeps IndexedDB). The page
 * says which (its headroom-mode tag), so the local mode starts without a round
 * trip; only a page without the tag asks the server.
 */
export async function chooseRepositories(): Promise<'team' | 'local'> {
  const mode = pageMode() ?? ((await detectTeamServer()) ? 'team' : 'local');
  if (mode === 'local') return 'local';
  const { serverRepositories } = await import('../storage/server/serverRepositories');
  selectRepositories(serverRepositories());
  return 'team';
}

export const teamKeys = {
  session: ['team', 'session'] as const,
  checks: ['team', 'checks'] as const,
};

/** The team workspace, or undefined in the local mode. */
export function teamRepository(): TeamRepository | undefined {
  return repositories().team;
}

export function useTeamMode(): boolean {
  return teamRepository() !== undefined;
}

export function useSession() {
  const team = teamRepository();
  return useQuery({
    queryKey: teamKeys.session,
    queryFn: () => team!.session(),
    enabled: team !== undefined,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) =>
      teamRepository()!.login(username, password),
    onSuccess: async (user: TeamUser) => {
      // Everything is re-read under the new person's rights.
      await qc.resetQueries({ predicate: (q) => q.queryKey[0] !== 'team' });
      qc.setQueryData(teamKeys.session, user);
      void qc.invalidateQueries({ queryKey: teamKeys.checks });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => teamRepository()!.logout(),
    onSettled: () => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'team' || q.queryKey[1] !== 'session' });
      qc.setQueryData(teamKeys.session, null);
    },
  });
}

/** Changes proposed by one person and import batches that wait for a second person's check. */
export function usePendingChecks() {
  const team = teamRepository();
  return useQuery({ queryKey: teamKeys.checks, queryFn: () => team!.pendingChecks(), enabled: team !== undefined });
}

export function useCheck() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ item, decision }: { item: Pick<PendingCheck, 'type' | 'id'>; decision: 'apply' | 'reject' }) =>
      teamRepository()!.check(item, decision),
    onSuccess: () => qc.invalidateQueries(),
  });
}

/** Admin: the accounts free-text names of a local history can be mapped to. */
export function useAccounts(enabled: boolean) {
  const team = teamRepository();
  return useQuery({
    queryKey: ['team', 'accounts'],
    queryFn: () => team!.accounts(),
    enabled: team !== undefined && enabled,
  });
}

/** Admin: moves a local workspace's backup in (or says which names still need an account). */
export function useMoveLocalBackup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, names }: { file: Blob; names: Readonly<Record<string, string>> }) =>
      teamRepository()!.moveLocalBackup(file, names),
    onSuccess: (out) => {
      if ('moved' in out) void qc.invalidateQueries();
    },
  });
}

/**
 * Live updates: every change the server announces (its server-sent events,
 * fed by PostgreSQL LISTEN/NOTIFY) re-reads the data on screen, so a figure
 * changed in another browser shows here within moments; a session that ended
 * brings back the sign-in screen. Mount once, near the root.
 */
export function useTeamLiveUpdates(enabled: boolean): void {
  const qc = useQueryClient();
  useEffect(() => {
    const team = teamRepository();
    if (!team || !enabled) return;
    const stop = team.subscribe(() => void qc.invalidateQueries({ predicate: (q) => q.queryKey[1] !== 'session' }));
    const stopLost = team.onSessionLost(() => qc.setQueryData(teamKeys.session, null));
    return () => {
      stop();
      stopLost();
    };
  }, [qc, enabled]);
}

// ---------------------------------------------------------------------------
// The last write the server refused (a viewer's write, a self-check, a stale change…)

export interface RefusedWrite {
  readonly status: number;
  readonly message: string;
  /** The catalogue key and values of the server's wording (src/ui/messages/apiErrors.ts), when it sent them. */
  readonly key?: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly at: number;
  /** Refused because the team server cannot be reached (the app shows an earlier copy). */
  readonly offline: boolean;
}

let refused: RefusedWrite | null = null;
const refusedListeners = new Set<() => void>();

/** For the query client's mutation cache: remembers a write the team server refused. */
export function reportWriteError(error: unknown): void {
  if (!(error instanceof ServerRequestError)) return;
  const offline = error.code === 'offline';
  if (!offline && (error.status < 400 || error.status >= 500)) return;
  refused = {
    status: error.status,
    message: error.message,
    ...(error.key ? { key: error.key, params: error.params ?? {} } : {}),
    at: Date.now(),
    offline,
  };
  for (const l of [...refusedListeners]) l();
}

export function dismissRefusedWrite(): void {
  refused = null;
  for (const l of [...refusedListeners]) l();
}

export function useRefusedWrite(): RefusedWrite | null {
  return useSyncExternalStore(
    (l) => {
      refusedListeners.add(l);
      return () => {
        refusedListeners.delete(l);
      };
    },
    () => refused,
  );
}

// ---------------------------------------------------------------------------
// Offline: the team server cannot be reached

/**
 * Null while the team server answers; otherwise the time (ISO) of the oldest
 * earlier read the screens are showing: the data is as at then, read-only.
 */
export function useOfflineAsAt(): string | null {
  return useSyncExternalStore(onOfflineChange, offlineAsAt, () => null);
}
