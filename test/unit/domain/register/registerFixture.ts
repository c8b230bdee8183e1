/** A second company's agreement with HK$ caps, as a user would enter it (not a test file itself). */
import type { RegisterAgreement } from '../../../../src/domain/register';

export const harbour: RegisterAgreement = {
  id: 'u-harbour-services-framework',
  name: { en: 'Harbour Services Framework Agreement', zh: '港湾服务框架协议' },
  issuer: { en: 'Harbour Logistics Holdings Limited', zh: '港湾物流控股有限公司' },
  counterparty: { en: 'Harbour Parent Group', zh: '港湾母集团' },
  currency: 'HKD',
  signedOn: '2025-12-15',
  term: { start: '2026-01-01', end: '2028-12-31' },
  source: 'Announcement of December 15, 2025',
  categories: [
    {
      id: 'u-harbour-services-framework--warehousing',
      name: { en: 'Warehousing services', zh: '仓储服务' },
      direction: 'provided-by-group',
      term: { start: '2026-01-01', end: '2028-12-31' },
      statedBand: 'announcement',
      capLines: [
        {
          id: 'u-harbour-services-framework--warehousing--2026',
          versions: [
            {
              id: 'u-harbour-services-framework--warehousing--2026-cap',
              period: { start: '2026-01-01', end: '2026-12-31' },
              amount: '120.0',
              announcedOn: '2025-12-15',
              approval: 'in-force',
              source: '',
            },
          ],
        },
        {
          id: 'u-harbour-services-framework--warehousing--2027',
          versions: [
            {
              id: 'u-harbour-services-framework--warehousing--2027-cap',
              period: { start: '2027-01-01', end: '2027-12-31' },
              amount: '150.0',
              announcedOn: '2025-12-15',
              approval: 'in-force',
              source: '',
            },
            {
              id: 'u-harbour-services-framework--warehousing--2027-rev1',
              period: { start: '2027-01-01', end: '2027-12-31' },
              amount: '260.0',
              announcedOn: '2026-09-01',
              approval: 'independent-shareholders',
              meetingDate: '2026-10-15',
              source: 'Announcement of September 1, 2026 — revision of annual caps',
            },
          ],
        },
        {
          id: 'u-harbour-services-framework--warehousing--2028',
          versions: [
            {
              id: 'u-harbour-services-framework--warehousing--2028-cap',
              period: { start: '2028-01-01', end: '2028-12-31' },
              amount: '180.0',
              announcedOn: '2025-12-15',
              approval: 'in-force',
              source: '',
            },
          ],
        },
      ],
      historicals: [
        {
          id: 'u-harbour-services-framework--warehousing--h1-2026',
          range: { start: '2026-01-01', end: '2026-06-30' },
          amount: '58.3',
          audited: false,
          comparative: false,
        },
        {
          id: 'u-harbour-services-framework--warehousing--2025',
          range: { start: '2025-01-01', end: '2025-12-31' },
          amount: '90.4',
          audited: true,
          comparative: true,
        },
        {
          id: 'u-harbour-services-framework--warehousing--h1-2025',
          range: { start: '2025-01-01', end: '2025-06-30' },
          amount: '41.0',
          audited: false,
          comparative: true,
        },
      ],
    },
  ],
};
