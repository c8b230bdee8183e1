import { useMemo, useState, type FormEvent } from 'react';
import { useDataset } from '../../data/queries';
import { useTeamMode } from '../../data/team';
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
import { DEFAULT_CAP_BASIS, type CapBasis } from '../../domain/import/capBasis';
import type { ConnectedEntity } from '../../domain/parties/entities';
import { parseEntityTable } from '../../domain/parties/entityTable';
import { saveBlob } from '../../ui/export/download';
import { type TranslateFor, useBilingual, useLocale, useT } from '../../ui/i18n';
import { useFileErrorText } from '../../ui/useFileErrorText';
import { partiesMessages } from './messages';
import { listProblemText } from './problemText';
import './parties.css';
import { DataTable, Panel } from '../../ui/components/DataTable';

type T = TranslateFor<typeof partiesMessages>;

/** What every panel of the page is given: the words, the stored configuration and how to change it. */
interface PanelProps {
  readonly t: T;
  readonly config: ConnectedPersonsConfig;
  readonly onChange: (c: ConnectedPersonsConfig) => void;
}

const split = (s: string) =>
  s
    .split(/[;；]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Value and change handler of one field of a draft object, for DraftInput and DraftSelect. */
function bindDraft<D extends object>(draft: D, setDraft: (d: D) => void) {
  return <K extends keyof D>(key: K) => ({
    value: draft[key],
    onChange: (value: D[K]) => setDraft({ ...draft, [key]: value }),
  });
}

/** A labelled text or date input of a draft form. */
function DraftInput({
  label,
  value,
  onChange,
  type,
  placeholder,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'date';
  placeholder?: string;
  testId?: string;
}) {
  return (
    <label>
      <span>{label}</span>
      <input
        {...(type ? { type } : {})}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...(placeholder ? { placeholder } : {})}
        {...(testId ? { 'data-testid': testId } : {})}
      />
    </label>
  );
}

