import { useMemo, useState, type FormEvent } from 'react';
import { useDataset } from '../../data/queries';
import {
  useAssignOpenItems,
  useClassificationLog,
  useConnectedConfig,
  useImportConnectedConfig,
  useOpenItems,
  useReapplyRules,
  useSaveConnectedConfig,
} from '../../data/parties';
import { CONDITION_OPS, type ConditionOp } from '../../domain/classify/rules';
import { serialiseRulesFile, type ConnectedPersonsConfig } from '../../domain/classify/rulesFile';
import { formatMinorWithCurrency } from '../../domain/currency';
import { fromDayNumber } from '../../domain/dates';
import { formatDate } from '../../domain/format';
import { DEFAULT_CAP_BASIS, type CapBasis } from '../../domain/import/rawLedger';
import type { ConnectedEntity } from '../../domain/parties/entities';
import { parseEntityTable } from '../../domain/parties/entityTable';
import { saveBlob } from '../../ui/export/download';
import { type TranslateFor, useBilingual, useLocale, useT } from '../../ui/i18n';
import { partiesMessages } from './messages';
import './parties.css';

type T = TranslateFor<typeof partiesMessages>;

const split = (s: string) =>
  s
    .split(/[;；]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * /parties: the connected-person entity list, the ordered classification
 * rules, the cap basis per agreement, the rules file, and the open items
 * (connected rows no rule classified) with the recorded re-classification.
 */
export function PartiesPage() {
  const t = useT(partiesMessages);
  const dataset = useDataset();
  const config = useConnectedConfig();
  const save = useSaveConnectedConfig(dataset);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const update = (next: ConnectedPersonsConfig) => {
    setNote(null);
    save.mutate(next, {
      onSuccess: () => setNote({ ok: true, text: t('saved') }),
      onError: (e) => setNote({ ok: false, text: t('problem', { reason: e.message }) }),
    });
  };

  if (!config.data) return <p className="loading">{t('loading')}</p>;
  const c = config.data;
  return (
    <section className="page parties-page">
      <h1>{t('title')}</h1>
      <p className="lede">{t('lede')}</p>
      {note && (
        <p
          className={`notice ${note.ok ? 'notice-ok' : 'notice-error'}`}
          role={note.ok ? 'status' : 'alert'}
          data-testid="parties-note"
        >
          {note.text}
        </p>
      )}
      <OpenItemsPanel t={t} />
      <EntitiesPanel t={t} config={c} onChange={update} />
      <RulesPanel t={t} config={c} onChange={update} />
      <BasisPanel t={t} config={c} onChange={update} />
      <FilePanel t={t} config={c} onNote={setNote} />
    </section>
  );
}

function EntitiesPanel({
  t,
  config,
  onChange,
}: {
  t: T;
  config: ConnectedPersonsConfig;
  onChange: (c: ConnectedPersonsConfig) => void;
}) {
  const dataset = useDataset();
  const groups = useMemo(() => [...new Set(dataset.agreements.map((a) => a.counterpartyId))], [dataset]);
  const name = useBilingual();
  const groupName = (id: string) => {
    const p = dataset.parties.find((x) => x.id === id);
    return p ? name(p.name) : id;
  };
  const [draft, setDraft] = useState({
    groupId: groups[0] ?? 'xiaomi',
    nameZh: '',
    nameEn: '',
    aliases: '',
    codes: '',
    from: '',
    to: '',
  });
  const [importNote, setImportNote] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.nameZh.trim() && !draft.nameEn.trim()) return;
    let n = config.entities.length + 1;
    while (config.entities.some((x) => x.id === `${draft.groupId}-${n}`)) n++;
    const entity: ConnectedEntity = {
      id: `${draft.groupId}-${n}`,
      groupId: draft.groupId,
      nameZh: draft.nameZh.trim(),
      nameEn: draft.nameEn.trim(),
      aliases: split(draft.aliases),
      codes: split(draft.codes),
      ...(draft.from ? { connectedFrom: draft.from } : {}),
      ...(draft.to ? { connectedTo: draft.to } : {}),
    };
    onChange({ ...config, entities: [...config.entities, entity] });
    setDraft({ ...draft, nameZh: '', nameEn: '', aliases: '', codes: '', from: '', to: '' });
  };
  const importList = async (file: File) => {
    const r = parseEntityTable(new Uint8Array(await file.arrayBuffer()), file.name, draft.groupId);
    if (r.problems.length) {
      setImportNote(r.problems.map((p) => p.message).join('\n'));
      return;
    }
    setImportNote(t('entitiesImported', { count: r.entities.length, file: file.name }));
    const groupsIn = new Set(r.entities.map((e) => e.groupId));
    onChange({ ...config, entities: [...config.entities.filter((e) => !groupsIn.has(e.groupId)), ...r.entities] });
  };
  return (
    <section className="panel" aria-labelledby="entities-title">
      <h2 id="entities-title">{t('entities')}</h2>
      <p className="hint">{t('entitiesHint')}</p>
      <div className="table-scroll">
        <table className="data parties-table" data-testid="entity-table">
          <thead>
            <tr>
              <th>{t('group')}</th>
              <th>{t('nameZh')}</th>
              <th>{t('nameEn')}</th>
              <th>{t('aliases')}</th>
              <th>{t('codes')}</th>
              <th>{t('from')}</th>
              <th>{t('to')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {config.entities.map((e) => (
              <tr key={e.id}>
                <td>{groupName(e.groupId)}</td>
                <td>{e.nameZh}</td>
                <td>{e.nameEn}</td>
                <td>{e.aliases.join('; ')}</td>
                <td>{e.codes.join('; ')}</td>
                <td>{e.connectedFrom ?? '—'}</td>
                <td>{e.connectedTo ?? t('open')}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-danger btn-small"
                    aria-label={t('removeLabel', { name: e.nameZh || e.nameEn })}
                    onClick={() => onChange({ ...config, entities: config.entities.filter((x) => x.id !== e.id) })}
                  >
                    {t('remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="parties-form" onSubmit={submit} aria-label={t('addEntity')}>
        <label>
          <span>{t('group')}</span>
          <select value={draft.groupId} onChange={(e) => setDraft({ ...draft, groupId: e.target.value })}>
            {groups.map((g) => (
              <option key={g} value={g}>
                {groupName(g)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('nameZh')}</span>
          <input
            value={draft.nameZh}
            onChange={(e) => setDraft({ ...draft, nameZh: e.target.value })}
            data-testid="entity-name-zh"
          />
        </label>
        <label>
          <span>{t('nameEn')}</span>
          <input value={draft.nameEn} onChange={(e) => setDraft({ ...draft, nameEn: e.target.value })} />
        </label>
        <label>
          <span>{t('aliases')}</span>
          <input
            value={draft.aliases}
            onChange={(e) => setDraft({ ...draft, aliases: e.target.value })}
            placeholder="A; B"
          />
        </label>
        <label>
          <span>{t('codes')}</span>
          <input
            value={draft.codes}
            onChange={(e) => setDraft({ ...draft, codes: e.target.value })}
            placeholder="C1001; V2001"
            data-testid="entity-codes"
          />
        </label>
        <label>
          <span>{t('from')}</span>
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          <span>{t('to')}</span>
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit" className="btn" data-testid="entity-add">
          {t('addEntity')}
        </button>
      </form>
      <p className="hint">{t('listHint')}</p>
      <label className="btn btn-secondary file-button">
        {t('importEntities')}
        <input
          type="file"
          className="visually-hidden"
          accept=".csv,.xlsx,.xls"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importList(f);
          }}
          data-testid="entity-import"
        />
      </label>
      {importNote && (
        <pre className="parties-pre" role="status">
          {importNote}
        </pre>
      )}
    </section>
  );
}

function RulesPanel({
  t,
  config,
  onChange,
}: {
  t: T;
  config: ConnectedPersonsConfig;
  onChange: (c: ConnectedPersonsConfig) => void;
}) {
  const dataset = useDataset();
  const name = useBilingual();
  const catName = (id: string) => {
    const c = dataset.categories.find((x) => x.id === id);
    return c ? name(c.name) : id;
  };
  const [draft, setDraft] = useState({
    name: '',
    categoryId: dataset.categories[0]?.id ?? '',
    column: '',
    op: 'contains' as ConditionOp,
    value: '',
  });
  const move = (i: number, d: -1 | 1) => {
    const rules = [...config.rules];
    const j = i + d;
    if (j < 0 || j >= rules.length) return;
    [rules[i], rules[j]] = [rules[j]!, rules[i]!];
    onChange({ ...config, rules });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.column.trim()) return;
    let n = config.rules.length + 1;
    while (config.rules.some((r) => r.id === `rule-${n}`)) n++;
    onChange({
      ...config,
      rules: [
        ...config.rules,
        {
          id: `rule-${n}`,
          name: draft.name.trim() || `${draft.column} ${t(`op_${draft.op}`)} ${draft.value}`,
          categoryId: draft.categoryId,
          conditions: [{ column: draft.column.trim(), op: draft.op, value: draft.value }],
        },
      ],
    });
    setDraft({ ...draft, name: '', column: '', value: '' });
  };
  return (
    <section className="panel" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('rules')}</h2>
      <p className="hint">{t('rulesHint')}</p>
      {config.rules.length === 0 ? (
        <p className="muted">{t('noRules')}</p>
      ) : (
        <ol className="rule-list" data-testid="rule-list">
          {config.rules.map((r, i) => (
            <li key={r.id}>
              <span className="rule-name">{r.name}</span>
              <span className="rule-arrow" aria-hidden="true">
                →
              </span>
              <span className="rule-cat">{catName(r.categoryId)}</span>
              <span className="rule-conds small muted">
                {r.conditions.map((c) => `${c.column} ${t(`op_${c.op}`)} “${c.value}”`).join(' · ')}
              </span>
              <span className="rule-actions">
                <button
                  type="button"
                  className="btn btn-quiet btn-small"
                  onClick={() => move(i, -1)}
                  disabled={i === 0}
                  aria-label={`${t('up')}: ${r.name}`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-quiet btn-small"
                  onClick={() => move(i, 1)}
                  disabled={i === config.rules.length - 1}
                  aria-label={`${t('down')}: ${r.name}`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="btn btn-danger btn-small"
                  onClick={() => onChange({ ...config, rules: config.rules.filter((x) => x.id !== r.id) })}
                  aria-label={t('removeLabel', { name: r.name })}
                >
                  {t('remove')}
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <form className="parties-form" onSubmit={submit} aria-label={t('addRule')}>
        <label>
          <span>{t('ruleName')}</span>
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label>
          <span>{t('column')}</span>
          <input
            value={draft.column}
            onChange={(e) => setDraft({ ...draft, column: e.target.value })}
            placeholder="科目编码"
          />
        </label>
        <label>
          <span>{t('op')}</span>
          <select value={draft.op} onChange={(e) => setDraft({ ...draft, op: e.target.value as ConditionOp })}>
            {CONDITION_OPS.map((o) => (
              <option key={o} value={o}>
                {t(`op_${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('value')}</span>
          <input
            value={draft.value}
            onChange={(e) => setDraft({ ...draft, value: e.target.value })}
            placeholder="6001.01"
          />
        </label>
        <label>
          <span>{t('category')}</span>
          <select value={draft.categoryId} onChange={(e) => setDraft({ ...draft, categoryId: e.target.value })}>
            {dataset.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {name(c.name)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn">
          {t('addRule')}
        </button>
      </form>
    </section>
  );
}

function BasisPanel({
  t,
  config,
  onChange,
}: {
  t: T;
  config: ConnectedPersonsConfig;
  onChange: (c: ConnectedPersonsConfig) => void;
}) {
  const dataset = useDataset();
  const name = useBilingual();
  const set = (agreementId: string, patch: Partial<CapBasis>) =>
    onChange({
      ...config,
      capBasis: {
        ...config.capBasis,
        [agreementId]: { ...(config.capBasis[agreementId] ?? DEFAULT_CAP_BASIS), ...patch },
      },
    });
  return (
    <section className="panel" aria-labelledby="basis-title">
      <h2 id="basis-title">{t('basis')}</h2>
      <p className="hint">{t('basisHint')}</p>
      <ul className="basis-list">
        {dataset.agreements.map((a) => {
          const b = config.capBasis[a.id] ?? DEFAULT_CAP_BASIS;
          return (
            <li key={a.id}>
              <span className="basis-name">{name(a.name)}</span>
              <select
                aria-label={`${name(a.name)}: tax`}
                value={b.tax}
                onChange={(e) => set(a.id, { tax: e.target.value as CapBasis['tax'] })}
              >
                <option value="inclusive">{t('taxInclusive')}</option>
                <option value="exclusive">{t('taxExclusive')}</option>
              </select>
              <select
                aria-label={`${name(a.name)}: currency`}
                value={b.currency}
                onChange={(e) => set(a.id, { currency: e.target.value as CapBasis['currency'] })}
              >
                <option value="functional">{t('functional')}</option>
                <option value="original">{t('original')}</option>
              </select>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function FilePanel({
  t,
  config,
  onNote,
}: {
  t: T;
  config: ConnectedPersonsConfig;
  onNote: (n: { ok: boolean; text: string }) => void;
}) {
  const dataset = useDataset();
  const importFile = useImportConnectedConfig(dataset);
  return (
    <section className="panel" aria-labelledby="file-title">
      <h2 id="file-title">{t('file')}</h2>
      <p className="actions">
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() =>
            saveBlob(
              new Blob([serialiseRulesFile(config)], { type: 'application/json' }),
              'headroom-connected-persons.json',
            )
          }
          data-testid="rules-export"
        >
          {t('exportFile')}
        </button>
        <label className="btn btn-secondary file-button">
          {t('importFile')}
          <input
            type="file"
            className="visually-hidden"
            accept=".json,application/json"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (!f) return;
              void f.text().then((text) =>
                importFile.mutate(
                  { text, fileName: f.name },
                  {
                    onSuccess: (c) =>
                      onNote({
                        ok: true,
                        text: t('imported', { file: f.name, entities: c.entities.length, rules: c.rules.length }),
                      }),
                    onError: (err) => onNote({ ok: false, text: t('problem', { reason: err.message }) }),
                  },
                ),
              );
            }}
            data-testid="rules-import"
          />
        </label>
      </p>
    </section>
  );
}

function OpenItemsPanel({ t }: { t: T }) {
  const dataset = useDataset();
  const locale = useLocale();
  const name = useBilingual();
  const items = useOpenItems();
  const log = useClassificationLog();
  const reapply = useReapplyRules(dataset);
  const assign = useAssignOpenItems();
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const catName = (id: string) => {
    const c = dataset.categories.find((x) => x.id === id);
    return c ? name(c.name) : id;
  };
  const open = (items.data ?? []).filter((i) => i.status === 'open');
  const assigned = (items.data ?? []).filter((i) => i.status === 'assigned');
  return (
    <section className="panel open-items" aria-labelledby="open-title" data-testid="open-items-panel">
      <h2 id="open-title">
        {t('openItems')} <span className="count-badge">{open.length}</span>
      </h2>
      <p className="hint">{t('openItemsHint')}</p>
      {open.length === 0 ? (
        <p className="muted">{t('noOpenItems')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data parties-table" data-testid="open-items">
            <thead>
              <tr>
                <th>{t('date')}</th>
                <th>{t('counterparty')}</th>
                <th className="num">{t('amount')}</th>
                <th>{t('source')}</th>
                <th>{t('assignTo')}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((i) => (
                <tr key={i.id}>
                  <td>{formatDate(fromDayNumber(i.day), locale)}</td>
                  <td>
                    {i.counterparty || i.code}
                    <div className="small muted">{i.description}</div>
                  </td>
                  <td className="num">{formatMinorWithCurrency(BigInt(i.amountMinor), 'RMB', locale)}</td>
                  <td className="small">
                    {i.fileName}, {i.row}
                  </td>
                  <td>
                    <select
                      aria-label={`${t('assignTo')}: ${i.counterparty} ${i.row}`}
                      value={choice[i.id] ?? ''}
                      onChange={(e) => setChoice({ ...choice, [i.id]: e.target.value })}
                    >
                      <option value="">—</option>
                      {dataset.categories.map((c) => (
                        <option key={c.id} value={c.id}>
                          {name(c.name)}
                        </option>
                      ))}
                    </select>{' '}
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={!choice[i.id] || assign.isPending}
                      onClick={() => assign.mutate({ ids: [i.id], categoryId: choice[i.id]! })}
                    >
                      {t('assign')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="actions">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={open.length === 0 || reapply.isPending}
          onClick={() => reapply.mutate(undefined, { onSuccess: (n) => setDone(t('reapplied', { count: n })) })}
          data-testid="reapply-rules"
        >
          {t('reapply')}
        </button>
      </p>
      {done && <p role="status">{done}</p>}
      {assigned.length > 0 && (
        <ul className="small muted">
          {assigned.map((i) => (
            <li key={i.id}>
              {i.counterparty} ({i.fileName}, {i.row}): {t('assigned', { category: catName(i.categoryId ?? '') })}
            </li>
          ))}
        </ul>
      )}
      {(log.data?.length ?? 0) > 0 && (
        <details>
          <summary>{t('log')}</summary>
          <ul className="small">
            {log.data!.map((l) => (
              <li key={l.id}>
                {l.at.slice(0, 16).replace('T', ' ')} — {l.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
