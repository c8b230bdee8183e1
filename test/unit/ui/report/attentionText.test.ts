/** The wording of the cover page's reasons, in both languages, with the engine's figures. */
import { describe, expect, it } from 'vitest';
import { allStatuses } from '../../../../src/domain/engine';
import { reportSummary } from '../../../../src/domain/reportSummary';
import { interpolate } from '../../../../src/ui/i18n';
import { attentionContext, attentionSentence, attentionShort } from '../../../../src/ui/report/attentionText';
import { attentionMessages } from '../../../../src/ui/report/messages';
import { ctx, ledgerOf } from '../../domain/fixtures';

const tr =
  (locale: 'en' | 'zh') => (key: keyof (typeof attentionMessages)['en'], vars?: Record<string, string | number>) =>
    interpolate(attentionMessages[locale][key], vars);
const meetingName = (m: { en: string; zh: string }) => m.en;

describe('attention sentences', () => {
  const june = reportSummary(allStatuses(ctx(), '2026-06-30'));
  const cloud = june.categories.find((c) => c.categoryId === 'cloud-services')!;
  const args = { bindingAmount: cloud.status.binding!.cap.amount, meetingName, asOf: '2026-06-30' };

  it('states the projected dates and amounts of the cloud services category', () => {
    const projected = cloud.reasons.find((r) => r.kind === 'projected')!;
    expect(attentionSentence(tr('en'), 'en', projected, args)).toBe(
      'On the prior-year seasonal projection (period end 4,090.5): projected to reach the alert threshold (2,510.6) on September 3, 2026; ' +
        'projected to exceed the binding cap of 3,138.3 on October 21, 2026; projected to exceed even the proposed cap of 4,000.0 on December 25, 2026.',
    );
    expect(attentionShort(tr('zh'), 'zh', projected, args)).toBe(
      '上年季节性预测：2026年9月3日达到预警线，2026年10月21日超出生效上限，2026年12月25日超出建议上限。',
    );
  });

  it('names the meeting and the cap binding meanwhile', () => {
    const awaiting = cloud.reasons.find((r) => r.kind === 'awaiting-approval')!;
    expect(attentionSentence(tr('en'), 'en', awaiting, args)).toBe(
      'Proposed revised cap of 4,000.0 awaits independent shareholders’ approval (AGM of June 30, 2026); until an approval is recorded, the 3,138.3 cap binds.',
    );
  });

  it('flags a projected date that falls before the report date', () => {
    // Ledger to June 12 puts cloud services at 2,949.1: the linear run-rate crosses 3,138.3 on June 23, before June 30.
    const led = ledgerOf({
      'cloud-services': [
        ['2026-04-28', '300'],
        ['2026-05-15', '900'],
        ['2026-06-12', '1000'],
      ],
    });
    const s = reportSummary(allStatuses(ctx({ ledger: led }), '2026-06-30')).categories.find(
      (c) => c.categoryId === 'cloud-services',
    )!;
    const projected = s.reasons.find((r) => r.kind === 'projected')!;
    expect(attentionSentence(tr('en'), 'en', projected, args)).toContain(
      'projected to exceed the binding cap of 3,138.3 on June 23, 2026 (before the report date: may already have happened)',
    );
    // Rows after April 23 with no ledger close are provisional: figures complete only to April 23 (stale).
    expect(s.reasons.map((r) => r.kind)).toEqual(['threshold', 'projected', 'awaiting-approval', 'stale']);
  });
});

describe("the context of a category's reasons", () => {
  it('carries the binding cap and decimals of its status and names categories in the chosen language', () => {
    const c = ctx();
    const cloud = reportSummary(allStatuses(c, '2026-06-30')).categories.find(
      (x) => x.categoryId === 'cloud-services',
    )!;
    const zh = attentionContext(cloud.status, c.dataset, (b) => b.zh, '2026-06-30');
    expect(zh.bindingAmount).toBe(cloud.status.binding!.cap.amount);
    expect(zh.decimals).toBe(cloud.status.decimals);
    expect(zh.asOf).toBe('2026-06-30');
    expect(zh.categoryName!('cloud-services')).toBe(
      c.dataset.categories.find((x) => x.id === 'cloud-services')!.name.zh,
    );
    expect(zh.categoryName!('no-such-category')).toBe('no-such-category');
    expect(
      attentionContext({ binding: null, decimals: 2 }, c.dataset, (b) => b.en, '2026-06-30').bindingAmount,
    ).toBeNull();
  });
});
