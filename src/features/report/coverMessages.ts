import { defineMessages } from '../../ui/i18n';

/** The report cover's heading texts: in the entry, with the cover the report paints first (ReportCover.tsx). */
export const reportCoverMessages = defineMessages({
  en: {
    title: 'Continuing connected transactions',
    subtitle: 'Report to the board of directors',
    loading: 'Loading stored approvals, ledger and commentary…',
  },
  zh: {
    title: '持续关连交易',
    subtitle: '致董事会的报告',
    loading: '正在载入已保存的批准记录、台账及评述…',
  },
});
