import type { HistoryHead } from '../../domain/history/chain';
import { defineMessages, useT } from '../i18n';

const messages = defineMessages({
  en: {
    line: 'Change history: {count} records · head {hash}',
    hint: 'Paste this line into Change history → "Head from an earlier printout" to check that no record was altered since.',
    pending: 'Change history: loading…',
  },
  zh: {
    line: '变更记录：{count}条记录 · 链头 {hash}',
    hint: '将此行粘贴到"变更记录"→"早前打印件上的链头"，即可核对此后没有记录被改动。',
    pending: '变更记录：载入中…',
  },
});

/**
 * The change history's head as printed on every report: record count and the
 * full head hash, so a later copy of the history can be checked against paper.
 */
export function HistoryHeadLine({ head, hint = true }: { head: HistoryHead | undefined; hint?: boolean }) {
  const t = useT(messages);
  return (
    <p className="report-meta history-head-line" data-testid="history-head-line">
      {head ? (
        <>
          {t('line', { count: head.count, hash: '' })}
          <code style={{ wordBreak: 'break-all' }}>{head.hash}</code>
          {hint && (
            <>
              <br />
              <span className="small">{t('hint')}</span>
            </>
          )}
        </>
      ) : (
        t('pending')
      )}
    </p>
  );
}
