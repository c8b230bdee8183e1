/**
 * The disclosed data of Kingsoft Cloud Holdings Limited's announcement of
 * April 23, 2026 (HKEX 3896; SEC Form 6-K Exhibit 99.1): revision of annual
 * caps for continuing connected transactions with Xiaomi. Every figure carries
 * the section and table it was read from; amounts are RMB million as printed.
 */
import { fromMillions as m } from '../money';
import type { CapVersion, Dataset, HistoricalAmount, SourceRef } from '../model';

export const ANNOUNCEMENT_DATE = '2026-04-23';
export const AGM_DATE = '2026-06-30';
const DOC =
  'Announcement — (1) Revision of Annual Caps for Continuing Connected Transactions under the 2024 Xiaomi Framework Agreement; and (2) Revision of Continuing Connected Transactions under the 2025 Xiaomi Cooperation Framework Agreement';

function src(section: string, table?: string, quote?: string): SourceRef {
  return {
    document: DOC,
    documentDate: ANNOUNCEMENT_DATE,
    section,
    ...(table ? { table } : {}),
    ...(quote ? { quote } : {}),
  };
}

export const CATEGORY_IDS = ['cloud-services', 'idc-services', 'hardware-equipment', 'api-services'] as const;
export type DisclosedCategoryId = (typeof CATEGORY_IDS)[number];

export const AGREEMENT_2024 = 'xiaomi-framework-2024';
export const AGREEMENT_2025 = 'xiaomi-cooperation-framework-2025';

const S_CLOUD_TABLE1 = 'II.A.2(1) Annual caps and historical amounts';
const S_CLOUD_TABLE2 = 'II.A.2(2) Proposed revised annual cap';
const S_CLOUD_BASIS = 'II.A.2(3)(ii) Historical transaction amounts and recent growth rate';
const S_2025_TABLE1 = 'II.B.2(1) Annual caps and historical amounts';
const S_2025_TABLE2 = 'II.B.2(2) Proposed revised annual caps and/or proposed annual caps';
const S_IMPLICATIONS = 'VI. Implications under the Hong Kong Listing Rules';
const S_AGM = 'VII. AGM; VIII. Definitions ("AGM")';

const RES_CLOUD = 'agm-2026-cloud-services';
const RES_HARDWARE = 'agm-2026-hardware-equipment';