/** A labelled choice of a draft form. */
function DraftSelect<V extends string>({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: V;
  onChange: (value: V) => void;
  options: readonly { readonly value: V; readonly label: string }[];
}) {
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A button that opens the file picker and hands over the file chosen (the same file may be chosen again). */
function FileButton({
  label,
  accept,
  onFile,
  testId,
}: {
  label: string;
  accept: string;
  onFile: (file: File) => void;
  testId: string;
}) {
  return (
    <label className="btn btn-secondary file-button">
      {label}
      <input
        type="file"
        className="visually-hidden"
        accept={accept}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
        data-testid={testId}
      />
    </label>
  );
}

/**
 * /parties: the connected-person entity list, the ordered classification
 * rules, the cap basis per agreement, the rules file, and the open items
 * (connected rows no rule classified) with the recorded re-classification.
 */
export function PartiesPage() {
  const errorText = useFileErrorText();
  const t = useT(partiesMessages);
  const dataset = useDataset();
  const config = useConnectedConfig();
  const save = useSaveConnectedConfig(dataset);
  // In team mode a change is a proposal: in force once a second person checks it.
  const team = useTeamMode();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const update = (next: ConnectedPersonsConfig) => {
    setNote(null);
    save.mutate(next, {
      onSuccess: () => setNote({ ok: true, text: t(team ? 'proposed' : 'saved') }),
      onError: (e) => setNote({ ok: false, text: t('problem', { reason: errorText(e) }) }),
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

function EntitiesPanel({ t, config, onChange }: PanelProps) {
  const locale = useLocale();
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
  const field = bindDraft(draft, setDraft);
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
      setImportNote(
        [t('listRefused', { file: file.name }), ...r.problems.map((p) => listProblemText(p, t, locale))].join('\n'),
      );
      return;
    }
    setImportNote(t('entitiesImported', { count: r.entities.length, file: file.name }));
    const groupsIn = new Set(r.entities.map((e) => e.groupId));
    onChange({ ...config, entities: [...config.entities.filter((e) => !groupsIn.has(e.groupId)), ...r.entities] });
  };
  return (
    <Panel id="entities-title" title={t('entities')} hint={t('entitiesHint')}>
      <DataTable
        rows={config.entities}
        rowKey={(e) => e.id}
        className="parties-table"
        testId="entity-table"
        columns={[
          { key: 'group', header: t('group'), cell: (e) => groupName(e.groupId) },
          { key: 'nameZh', header: t('nameZh'), cell: (e) => e.nameZh },
          { key: 'nameEn', header: t('nameEn'), cell: (e) => e.nameEn },
          { key: 'aliases', header: t('aliases'), cell: (e) => e.aliases.join('; ') },
          { key: 'codes', header: t('codes'), cell: (e) => e.codes.join('; ') },
          { key: 'from', header: t('from'), cell: (e) => e.connectedFrom ?? '—' },
          { key: 'to', header: t('to'), cell: (e) => e.connectedTo ?? t('open') },
          {
            key: 'remove',
            header: null,
            cell: (e) => (
              <button
                type="button"
                className="btn btn-danger btn-small"
                aria-label={t('removeLabel', { name: e.nameZh || e.nameEn })}
                onClick={() => onChange({ ...config, entities: config.entities.filter((x) => x.id !== e.id) })}
              >
                {t('remove')}
              </button>
            ),
          },
        ]}
      />
      <form className="parties-form" onSubmit={submit} aria-label={t('addEntity')}>
        <DraftSelect
          label={t('group')}
          {...field('groupId')}
          options={groups.map((g) => ({ value: g, label: groupName(g) }))}
        />
        <DraftInput label={t('nameZh')} {...field('nameZh')} testId="entity-name-zh" />
        <DraftInput label={t('nameEn')} {...field('nameEn')} />
        <DraftInput label={t('aliases')} {...field('aliases')} placeholder="A; B" />
        <DraftInput label={t('codes')} {...field('codes')} placeholder="C1001; V2001" testId="entity-codes" />
        <DraftInput label={t('from')} {...field('from')} type="date" />
        <DraftInput label={t('to')} {...field('to')} type="date" />
        <button type="submit" className="btn" data-testid="entity-add">
          {t('addEntity')}
        </button>
      </form>
      <p className="hint">{t('listHint')}</p>
      <FileButton
        label={t('importEntities')}
        accept=".csv,.xlsx,.xls"
        onFile={(f) => void importList(f)}
        testId="entity-import"
      />
      {importNote && (
        <pre className="parties-pre" role="status">
          {importNote}
        </pre>
      )}
    </Panel>
  );
}

function RulesPanel({ t, config, onChange }: PanelProps) {
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
  const field = bindDraft(draft, setDraft);
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
    <Panel id="rules-title" title={t('rules')} hint={t('rulesHint')}>
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
        <DraftInput label={t('ruleName')} {...field('name')} />
        <DraftInput label={t('column')} {...field('column')} placeholder="科目编码" />
        <DraftSelect
          label={t('op')}
          {...field('op')}
          options={CONDITION_OPS.map((o) => ({ value: o, label: t(`op_${o}`) }))}
        />
        <DraftInput label={t('value')} {...field('value')} placeholder="6001.01" />
        <DraftSelect
          label={t('category')}
          {...field('categoryId')}
          options={dataset.categories.map((c) => ({ value: c.id, label: name(c.name) }))}
        />
        <button type="submit" className="btn">
          {t('addRule')}
        </button>
      </form>
    </Panel>
  );
}

function BasisPanel({ t, config, onChange }: PanelProps) {
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
    <Panel id="basis-title" title={t('basis')} hint={t('basisHint')}>
      <ul className="basis-list">
        {dataset.agreements.map((a) => {
          const b = config.capBasis[a.id] ?? DEFAULT_CAP_BASIS;
          return (
            <li key={a.id}>
              <span className="basis-name">{name(a.name)}</span>
              <select
                aria-label={t('basisTaxOf', { name: name(a.name) })}
                value={b.tax}
                onChange={(e) => set(a.id, { tax: e.target.value as CapBasis['tax'] })}
              >
                <option value="inclusive">{t('taxInclusive')}</option>
                <option value="exclusive">{t('taxExclusive')}</option>
              </select>
              <select
                aria-label={t('basisCurrencyOf', { name: name(a.name) })}
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
    </Panel>
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
  const errorText = useFileErrorText();
  const dataset = useDataset();
  const importFile = useImportConnectedConfig(dataset);
  const team = useTeamMode();
  return (
    <Panel id="file-title" title={t('file')}>
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
        <FileButton
          label={t('importFile')}
          accept=".json,application/json"
          testId="rules-import"
          onFile={(f) =>
            void f.text().then((text) =>
              importFile.mutate(
                { text, fileName: f.name },
                {
                  onSuccess: (c) =>
                    onNote({
                      ok: true,
                      text: [
                        t('imported', { file: f.name, entities: c.entities.length, rules: c.rules.length }),
                        ...(team ? [t('proposed')] : []),
                      ].join(' '),
                    }),
                  onError: (err) => onNote({ ok: false, text: t('problem', { reason: errorText(err) }) }),
                },
              ),
            )
          }
        />
      </p>
    </Panel>
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
    <Panel
      id="open-title"
      className="open-items"
      testId="open-items-panel"
      title={
        <>
          {t('openItems')} <span className="count-badge">{open.length}</span>
        </>
      }
      hint={t('openItemsHint')}
    >
      <DataTable
        rows={open}
        rowKey={(i) => i.id}
        className="parties-table"
        testId="open-items"
        empty={t('noOpenItems')}
        columns={[
          { key: 'date', header: t('date'), cell: (i) => formatDate(fromDayNumber(i.day), locale) },
          {
            key: 'counterparty',
            header: t('counterparty'),
            cell: (i) => (
              <>
                {i.counterparty || i.code}
                <div className="small muted">{i.description}</div>
              </>
            ),
          },
          {
            key: 'amount',
            header: t('amount'),
            num: true,
            cell: (i) => formatMinorWithCurrency(BigInt(i.amountMinor), 'RMB', locale),
          },
          {
            key: 'source',
            header: t('source'),
            cellClass: 'small',
            cell: (i) => (
              <>
                {i.fileName}, {i.row}
              </>
            ),
          },
          {
            key: 'assign',
            header: t('assignTo'),
            cell: (i) => (
              <>
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
              </>
            ),
          },
        ]}
      />
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
    </Panel>
  );
}
