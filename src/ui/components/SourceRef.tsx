import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../domain/format';
import type { SourceRef as SourceRefData } from '../../domain/model';
import { useLocale, useT } from '../i18n';
import { useCarriedHref } from '../links';
import { componentMessages } from './messages';

/** The reference itself: document date, section, table and the disclosed wording. */
export function SourceDetails({ source }: { source: SourceRefData }) {
  const t = useT(componentMessages);
  const locale = useLocale();
  return (
    <dl className="source-details">
      <dt>{t('sourceDate')}</dt>
      <dd>{formatDate(source.documentDate, locale)}</dd>
      <dt>{t('sourceSection')}</dt>
      <dd>{source.section}</dd>
      {source.table && (
        <>
          <dt>{t('sourceTable')}</dt>
          <dd>{source.table}</dd>
        </>
      )}
      {source.quote && (
        <>
          <dt>{t('sourceQuote')}</dt>
          <dd>
            <q className="source-quote">{source.quote}</q>
          </dd>
        </>
      )}
      <dt>{t('sourceDocument')}</dt>
      <dd className="source-doc">{source.document}</dd>
    </dl>
  );
}

/**
 * A small "Source" button opening a popover with the figure's reference and a
 * link to its row on the sources page. Escape or a click outside closes it.
 */
export function SourceRef({
  source,
  anchor,
  what,
}: {
  source: SourceRefData;
  /** Element id on the sources page (see sourceAnchor). */
  anchor?: string;
  /** What the figure is, for the accessible name ("Source of the binding cap"). */
  what?: string;
}) {
  const t = useT(componentMessages);
  const href = useCarriedHref();
  const [open, setOpen] = useState(false);
  const id = useId();
  const ref = useRef<HTMLSpanElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);
  return (
    <span className="srcref" ref={ref}>
      <button
        ref={buttonRef}
        type="button"
        className="srcref-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={what ? t('sourceOf', { what }) : t('source')}
        onClick={() => setOpen((o) => !o)}
      >
        <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M3 1.5h7l3 3v10H3z" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M5.5 7h5M5.5 9.5h5M5.5 12h3" stroke="currentColor" strokeWidth="1.3" />
        </svg>
        {t('source')}
      </button>
      {open && (
        <span className="srcref-pop" id={id} role="group" aria-label={what ? t('sourceOf', { what }) : t('source')}>
          <SourceDetails source={source} />
          {anchor && (
            <Link className="srcref-all" to={`${href('/sources')}#${anchor}`}>
              {t('allSources')} →
            </Link>
          )}
        </span>
      )}
    </span>
  );
}
