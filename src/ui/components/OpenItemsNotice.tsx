import { Link } from 'react-router';
import { formatMinorWithCurrency } from '../../domain/currency';
import type { CapBasis } from '../../domain/import/rawLedger';
import { defineMessages, useLocale, useT } from '../i18n';

const messages = defineMessages({
  en: {
    open: 'Open items: {count} connected-person transaction(s), {total}, not yet classified under any category — a compliance gap until a rule or you assign them.',
    openOne:
      'Open item: 1 connected-person transaction, {total}, not yet classified under any category — a compliance gap until a rule or you assign it.',
    review: 'Review open items',
    basis: 'Cap basis — {agreement}: {tax}, {currency}.',
    inclusive: 'tax-inclusive',
    exclusive: 'tax-exclusive',
    functional: 'functional currency',
    original: 'original currency',
  },
  zh: {
    open: '待处理事项：{count}笔关连人士交易（{total}）尚未归入任何类别——在规则或您指定之前属于合规缺口。',
    openOne: '待处理事项：1笔关连人士交易（{total}）尚未归入任何类别——在规则或您指定之前属于合规缺口。',
    review: '查看待处理事项',
    basis: '上限口径——{agreement}：{tax}，{currency}。',
    inclusive: '含税',
    exclusive: '不含税',
    functional: '本位币',
    original: '原币',
  },
});

/**
 * Connected-person rows no rule classified (stored by a raw ledger import):
 * stated wherever the cap position is, never left out. Renders nothing when none.
 */
export function OpenItemsNotice({ count, totalMinor, href }: { count: number; totalMinor: bigint; href: string }) {
  const t = useT(messages);
  const locale = useLocale();
  if (count === 0) return null;
  const total = formatMinorWithCurrency(totalMinor, 'RMB', locale);
  return (
    <div className="notice notice-warn open-items-notice" role="status" data-testid="open-items-notice">
      <p>{count === 1 ? t('openOne', { total }) : t('open', { count, total })}</p>
      <p className="no-print">
        <Link to={href}>{t('review')}</Link>
      </p>
    </div>
  );
}

/** The amount each agreement's cap is measured in, as chosen on /parties. */
export function CapBasisNote({ agreement, basis }: { agreement: string; basis: CapBasis }) {
  const t = useT(messages);
  return (
    <p className="small muted cap-basis" data-testid="cap-basis">
      {t('basis', { agreement, tax: t(basis.tax), currency: t(basis.currency) })}
    </p>
  );
}
