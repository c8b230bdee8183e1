import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { kingsoftCloudXiaomi2026 } from '../../domain/disclosed/kingsoftCloudXiaomi2026';
import { formatDate, formatRange } from '../../domain/format';
import type { Agreement, Bilingual, CurrencyCode } from '../../domain/model';
import type { RegisterAgreement, RegisterIssue } from '../../domain/register';
import { useDeleteRegisterAgreement, useExportRegister, useImportRegister, useRegister } from '../../data/queries';
import { RegisterValidationError } from '../../data/types';
import { describeIssue } from '../../ui/messages/registerIssues';
import { useBilingual, useLocale, useT } from '../../ui/i18n';
import { useCarriedHref } from '../../ui/links';
import { AgreementEditor } from './AgreementEditor';
import { registerMessages } from './messages';
import './register.css';

type Editing = { kind: 'new' } | { kind: 'edit'; agreement: RegisterAgreement } | null;

function both(b: Bilingual, pick: (b: Bilingual) => string): string {
  return pick(b) || b.en || b.zh;
}

/** /register: the built-in agreements (read-only) and the user's own, with add / edit / delete / export / import. */
export function RegisterPage() {
  const t = useT(registerMessages);
  const name = useBilingual();
  const locale = useLocale();
  const href = useCarriedHref();
  const register = useRegister();
  const del = useDeleteRegisterAgreement();
  const importer = useImportRegister();
  const exporter = useExportRegister();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [importProblems, setImportProblems] = useState<{
    file: string;
    issues: readonly RegisterIssue[];
    root: unknown;
  } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const unit = (c: CurrencyCode) => (c === 'HKD' ? t('unitHKD') : t('unitRMB'));

  if (!register.isSuccess) {
    return (
      <section className="page register" aria-busy="true">
        <h1>{t('title')}</h1>
        <p role="status" className="loading">
          {t('loading')}
        </p>
      </section>
    );
  }
  const agreements = register.data;

  const onExport = async () => {
    const text = await exporter.mutateAsync();
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `headroom-register-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setNotice(t('exported'));
  };

  const onImport = async (file: File) => {
    setImportProblems(null);
    const text = await file.text();
    importer.mutate(text, {
      onSuccess: (count) => setNotice(t('imported', { count, file: file.name })),
      onError: (e) => {
        if (e instanceof RegisterValidationError)
          setImportProblems({ file: file.name, issues: e.issues, root: e.root });
        else
          setImportProblems({
            file: file.name,
            issues: [{ path: '', code: 'bad-json', params: { detail: String(e) } }],
            root: null,
          });
      },
    });
  };

  const builtInSummary = (a: Agreement) => {
    const cats = kingsoftCloudXiaomi2026.categories.filter((c) => c.agreementId === a.id);
    const caps = kingsoftCloudXiaomi2026.caps.filter((c) => cats.some((x) => x.id === c.categoryId)).length;
    const party = (id: string) => kingsoftCloudXiaomi2026.parties.find((p) => p.id === id);
    return { cats, caps, issuer: party(a.issuerId), counterparty: party(a.counterpartyId) };
  };

  return (
    <section className="page register" aria-labelledby="register-title">
      <div className="page-head">
        <div>
          <h1 id="register-title">{t('title')}</h1>
          <p className="lede">{t('lede')}</p>
        </div>
      </div>

      {notice && (
        <p className="field-ok" role="status">
          {notice}
        </p>
      )}

      {editing ? (
        <AgreementEditor
          initial={editing.kind === 'edit' ? editing.agreement : null}
          others={agreements.filter((a) => editing.kind !== 'edit' || a.id !== editing.agreement.id)}
          onCancel={() => setEditing(null)}
          onDone={(saved) => {
            setEditing(null);
            setNotice(t('saved', { name: both(saved.name, name) }));
          }}
        />
      ) : (
        <div className="reg-toolbar">
          <button
            type="button"
            className="btn"
            onClick={() => {
              setNotice(null);
              setEditing({ kind: 'new' });
            }}
            data-testid="register-add"
          >
            {t('add')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => void onExport()}>
            {t('exportJson')}
          </button>
          <label className="btn btn-secondary reg-import">
            {t('importJson')}
            <input
              ref={fileRef}
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              data-testid="register-import"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void onImport(f);
                e.target.value = '';
              }}
            />
          </label>
          <span className="small muted">{t('importHelp')}</span>
        </div>
      )}

      {importProblems && (
        <div className="reg-problems" role="alert" data-testid="register-import-problems">
          <p>{t('importFailed', { file: importProblems.file })}</p>
          <ul>
            {importProblems.issues.slice(0, 50).map((i, n) => (
              <li key={n}>
                {importProblems.file}: {describeIssue(i, importProblems.root, locale)}
              </li>
            ))}
          </ul>
        </div>
      )}

      <h2 className="reg-h2">{t('userAdded')}</h2>
      {agreements.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul className="reg-list">
          {agreements.map((a) => {
            const caps = a.categories.reduce((n, c) => n + c.capLines.reduce((m, l) => m + l.versions.length, 0), 0);
            const title = both(a.name, name);
            return (
              <li key={a.id} className="panel reg-item" data-testid={`register-item-${a.id}`}>
                <div>
                  <h3>{title}</h3>
                  <p className="small">
                    {t('issuerCounterparty', {
                      issuer: both(a.issuer, name),
                      counterparty: both(a.counterparty, name),
                    })}
                  </p>
                  <p className="small muted">
                    {t('signed', { date: formatDate(a.signedOn, locale) })} ·{' '}
                    {t('term', { range: formatRange(a.term, locale) })} ·{' '}
                    {t('currencyLabel', { unit: unit(a.currency) })} ·{' '}
                    {t('categoriesCount', { count: a.categories.length, caps })}
                  </p>
                  <p className="small">{a.categories.map((c) => both(c.name, name)).join(' · ')}</p>
                </div>
                <div className="reg-item-actions">
                  <Link to={href(`/agreements/${a.id}`)}>{t('open')} →</Link>
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    disabled={!!editing}
                    onClick={() => {
                      setNotice(null);
                      setEditing({ kind: 'edit', agreement: a });
                    }}
                  >
                    {t('edit')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-danger btn-small"
                    disabled={!!editing || del.isPending}
                    onClick={() => {
                      if (!window.confirm(t('confirmDelete', { name: title }))) return;
                      del.mutate(a.id, { onSuccess: () => setNotice(t('deleted', { name: title })) });
                    }}
                  >
                    {t('delete')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}

      <h2 className="reg-h2">{t('builtIn')}</h2>
      <p className="small muted">{t('builtInNote')}</p>
      <ul className="reg-list">
        {kingsoftCloudXiaomi2026.agreements.map((a) => {
          const s = builtInSummary(a);
          return (
            <li key={a.id} className="panel reg-item reg-builtin">
              <div>
                <h3>
                  {name(a.name)} <span className="reg-readonly">{t('builtIn')}</span>
                </h3>
                <p className="small">
                  {t('issuerCounterparty', {
                    issuer: s.issuer ? name(s.issuer.name) : '',
                    counterparty: s.counterparty ? name(s.counterparty.name) : '',
                  })}
                </p>
                <p className="small muted">
                  {t('signed', { date: formatDate(a.signedOn, locale) })} ·{' '}
                  {t('term', { range: formatRange(a.term, locale) })} · {t('currencyLabel', { unit: unit(a.currency) })}{' '}
                  · {t('categoriesCount', { count: s.cats.length, caps: s.caps })}
                </p>
                <p className="small">{s.cats.map((c) => name(c.name)).join(' · ')}</p>
              </div>
              <div className="reg-item-actions">
                <Link to={href(`/agreements/${a.id}`)}>{t('open')} →</Link>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
