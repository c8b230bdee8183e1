/**
 * The figure components: each shows its figure in a "num" span (with the
 * caller's class), and never a number the data does not support: "n/a" or
 * "no data for this span" for a missing value or an infinite ratio, in the
 * user's language.
 */
import { render } from '@testing-library/react';
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { money } from '../../../../src/domain/money';
import { useLocaleStore } from '../../../../src/ui/i18n';
import {
  GrowthText,
  HeadroomText,
  MoneyText,
  PercentText,
  UtilisationText,
} from '../../../../src/ui/components/Figures';

const text = (el: React.ReactElement) => {
  const span = render(el).container.querySelector('span')!;
  return [span.textContent, span.className];
};

describe('figure components', () => {
  afterEach(() => useLocaleStore.getState().setLocale('en'));

  it.each([
    ['an amount', <MoneyText value={money(123_456_789_00n)} className="strong" />, ['123.5', 'num strong']],
    [
      'an amount to its disclosed decimals',
      <MoneyText value={money(123_456_789_00n)} decimals={2} />,
      ['123.46', 'num'],
    ],
    ['a missing amount', <MoneyText value={null} />, ['n/a', 'num']],
    ['a percentage', <PercentText value={new Decimal('0.8123')} />, ['81.2%', 'num']],
    ['an infinite ratio', <PercentText value={new Decimal(Infinity)} />, ['n/a', 'num']],
    [
      'utilisation under the threshold',
      <UtilisationText value={new Decimal('0.79996')} threshold={new Decimal('0.8')} />,
      ['79.9%', 'num'],
    ],
    [
      'utilisation without data',
      <UtilisationText value={null} threshold={new Decimal('0.8')} />,
      ['no data for this span', 'num'],
    ],
    ['headroom one fen over', <HeadroomText value={money(-1n)} />, ['−0.1', 'num']],
    ['headroom without data', <HeadroomText value={undefined} className="big" />, ['no data for this span', 'num big']],
    ['growth', <GrowthText value={new Decimal('0.814')} />, ['+81.4%', 'num']],
    ['growth on a zero base', <GrowthText value={new Decimal(NaN)} />, ['n/a', 'num']],
  ])('%s', (_, el, expected) => {
    expect(text(el)).toEqual(expected);
  });

  it('words a missing figure in Chinese', () => {
    useLocaleStore.getState().setLocale('zh');
    expect(text(<MoneyText value={null} />)[0]).toBe('不适用');
    expect(text(<UtilisationText value={null} threshold={new Decimal('0.8')} />)[0]).toBe('此期间无数据');
  });
});
