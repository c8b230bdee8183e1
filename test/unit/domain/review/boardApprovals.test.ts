/**
 * The board approvals of each agreement and cap revision, recorded in the cap
 * register (date and minutes), as the 14A.56 evidence schedule of the review
 * pack shows them: recorded ones with their date and source, a missing one as
 * an exception of matter (1).
 */
import { describe, expect, it } from 'vitest';
import { kingsoftCloudXiaomi2026 } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { mergeDatasets, type RegisterAgreement, validateAgreement } from '../../../../src/domain/register';
import { buildReviewPack } from '../../../../src/domain/review/reviewPack';
import { describeIssue } from '../../../../src/ui/messages/registerIssues';
import { draftFrom, draftToAgreement } from '../../../../src/features/register/draft';
import { harbour } from '../register/registerFixture';

const AGREEMENT = 'u-harbour-services-framework';
const REV = 'u-harbour-services-framework--warehousing--2027-rev1';

function withBoard(revisionBoard: boolean): RegisterAgreement {
  const a = JSON.parse(JSON.stringify(harbour)) as {
    boardApproval?: unknown;
    categories: { capLines: { versions: { id: string; boardApproval?: unknown }[] }[] }[];
  };
  a.boardApproval = { date: '2025-12-12', source: 'Board minutes 2025-12-12, item 4' };
  for (const l of a.categories[0]!.capLines)
    for (const v of l.versions) {
      if (v.id === REV && revisionBoard) v.boardApproval = { date: '2026-08-28', source: 'Board resolution 2026/17' };
      else if (v.id !== REV) v.boardApproval = { date: '2025-12-12', source: 'Board minutes 2025-12-12, item 4' };
    }
  return a as unknown as RegisterAgreement;
}

function pack(a: RegisterAgreement) {
  return buildReviewPack({
    ctx: { dataset: mergeDatasets(kingsoftCloudXiaomi2026, [a]), approvals: [] },
    year: 2027,
    today: '2028-01-15',
    alerts: [],
    orders: [],
    checks: [],
    references: [],
  });
}

describe('board approvals in the review pack', () => {
  it('lists the recorded approvals with date and minutes, a missing one as an exception', () => {
    const p = pack(withBoard(false));
    const harbourApprovals = p.approvals.filter((x) => x.agreementId === AGREEMENT);
    expect(harbourApprovals.map((x) => [x.what, x.capId ?? null, x.date, x.board, x.boardApproval])).toEqual([
      ['agreement', null, '2025-12-15', 'recorded', { date: '2025-12-12', source: 'Board minutes 2025-12-12, item 4' }],
      ['cap', REV, '2026-09-01', 'not-recorded', null],
    ]);
    const approved = p.matters.find((m) => m.id === 'approved')!.exceptions;
    expect(approved).toContain(`board-cap-not-recorded|${AGREEMENT}|${REV}|2026-09-01`);
    expect(approved.some((x) => x.startsWith(`board-not-recorded|${AGREEMENT}`))).toBe(false);
    // Built-in agreements: the announcement states the board's approval.
    expect(p.approvals.filter((x) => x.agreementId !== AGREEMENT).every((x) => x.board === 'disclosed')).toBe(true);
  });

  it('with the revision approved by the board too, matter (1) has no board exception left', () => {
    const p = pack(withBoard(true));
    const rev = p.approvals.find((x) => x.capId === REV)!;
    expect([rev.board, rev.boardApproval]).toEqual([
      'recorded',
      { date: '2026-08-28', source: 'Board resolution 2026/17' },
    ]);
    const approved = p.matters.find((m) => m.id === 'approved')!.exceptions;
    expect(approved.filter((x) => x.startsWith('board'))).toEqual([]);
    // The meetings without a recorded outcome are still exceptions: the built-in AGM of June 30, 2026
    // (its cloud and hardware caps bind in 2027 too) and Harbour's meeting of October 15, 2026.
    expect(approved).toEqual([
      'meeting-outcome-missing|agm-2026-cloud-services|2026-06-30',
      'meeting-outcome-missing|agm-2026-hardware-equipment|2026-06-30',
      'meeting-outcome-missing|u-harbour-services-framework--warehousing--meeting-2026-10-15|2026-10-15',
    ]);
  });

  it('without any board approval recorded, the agreement is an exception as before', () => {
    const p = pack(harbour);
    expect(p.matters.find((m) => m.id === 'approved')!.exceptions).toContain(
      `board-not-recorded|${AGREEMENT}|2025-12-15`,
    );
  });
});

describe('the register records board approvals', () => {
  it('needs a real date and the minutes it is recorded in', () => {
    const a = { ...harbour, boardApproval: { date: '2025-02-30', source: ' ' } };
    const issues = validateAgreement(a, [], kingsoftCloudXiaomi2026);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['boardApproval.date', 'bad-date'],
      ['boardApproval.source', 'required'],
    ]);
    expect(describeIssue(issues[0]!, a)).toMatch(/^board approval › date: .*2025-02-30/);
    expect(describeIssue(issues[1]!, a, 'zh')).toContain('董事会批准 › 来源');
    expect(validateAgreement(withBoard(true), [], kingsoftCloudXiaomi2026)).toEqual([]);
  });

  it('keeps them through the editor draft (agreement and each cap version)', () => {
    const a = withBoard(true);
    const d = draftFrom(a);
    expect([d.boardDate, d.boardSource]).toEqual(['2025-12-12', 'Board minutes 2025-12-12, item 4']);
    const back = draftToAgreement(d, new Set()).agreement;
    expect(back).toEqual(a);
    // Empty fields leave no approval behind (nothing recorded).
    const cleared = draftToAgreement({ ...d, boardDate: '', boardSource: '' }, new Set()).agreement;
    expect('boardApproval' in cleared).toBe(false);
  });
});