const caps: CapVersion[] = [
  // Cloud services (2024 Xiaomi Framework Agreement), calendar years.
  {
    id: 'cloud-2025-original',
    categoryId: 'cloud-services',
    kind: 'original',
    period: { start: '2025-01-01', end: '2025-12-31' },
    amount: m('2,309.8'),
    announcedOn: '2024-11-19',
    approval: { kind: 'in-force' },
    supersedes: [],
    source: src(S_CLOUD_TABLE1, 'For the year ended December 31, 2025 — Annual cap'),
  },
  {
    id: 'cloud-2026-original',
    categoryId: 'cloud-services',
    kind: 'original',
    period: { start: '2026-01-01', end: '2026-12-31' },
    amount: m('3,138.3'),
    announcedOn: '2024-11-19',
    approval: { kind: 'in-force' },
    supersedes: [],
    source: src(S_CLOUD_TABLE2, 'For the year ended December 31, 2026 — Original annual cap'),
  },
  {
    id: 'cloud-2026-revised',
    categoryId: 'cloud-services',
    kind: 'revised',
    period: { start: '2026-01-01', end: '2026-12-31' },
    amount: m('4,000.0'),
    announcedOn: ANNOUNCEMENT_DATE,
    approval: { kind: 'independent-shareholders', resolutionId: RES_CLOUD },
    supersedes: ['cloud-2026-original'],
    source: src(S_CLOUD_TABLE2, '2026 — Proposed revised annual cap'),
  },
  {
    id: 'cloud-2027-original',
    categoryId: 'cloud-services',
    kind: 'original',
    period: { start: '2027-01-01', end: '2027-12-31' },
    amount: m('4,035.1'),
    announcedOn: '2024-11-19',
    approval: { kind: 'in-force' },
    supersedes: [],
    source: src(S_CLOUD_TABLE2, 'For the year ended December 31, 2027 — Original annual cap'),
  },
  {
    id: 'cloud-2027-revised',
    categoryId: 'cloud-services',
    kind: 'revised',
    period: { start: '2027-01-01', end: '2027-12-31' },
    amount: m('6,000.0'),
    announcedOn: ANNOUNCEMENT_DATE,
    approval: { kind: 'independent-shareholders', resolutionId: RES_CLOUD },
    supersedes: ['cloud-2027-original'],
    source: src(S_CLOUD_TABLE2, '2027 — Proposed revised annual cap'),
  },
  // IDC services: periods follow the agreement date (July 29), then calendar years.
  {
    id: 'idc-2025-original',
    categoryId: 'idc-services',
    kind: 'original',
    period: { start: '2025-07-29', end: '2025-12-31' },
    amount: m('41.0'),
    announcedOn: '2025-07-29',
    approval: { kind: 'in-force' },
    supersedes: [],
    source: src(
      S_2025_TABLE1,
      '(i) IDC services — For the period from July 29, 2025 to December 31, 2025 — Annual cap',
    ),
  },
  {
    id: 'idc-2026-original',
    categoryId: 'idc-services',
    kind: 'original',
    period: { start: '2026-01-01', end: '2026-12-31' },
    amount: m('82.0'),
    announcedOn: '2025-07-29',
    approval: { kind: 'in-force' },
    supersedes: [],
    source: src(S_2025_TABLE2, '(i) IDC services — For the year ending December 31, 2026 — Original annual cap'),
  },
  {
    id: 'idc-2026-revised',
    categoryId: 'idc-services',
    kind: 'revised',
    period: { start: '2026-01-01', end: '2026-12-31' },
    amount: m('100.0'),
    announcedOn: ANNOUNCEMENT_DATE,
    approval: { kind: 'exempt' },
    supersedes: ['idc-2026-original'],
    source: src(
      S_2025_TABLE2,
      '(i) IDC services — For the year ending December 31, 2026 — Proposed revised annual cap',
    ),
  },
  {
    id: 'idc-2027-original',
    categoryId: 'idc-services',
    kind: 'original',
    period: { start: '2027-01-01', end: '2027-12-31' },
    amount: m('82.0'),
    announcedOn: '2025-07-29',
    approval: { kind: 'in-force' },
    supersedes: [],
    source: src(S_2025_TABLE2, '(i) IDC services — For the year ending December 31, 2027 — Original annual cap'),
  },
  {
    id: 'idc-2027-revised',
    categoryId: 'idc-services',
    kind: 'revised',
    period: { start: '2027-01-01', end: '2027-12-31' },
    amount: m('150.0'),
    announcedOn: ANNOUNCEMENT_DATE,
    approval: { kind: 'exempt' },
    supersedes: ['idc-2027-original'],
    source: src(
      S_2025_TABLE2,
      '(i) IDC services — For the year ending December 31, 2027 — Proposed revised annual cap',
    ),
  },
  // Hardware equipment: the 2026 revision replaces a partial period with the whole year.
  {
    id: 'hardware-2025-original',
    categoryId: 'hardware-equipment',
    kind: 'original',
    period: { start: '2025-07-29', end: '2025-12-31' },
    amount: m('33.5'),
    announcedOn: '2025-07-29',
    approval: { kind: 'in-force' },
    supersedes: [],
    source: src(
      S_2025_TABLE1,
      '(ii) Hardware equipment — For the period from July 29, 2025 to December 31, 2025 — Annual cap',
    ),
  },
  {
    id: 'hardware-2026-original',
    categoryId: 'hardware-equipment',
    kind: 'original',
    period: { start: '2026-01-01', end: '2026-07-28' },
    amount: m('6.7'),
    announcedOn: '2025-07-29',
    approval: { kind: 'in-force' },
    supersedes: [],
    source: src(
      S_2025_TABLE2,
      '(ii) Hardware equipment — For the period from January 1, 2026 to July 28, 2026 — Original annual cap',
    ),
  },
  {
    id: 'hardware-2026-revised',
    categoryId: 'hardware-equipment',
    kind: 'revised',
    period: { start: '2026-01-01', end: '2026-12-31' },
    amount: m('1,000.0'),
    announcedOn: ANNOUNCEMENT_DATE,
    approval: { kind: 'independent-shareholders', resolutionId: RES_HARDWARE },
    supersedes: ['hardware-2026-original'],
    source: src(
      S_2025_TABLE2,
      '(ii) Hardware equipment — For the year ending December 31, 2026 — Proposed revised annual cap',
    ),
  },
  {
    id: 'hardware-2027-new',
    categoryId: 'hardware-equipment',
    kind: 'new',
    period: { start: '2027-01-01', end: '2027-12-31' },
    amount: m('1,500.0'),
    announcedOn: ANNOUNCEMENT_DATE,
    approval: { kind: 'independent-shareholders', resolutionId: RES_HARDWARE },
    supersedes: [],
    source: src(S_2025_TABLE2, '(ii) Hardware equipment — For the year ending December 31, 2027 — Proposed annual cap'),
  },
  // API services: new category from the supplemental agreement, exempt.
  {
    id: 'api-2026-new',
    categoryId: 'api-services',
    kind: 'new',
    period: { start: '2026-04-23', end: '2026-12-31' },
    amount: m('20.0'),
    announcedOn: ANNOUNCEMENT_DATE,
    approval: { kind: 'exempt' },
    supersedes: [],
    source: src(
      S_2025_TABLE2,
      '(iii) API services — For the period from April 23, 2026 to December 31, 2026 — Proposed annual caps',
    ),
  },
  {
    id: 'api-2027-new',
    categoryId: 'api-services',
    kind: 'new',
    period: { start: '2027-01-01', end: '2027-12-31' },
    amount: m('50.0'),
    announcedOn: ANNOUNCEMENT_DATE,
    approval: { kind: 'exempt' },
    supersedes: [],
    source: src(S_2025_TABLE2, '(iii) API services — For the year ending December 31, 2027 — Proposed annual caps'),
  },
];

