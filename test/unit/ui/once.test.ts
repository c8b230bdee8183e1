import { describe, expect, it } from 'vitest';
import { once } from '../../../src/ui/once';

describe('once', () => {
  it('computes on the first call only, a null result included', () => {
    let calls = 0;
    const nothing = once(() => {
      calls++;
      return null;
    });
    expect(calls).toBe(0);
    expect(nothing()).toBeNull();
    expect(nothing()).toBeNull();
    expect(calls).toBe(1);
    const list = once(() => [1, 2]);
    expect(list()).toBe(list());
  });
});
