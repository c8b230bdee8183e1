import { defineMessages } from '../ui/i18n';

export const appMessages = defineMessages({
  en: {
    skip: 'Skip to content',
    brand: 'Headroom',
    tagline: 'Connected-transaction caps',
    navOverview: 'Overview',
    navSources: 'Sources',
    asOf: 'As of',
    today: 'Today',
    language: 'Language',
    notFound: 'This page does not exist.',
    backHome: 'Back to the overview',
    footer: 'Amounts in RMB million unless stated. Disclosed figures: Kingsoft Cloud announcement of April 23, 2026.',
  },
  zh: {
    skip: '跳至内容',
    brand: 'Headroom',
    tagline: '关连交易上限监控',
    navOverview: '总览',
    navSources: '数据来源',
    asOf: '截至',
    today: '今天',
    language: '语言',
    notFound: '页面不存在。',
    backHome: '返回总览',
    footer: '除另有说明外，金额单位为人民币百万元。披露数据来自金山云2026年4月23日公告。',
  },
});