const historicals: HistoricalAmount[] = [
  {
    id: 'cloud-2024-full',
    categoryId: 'cloud-services',
    range: { start: '2024-01-01', end: '2024-12-31' },
    amount: m('1,273.8'),
    // The text does not say whether this comparative is audited.
    audited: null,
    role: 'comparative',
    source: src(
      S_CLOUD_BASIS,
      'First bullet',
      '…an increase of approximately 77.0% as compared to RMB1,273.8 million for the year 2024.',
    ),
  },
  {
    id: 'cloud-2025-ytd-apr23',
    categoryId: 'cloud-services',
    range: { start: '2025-01-01', end: '2025-04-23' },
    amount: m('413.0'),
    // Not stated either (the table's "(Unaudited)" heading is for 2026 only).
    audited: null,
    role: 'comparative',
    source: src(
      S_CLOUD_BASIS,
      'Second bullet',
      '…an increase of approximately 81.4% as compared to RMB413.0 million for the same period in 2025.',
    ),
  },
  {
    id: 'cloud-2025-full',
    categoryId: 'cloud-services',
    range: { start: '2025-01-01', end: '2025-12-31' },
    amount: m('2,255.2'),
    audited: true,
    role: 'historical',
    source: src(S_CLOUD_TABLE1, 'For the year ended December 31, 2025 — Historical amount (Audited)'),
  },
  {
    id: 'cloud-2026-ytd',
    categoryId: 'cloud-services',
    range: { start: '2026-01-01', end: ANNOUNCEMENT_DATE },
    amount: m('749.1'),
    audited: false,
    role: 'historical',
    source: src(
      S_CLOUD_TABLE1,
      'From January 1, 2026 up to the date of this announcement — Historical amount (Unaudited)',
    ),
  },
  {
    id: 'idc-2025-period',
    categoryId: 'idc-services',
    range: { start: '2025-07-29', end: '2025-12-31' },
    amount: m('17.2'),
    audited: true,
    role: 'historical',
    source: src(
      S_2025_TABLE1,
      '(i) IDC services — For the period from July 29, 2025 to December 31, 2025 — Historical amount (Audited)',
    ),
  },
  {
    id: 'idc-2026-ytd',
    categoryId: 'idc-services',
    range: { start: '2026-01-01', end: ANNOUNCEMENT_DATE },
    amount: m('14.1'),
    audited: false,
    role: 'historical',
    source: src(
      S_2025_TABLE1,
      '(i) IDC services — From January 1, 2026 up to the date of this announcement — Historical amount (Unaudited)',
    ),
  },
  {
    id: 'hardware-2025-period',
    categoryId: 'hardware-equipment',
    range: { start: '2025-07-29', end: '2025-12-31' },
    amount: m('29.6'),
    audited: true,
    role: 'historical',
    source: src(
      S_2025_TABLE1,
      '(ii) Hardware equipment — For the period from July 29, 2025 to December 31, 2025 — Historical amount (Audited)',
    ),
  },
  {
    id: 'hardware-2026-ytd',
    categoryId: 'hardware-equipment',
    range: { start: '2026-01-01', end: ANNOUNCEMENT_DATE },
    amount: m('0.0'),
    audited: false,
    role: 'historical',
    source: src(
      S_2025_TABLE1,
      '(ii) Hardware equipment — From January 1, 2026 up to the date of this announcement — Historical amount (Unaudited)',
    ),
  },
];

