import { describe, expect, it } from 'vitest';
import { validateAgreement } from '../../../../src/domain/register';
import {
  draftFrom,
  draftToAgreement,
  emptyAgreement,
  emptyCategory,
  emptyHistorical,
  emptyLine,
  emptyRevision,
} from '../../../../src/features/register/draft';
import { ds } from '../../domain/fixtures';
import { harbour } from '../../domain/register/registerFixture';

describe('register editor draft', () => {
  it('round-trips a stored agreement unchanged (ids kept)', () => {
    const { agreement, amountIssues } = draftToAgreement(draftFrom(harbour), new Set());
    expect(amountIssues).toEqual([]);
    expect(agreement).toEqual(harbour);
  });

  it('shows an exact amount in units, a one-decimal amount in millions', () => {
    const a = JSON.parse(JSON.stringify(harbour));
    a.categories[0].historicals[0].amount = '1.23456789';
    const d = draftFrom(a);
    expect(d.categories[0]!.historicals[0]!.amount).toEqual({ text: '1234567.89', unit: 'exact' });
    expect(d.categories[0]!.lines[0]!.versions[0]!.amount).toEqual({ text: '120.0', unit: 'millions' });
    expect(draftToAgreement(d, new Set()).agreement.categories[0]!.historicals[0]!.amount).toBe('1.23456789');
  });

  it('builds a new HK$ agreement typed as a user would, with generated namespaced ids, that validates', () => {
    const d = emptyAgreement();
    Object.assign(d, {
      nameEn: 'Harbour Services Framework Agreement',
      issuerEn: 'Harbour Logistics Holdings Limited',
      issuerZh: '港湾物流控股有限公司',
      counterpartyEn: 'Harbour Parent Group',
      currency: 'HKD',
      signedOn: '2025-12-15',
      start: '2026-01-01',
      end: '2027-12-31',
    });
    const c = emptyCategory(d);
    c.nameEn = 'Warehousing services';
    d.categories.push(c);
    expect(c.start).toBe('2026-01-01');
    const l1 = emptyLine(c, '2025-12-15');
    l1.versions[0]!.amount.text = '120.0';
    c.lines.push(l1);
    const l2 = emptyLine(c, '2025-12-15');
    expect([l2.versions[0]!.start, l2.versions[0]!.end]).toEqual(['2027-01-01', '2027-12-31']);
    l2.versions[0]!.amount.text = '150';
    const rev = emptyRevision(l2);
    Object.assign(rev, {
      amount: { text: '260.0', unit: 'millions' },
      announcedOn: '2026-09-01',
      approval: 'independent-shareholders',
      meetingDate: '2026-10-15',
      source: 'Announcement of September 1, 2026',
    });
    l2.versions.push(rev);
    c.lines.push(l2);
    const h = emptyHistorical(c);
    Object.assign(h, { end: '2026-06-30', amount: { text: '58,300,000', unit: 'exact' } });
    c.historicals.push(h);

    const { agreement, amountIssues } = draftToAgreement(d, new Set(['u-harbour-services-framework-agreement']));
    expect(amountIssues).toEqual([]);
    expect(agreement.id).toBe('u-harbour-services-framework-agreement-2');
    expect(agreement.categories[0]!.id).toBe('u-harbour-services-framework-agreement-2--warehousing-services');
    expect(
      agreement.categories[0]!.capLines.map((l) => l.versions.map((v) => [v.id.split('--').pop(), v.amount])),
    ).toEqual([
      [['2026-01-01-2026-12-31-cap', '120.0']],
      [
        ['2027-01-01-2027-12-31-cap', '150.0'],
        ['2027-01-01-2027-12-31-rev1', '260.0'],
      ],
    ]);
    expect(agreement.categories[0]!.capLines[1]!.versions[1]!.meetingDate).toBe('2026-10-15');
    expect(agreement.categories[0]!.historicals[0]!.amount).toBe('58.3');
    expect(validateAgreement(agreement, [], ds)).toEqual([]);
  });

  it('reports amounts that cannot be read at their path', () => {
    const d = draftFrom(harbour);
    d.categories[0]!.lines[0]!.versions[0]!.amount = { text: '12.34', unit: 'millions' };
    d.categories[0]!.historicals[1]!.amount = { text: 'lots', unit: 'exact' };
    const { amountIssues } = draftToAgreement(d, new Set());
    expect(amountIssues.map((i) => [i.path, i.code])).toEqual([
      ['categories[0].capLines[0].versions[0].amount', 'too-many-decimals'],
      ['categories[0].historicals[1].amount', 'bad-amount'],
    ]);
  });
});
