import { type ReactNode, useMemo, useRef, useState } from 'react';
import { kingsoftCloudXiaomi2026 } from '../../domain/disclosed/kingsoftCloudXiaomi2026';
import {
  type AmountUnit,
  type ApprovalChoice,
  type BandChoice,
  type RegisterAgreement,
  type RegisterIssue,
  validateAgreement,
} from '../../domain/register';
import type { CurrencyCode, Direction } from '../../domain/model';
import { useSaveRegisterAgreement } from '../../data/queries';
import { RegisterValidationError } from '../../data/types';
import { useLocale, useT } from '../../ui/i18n';
import { describeIssue, issueMessage } from '../../ui/messages/registerIssues';
import {
  type AgreementDraft,
  type AmountDraft,
  type CategoryDraft,
  draftFrom,
  draftToAgreement,
  emptyAgreement,
  emptyCategory,
  emptyHistorical,
  emptyLine,
  emptyRevision,
} from './draft';
import { registerMessages } from './messages';

type Key = keyof (typeof registerMessages)['en'];

/** Stable DOM id of the field at a document path (issues link to it). */
function fieldId(path: string): string {
  return `reg-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

interface FieldCtx {
  errors: ReadonlyMap<string, string[]>;
}

function Errors({ path, ctx }: { path: string; ctx: FieldCtx }) {
  const list = ctx.errors.get(path);
  if (!list?.length) return null;
  return (
    <span className="field-error" id={`${fieldId(path)}-err`}>
      {list.join(' ')}
    </span>
  );
}

function Text({
  label,
  path,
  value,
  onChange,
  ctx,
  type = 'text',
  help,
  required,
  wide,
}: {
  label: string;
  path: string;
  value: string;
  onChange: (v: string) => void;
  ctx: FieldCtx;
  type?: 'text' | 'date';
  help?: string;
  required?: boolean;
  wide?: boolean;
}) {
  const id = fieldId(path);
  const bad = ctx.errors.has(path);
  const described = [bad ? `${id}-err` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field reg-field${wide ? ' reg-wide' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        type={type}
        value={value}
        aria-invalid={bad}
        aria-describedby={described}
        aria-required={required}
        data-testid={path}
        onChange={(e) => onChange(e.target.value)}
      />
      {help && (
        <span className="field-help" id={`${id}-help`}>
          {help}
        </span>
      )}
      <Errors path={path} ctx={ctx} />
    </div>
  );
}

function Select<V extends string>({
  label,
  path,
  value,
  options,
  onChange,
  ctx,
}: {
  label: string;
  path: string;
  value: V;
  options: readonly (readonly [V, string])[];
  onChange: (v: V) => void;
  ctx: FieldCtx;
}) {
  const id = fieldId(path);
  return (
    <div className="field reg-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        data-testid={path}
        aria-invalid={ctx.errors.has(path)}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      <Errors path={path} ctx={ctx} />
    </div>
  );
}

function Amount({
  label,
  path,
  value,
  onChange,
  ctx,
  t,
}: {
  label: string;
  path: string;
  value: AmountDraft;
  onChange: (v: AmountDraft) => void;
  ctx: FieldCtx;
  t: (k: Key) => string;
}) {
  const id = fieldId(path);
  const bad = ctx.errors.has(path);
  return (
    <div className="field reg-field reg-amount">
      <label htmlFor={id}>
        {label}
        <span aria-hidden="true"> *</span>
      </label>
      <div className="reg-amount-row">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={value.text}
          aria-invalid={bad}
          aria-required
          aria-describedby={`${id}-help${bad ? ` ${id}-err` : ''}`}
          data-testid={path}
          onChange={(e) => onChange({ ...value, text: e.target.value })}
        />
        <select
          aria-label={`${label}: ${t('unitMillions')} / ${t('unitExact')}`}
          value={value.unit}
          data-testid={`${path}.unit`}
          onChange={(e) => onChange({ ...value, unit: e.target.value as AmountUnit })}
        >
          <option value="millions">{t('unitMillions')}</option>
          <option value="exact">{t('unitExact')}</option>
        </select>
      </div>
      <span className="field-help" id={`${id}-help`}>
        {value.unit === 'millions' ? t('amountHelpMillions') : t('amountHelpExact')}
      </span>
      <Errors path={path} ctx={ctx} />
    </div>
  );
}

function Check({
  label,
  path,
  checked,
  onChange,
}: {
  label: string;
  path: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <label className="reg-check">
      <input type="checkbox" checked={checked} data-testid={path} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function Group({
  legend,
  children,
  actions,
  className,
}: {
  legend: string;
  children: ReactNode;
  actions?: ReactNode;
  className?: string;
}) {
  return (
    <fieldset className={`reg-group ${className ?? ''}`}>
      <legend>{legend}</legend>
      {actions && <div className="reg-group-actions">{actions}</div>}
      {children}
    </fieldset>
  );
}

/**
 * The editor of one register agreement: every field of the document, checked
 * on save by the same rules storage applies; problems are listed on top (each
 * a link to its field) and shown beside the fields.
 */
/** onChange handlers that each write one field of the draft object `set` reaches. */
function fieldSetter<T>(set: (fn: (o: T) => void) => void) {
  return <K extends keyof T>(key: K) =>
    (x: T[K]) =>
      set((o) => {
        o[key] = x;
      });
}

export function AgreementEditor({
  initial,
  others,
  onDone,
  onCancel,
}: {
  initial: RegisterAgreement | null;
  others: readonly RegisterAgreement[];
  onDone: (saved: RegisterAgreement) => void;
  onCancel: () => void;
}) {
  const t = useT(registerMessages);
  const locale = useLocale();
  const [draft, setDraft] = useState<AgreementDraft>(() => (initial ? draftFrom(initial) : emptyAgreement()));
  const [issues, setIssues] = useState<readonly RegisterIssue[]>([]);
  const [checked, setChecked] = useState<RegisterAgreement | null>(null);
  const save = useSaveRegisterAgreement();
  const summaryRef = useRef<HTMLDivElement>(null);

  const update = (fn: (d: AgreementDraft) => void) =>
    setDraft((prev) => {
      const next = structuredClone(prev);
      fn(next);
      return next;
    });

  const setField = fieldSetter(update);
  const setCategoryField = <K extends keyof CategoryDraft>(ci: number, key: K) =>
    fieldSetter<CategoryDraft>((fn) => update((d) => fn(d.categories[ci]!)))(key);

  const ctx: FieldCtx = useMemo(() => {
    const errors = new Map<string, string[]>();
    for (const i of issues) errors.set(i.path, [...(errors.get(i.path) ?? []), issueMessage(i, locale)]);
    return { errors };
  }, [issues, locale]);

  const takenIds = useMemo(
    () => new Set([...others.map((o) => o.id), ...kingsoftCloudXiaomi2026.agreements.map((a) => a.id)]),
    [others],
  );

  const onSave = () => {
    const { agreement, amountIssues } = draftToAgreement(draft, takenIds);
    const amountPaths = new Set(amountIssues.map((i) => i.path));
    const all = [
      ...amountIssues,
      ...validateAgreement(agreement, others, kingsoftCloudXiaomi2026).filter((i) => !amountPaths.has(i.path)),
    ];
    setChecked(agreement);
    setIssues(all);
    if (all.length) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    save.mutate(agreement, {
      onSuccess: () => onDone(agreement),
      onError: (e) => {
        setIssues(e instanceof RegisterValidationError ? e.issues : [{ path: '', code: 'bad-format' }]);
        requestAnimationFrame(() => summaryRef.current?.focus());
      },
    });
  };

  const directionOptions = [
    ['provided-by-group', t('providedByGroup')],
    ['procured-by-group', t('procuredByGroup')],
  ] as const;
  const bandOptions = [
    ['', t('bandNone')],
    ['de-minimis', t('bandDeMinimis')],
    ['announcement', t('bandAnnouncement')],
    ['shareholders', t('bandShareholders')],
  ] as const;
  const approvalOptions = (first: boolean) =>
    [
      ...(first ? [['in-force', t('approvalInForce')] as const] : []),
      ['exempt', t('approvalExempt')] as const,
      ['independent-shareholders', t('approvalShareholders')] as const,
    ] as const;

  return (
    <form
      className="panel reg-editor"
      aria-labelledby="reg-editor-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <h2 id="reg-editor-title">
        {initial
          ? t('editorEdit', {
              name: (locale === 'zh' ? initial.name.zh : initial.name.en) || initial.name.en || initial.name.zh,
            })
          : t('editorNew')}
      </h2>

      {issues.length > 0 && (
        <div className="reg-problems" role="alert" tabIndex={-1} ref={summaryRef} data-testid="register-problems">
          <p>{t('problems', { count: issues.length })}</p>
          <ul>
            {issues.map((i, n) => (
              <li key={`${i.path}-${i.code}-${n}`}>
                <a
                  href={`#${fieldId(i.path)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(fieldId(i.path))?.focus();
                  }}
                >
                  {describeIssue(i, checked, locale)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      <Group legend={t('agreementSection')}>
        <div className="reg-grid">
          <Text
            label={t('nameEn')}
            path="name.en"
            value={draft.nameEn}
            onChange={setField('nameEn')}
            ctx={ctx}
            required
            help={t('bilingualHelp')}
          />
          <Text label={t('nameZh')} path="name.zh" value={draft.nameZh} onChange={setField('nameZh')} ctx={ctx} />
          <Text
            label={t('issuerEn')}
            path="issuer.en"
            value={draft.issuerEn}
            onChange={setField('issuerEn')}
            ctx={ctx}
            required
          />
          <Text
            label={t('issuerZh')}
            path="issuer.zh"
            value={draft.issuerZh}
            onChange={setField('issuerZh')}
            ctx={ctx}
          />
          <Text
            label={t('counterpartyEn')}
            path="counterparty.en"
            value={draft.counterpartyEn}
            onChange={setField('counterpartyEn')}
            ctx={ctx}
            required
          />
          <Text
            label={t('counterpartyZh')}
            path="counterparty.zh"
            value={draft.counterpartyZh}
            onChange={setField('counterpartyZh')}
            ctx={ctx}
          />
          <Select<CurrencyCode>
            label={t('currency')}
            path="currency"
            value={draft.currency}
            options={[
              ['RMB', t('rmb')],
              ['HKD', t('hkd')],
            ]}
            onChange={setField('currency')}
            ctx={ctx}
          />
          <Text
            label={t('signedOn')}
            path="signedOn"
            type="date"
            value={draft.signedOn}
            onChange={setField('signedOn')}
            ctx={ctx}
            required
          />
          <Text
            label={t('termStart')}
            path="term.start"
            type="date"
            value={draft.start}
            onChange={setField('start')}
            ctx={ctx}
            required
          />
          <Text
            label={t('termEnd')}
            path="term.end"
            type="date"
            value={draft.end}
            onChange={setField('end')}
            ctx={ctx}
            required
          />
          <Text label={t('source')} path="source" value={draft.source} onChange={setField('source')} ctx={ctx} wide />
          <Text
            label={t('boardDate')}
            path="boardApproval.date"
            type="date"
            value={draft.boardDate}
            onChange={setField('boardDate')}
            ctx={ctx}
          />
          <Text
            label={t('boardSource')}
            path="boardApproval.source"
            value={draft.boardSource}
            onChange={setField('boardSource')}
            ctx={ctx}
            wide
            help={t('boardHelp')}
          />
        </div>
      </Group>

      <h3 className="reg-h3">{t('categories')}</h3>
      <Errors path="categories" ctx={ctx} />
      {draft.categories.length === 0 && <p className="muted small">{t('noCategoriesYet')}</p>}
      {draft.categories.map((c, ci) => {
        const cp = `categories[${ci}]`;
        return (
          <Group
            key={ci}
            className="reg-category"
            legend={`${t('category', { n: ci + 1 })}${c.nameEn || c.nameZh ? ` — ${c.nameEn || c.nameZh}` : ''}`}
            actions={
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() =>
                  update((d) => {
                    d.categories.splice(ci, 1);
                  })
                }
              >
                {t('removeCategory')}
              </button>
            }
          >
            <div className="reg-grid">
              <Text
                label={t('nameEn')}
                path={`${cp}.name.en`}
                value={c.nameEn}
                onChange={setCategoryField(ci, 'nameEn')}
                ctx={ctx}
                required
              />
              <Text
                label={t('nameZh')}
                path={`${cp}.name.zh`}
                value={c.nameZh}
                onChange={setCategoryField(ci, 'nameZh')}
                ctx={ctx}
              />
              <Select<Direction>
                label={t('direction')}
                path={`${cp}.direction`}
                value={c.direction}
                options={directionOptions}
                onChange={setCategoryField(ci, 'direction')}
                ctx={ctx}
              />
              <Select<BandChoice | ''>
                label={t('statedBand')}
                path={`${cp}.statedBand`}
                value={c.statedBand}
                options={bandOptions}
                onChange={setCategoryField(ci, 'statedBand')}
                ctx={ctx}
              />
              <Text
                label={t('categoryStart')}
                path={`${cp}.term.start`}
                type="date"
                value={c.start}
                onChange={setCategoryField(ci, 'start')}
                ctx={ctx}
                required
              />
              <Text
                label={t('categoryEnd')}
                path={`${cp}.term.end`}
                type="date"
                value={c.end}
                onChange={setCategoryField(ci, 'end')}
                ctx={ctx}
                required
              />
            </div>

            <h4 className="reg-h4">{t('caps')}</h4>
            {c.lines.map((l, li) => {
              const lp = `${cp}.capLines[${li}]`;
              return (
                <Group
                  key={li}
                  className="reg-line"
                  legend={t('capLine', { n: li + 1 })}
                  actions={
                    <>
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        onClick={() =>
                          update((d) => {
                            const line = d.categories[ci]!.lines[li]!;
                            line.versions.push(emptyRevision(line));
                          })
                        }
                      >
                        {t('addRevision')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        onClick={() =>
                          update((d) => {
                            d.categories[ci]!.lines.splice(li, 1);
                          })
                        }
                      >
                        {t('removeCapLine')}
                      </button>
                    </>
                  }
                >
                  <Errors path={`${lp}.versions`} ctx={ctx} />
                  {l.versions.map((v, vi) => {
                    const vp = `${lp}.versions[${vi}]`;
                    const set = (
                      fn: (x: AgreementDraft['categories'][number]['lines'][number]['versions'][number]) => void,
                    ) => update((d) => fn(d.categories[ci]!.lines[li]!.versions[vi]!));
                    const field = fieldSetter(set);
                    return (
                      <div key={vi} className="reg-version">
                        <div className="reg-version-head">
                          <strong>{vi === 0 ? t('original') : t('revision', { n: vi })}</strong>
                          {vi > 0 && (
                            <button
                              type="button"
                              className="btn btn-link btn-small"
                              onClick={() =>
                                update((d) => {
                                  d.categories[ci]!.lines[li]!.versions.splice(vi, 1);
                                })
                              }
                            >
                              {t('removeRevision')}
                            </button>
                          )}
                        </div>
                        <Errors path={`${vp}.period`} ctx={ctx} />
                        <div className="reg-grid">
                          <Text
                            label={t('periodStart')}
                            path={`${vp}.period.start`}
                            type="date"
                            value={v.start}
                            onChange={field('start')}
                            ctx={ctx}
                            required
                          />
                          <Text
                            label={t('periodEnd')}
                            path={`${vp}.period.end`}
                            type="date"
                            value={v.end}
                            onChange={field('end')}
                            ctx={ctx}
                            required
                          />
                          <Amount
                            label={t('amount')}
                            path={`${vp}.amount`}
                            value={v.amount}
                            onChange={field('amount')}
                            ctx={ctx}
                            t={t}
                          />
                          <Text
                            label={t('announcedOn')}
                            path={`${vp}.announcedOn`}
                            type="date"
                            value={v.announcedOn}
                            onChange={field('announcedOn')}
                            ctx={ctx}
                            required
                          />
                          <Select<ApprovalChoice>
                            label={t('approval')}
                            path={`${vp}.approval`}
                            value={v.approval}
                            options={approvalOptions(vi === 0)}
                            onChange={field('approval')}
                            ctx={ctx}
                          />
                          {v.approval === 'independent-shareholders' && (
                            <Text
                              label={t('meetingDate')}
                              path={`${vp}.meetingDate`}
                              type="date"
                              value={v.meetingDate}
                              onChange={field('meetingDate')}
                              ctx={ctx}
                              required
                            />
                          )}
                          <Text
                            label={t('versionSource')}
                            path={`${vp}.source`}
                            value={v.source}
                            onChange={field('source')}
                            ctx={ctx}
                            required={vi > 0}
                            wide
                            {...(vi > 0 ? { help: t('sourceRequired') } : {})}
                          />
                          <Text
                            label={t('boardDate')}
                            path={`${vp}.boardApproval.date`}
                            type="date"
                            value={v.boardDate}
                            onChange={field('boardDate')}
                            ctx={ctx}
                          />
                          <Text
                            label={t('boardSource')}
                            path={`${vp}.boardApproval.source`}
                            value={v.boardSource}
                            onChange={field('boardSource')}
                            ctx={ctx}
                            wide
                          />
                        </div>
                      </div>
                    );
                  })}
                </Group>
              );
            })}
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() =>
                update((d) => {
                  const cat = d.categories[ci]!;
                  cat.lines.push(emptyLine(cat, d.signedOn));
                })
              }
            >
              {t('addCapLine')}
            </button>

            <h4 className="reg-h4">{t('historicals')}</h4>
            {c.historicals.map((h, hi) => {
              const hp = `${cp}.historicals[${hi}]`;
              const set = (fn: (x: AgreementDraft['categories'][number]['historicals'][number]) => void) =>
                update((d) => fn(d.categories[ci]!.historicals[hi]!));
              const field = fieldSetter(set);
              return (
                <div key={hi} className="reg-historical">
                  <Errors path={`${hp}.range`} ctx={ctx} />
                  <div className="reg-grid">
                    <Text
                      label={t('rangeStart')}
                      path={`${hp}.range.start`}
                      type="date"
                      value={h.start}
                      onChange={field('start')}
                      ctx={ctx}
                      required
                    />
                    <Text
                      label={t('rangeEnd')}
                      path={`${hp}.range.end`}
                      type="date"
                      value={h.end}
                      onChange={field('end')}
                      ctx={ctx}
                      required
                    />
                    <Amount
                      label={t('amount')}
                      path={`${hp}.amount`}
                      value={h.amount}
                      onChange={field('amount')}
                      ctx={ctx}
                      t={t}
                    />
                    <div className="reg-checks">
                      <Check
                        label={t('audited')}
                        path={`${hp}.audited`}
                        checked={h.audited}
                        onChange={field('audited')}
                      />
                      <Check
                        label={t('comparative')}
                        path={`${hp}.comparative`}
                        checked={h.comparative}
                        onChange={field('comparative')}
                      />
                      <button
                        type="button"
                        className="btn btn-link btn-small"
                        onClick={() =>
                          update((d) => {
                            d.categories[ci]!.historicals.splice(hi, 1);
                          })
                        }
                      >
                        {t('removeHistorical')}
                      </button>
                    </div>
                  </div>
                </div>
              );
            })}
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={() =>
                update((d) => {
                  const cat = d.categories[ci]!;
                  cat.historicals.push(emptyHistorical(cat));
                })
              }
            >
              {t('addHistorical')}
            </button>
          </Group>
        );
      })}
      <p>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() =>
            update((d) => {
              d.categories.push(emptyCategory(d));
            })
          }
        >
          {t('addCategory')}
        </button>
      </p>

      <div className="form-actions reg-actions">
        <button type="submit" className="btn" disabled={save.isPending}>
          {save.isPending ? t('saving') : t('save')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
