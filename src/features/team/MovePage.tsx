import { useState, type FormEvent } from 'react';
import { useAccounts, useMoveLocalBackup, useSession } from '../../data/team';
import { useT } from '../../ui/i18n';
import { useFileErrorText } from '../../ui/useFileErrorText';
import { teamMessages } from './messages';

/** Team mode, admin: a local workspace's backup file moved into the team workspace. */
export function MovePage() {
  const errorText = useFileErrorText();
  const t = useT(teamMessages);
  const session = useSession();
  const admin = session.data?.roles.includes('admin') ?? false;
  const accounts = useAccounts(admin);
  const move = useMoveLocalBackup();
  const [file, setFile] = useState<File | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const unmapped = move.data && 'unmapped' in move.data ? move.data.unmapped : [];
  const moved = move.data && 'moved' in move.data ? move.data.moved : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) move.mutate({ file, names });
  };
  return (
    <section className="page" aria-labelledby="move-title">
      <h1 id="move-title">{t('moveTitle')}</h1>
      <p>{t('moveIntro')}</p>
      {!admin ? (
        <p>{t('moveAdminOnly')}</p>
      ) : (
        <form onSubmit={submit} className="team-login-form">
          <label>
            {t('moveFile')}
            <input
              type="file"
              accept=".json,application/json"
              data-testid="move-file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          {unmapped.length > 0 && (
            <fieldset data-testid="move-names">
              <legend>{t('moveMapTitle')}</legend>
              {unmapped.map((name) => (
                <label key={name}>
                  {name}
                  <select
                    value={names[name] ?? ''}
                    onChange={(e) => setNames((n) => ({ ...n, [name]: e.target.value }))}
                  >
                    <option value="">{t('moveChoose')}</option>
                    {(accounts.data ?? []).map((a) => (
                      <option key={a.username} value={a.username}>
                        {a.displayName} ({a.username})
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
          )}
          <button type="submit" disabled={!file || move.isPending}>
            {move.isPending ? t('moveMoving') : t('moveSubmit')}
          </button>
          {move.isError && (
            <p role="alert" className="form-error">
              {errorText(move.error)}
            </p>
          )}
          {moved && (
            <p role="status" data-testid="move-done">
              {t('moveDone', {
                records: moved.historyRecords,
                hash: moved.localHead.hash.slice(0, 16),
                rows: moved.ledgerRows.toLocaleString('en'),
                batches: moved.batches,
                entries: moved.manualEntries,
                commentary: moved.commentary,
                proposals: moved.proposals,
              })}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
