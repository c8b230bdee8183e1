import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { OverviewPage } from '../../../../src/features/overview/OverviewPage';
import { useLocaleStore } from '../../../../src/ui/i18n';
import { freshDb, renderAt } from '../render';

async function ask(category: string, date: string | null, amount: string) {
  const card = within(await screen.findByTestId(`card-${category}`));
  const user = userEvent.setup();
  const open = card.queryByTestId(`whatif-open-${category}`);
  if (open) await user.click(open);
  // The check itself loads on demand after the button is pressed.
  const form = within(await card.findByTestId(`whatif-${category}`));
  if (date !== null) {
    const d = form.getByLabelText(useLocaleStore.getState().locale === 'zh' ? '订单日期' : 'Order date');
    await user.clear(d);
    await user.type(d, date);
  }
  const a = form.getByLabelText(/Amount|金额/);
  await user.clear(a);
  await user.type(a, amount);
  await user.click(form.getByRole('button', { name: /Check|检查/ }));
  return form;
}

describe('overview card: will this order fit?', { timeout: 30_000 }, () => {
  beforeEach(() => {
    freshDb();
    useLocaleStore.setState({ locale: 'en' });
  });

  it.each([
    // amount in yuan, verdict, answer — cloud on April 23, 2026: 749.1 of the original 3,138.3 (80% = 2,510.64)
    [
      '1,000,000,000',
      'fits',
      'Against the cap of 3,138.3: 23.9% used before, 55.7% after (headroom after 1,389.2) — fits below the alert threshold.',
    ],
    [
      '1761540000',
      'threshold',
      'Against the cap of 3,138.3: 23.9% used before, 80.0% after (headroom after 627.7) — reaches the 80.0% alert threshold.',
    ],
    [
      '2389200000.01',
      'exceeds',
      'Against the cap of 3,138.3: 23.9% used before, 100.1% after (headroom after −0.1) — EXCEEDS the cap.',
    ],
  ])('cloud services, %s yuan on the as-of date → %s', async (amount, verdict, text) => {
    renderAt(<OverviewPage />, '/?asOf=2026-04-23');
    const form = await ask('cloud-services', null, amount);
    const answer = form.getByTestId('whatif-answer-cloud-services');
    expect(answer).toHaveAttribute('data-verdict', verdict);
    expect(answer).toHaveTextContent(text);
  });

  it('hardware on August 1, 2026 with no AGM outcome: no cap, the order would be uncapped ', async () => {
    renderAt(<OverviewPage />, '/?asOf=2026-04-23');
    const form = await ask('hardware-equipment', '2026-08-01', '5000000');
    expect(form.getByTestId('whatif-answer-hardware-equipment')).toHaveTextContent(
      'No cap is in force on August 1, 2026: an order of RMB 5,000,000.00 would be a transaction with no cap (a Chapter 14A breach).',
    );
  });

  it('refuses an amount with fen fractions', async () => {
    useLocaleStore.setState({ locale: 'zh' });
    renderAt(<OverviewPage />, '/?asOf=2026-04-23');
    const form = await ask('cloud-services', null, '1.234');
    expect(form.getByRole('alert')).toHaveTextContent('请输入以人民币元计、最多两位小数的正数金额。');
  });
});