export const kingsoftCloudXiaomi2026: Dataset = {
  id: 'kingsoft-cloud-xiaomi-2026-04-23',
  title: {
    en: 'Kingsoft Cloud × Xiaomi — announcement of April 23, 2026',
    zh: '金山云 × 小米 — 2026年4月23日公告',
  },
  parties: [
    {
      id: 'kingsoft-cloud',
      name: { en: 'Kingsoft Cloud Holdings Limited', zh: '金山云控股有限公司' },
      description: {
        en: 'Issuer; a cloud service provider in China, incorporated in the Cayman Islands',
        zh: '发行人；中国云服务提供商，于开曼群岛注册成立',
      },
      listings: ['HKEX 3896', 'Nasdaq KC'],
    },
    {
      id: 'xiaomi',
      name: { en: 'Xiaomi Corporation', zh: '小米集团' },
      description: {
        en: 'Connected person; a substantial shareholder of the Company',
        zh: '关连人士；本公司主要股东',
      },
      listings: ['HKEX 1810', 'HKEX 81810'],
    },
  ],
  relationships: [
    {
      issuerId: 'kingsoft-cloud',
      counterpartyId: 'xiaomi',
      holdingPercent: '10.29',
      basis: {
        en: 'Xiaomi directly and indirectly holds approximately 10.29% of the Shares and is therefore a connected person (Chapter 14A).',
        zh: '小米直接及间接持有约10.29%的股份，因此为关连人士（第14A章）。',
      },
      source: src(
        'Implications under the Hong Kong Listing Rules',
        undefined,
        'As at the date of this announcement, Xiaomi directly and indirectly holds a total of approximately 10.29% of the Shares',
      ),
    },
  ],
  agreements: [
    {
      id: AGREEMENT_2024,
      name: { en: '2024 Xiaomi Framework Agreement', zh: '2024年小米框架协议' },
      issuerId: 'kingsoft-cloud',
      counterpartyId: 'xiaomi',
      currency: 'RMB',
      signedOn: '2024-11-19',
      term: { start: '2025-01-01', end: '2027-12-31' },
      supplements: [],
      source: src(
        'II.A.1 Principal Terms',
        undefined,
        'Date: November 19, 2024 … Term: A term of three years from January 1, 2025 to December 31, 2027',
      ),
      builtIn: true,
    },
    {
      id: AGREEMENT_2025,
      name: {
        en: '2025 Xiaomi Cooperation Framework Agreement (as supplemented)',
        zh: '2025年小米合作框架协议（经补充）',
      },
      issuerId: 'kingsoft-cloud',
      counterpartyId: 'xiaomi',
      currency: 'RMB',
      signedOn: '2025-07-29',
      term: { start: '2025-07-29', end: '2028-07-28' },
      supplements: [
        {
          date: ANNOUNCEMENT_DATE,
          description: {
            en: 'Supplemental agreement: hardware equipment term extended to December 31, 2027; API-related services added from April 23, 2026 to December 31, 2027.',
            zh: '补充协议：硬件设备期限延长至2027年12月31日；新增API相关服务，期限为2026年4月23日至2027年12月31日。',
          },
          source: src(
            'Introduction; VIII. Definitions ("Supplemental Agreement")',
            undefined,
            'on April 23, 2026 (after trading hours), the Company entered into a supplemental agreement with Xiaomi to amend the 2025 Xiaomi Cooperation Framework Agreement',
          ),
        },
      ],
      source: src('II.B.1 Principal Terms', undefined, 'Date: July 29, 2025'),
      builtIn: true,
    },
  ],
  categories: [
    {
      id: 'cloud-services',
      agreementId: AGREEMENT_2024,
      name: { en: 'Cloud services', zh: '云服务' },
      direction: 'provided-by-group',
      term: { start: '2025-01-01', end: '2027-12-31' },
      description: {
        en: 'Cloud storage, computing, computing power, comprehensive cloud solutions and technical support provided by the Group to Xiaomi Corporation.',
        zh: '本集团向小米集团提供的云存储、云计算、算力服务、综合云解决方案及技术支持等服务。',
      },
      source: src('II.A.1 Principal Terms', 'Nature of the transactions'),
    },
    {
      id: 'idc-services',
      agreementId: AGREEMENT_2025,
      name: { en: 'IDC services', zh: 'IDC服务' },
      direction: 'procured-by-group',
      term: { start: '2025-07-29', end: '2028-07-28' },
      termNote: {
        en: 'The announcement discloses no cap for January 1 – July 28, 2028.',
        zh: '公告未披露2028年1月1日至7月28日的上限。',
      },
      description: {
        en: 'IDC colocation and related maintenance and support services procured by the Group from Xiaomi Corporation.',
        zh: '本集团向小米集团采购的IDC托管及相关维护与支持服务。',
      },
      source: src(
        'II.B.1 Principal Terms',
        'Duration of transactions (i)',
        'The procurement term for IDC-related services is three years, from July 29, 2025 to July 28, 2028.',
      ),
    },
    {
      id: 'hardware-equipment',
      agreementId: AGREEMENT_2025,
      name: { en: 'Hardware equipment', zh: '硬件设备' },
      direction: 'procured-by-group',
      term: { start: '2025-07-29', end: '2027-12-31' },
      termNote: {
        en: 'Originally July 29, 2025 – July 28, 2026; extended to December 31, 2027 by the supplemental agreement of April 23, 2026.',
        zh: '原期限为2025年7月29日至2026年7月28日；经2026年4月23日补充协议延长至2027年12月31日。',
      },
      description: {
        en: 'Switches, other network hardware and other hardware equipment purchased by the Group from Xiaomi Corporation.',
        zh: '本集团向小米集团采购的交换机、其他网络硬件设备及其他硬件设备。',
      },
      source: src(
        'II.B.1 Principal Terms',
        'Duration of transactions (ii)',
        'The procurement term for hardware equipment is from July 29, 2025 to December 31, 2027.',
      ),
    },
    {
      id: 'api-services',
      agreementId: AGREEMENT_2025,
      name: { en: 'API services', zh: 'API服务' },
      direction: 'procured-by-group',
      term: { start: ANNOUNCEMENT_DATE, end: '2027-12-31' },
      termNote: {
        en: 'New under the supplemental agreement; no historical transaction amounts.',
        zh: '依补充协议新增；无历史交易金额。',
      },
      description: {
        en: "API-related services, including Xiaomi's MiMo model API services, procured by the Group.",
        zh: '本集团采购的API相关服务，包括小米MiMo模型API服务。',
      },
      source: src(
        'II.B.1 Principal Terms',
        'Duration of transactions (iii)',
        'The procurement term for API-related services is from April 23, 2026 to December 31, 2027.',
      ),
    },
  ],
  resolutions: [
    {
      id: RES_CLOUD,
      meeting: { en: 'AGM of June 30, 2026', zh: '2026年6月30日股东周年大会' },
      meetingDate: AGM_DATE,
      description: {
        en: 'Proposed revised annual caps for 2026 and 2027 for cloud services under the 2024 Xiaomi Framework Agreement',
        zh: '2024年小米框架协议项下云服务2026年及2027年建议经修订年度上限',
      },
      source: src(S_AGM),
    },
    {
      id: RES_HARDWARE,
      meeting: { en: 'AGM of June 30, 2026', zh: '2026年6月30日股东周年大会' },
      meetingDate: AGM_DATE,
      description: {
        en: 'Annual cap for 2026 and proposed annual cap for 2027 for hardware equipment under the 2025 Xiaomi Cooperation Framework Agreement',
        zh: '2025年小米合作框架协议项下硬件设备2026年年度上限及2027年建议年度上限',
      },
      source: src(S_AGM),
    },
  ],
  caps,
  historicals,
  expected: [
    {
      id: 'idc-2026-expected',
      categoryId: 'idc-services',
      period: { start: '2026-01-01', end: '2026-12-31' },
      amount: m('90.0'),
      approximate: true,
      source: src(
        S_2025_TABLE2,
        '(i) IDC services — basis',
        'It is expected that the fees payable for the procurement of IDC-related services in 2026 will be approximately RMB90 million',
      ),
    },
    {
      id: 'hardware-2026-expected',
      categoryId: 'hardware-equipment',
      period: { start: '2026-01-01', end: '2026-12-31' },
      amount: m('930.0'),
      approximate: true,
      source: src(
        S_2025_TABLE2,
        '(ii) Hardware equipment — basis',
        'It is expected that the fees payable for the procurement of hardware equipment in 2026 will be approximately RMB930 million',
      ),
    },
  ],
  statedFigures: [
    {
      id: 'cloud-2025-utilisation',
      categoryId: 'cloud-services',
      kind: 'utilisation',
      percent: '97.6',
      description: { en: 'Utilisation of the 2025 cloud-services annual cap', zh: '2025年云服务年度上限使用率' },
      source: src(
        S_CLOUD_BASIS,
        undefined,
        'the utilization rate of the existing annual cap for the cloud services … was approximately 97.6%',
      ),
    },
    {
      id: 'cloud-2025-vs-2024',
      categoryId: 'cloud-services',
      kind: 'growth',
      percent: '77.0',
      description: { en: 'Cloud services, 2025 vs 2024', zh: '云服务，2025年较2024年' },
      source: src(S_CLOUD_BASIS, 'First bullet', 'representing an increase of approximately 77.0%'),
    },
    {
      id: 'cloud-2026-ytd-vs-2025',
      categoryId: 'cloud-services',
      kind: 'growth',
      percent: '81.4',
      description: {
        en: 'Cloud services, January 1 – April 23, 2026 vs same period 2025',
        zh: '云服务，2026年1月1日至4月23日较2025年同期',
      },
      source: src(S_CLOUD_BASIS, 'Second bullet', 'representing an increase of approximately 81.4%'),
    },
  ],
  statedBands: [
    {
      categoryId: 'cloud-services',
      band: 'shareholders',
      description: { en: 'One or more percentage ratios are more than 5%', zh: '一项或多项百分比率超过5%' },
      source: src(S_IMPLICATIONS, '2024 Xiaomi Framework Agreement'),
    },
    {
      categoryId: 'hardware-equipment',
      band: 'shareholders',
      description: { en: 'One or more percentage ratios exceed 5%', zh: '一项或多项百分比率超过5%' },
      source: src(S_IMPLICATIONS, '2025 Xiaomi Cooperation Framework Agreement — hardware equipment'),
    },
    {
      categoryId: 'idc-services',
      band: 'announcement',
      description: { en: 'Percentage ratios higher than 0.1% but not exceeding 5%', zh: '百分比率高于0.1%但不超过5%' },
      source: src(S_IMPLICATIONS, '2025 Xiaomi Cooperation Framework Agreement — IDC and API services'),
    },
    {
      categoryId: 'api-services',
      band: 'announcement',
      description: { en: 'Percentage ratios higher than 0.1% but not exceeding 5%', zh: '百分比率高于0.1%但不超过5%' },
      source: src(S_IMPLICATIONS, '2025 Xiaomi Cooperation Framework Agreement — IDC and API services'),
    },
  ],
  controls: {
    alertThresholdPercent: '80',
    managementReporting: 'monthly',
    directorsReporting: 'half-yearly',
    source: src(
      'IV. Internal Control Measures',
      '(ii)',
      "If the actual transaction amounts reach approximately 80% of the respective annual caps at any given time of the year, the Company's finance department shall immediately report to the senior management.",
    ),
  },
};
