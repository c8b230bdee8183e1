import { type PendingCheck, useCheck, usePendingChecks, useSession } from '../../data/team';
import { useT } from '../../ui/i18n';
import { teamMessages } from './messages';

const KINDS = ['approval', 'register', 'threshold', 'rules', 'import'] as const;

/** Team mode: the changes and imports that wait for a second person's check. */
export function ChecksPage() {
  const t = useT(teamMessages);
  const checks = usePendingChecks();
  const session = useSession();
  const check = useCheck();
  const me = session.data;
  const reviewer = me?.roles.includes('reviewer') ?? false;
  const kindLabel = (k: string) =>
    (KINDS as readonly string[]).includes(k) ? t(`kind_${k as (typeof KINDS)[number]}`) : k;
  const rows: PendingCheck[] = checks.data ?? [];
  return (
    <section className="page" aria-labelledby="checks-title">
      <h1 id="checks-title">{t('checksTitle')}</h1>
      <p>{t('checksIntro')}</p>
      {checks.isSuccess && rows.length === 0 && <p data-testid="checks-none">{t('checksNone')}</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="checks-table">
            <thead>
              <tr>
                <th scope="col">{t('colWhat')}</th>
                <th scope="col">{t('colTarget')}</th>
                <th scope="col">{t('colDetail')}</th>
                <th scope="col">{t('colBy')}</th>
                <th scope="col">{t('colAt')}</th>
                <th scope="col">{t('colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => {
                const own = me !== undefined && me !== null && c.proposedById === me.id;
                return (
                  <tr key={`${c.type}-${c.id}`} data-testid={`check-${c.kind}-${c.target}`}>
                    <td>{kindLabel(c.kind)}</td>
                    <td>{c.rules ? c.rules.fileName || t('rulesOnScreen') : c.target}</td>
                    <td>
                      {c.rules ? t('rulesSummary', { entities: c.rules.entities, rules: c.rules.rules }) : c.summary}
                    </td>
                    <td>{c.proposedBy}</td>
                    <td>{c.proposedAt.slice(0, 16).replace('T', ' ')}</td>
                    <td>
                      {own ? (
                        t('own')
                      ) : !reviewer ? (
                        t('notReviewer')
                      ) : (
                        <>
                          <button
                            type="button"
                            disabled={check.isPending}
                            onClick={() => check.mutate({ item: c, decision: 'apply' })}
                          >
                            {t('apply')}
                          </button>{' '}
                          <button
                            type="button"
                            disabled={check.isPending}
                            onClick={() => check.mutate({ item: c, decision: 'reject' })}
                          >
                            {t('reject')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
