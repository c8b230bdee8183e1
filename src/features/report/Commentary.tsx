import { useEffect, useId, useState } from 'react';
import type { IsoDate } from '../../domain/dates';
import { formatDate } from '../../domain/format';
import { useSaveCommentary } from '../../data/queries';
import { COMMENTARY_MAX_CHARS } from '../../domain/commentary';
import { useErrorText, useLocale, useT } from '../../ui/i18n';
import { reportMessages } from './messages';

/**
 * Management's commentary on one category for one report date: edited on
 * screen, kept in IndexedDB when saved (button or leaving the field), and
 * printed as text (a textarea prints badly and may cut lines).
 */
export function Commentary({
  categoryId,
  categoryName,
  asOf,
  stored,
}: {
  categoryId: string;
  categoryName: string;
  asOf: IsoDate;
  stored: { text: string; updatedAt: string } | undefined;
}) {
  const errorText = useErrorText();
  const t = useT(reportMessages);
  const locale = useLocale();
  const id = useId();
  const save = useSaveCommentary(asOf);
  const [text, setText] = useState(stored?.text ?? '');
  const [savedText, setSavedText] = useState(stored?.text ?? '');
  // A different report date (or a save in another tab) brings other stored text.
  useEffect(() => {
    setText(stored?.text ?? '');
    setSavedText(stored?.text ?? '');
  }, [stored?.text, stored?.updatedAt, asOf]);
  const dirty = text !== savedText;
  const doSave = () => {
    if (!dirty) return;
    save.mutate({ categoryId, text }, { onSuccess: () => setSavedText(text) });
  };
  const savedAt = stored?.updatedAt ? new Date(stored.updatedAt) : null;
  return (
    <section className="report-commentary" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('commentary')}</h4>
      <div className="no-print">
        <label htmlFor={`${id}-text`} className="visually-hidden">
          {t('commentaryLabel', { category: categoryName, date: formatDate(asOf, locale) })}
        </label>
        <textarea
          id={`${id}-text`}
          className="commentary-input"
          value={text}
          maxLength={COMMENTARY_MAX_CHARS}
          rows={3}
          placeholder={t('commentaryPlaceholder')}
          onChange={(e) => setText(e.target.value)}
          onBlur={doSave}
          data-testid={`commentary-${categoryId}`}
        />
        <div className="commentary-actions">
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={doSave}
            disabled={!dirty || save.isPending}
          >
            {t('commentarySave')}
          </button>
          <span className="commentary-state" role="status">
            {save.isError
              ? t('commentaryError', { reason: errorText(save.error) })
              : dirty
                ? t('commentaryUnsaved')
                : savedAt
                  ? t('commentarySaved', { time: savedAt.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB') })
                  : ''}
          </span>
        </div>
      </div>
      <div className="commentary-print print-only">{text.trim() ? text : t('commentaryEmpty')}</div>
    </section>
  );
}
