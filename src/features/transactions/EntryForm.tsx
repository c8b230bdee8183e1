import { forwardRef, useImperativeHandle, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { formatDate } from '../../domain/format';
import type { Category, CurrencyCode } from '../../domain/model';
import { translateCode, useBilingual, useErrorText, useLocale, useT } from '../../ui/i18n';
import { txMessages } from './messages';
import {
  EMPTY_DRAFT,
  type EntryDraft,
  type EntryField,
  type EntryValidation,
  MAX_DESCRIPTION,
  MAX_REFERENCE,
  validateEntry,
  type ValidEntry,
} from './validate';

export interface EntryFormHandle {
  /** Loads an entry for editing and focuses the first field. */
  edit: (id: number, draft: EntryDraft) => void;
  focus: () => void;
}

interface Props {
  categories: readonly Category[];
  /** The currency a category's amounts are in (its agreement's). */
  currencyOf: (categoryId: string) => CurrencyCode;
  /** Saves the entry; resolves when stored. `id` is set when editing. */
  onSubmit: (value: ValidEntry, id: number | null) => Promise<void>;
  /** Whether a cap is in force for a category on a date: a date with none warns, and saves. */
  capWarning?: (categoryId: string, date: string) => { readonly capState: 'no-cap' | 'cap-not-recorded' } | null;
}

const FIELDS: readonly EntryField[] = ['date', 'categoryId', 'amount', 'reference', 'description'];

/** The manual entry form: inline validation per field, Enter saves, Esc cancels an edit. */
export const EntryForm = forwardRef<EntryFormHandle, Props>(function EntryForm(
  { categories, currencyOf, onSubmit, capWarning },
  ref,
) {
  const t = useT(txMessages);
  const errorText = useErrorText();
  const name = useBilingual();
  const locale = useLocale();
  const [draft, setDraft] = useState<EntryDraft>(EMPTY_DRAFT);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [errors, setErrors] = useState<Extract<EntryValidation, { ok: false }>['errors']>({});
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [savedUncapped, setSavedUncapped] = useState(false);
  const dateRef = useRef<HTMLInputElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const fieldRefs = useRef<Partial<Record<EntryField, HTMLInputElement | HTMLSelectElement | null>>>({});

  useImperativeHandle(ref, () => ({
    edit: (id, d) => {
      setEditingId(id);
      setDraft(d);
      setErrors({});
      setTouched(false);
      setFailure(null);
      setTimeout(() => dateRef.current?.focus(), 0);
    },
    focus: () => dateRef.current?.focus(),
  }));

  const category = categories.find((c) => c.id === draft.categoryId);
  // The amount is in the chosen category's currency; before one is chosen, say so only if the categories differ.
  const mixed = new Set(categories.map((c) => currencyOf(c.id))).size > 1;
  const currency = category ? currencyOf(category.id) : mixed ? null : 'RMB';
  const amountLabel = currency === 'HKD' ? t('amountHKD') : currency === null ? t('amountAny') : t('amount');

  const update = (field: EntryField, value: string) => {
    setSavedUncapped(false);
    const next = { ...draft, [field]: value };
    setDraft(next);
    // Once the user has tried to save, messages follow every keystroke.
    if (touched) {
      const v = validateEntry(next, categories);
      setErrors(v.ok ? {} : v.errors);
    }
  };

  const cancelEdit = () => {
    setEditingId(null);
    setDraft(EMPTY_DRAFT);
    setErrors({});
    setTouched(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setFailure(null);
    const v = validateEntry(draft, categories);
    if (!v.ok) {
      setErrors(v.errors);
      const first = FIELDS.find((f) => v.errors[f]);
      if (first) fieldRefs.current[first]?.focus();
      return;
    }
    setErrors({});
    setSaving(true);
    setSavedUncapped(false);
    try {
      const uncapped = !!capWarning?.(v.value.categoryId, draft.date.trim());
      await onSubmit(v.value, editingId);
      setSavedUncapped(uncapped);
      if (editingId !== null) {
        cancelEdit();
        dateRef.current?.focus();
      } else {
        // Keep date and category for the next line of a statement; clear the rest.
        setDraft({ ...draft, amount: '', reference: '', description: '' });
        setTouched(false);
        amountRef.current?.focus();
      }
    } catch (err) {
      setFailure(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && editingId !== null) {
      e.preventDefault();
      cancelEdit();
    }
  };

  const errorCount = Object.keys(errors).length;
  const err = (f: EntryField) => {
    const x = errors[f];
    // The yuan/fen wording of the amount messages becomes HK dollars/cents for an HK$ category.
    const key =
      x && currency === 'HKD' && x.key === 'errAmountRequired'
        ? 'errAmountRequiredHKD'
        : x && currency === 'HKD' && x.key === 'errAmountDecimals'
          ? 'errAmountDecimalsHKD'
          : x?.key;
    return x && key
      ? translateCode(
          txMessages,
          locale,
          key,
          x.vars && 'start' in x.vars
            ? { start: formatDate(x.vars.start!, locale), end: formatDate(x.vars.end!, locale) }
            : x.vars,
        )
      : null;
  };
  const warning = draft.categoryId && draft.date ? (capWarning?.(draft.categoryId, draft.date.trim()) ?? null) : null;
  const described = (f: EntryField, hint?: string) =>
    [hint, errors[f] ? `entry-${f}-error` : null, f === 'date' && warning && !errors.date ? 'entry-date-warning' : null]
      .filter(Boolean)
      .join(' ') || undefined;
  const setRef = (f: EntryField) => (el: HTMLInputElement | HTMLSelectElement | null) => {
    fieldRefs.current[f] = el;
  };

  return (
    <form
      className="panel entry-form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-labelledby="entry-form-title"
      data-testid="entry-form"
    >
      <h2 id="entry-form-title">{editingId !== null ? t('formEdit', { id: editingId }) : t('formAdd')}</h2>
      {touched && errorCount > 0 && (
        <p className="form-summary" role="alert">
          {t('fixErrors', { count: errorCount })}
        </p>
      )}
      <div className="entry-grid">
        <div className={`tx-field${errors.date ? ' tx-field-invalid' : ''}`}>
          <label htmlFor="entry-date">{t('date')}</label>
          <input
            id="entry-date"
            type="date"
            value={draft.date}
            required
            ref={(el) => {
              dateRef.current = el;
              setRef('date')(el);
            }}
            aria-invalid={!!errors.date}
            aria-describedby={described('date', category ? 'entry-term-hint' : undefined)}
            onChange={(e) => update('date', e.target.value)}
          />
          {category && (
            <span id="entry-term-hint" className="hint">
              {t('termHint', {
                start: formatDate(category.term.start, locale),
                end: formatDate(category.term.end, locale),
              })}
            </span>
          )}
          {errors.date && (
            <span id="entry-date-error" className="error-text">
              {err('date')}
            </span>
          )}
          {!errors.date && warning && (
            <span id="entry-date-warning" className="warn-text" role="status" data-testid="entry-date-warning">
              {warning.capState === 'cap-not-recorded' ? t('warnCapNotRecorded') : t('warnNoCap')}
            </span>
          )}
        </div>
        <div className={`tx-field${errors.categoryId ? ' tx-field-invalid' : ''}`}>
          <label htmlFor="entry-category">{t('category')}</label>
          <select
            id="entry-category"
            value={draft.categoryId}
            required
            ref={setRef('categoryId')}
            aria-invalid={!!errors.categoryId}
            aria-describedby={described('categoryId')}
            onChange={(e) => update('categoryId', e.target.value)}
          >
            <option value="">{t('chooseCategory')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {name(c.name)}
              </option>
            ))}
          </select>
          {errors.categoryId && (
            <span id="entry-categoryId-error" className="error-text">
              {err('categoryId')}
            </span>
          )}
        </div>
        <div className={`tx-field${errors.amount ? ' tx-field-invalid' : ''}`}>
          <label htmlFor="entry-amount">{amountLabel}</label>
          <input
            id="entry-amount"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={draft.amount}
            required
            ref={(el) => {
              amountRef.current = el;
              setRef('amount')(el);
            }}
            aria-invalid={!!errors.amount}
            aria-describedby={described('amount', 'entry-amount-hint')}
            onChange={(e) => update('amount', e.target.value)}
          />
          <span id="entry-amount-hint" className="hint">
            {t('amountHint')}
          </span>
          {errors.amount && (
            <span id="entry-amount-error" className="error-text">
              {err('amount')}
            </span>
          )}
        </div>
        <div className={`tx-field${errors.reference ? ' tx-field-invalid' : ''}`}>
          <label htmlFor="entry-reference">{t('reference')}</label>
          <input
            id="entry-reference"
            type="text"
            autoComplete="off"
            value={draft.reference}
            maxLength={MAX_REFERENCE * 2}
            ref={setRef('reference')}
            aria-invalid={!!errors.reference}
            aria-describedby={described('reference', 'entry-reference-hint')}
            onChange={(e) => update('reference', e.target.value)}
          />
          <span id="entry-reference-hint" className="hint">
            {t('referenceHint')}
          </span>
          {errors.reference && (
            <span id="entry-reference-error" className="error-text">
              {err('reference')}
            </span>
          )}
        </div>
        <div className={`tx-field tx-field-wide${errors.description ? ' tx-field-invalid' : ''}`}>
          <label htmlFor="entry-description">{t('description')}</label>
          <input
            id="entry-description"
            type="text"
            autoComplete="off"
            value={draft.description}
            maxLength={MAX_DESCRIPTION * 2}
            ref={setRef('description')}
            aria-invalid={!!errors.description}
            aria-describedby={described('description')}
            onChange={(e) => update('description', e.target.value)}
          />
          {errors.description && (
            <span id="entry-description-error" className="error-text">
              {err('description')}
            </span>
          )}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn" disabled={saving} data-testid="entry-save">
          {saving ? t('saving') : editingId !== null ? t('update') : t('save')}
        </button>
        {editingId !== null && (
          <button type="button" className="btn btn-secondary" onClick={cancelEdit}>
            {t('cancelEdit')}
          </button>
        )}
        {savedUncapped && !failure && (
          <span className="warn-text" role="status" data-testid="entry-saved-uncapped">
            {t('savedUncapped')}
          </span>
        )}
        {failure && (
          <span className="error-text" role="alert">
            {t('failed', { reason: failure })}
          </span>
        )}
      </div>
    </form>
  );
});
